"""Attendance API: per-site figures, excusals, make-up study and site reports.

The same services and permissions as the pages: a conference outside the caller's view → 404,
an invitee outside it → 404, visible but not the caller's to change → 403.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from quantriet.api.common import ErrorOut
from quantriet.conferences import access
from quantriet.conferences.attendance import selectors as attendance_selectors
from quantriet.conferences.attendance import services as attendance
from quantriet.conferences.models import Invitation, MakeUp, Site, SiteReport

router = Router(tags=["conferences"])

ExcuseReason = Literal["", "illness", "work", "old_age", "family", "other"]


class SiteAttendanceOut(Schema):
    site: int
    name: str
    org: int
    is_host: bool
    invited: int
    expected: int
    present: int
    late: int
    uninvited: int
    excused: int
    absent: int
    pending: int
    made_up: int
    rate: float
    rate_with_makeup: float
    reported: bool


class TotalsOut(Schema):
    invited: int
    expected: int
    present: int
    late: int
    uninvited: int
    excused: int
    absent: int
    pending: int
    made_up: int
    rate: float
    rate_with_makeup: float
    participation: float
    sites: int
    reported: int


class AttendanceOut(Schema):
    conference: int
    ended: bool
    sites: list[SiteAttendanceOut]
    totals: TotalsOut


@router.get("/conferences/{conference_id}/attendance", response={200: AttendanceOut, 404: ErrorOut})
def get_attendance(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    """Per site: invited, expected (= invited, or the planner's estimate without a list),
    present (late and uninvited included), rate in percent; and the totals. Counts only, no names."""
    conference = access.get_conference(request.user, conference_id)
    summary = attendance_selectors.attendance_by_site(conference)
    sites = [
        {
            "site": row.site.pk,
            "name": row.site.name,
            "org": row.site.org_id,
            "is_host": row.site.is_host,
            "invited": row.invited,
            "expected": row.expected,
            "present": row.present,
            "late": row.late,
            "uninvited": row.uninvited,
            "excused": row.excused,
            "absent": row.absent,
            "pending": row.pending,
            "made_up": row.made_up,
            "rate": row.rate,
            "rate_with_makeup": row.rate_with_makeup,
            "reported": row.reported,
        }
        for row in summary.sites
    ]
    t = summary.totals
    totals = {
        name: getattr(t, name)
        for name in (
            "invited",
            "expected",
            "present",
            "late",
            "uninvited",
            "excused",
            "absent",
            "pending",
            "made_up",
            "rate",
            "rate_with_makeup",
            "participation",
            "sites",
            "reported",
        )
    }
    return {
        "conference": conference.pk,
        "ended": attendance_selectors.has_ended(conference),
        "sites": sites,
        "totals": totals,
    }


# --- excusals ------------------------------------------------------------------------


class ExcuseIn(Schema):
    reason: ExcuseReason = Field(
        ..., description='illness, work, old_age, family, other; "" clears the excuse'
    )
    note: str = Field("", max_length=255)


class InviteeOut(Schema):
    person: int
    site: int
    excuse: str
    excuse_note: str

    @staticmethod
    def resolve_person(obj: Invitation) -> int:
        return obj.person_id

    @staticmethod
    def resolve_site(obj: Invitation) -> int:
        return obj.site_id


@router.post(
    "/conferences/{conference_id}/invitees/{person_id}/excuse",
    response={200: InviteeOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def excuse_invitee(
    request: HttpRequest, conference_id: int, person_id: int, payload: ExcuseIn
) -> Invitation:
    conference = access.get_conference(request.user, conference_id)
    invitation = access.get_invitation_to_manage(request.user, conference, person_id)
    if payload.reason == "":
        return attendance.clear_excuse(invitation=invitation, by=request.user)
    return attendance.mark_excused(
        invitation=invitation, reason=payload.reason, note=payload.note, by=request.user
    )


# --- make-up study -----------------------------------------------------------------------


class MakeUpIn(Schema):
    person: int
    kind: Literal["session", "self_study"]
    studied_on: datetime.date
    method: str = Field("", max_length=255)


class MakeUpOut(Schema):
    id: int
    person: int
    kind: str
    studied_on: datetime.date
    method: str

    @staticmethod
    def resolve_person(obj: MakeUp) -> int:
        return obj.person_id


@router.post(
    "/conferences/{conference_id}/makeups",
    response={201: MakeUpOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_makeup(request: HttpRequest, conference_id: int, payload: MakeUpIn) -> Status[MakeUp]:
    """Record (or correct) make-up study of an invitee who did not attend."""
    conference = access.get_conference(request.user, conference_id)
    try:
        invitation = access.get_invitation_to_manage(request.user, conference, payload.person)
    except Http404:
        raise ValidationError(
            {"person": _("Không tìm thấy người này trong danh sách mời của hội nghị.")}
        ) from None
    makeup = attendance.record_makeup(
        conference=conference,
        person=invitation.person,
        kind=payload.kind,
        studied_on=payload.studied_on,
        method=payload.method,
        by=request.user,
    )
    return Status(201, makeup)


# --- site reports -------------------------------------------------------------------------


class SiteReportIn(Schema):
    technical_problems: str = ""
    notes: str = ""


class SiteReportOut(Schema):
    site: int
    present: int
    invited: int
    technical_problems: str
    notes: str
    filed_at: datetime.datetime

    @staticmethod
    def resolve_site(obj: SiteReport) -> int:
        return obj.site_id


@router.post(
    "/conferences/{conference_id}/sites/{site_id}/report",
    response={200: SiteReportOut, 403: ErrorOut, 404: ErrorOut},
)
def file_site_report(
    request: HttpRequest, conference_id: int, site_id: int, payload: SiteReportIn
) -> SiteReport:
    """The site operator files (or re-files) the site's report; counts are taken now."""
    conference = access.get_conference(request.user, conference_id)
    site = get_object_or_404(Site, conference=conference, pk=site_id)
    site.conference = conference
    access.require_operate_site(request.user, site)
    return attendance.file_site_report(
        site=site,
        technical_problems=payload.technical_problems,
        notes=payload.notes,
        by=request.user,
    )
