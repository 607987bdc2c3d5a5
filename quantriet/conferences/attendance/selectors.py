"""Attendance of a conference, read: per-site figures, each invitee's derived status, and the
absentees per organisation.

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
from django.utils import timezone
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
from quantriet.core.text import fold
from quantriet.documents.models import Document
from quantriet.orgs.models import Org


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


def decorate_invitees(
    invitations: Iterable[Invitation], paths: list[str] | None
) -> list[Invitation]:
    """Set `can_manage`, `status_label` and `method_label` on each row, without a query."""
    rows = list(invitations)
    for row in rows:
        row.can_manage = access.can_manage_invitee(paths, row.person)  # type: ignore[attr-defined]
        row.status_label = status_label(row.status)  # type: ignore[attr-defined]
        row.method_label = (  # type: ignore[attr-defined]
            Method(row.checkin_method).label if row.checkin_method in Method.values else ""  # type: ignore[attr-defined]
        )
        row.makeup_label = (  # type: ignore[attr-defined]
            MakeUp.Kind(row.makeup_kind).label if row.makeup_kind in MakeUp.Kind.values else ""  # type: ignore[attr-defined]
        )
    return rows


def document_attendance(*, document: Document, org: Org) -> dict[str, int]:
    """For the apps that report on a document (programmes' reviews): people of `org`'s subtree
    invited to the conferences that studied it, and how many of those came — `{"invited": n,
    "present": n}` in one query."""
    present = CheckIn.objects.filter(
        conference_id=OuterRef("conference_id"), person_id=OuterRef("person_id")
    )
    return Invitation.objects.filter(
        conference__documents=document, person__org__path__startswith=org.path
    ).aggregate(invited=Count("pk"), present=Count("pk", filter=Exists(present)))
