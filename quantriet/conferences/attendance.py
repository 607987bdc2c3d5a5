"""Attendance of a conference: per-site figures, each invitee's derived status, excusals,
make-up study (học bù) and site reports.

Statuses are never stored: an invitee is present or late when they have a check-in, excused
when an officer recorded a reason and they did not come, absent when the conference has
ended without either, and "not yet" before that. Make-up study is counted beside the
conference-day figures, never mixed into them.

Every figure is an SQL aggregate: the per-site table is one query whatever the number of sites.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quantriet.conferences import access
from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Invitation,
    MakeUp,
    Method,
    Site,
    SiteReport,
)
from quantriet.core.text import fold, nfc
from quantriet.orgs.models import Org, Person


class Status:
    """An invitee's attendance status, derived from check-ins, excusals and the clock."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"
    PENDING = "pending"

    LABELS = {
        PRESENT: gettext_lazy("Có mặt"),
        LATE: gettext_lazy("Đi muộn"),
        EXCUSED: gettext_lazy("Vắng có lý do"),
        ABSENT: gettext_lazy("Vắng không lý do"),
        PENDING: gettext_lazy("Chưa điểm danh"),
    }
    CHOICES = list(LABELS.items())
    ATTENDED = (PRESENT, LATE)


def has_ended(conference: Conference, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= conference.ends_at


def rate(part: int, whole: int) -> float:
    """A percentage with one decimal; 0 when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else 0.0


# --- per-site figures ---------------------------------------------------------


@dataclass
class SiteAttendance:
    site: Site
    invited: int
    present: int  # every check-in at the site, late ones and uninvited ones included
    late: int
    uninvited: int
    excused: int
    absent: int
    pending: int
    made_up: int
    reported: bool

    @property
    def expected(self) -> int:
        """The invited count is first-class; the planner's estimate stands in only without a list."""
        return self.invited if self.invited > 0 else self.site.expected

    @property
    def rate(self) -> float:
        return rate(self.present, self.expected)

    @property
    def rate_with_makeup(self) -> float:
        return rate(self.present + self.made_up, self.expected)

    @property
    def percent(self) -> int:
        """For progress bars: 0–100."""
        return min(100, round(self.rate))


@dataclass
class Totals:
    invited: int = 0
    expected: int = 0
    present: int = 0
    late: int = 0
    uninvited: int = 0
    excused: int = 0
    absent: int = 0
    pending: int = 0
    made_up: int = 0
    sites: int = 0
    reported: int = 0

    @property
    def rate(self) -> float:
        return rate(self.present, self.expected)

    @property
    def rate_with_makeup(self) -> float:
        return rate(self.present + self.made_up, self.expected)

    @property
    def participation(self) -> float:
        """Invitees who attended or made up, over those invited."""
        return rate(self.present - self.uninvited + self.made_up, self.invited)

    @property
    def percent(self) -> int:
        return min(100, round(self.rate))


@dataclass
class Attendance:
    conference: Conference
    sites: list[SiteAttendance]
    totals: Totals = field(default_factory=Totals)

    @property
    def not_reported(self) -> list[Site]:
        return [row.site for row in self.sites if not row.reported]

    def sorted_by(self, key: str) -> list[SiteAttendance]:
        if key == "rate":
            return sorted(self.sites, key=lambda row: (-row.rate, row.site.name))
        return self.sites


COUNTS = (
    "invited",
    "expected",
    "present",
    "late",
    "uninvited",
    "excused",
    "absent",
    "pending",
    "made_up",
)


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """A correlated `COUNT(*)` of `queryset` (already filtered on an OuterRef), 0 when empty."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _checked_in() -> Exists:
    """For an Invitation row: has that person checked in to that conference (anywhere)?"""
    return Exists(
        CheckIn.objects.filter(conference=OuterRef("conference_id"), person=OuterRef("person_id"))
    )


def _made_up() -> Exists:
    return Exists(
        MakeUp.objects.filter(conference=OuterRef("conference_id"), person=OuterRef("person_id"))
    )


def attendance_by_site(
    conference: Conference, *, now: datetime.datetime | None = None
) -> Attendance:
    """Per site: invited, expected, present (late included), late, uninvited, excused, absent,
    not yet checked in, made up, rate and whether the site report is in; plus the totals.

    One query whatever the number of sites.
    """
    ended = has_ended(conference, now)
    # The conference too: it leads the (conference, site) indexes a site's rows are found by.
    site_invitations = Invitation.objects.filter(
        conference=OuterRef("conference_id"), site=OuterRef("pk")
    )
    site_checkins = CheckIn.objects.filter(
        conference=OuterRef("conference_id"), site=OuterRef("pk")
    )
    no_checkin = site_invitations.annotate(_in=_checked_in()).filter(_in=False)
    sites = (
        Site.objects.filter(conference=conference)
        .select_related("org")
        .annotate(
            n_invited=_count(site_invitations, "site"),
            n_present=_count(site_checkins, "site"),
            n_late=_count(site_checkins.filter(late=True), "site"),
            n_uninvited=_count(site_checkins.filter(invited=False), "site"),
            n_excused=_count(no_checkin.exclude(excuse=""), "site"),
            n_no_show=_count(no_checkin.filter(excuse=""), "site"),
            n_made_up=_count(no_checkin.annotate(_mu=_made_up()).filter(_mu=True), "site"),
            has_report=Exists(SiteReport.objects.filter(site=OuterRef("pk"))),
        )
    )
    rows = [
        SiteAttendance(
            site=site,
            invited=site.n_invited,
            present=site.n_present,
            late=site.n_late,
            uninvited=site.n_uninvited,
            excused=site.n_excused,
            absent=site.n_no_show if ended else 0,
            pending=0 if ended else site.n_no_show,
            made_up=site.n_made_up,
            reported=site.has_report,
        )
        for site in sites
    ]
    totals = Totals()
    for row in rows:
        for name in COUNTS:
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
        totals.sites += 1
        totals.reported += int(row.reported)
    return Attendance(conference=conference, sites=rows, totals=totals)


# --- invitees -------------------------------------------------------------------


def invitees_with_status(
    conference: Conference,
    invitations: QuerySet[Invitation],
    *,
    now: datetime.datetime | None = None,
) -> QuerySet[Invitation]:
    """`invitations` annotated with the person's check-in (`checkin_at`, `checkin_method`,
    `checkin_late`), make-up (`makeup_kind`, `makeup_on`) and derived `status`.

    Two LEFT JOINs (check-ins and make-ups are unique per person and conference), no subqueries.
    """
    pending = Status.ABSENT if has_ended(conference, now) else Status.PENDING
    return (
        invitations.annotate(
            ci=FilteredRelation(
                "person__checkins", condition=Q(person__checkins__conference=F("conference"))
            ),
            mu=FilteredRelation(
                "person__makeups", condition=Q(person__makeups__conference=F("conference"))
            ),
        )
        .annotate(
            checkin_at=F("ci__at"),
            checkin_method=F("ci__method"),
            checkin_late=F("ci__late"),
            checkin_site=F("ci__site_id"),
            makeup_kind=F("mu__kind"),
            makeup_on=F("mu__studied_on"),
            status=Case(
                When(ci__id__isnull=False, ci__late=True, then=Value(Status.LATE)),
                When(ci__id__isnull=False, then=Value(Status.PRESENT)),
                When(~Q(excuse=""), then=Value(Status.EXCUSED)),
                default=Value(pending),
                output_field=CharField(),
            ),
        )
        .select_related("person", "person__org", "site")
    )


def filter_invitees(
    queryset: QuerySet[Invitation],
    *,
    site: Site | None = None,
    status: str = "",
    q: str = "",
) -> QuerySet[Invitation]:
    if site is not None:
        queryset = queryset.filter(site=site)
    if status:
        queryset = queryset.filter(status=status)
    if q.strip():
        queryset = queryset.filter(person__search_name__contains=fold(q))
    return queryset


def visible_invitees(
    user: User | AnonymousUser, conference: Conference, *, now: datetime.datetime | None = None
) -> QuerySet[Invitation]:
    """The invitees this user may see, with their derived status."""
    return invitees_with_status(
        conference, access.visible_invitations(user, conference), now=now
    ).order_by("site__is_host", "site__name", "person__search_name", "pk")


def status_label(status: str) -> str:
    return str(Status.LABELS.get(status, status))


# --- absentees ------------------------------------------------------------------


@dataclass
class OrgAbsentees:
    org: Org
    excused: int = 0
    absent: int = 0
    made_up: int = 0
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.excused + self.absent


def absentees_by_org(
    conference: Conference, user: User | AnonymousUser, *, now: datetime.datetime | None = None
) -> list[OrgAbsentees]:
    """Invitees without a check-in, grouped by their organisation, within the user's view.

    Counts come from one GROUP BY; the list from one more query.
    """
    missing = (
        invitees_with_status(conference, access.visible_invitations(user, conference), now=now)
        .filter(ci__id__isnull=True)
        .order_by("person__org__path", "person__search_name", "pk")
    )
    counts = (
        access.visible_invitations(user, conference)
        .annotate(_in=_checked_in(), _mu=_made_up())
        .filter(_in=False)
        .order_by()
        .values("person__org")
        .annotate(
            excused=Count("pk", filter=~Q(excuse="")),
            absent=Count("pk", filter=Q(excuse="")),
            made_up=Count("pk", filter=Q(_mu=True)),
        )
    )
    groups: dict[int, OrgAbsentees] = {}
    for invitation in missing:
        org = invitation.person.org
        groups.setdefault(org.pk, OrgAbsentees(org=org)).invitations.append(invitation)
    for row in counts:
        group = groups.get(row["person__org"])
        if group is not None:
            group.excused, group.absent, group.made_up = (
                row["excused"],
                row["absent"],
                row["made_up"],
            )
    return list(groups.values())


# --- services -------------------------------------------------------------------


def _has_checked_in(conference: Conference, person: Person | int) -> bool:
    return CheckIn.objects.filter(conference=conference, person=person).exists()


@transaction.atomic
def mark_excused(
    *, invitation: Invitation, reason: str, note: str = "", by: User | None
) -> Invitation:
    """Record why an invitee is (or was) away; allowed before or after the conference."""
    valid = {value for value, _label in Invitation.Excuse.choices if value}
    if reason not in valid:
        raise ValidationError({"reason": _("Hãy chọn một lý do vắng trong danh sách.")})
    if _has_checked_in(invitation.conference, invitation.person_id):
        raise ValidationError(
            _("Người này đã điểm danh dự hội nghị, không thể ghi nhận vắng có lý do.")
        )
    invitation.excuse = reason
    invitation.excuse_note = nfc(note).strip()[:255]
    invitation.save(update_fields=["excuse", "excuse_note"])
    return invitation


@transaction.atomic
def clear_excuse(*, invitation: Invitation, by: User | None) -> Invitation:
    invitation.excuse = ""
    invitation.excuse_note = ""
    invitation.save(update_fields=["excuse", "excuse_note"])
    return invitation


@transaction.atomic
def record_makeup(
    *,
    conference: Conference,
    person: Person,
    kind: str,
    studied_on: datetime.date,
    method: str = "",
    by: User | None,
) -> MakeUp:
    """Record (or correct) make-up study by an invitee who did not attend."""
    errors: dict[str, str] = {}
    if kind not in MakeUp.Kind.values:
        errors["kind"] = _("Hãy chọn hình thức học bù: dự buổi học bù hoặc tự nghiên cứu.")
    starts_on = timezone.localtime(conference.starts_at).date()
    today = timezone.localdate()
    if studied_on < starts_on:
        errors["studied_on"] = _(
            "Ngày học bù không được trước ngày diễn ra hội nghị (%(date)s)."
        ) % {"date": starts_on.strftime("%d/%m/%Y")}
    elif studied_on > today:
        errors["studied_on"] = _("Ngày học bù không được ở tương lai.")
    if errors:
        raise ValidationError(errors)
    if not Invitation.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(_("Người này không có trong danh sách mời của hội nghị."))
    if _has_checked_in(conference, person):
        raise ValidationError(_("Người này đã dự hội nghị, không cần học bù."))
    makeup, _created = MakeUp.objects.update_or_create(
        conference=conference,
        person=person,
        defaults={
            "kind": kind,
            "studied_on": studied_on,
            "method": nfc(method).strip()[:255],
            "recorded_by": by,
        },
    )
    return makeup


@transaction.atomic
def file_site_report(
    *, site: Site, technical_problems: str = "", notes: str = "", by: User | None
) -> SiteReport:
    """File (or re-file) a site's report; present and invited are counted at filing time."""
    report, _created = SiteReport.objects.update_or_create(
        site=site,
        defaults={
            "present": CheckIn.objects.filter(conference_id=site.conference_id, site=site).count(),
            "invited": Invitation.objects.filter(
                conference_id=site.conference_id, site=site
            ).count(),
            "technical_problems": nfc(technical_problems).strip(),
            "notes": nfc(notes).strip(),
            "filed_by": by,
        },
    )
    return report


# --- who may act on an invitee ------------------------------------------------------


def managed_paths(user: User | AnonymousUser, conference: Conference) -> list[str] | None:
    """Org paths under which the user may excuse people; None means everyone (a manager)."""
    if access.can_manage_conference(user, conference):
        return None
    return access.scope_for(user).paths(access.MANAGE_CONFERENCES)


def can_manage_invitee(paths: list[str] | None, person: Person) -> bool:
    if paths is None:
        return True
    return any(person.org.path.startswith(p) for p in paths)


def decorate_invitees(
    invitations: Iterable[Invitation], paths: list[str] | None
) -> list[Invitation]:
    """Set `can_manage`, `status_label` and `method_label` on each row, without a query."""
    rows = list(invitations)
    for row in rows:
        row.can_manage = can_manage_invitee(paths, row.person)  # type: ignore[attr-defined]
        row.status_label = status_label(row.status)  # type: ignore[attr-defined]
        row.method_label = (  # type: ignore[attr-defined]
            Method(row.checkin_method).label if row.checkin_method in Method.values else ""  # type: ignore[attr-defined]
        )
        row.makeup_label = (  # type: ignore[attr-defined]
            MakeUp.Kind(row.makeup_kind).label if row.makeup_kind in MakeUp.Kind.values else ""  # type: ignore[attr-defined]
        )
    return rows


def get_invitation_to_manage(
    user: User | AnonymousUser, conference: Conference, person_id: object
) -> Invitation:
    """An invitee the user may excuse or record make-up for: not visible → 404, visible → 403."""
    try:
        person_pk = int(person_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404 from None
    invitation = (
        access.visible_invitations(user, conference)
        .filter(person_id=person_pk)
        .select_related("conference", "person", "person__org", "site")
        .first()
    )
    if invitation is None:
        raise Http404
    if not can_manage_invitee(managed_paths(user, conference), invitation.person):
        raise PermissionDenied
    return invitation
