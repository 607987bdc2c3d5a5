"""Attendance pages: the live board, the attendance report, excusals, make-up study, absentees,
site reports and the .xlsx export.

Every conference comes through `access.get_conference` (outside the user's view → 404); every
list of people through `access.visible_invitations`, so an officer of another organisation sees
only their own people.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from quantriet.conferences import access
from quantriet.conferences.attendance import exports
from quantriet.conferences.attendance import selectors as attendance_selectors
from quantriet.conferences.attendance import services as attendance
from quantriet.conferences.attendance.forms import (
    ExcuseForm,
    InviteeFilterForm,
    MakeUpForm,
    SiteReportForm,
)
from quantriet.conferences.models import MakeUp, Site, SiteReport
from quantriet.core.forms import add_service_errors

INVITEES_PER_PAGE = 50
BOARD_SORTS = ("name", "rate")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- live board -------------------------------------------------------------------


@login_required
@never_cache
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """The host's big screen: counts per site, refreshed by HTMX every few seconds. No names."""
    conference = access.get_conference(request.user, pk)
    sort = request.GET.get("sort", "name")
    if sort not in BOARD_SORTS:
        sort = "name"
    summary = attendance_selectors.attendance_by_site(conference)
    context = {
        "conference": conference,
        "rows": summary.sorted_by(sort),
        "totals": summary.totals,
        "sort": sort,
        "updated_at": timezone.localtime(),
    }
    template = "conferences/board.html#rows" if _is_htmx(request) else "conferences/board.html"
    return render(request, template, context)


# --- attendance report -----------------------------------------------------------------


@login_required
def attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_conference(request.user, pk)
    summary = attendance_selectors.attendance_by_site(conference)
    form = InviteeFilterForm(request.GET or None, conference=conference)
    invitees = attendance_selectors.visible_invitees(request.user, conference)
    if form.is_bound:
        if form.is_valid():
            invitees = attendance_selectors.filter_invitees(
                invitees,
                site=form.cleaned_data["site"],
                status=form.cleaned_data["status"],
                q=form.cleaned_data["q"],
            )
        else:
            invitees = invitees.none()
    page = Paginator(invitees, INVITEES_PER_PAGE).get_page(request.GET.get("page"))
    paths = access.managed_paths(request.user, conference)
    is_manager = paths is None
    context = {
        "conference": conference,
        "summary": summary,
        "totals": summary.totals,
        "ended": attendance_selectors.has_ended(conference),
        "form": form,
        "page": page,
        "rows": attendance_selectors.decorate_invitees(page.object_list, paths),
        "is_manager": is_manager,
        "operable": access.operable_site_ids(request.user, conference),
    }
    return render(request, "conferences/attendance.html", context)


def _back_to_attendance(conference_pk: int) -> HttpResponse:
    return redirect(reverse("conferences:attendance", args=[conference_pk]))


@login_required
def excuse(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    """Mark an invitee excused (with a reason) or clear it; before or after the conference."""
    conference = access.get_conference(request.user, pk)
    invitation = access.get_invitation_to_manage(request.user, conference, person_id)
    form = ExcuseForm(
        request.POST or None,
        initial={"reason": invitation.excuse or None, "note": invitation.excuse_note},
    )
    if request.method == "POST":
        if "clear" in request.POST:
            attendance.clear_excuse(invitation=invitation, by=request.user)
            messages.success(
                request,
                _("Đã bỏ ghi nhận vắng có lý do của %(name)s.")
                % {"name": invitation.person.full_name},
            )
            return _back_to_attendance(conference.pk)
        if form.is_valid():
            try:
                attendance.mark_excused(
                    invitation=invitation,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận %(name)s vắng có lý do.")
                    % {"name": invitation.person.full_name},
                )
                return _back_to_attendance(conference.pk)
    context = {"conference": conference, "invitation": invitation, "form": form}
    return render(request, "conferences/attendance_excuse.html", context, status=_status(form))


@login_required
def makeup(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    """Record make-up study (học bù) for an invitee who did not attend."""
    conference = access.get_conference(request.user, pk)
    invitation = access.get_invitation_to_manage(request.user, conference, person_id)
    existing = MakeUp.objects.filter(conference=conference, person=invitation.person).first()
    initial = (
        {"kind": existing.kind, "studied_on": existing.studied_on, "method": existing.method}
        if existing
        else {"studied_on": timezone.localdate()}
    )
    form = MakeUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            attendance.record_makeup(
                conference=conference,
                person=invitation.person,
                kind=form.cleaned_data["kind"],
                studied_on=form.cleaned_data["studied_on"],
                method=form.cleaned_data["method"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận học bù của %(name)s.") % {"name": invitation.person.full_name},
            )
            return _back_to_attendance(conference.pk)
    context = {
        "conference": conference,
        "invitation": invitation,
        "existing": existing,
        "form": form,
    }
    return render(request, "conferences/makeup_form.html", context, status=_status(form))


def _status(form: ExcuseForm | MakeUpForm | SiteReportForm) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
def absentees(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_conference(request.user, pk)
    groups = attendance_selectors.absentees_by_org(conference, request.user)
    context = {
        "conference": conference,
        "groups": groups,
        "ended": attendance_selectors.has_ended(conference),
        "total": sum(group.total for group in groups),
        "made_up": sum(group.made_up for group in groups),
    }
    return render(request, "conferences/absentees.html", context)


@login_required
def site_report(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    """The site operator's short report: present over invited, technical problems, notes."""
    conference = access.get_conference(request.user, pk)
    site = get_object_or_404(Site.objects.select_related("org"), conference=conference, pk=site_pk)
    site.conference = conference
    access.require_operate_site(request.user, site)
    report = SiteReport.objects.filter(site=site).first()
    initial = (
        {"technical_problems": report.technical_problems, "notes": report.notes} if report else {}
    )
    form = SiteReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = attendance.file_site_report(
            site=site,
            technical_problems=form.cleaned_data["technical_problems"],
            notes=form.cleaned_data["notes"],
            by=request.user,
        )
        messages.success(
            request,
            _("Đã gửi báo cáo điểm cầu %(site)s: %(present)s/%(invited)s người có mặt.")
            % {"site": site.name, "present": report.present, "invited": report.invited},
        )
        return _back_to_attendance(conference.pk)
    summary = next(
        (
            row
            for row in attendance_selectors.attendance_by_site(conference).sites
            if row.site.pk == site.pk
        ),
        None,
    )
    context = {
        "conference": conference,
        "site": site,
        "report": report,
        "row": summary,
        "form": form,
    }
    return render(request, "conferences/site_report_form.html", context, status=_status(form))


# --- export -----------------------------------------------------------------------------


@login_required
@require_GET
def attendance_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_conference(request.user, pk)
    response = HttpResponse(
        exports.attendance_workbook(conference, request.user),
        content_type=exports.XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.workbook_filename(conference)}"'
    )
    return response
