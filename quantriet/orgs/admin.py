"""Django admin for system administrators (superusers); day-to-day work uses the pages."""

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from quantriet.orgs.models import Grant, ImportJob, Org, OrgKind, OrgLevel, Person


@admin.register(OrgLevel)
class OrgLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rank", "is_current"]
    list_filter = ["is_current"]


@admin.register(OrgKind)
class OrgKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_party", "sort"]
    list_filter = ["is_party"]


def _sync_parent(org: Org) -> None:
    """Keep the `parent` column in step with the path after treebeard added or moved a node."""
    org.refresh_from_db(fields=["path", "depth"])
    parent_path = org.path[: -org.steplen]
    parent = Org.objects.filter(path=parent_path).first() if parent_path else None
    Org.objects.filter(pk=org.pk).update(parent=parent)


@admin.register(Org)
class OrgAdmin(TreeAdmin):
    # `parent` follows the tree position chosen in the form; it is not edited by hand.
    form = movenodeform_factory(Org, exclude=["parent"])
    list_display = ["name", "kind", "level", "is_active"]
    list_filter = ["is_active", "kind", "level"]
    search_fields = ["name", "short_name", "search_name"]

    def save_model(self, request: HttpRequest, obj: Org, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _sync_parent(form.instance)

    def move_node(self, request: HttpRequest) -> HttpResponse:
        response = super().move_node(request)
        if response.status_code == 200:
            _sync_parent(Org.objects.get(pk=request.POST["node"]))
        return response


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "category", "party_card_no", "org", "position"]
    list_filter = ["category", "gender", "org__level"]
    list_select_related = ["org"]
    search_fields = ["full_name", "search_name", "party_card_no", "phone", "email"]
    autocomplete_fields = ["org"]
    raw_id_fields = ["user"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["account", "role", "org", "granted_by", "created_at"]
    list_filter = ["role"]
    list_select_related = ["account", "org", "granted_by"]
    search_fields = ["account__username", "org__name"]
    autocomplete_fields = ["org"]
    raw_id_fields = ["account", "granted_by"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Uploads are made on the import page; here they are only looked at."""

    list_display = ["original_name", "created_by", "status", "mode", "total_rows", "created_at"]
    list_filter = ["status", "mode"]
    list_select_related = ["created_by"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return False
