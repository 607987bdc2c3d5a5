"""Planning pages. Conferences come through `access`: outside scope → 404, not a manager → 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.conferences import access
from quantriet.conferences.models import AgendaItem, Conference, InvitationRule, Material, Site
from quantriet.conferences.planning import selectors
from quantriet.conferences.planning import services as planning
from quantriet.conferences.planning.forms import (
    AgendaForm,
    BulkSitesForm,
    ConferenceForm,
    InviteeFilterForm,
    MaterialForm,
    MoveForm,
    RuleForm,
    SiteForm,
)
from quantriet.core.forms import add_service_errors
from quantriet.orgs.access import get_visible_or_404

PAGE_SIZE = 50


def _managed(request: HttpRequest, pk: int) -> Conference:
    conference = access.get_conference(request.user, pk)
    access.require_manage_conference(request.user, conference)
    return conference


def _child(request: HttpRequest, model: type[Model], pk: int) -> Any:
    """A site, rule, agenda item or material of a conference the user manages."""
    queryset: QuerySet[Any] = model.objects.filter(  # type: ignore[attr-defined]
        conference__in=access.visible_conferences(request.user)
    ).select_related("conference__host_org")
    obj = get_visible_or_404(queryset, pk)
    access.require_manage_conference(request.user, obj.conference)
    return obj


def _changes_message(request: HttpRequest, changes: planning.Changes) -> None:
    messages.success(
        request,
        _("Đã cập nhật danh sách mời: thêm %(added)s, bớt %(removed)s, chuyển %(moved)s.")
        % {"added": changes.added, "removed": changes.removed, "moved": changes.moved},
    )


# --- conferences --------------------------------------------------------------------


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    conferences = selectors.conferences_for(request.user, q=q)
    page = Paginator(conferences, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "conferences/conference_list.html",
        {
            "page": page,
            "q": q,
            "can_plan": access.can_plan_conferences(request.user),
            "now": timezone.now(),  # marks the conferences in progress
        },
    )


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    if not access.can_plan_conferences(request.user):
        raise PermissionDenied
    form = ConferenceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                conference = planning.create_conference(user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
                # The host organisation's own site, so rules can place people right away.
                planning.add_site(
                    user=request.user,  # type: ignore[arg-type]
                    conference=conference,
                    org=conference.host_org,
                    is_host=True,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo hội nghị. Hãy thêm điểm cầu và quy tắc mời."))
            return redirect("conferences:detail", pk=conference.pk)
    return render(request, "conferences/conference_form.html", {"form": form, "conference": None})


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_conference(request.user, pk)
    return render(
        request,
        "conferences/conference_detail.html",
        selectors.conference_detail(request.user, conference),
    )


@login_required
def conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = ConferenceForm(request.POST or None, user=request.user, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            planning.update_conference(
                user=request.user,  # type: ignore[arg-type]
                conference=conference,
                changes=form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("conferences:detail", pk=conference.pk)
    return render(
        request, "conferences/conference_form.html", {"form": form, "conference": conference}
    )


# --- sites -------------------------------------------------------------------------------


def _sites_page(
    request: HttpRequest,
    conference: Conference,
    *,
    site_form: SiteForm | None = None,
    bulk_form: BulkSitesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "conference": conference,
        "sites": list(selectors.sites_of(conference)),
        "site_form": site_form or SiteForm(user=request.user),
        "bulk_form": bulk_form or BulkSitesForm(user=request.user),
    }
    return render(request, "conferences/site_list.html", context, status=status)


@login_required
def site_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _sites_page(request, _managed(request, pk))


@login_required
@require_POST
def site_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = SiteForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            site = planning.add_site(user=request.user, conference=conference, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": site.name})
            return redirect("conferences:sites", pk=conference.pk)
    return _sites_page(request, conference, site_form=form, status=400)


@login_required
@require_POST
def sites_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = BulkSitesForm(request.POST, user=request.user)
    if form.is_valid():
        orgs = form.selected_orgs()
        try:
            sites = planning.add_sites_for_orgs(
                user=request.user,  # type: ignore[arg-type]
                conference=conference,
                orgs=orgs,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã thêm %(added)s điểm cầu; %(skipped)s tổ chức đã có điểm cầu.")
                % {"added": len(sites), "skipped": len({o.pk for o in orgs}) - len(sites)},
            )
            return redirect("conferences:sites", pk=conference.pk)
    return _sites_page(request, conference, bulk_form=form, status=400)


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site: Site = _child(request, Site, pk)
    form = SiteForm(request.POST or None, user=request.user, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            planning.update_site(user=request.user, site=site, changes=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("conferences:sites", pk=site.conference_id)
    return render(
        request,
        "conferences/site_form.html",
        {"form": form, "site": site, "conference": site.conference},
    )


@login_required
@require_POST
def site_host(request: HttpRequest, pk: int) -> HttpResponse:
    site: Site = _child(request, Site, pk)
    planning.set_host(user=request.user, site=site)  # type: ignore[arg-type]
    messages.success(request, _("%(name)s là điểm cầu chính.") % {"name": site.name})
    return redirect("conferences:sites", pk=site.conference_id)


@login_required
@require_POST
def site_remove(request: HttpRequest, pk: int) -> HttpResponse:
    site: Site = _child(request, Site, pk)
    try:
        planning.remove_site(user=request.user, site=site)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xóa %(name)s.") % {"name": site.name})
    return redirect("conferences:sites", pk=site.conference_id)


# --- invitation rules and invitees ------------------------------------------------------------


@login_required
def rule_list(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = RuleForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _rule, changes = planning.add_rule(
                    user=request.user,  # type: ignore[arg-type]
                    conference=conference,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _changes_message(request, changes)
                return redirect("conferences:rules", pk=conference.pk)
        status = 400
    rules = list(selectors.rules_of(conference))
    for rule in rules:
        rule.category_labels = selectors.category_labels(rule.categories)  # type: ignore[attr-defined]
    return render(
        request,
        "conferences/rule_list.html",
        {"conference": conference, "rules": rules, "form": form},
        status=status,
    )


@login_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule: InvitationRule = _child(request, InvitationRule, pk)
    initial = {
        "orgs": list(rule.orgs.values_list("pk", flat=True)),
        "include_subtree": rule.include_subtree,
        "categories": rule.categories,
    }
    form = RuleForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes = planning.update_rule(user=request.user, rule=rule, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _changes_message(request, changes)
            return redirect("conferences:rules", pk=rule.conference_id)
    return render(
        request,
        "conferences/rule_form.html",
        {"form": form, "rule": rule, "conference": rule.conference},
    )


@login_required
@require_POST
def rule_remove(request: HttpRequest, pk: int) -> HttpResponse:
    rule: InvitationRule = _child(request, InvitationRule, pk)
    changes = planning.remove_rule(user=request.user, rule=rule)  # type: ignore[arg-type]
    _changes_message(request, changes)
    return redirect("conferences:rules", pk=rule.conference_id)


@login_required
def invitee_list(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_conference(request.user, pk)
    sites = list(Site.objects.filter(conference=conference).order_by("-is_host", "name"))
    form = InviteeFilterForm(request.GET or None, sites=sites)
    filters = form.filters()
    invitees = selectors.invitees_for(request.user, conference, **filters)
    page = Paginator(invitees, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = access.can_manage_conference(request.user, conference)
    return render(
        request,
        "conferences/invitee_list.html",
        {
            "conference": conference,
            "page": page,
            "form": form,
            "sites": sites,
            "can_manage": can_manage,
            "move_form": MoveForm(conference=conference) if can_manage else None,
        },
    )


@login_required
@require_POST
def invitees_move(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = MoveForm(request.POST, conference=conference)
    if form.is_valid():
        site = form.cleaned_data["site"]
        ids: Any = form.cleaned_data["invitations"]
        if request.POST.get("apply_to") == "filtered":
            site_filter = request.POST.get("filter_site", "")
            ids = selectors.invitees_for(
                request.user,
                conference,
                q=request.POST.get("q"),
                site=int(site_filter) if site_filter.isdigit() else None,
            ).values_list("pk", flat=True)
        moved = planning.move_invitations(
            user=request.user,  # type: ignore[arg-type]
            conference=conference,
            invitations=ids,
            site=site,
        )
        if moved:
            messages.success(
                request,
                _("Đã chuyển %(count)s người sang %(site)s.") % {"count": moved, "site": site.name},
            )
        else:
            messages.error(request, _("Hãy chọn người cần chuyển."))
    else:
        messages.error(request, _("Hãy chọn điểm cầu cần chuyển đến."))
    return redirect("conferences:invitees", pk=conference.pk)


# --- agenda and materials -----------------------------------------------------------------


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = AgendaForm(request.POST or None, user=request.user, conference=conference)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = planning.add_agenda_item(
                    user=request.user, conference=conference, **form.cleaned_data
                )  # type: ignore[arg-type]
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm mục chương trình."))
                # Booked twice at once: saved (plans change), but said plainly.
                for other in selectors.presenter_clashes(item)[:3]:
                    messages.warning(
                        request,
                        _(
                            "%(name)s đã có lịch trình bày “%(title)s” lúc %(time)s tại "
                            "“%(conference)s”: trùng giờ."
                        )
                        % {
                            "name": item.presenter.full_name,  # type: ignore[union-attr]
                            "title": other.title,
                            "time": timezone.localtime(other.starts_at).strftime("%H:%M %d/%m/%Y"),
                            "conference": other.conference.title,
                        },
                    )
                return redirect("conferences:agenda", pk=conference.pk)
        status = 400
    items = AgendaItem.objects.filter(conference=conference).select_related("presenter")
    return render(
        request,
        "conferences/agenda_list.html",
        {"conference": conference, "items": items, "form": form},
        status=status,
    )


@login_required
@require_POST
def agenda_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item: AgendaItem = _child(request, AgendaItem, pk)
    planning.remove_agenda_item(user=request.user, item=item)  # type: ignore[arg-type]
    messages.success(request, _("Đã xóa mục chương trình."))
    return redirect("conferences:agenda", pk=item.conference_id)


@login_required
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _managed(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                planning.add_material(
                    user=request.user,  # type: ignore[arg-type]
                    conference=conference,
                    stream=upload,
                    name=upload.name,
                    size=upload.size,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": upload.name})
                return redirect("conferences:materials", pk=conference.pk)
        status = 400
    return render(
        request,
        "conferences/material_list.html",
        {
            "conference": conference,
            "materials": Material.objects.filter(conference=conference),
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def material_remove(request: HttpRequest, pk: int) -> HttpResponse:
    material: Material = _child(request, Material, pk)
    planning.remove_material(user=request.user, material=material)  # type: ignore[arg-type]
    messages.success(request, _("Đã xóa tài liệu."))
    return redirect("conferences:materials", pk=material.conference_id)


@login_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = selectors.get_material(request.user, pk)
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type,
    )
