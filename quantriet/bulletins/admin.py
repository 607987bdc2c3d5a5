from django.contrib import admin

from quantriet.bulletins.models import Bulletin, BulletinAttachment, OpinionReport, Topic


class AttachmentInline(admin.TabularInline):
    model = BulletinAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["title", "org", "month", "published_at"]
    list_filter = ["month"]
    search_fields = ["title"]
    raw_id_fields = ["org", "created_by"]
    inlines = [AttachmentInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "rank"]
    list_editable = ["rank"]


@admin.register(OpinionReport)
class OpinionReportAdmin(admin.ModelAdmin):
    list_display = ["topic", "area", "presenter", "status", "created_at"]
    list_filter = ["status", "topic"]
    raw_id_fields = ["presenter", "area", "reviewed_by"]
