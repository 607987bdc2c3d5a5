from django.contrib import admin
from django.http import HttpRequest

from quantriet.documents.models import Attachment, Circulation, Document, DocumentLink, DownloadLog


class CirculationInline(admin.TabularInline):
    model = Circulation
    extra = 0
    raw_id_fields = ["org"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "kind", "level", "issued_on", "secrecy", "urgency"]
    list_filter = ["kind", "level", "secrecy", "urgency"]
    search_fields = ["number", "title", "search_text"]
    date_hierarchy = "issued_on"
    raw_id_fields = ["issuing_org", "created_by"]
    inlines = [CirculationInline, AttachmentInline]


@admin.register(DocumentLink)
class DocumentLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "relation", "target"]
    list_filter = ["relation"]
    raw_id_fields = ["source", "target"]


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence and must not be edited."""

    list_display = ["at", "user", "attachment", "ip_address", "via"]
    list_filter = ["via"]
    list_select_related = ["user", "attachment"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
