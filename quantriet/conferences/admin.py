from django.contrib import admin

from quantriet.conferences.models import (
    AgendaItem,
    CheckIn,
    Conference,
    Invitation,
    InvitationRule,
    MakeUp,
    Material,
    Site,
    SiteReport,
)


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["presenter"]


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = ["name", "org", "address", "expected", "is_host", "code"]
    raw_id_fields = ["org"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "starts_at", "host_org"]
    list_filter = ["format"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["host_org", "created_by", "presenters", "documents"]
    inlines = [SiteInline, AgendaInline, MaterialInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "org", "expected", "is_host", "code"]
    list_filter = ["is_host"]
    search_fields = ["name", "conference__title"]
    raw_id_fields = ["conference", "org", "operators"]


@admin.register(InvitationRule)
class InvitationRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "conference", "include_subtree"]
    raw_id_fields = ["conference", "orgs"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["person", "conference", "site", "source", "site_pinned", "excuse"]
    list_filter = ["source", "site_pinned", "excuse"]
    search_fields = ["person__search_name", "conference__title"]
    raw_id_fields = ["conference", "person", "site"]
    list_select_related = ["person", "conference", "site"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["person", "conference", "site", "method", "at", "late", "invited"]
    list_filter = ["method", "late", "invited"]
    search_fields = ["person__search_name", "conference__title"]
    raw_id_fields = ["conference", "person", "site", "recorded_by"]
    list_select_related = ["person", "conference", "site"]


@admin.register(MakeUp)
class MakeUpAdmin(admin.ModelAdmin):
    list_display = ["person", "conference", "kind", "studied_on"]
    list_filter = ["kind"]
    raw_id_fields = ["conference", "person", "recorded_by"]


@admin.register(SiteReport)
class SiteReportAdmin(admin.ModelAdmin):
    list_display = ["site", "present", "invited", "filed_at"]
    raw_id_fields = ["site", "filed_by"]
