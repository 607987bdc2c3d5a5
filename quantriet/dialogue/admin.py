from django.contrib import admin

from quantriet.dialogue.models import Answer, ModerationLog, Question, Settings, Vote


@admin.register(Settings)
class SettingsAdmin(admin.ModelAdmin):
    list_display = [
        "conference",
        "moderation",
        "anonymity",
        "max_length",
        "questions_per_10_minutes",
    ]
    list_filter = ["moderation", "anonymity"]
    raw_id_fields = ["conference"]
    filter_horizontal = ["moderators"]


class ModerationLogInline(admin.TabularInline):
    """Decisions are history: shown, never edited here."""

    model = ModerationLog
    extra = 0
    fields = ["at", "actor", "action", "reason", "detail"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["presenter"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "conference", "site", "status", "votes", "anonymous", "created_at"]
    list_filter = ["status", "anonymous"]
    search_fields = ["search_text"]
    raw_id_fields = ["conference", "site", "asked_by", "addressed_to", "merged_into"]
    readonly_fields = ["asker_key", "votes", "created_at", "updated_at"]
    inlines = [AnswerInline, ModerationLogInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "question", "presenter", "live", "created_at"]
    list_filter = ["live"]
    raw_id_fields = ["question", "presenter"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["question", "person", "created_at"]
    raw_id_fields = ["question", "person"]
