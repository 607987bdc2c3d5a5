from django.contrib import admin

from quantriet.presenters.models import (
    Criterion,
    Expertise,
    Presenter,
    Standard,
    StatusChange,
    Tier,
    Training,
    TrainingAttendance,
)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fk_name = "presenter"
    extra = 0
    raw_id_fields = ["replaced_by", "by"]


@admin.register(Presenter)
class PresenterAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "tier", "org", "status"]
    list_filter = ["kind", "tier", "status"]
    search_fields = ["person__full_name", "decision_number"]
    raw_id_fields = ["person", "org", "replaced_by"]
    inlines = [StatusChangeInline]


class AttendanceInline(admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    raw_id_fields = ["presenter"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_on", "hours"]
    list_filter = ["kind"]
    raw_id_fields = ["org", "conference"]
    inlines = [AttendanceInline]


# Tiers, fields and criteria are data the department edits (the 2025 reform changed the tiers).
admin.site.register(Tier)
admin.site.register(Expertise)
admin.site.register(Criterion)
admin.site.register(Standard, raw_id_fields=["org"])
