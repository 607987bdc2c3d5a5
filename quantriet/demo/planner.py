"""`Planner`: plans the demo's conferences and writes the attendance of those already past.

Conferences, sites, agenda and invitation rules go through `quantriet.conferences.planning`,
so the demo obeys the checks users meet (who may host, who may operate a site, where each invitee
sits). Attendance of past conferences (check-ins, excuses, make-up study) is written with
`bulk_create`: the check-in service stamps `recorded_at` with the present moment and refuses times
long past, and a row at a time would cost seconds for the ~20 000 rows of a year. The conference in
progress is checked in through `checkin.check_in_batch`, as a site's device would (`live_data`).
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Format,
    Invitation,
    MakeUp,
    Method,
    Site,
)
from quantriet.conferences.planning import services as planning
from quantriet.demo.conferences_data import EXCUSE_NOTES, LATE_AFTER_MINUTES
from quantriet.demo.dates import TZ, at, today
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person

BATCH_SIZE = 2000


@dataclass
class ConferenceCounts:
    """What the loader made, for the command's summary and the tests."""

    conferences: int = 0
    sites: int = 0
    invitations: int = 0
    checkins: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    makeups: int = 0


@dataclass(frozen=True)
class Invitee:
    """One invitation as the attendance writers need it."""

    invitation_id: int
    person_id: int
    site_id: int
    org_path: str
    born: datetime.date | None
    user_id: int | None


@dataclass
class SitePlan:
    org: Org
    name: str
    address: str = ""
    is_host: bool = False
    operators: list[User] = field(default_factory=list)
    # The ward officer who files the report and records make-up study, when there is one.
    officer: User | None = None


@dataclass(frozen=True)
class AgendaPlan:
    start: datetime.datetime
    end: datetime.datetime | None
    title: str
    presenter: Person | None = None


@dataclass
class Planned:
    conference: Conference
    sites: list[Site]
    plans: dict[int, SitePlan]  # by site id
    invitees: list[Invitee]


def person_of(user: User | None) -> Person | None:
    return Person.objects.filter(user=user).first() if user else None


class Planner:
    """Plans conferences through the planning services and writes past attendance in bulk."""

    def __init__(self, rng: random.Random, counts: ConferenceCounts) -> None:
        self.rng = rng
        self.counts = counts

    # --- planning (services) ------------------------------------------------------

    def plan(
        self,
        *,
        user: User,
        title: str,
        starts_at: datetime.datetime,
        ends_at: datetime.datetime,
        host_org: Org,
        sites: Sequence[SitePlan],
        rules: Sequence[tuple[Sequence[Org], Sequence[str]]],
        format: str = Format.HYBRID,
        description: str = "",
        documents: Sequence[Document] = (),
        presenters: Sequence[Person] = (),
        agenda: Sequence[AgendaPlan] = (),
        planner: User | None = None,
        manual: Sequence[int] = (),
    ) -> Planned:
        """Create the conference, its sites (the first is the host), rules and agenda.

        `user` creates it (and may name presenters of its scope); `planner`, a manager of the
        host organisation, adds the sites and rules when given. `manual` are person ids invited
        outside the rules (the corps to its monthly conference)."""
        conference = planning.create_conference(
            user=user,
            title=title,
            description=description,
            format=format,
            starts_at=starts_at,
            ends_at=ends_at,
            host_org=host_org,
            documents=documents,
            presenters=[p for p in presenters if p],
            late_after_minutes=LATE_AFTER_MINUTES,
        )
        by = planner or user
        made: list[Site] = []
        plans: dict[int, SitePlan] = {}
        for plan in sites:
            site = planning.add_site(
                user=by,
                conference=conference,
                org=plan.org,
                name=plan.name,
                address=plan.address,
                is_host=plan.is_host,
                operators=plan.operators,
            )
            made.append(site)
            plans[site.pk] = plan
        for orgs, categories in rules:
            planning.add_rule(user=by, conference=conference, orgs=orgs, categories=categories)
        if manual:
            # `add_manual_invitation` is five queries a person; these rows are the ones it
            # writes, placed at each person's nearest site by the planning service after.
            Invitation.objects.bulk_create(
                Invitation(
                    conference=conference,
                    person_id=pk,
                    site=made[0],
                    source=Invitation.Source.MANUAL,
                )
                for pk in manual
            )
            planning.place_invitations(conference)
        for item in agenda:
            planning.add_agenda_item(
                user=user,
                conference=conference,
                starts_at=item.start,
                ends_at=item.end,
                title=item.title,
                presenter=item.presenter,
            )
        invitees = self.invitees(conference)
        # The number expected at each site is the number of invitees the rules placed there.
        expected = Counter(i.site_id for i in invitees)
        for site in made:
            if expected[site.pk] != site.expected:
                planning.update_site(user=by, site=site, changes={"expected": expected[site.pk]})
        self.counts.conferences += 1
        self.counts.sites += len(made)
        self.counts.invitations += len(invitees)
        return Planned(conference, made, plans, invitees)

    def invitees(self, conference: Conference) -> list[Invitee]:
        rows = (
            Invitation.objects.filter(conference=conference)
            .order_by("person__org__path", "person_id")
            .values_list(
                "pk", "person_id", "site_id", "person__org__path", "person__date_of_birth",
                "person__user_id",
            )
        )  # fmt: skip
        return [Invitee(*row) for row in rows]

    # --- past attendance (bulk) ---------------------------------------------------

    def past_attendance(
        self,
        planned: Planned,
        *,
        rate: tuple[float, float],
        late_share: float = 0.07,
        excused_share: float = 0.42,
        makeup_share: tuple[float, float] = (0.6, 0.4),
        always_present: set[int] = frozenset(),  # type: ignore[assignment]
        enterprise_paths: tuple[str, ...] = (),
    ) -> tuple[list[CheckIn], list[tuple[Invitee, bool]]]:
        """Check-ins, excuses and make-up study of a finished conference; → (check-ins, missing
        as (invitee, excused)). `rate` is the share present at the host and at other sites."""
        rng = self.rng
        conference = planned.conference
        rates = {
            site.pk: rate[0] if site.is_host else rng.uniform(rate[1] - 0.06, rate[1] + 0.06)
            for site in planned.sites
        }
        checkins: list[CheckIn] = []
        missing: list[tuple[Invitee, bool]] = []
        excused_rows: list[Invitation] = []
        for invitee in planned.invitees:
            if invitee.user_id in always_present or rng.random() < rates[invitee.site_id]:
                checkins.append(self.checkin(planned, invitee, late_share))
            elif rng.random() < excused_share:
                excused_rows.append(
                    self.excuse(
                        conference, invitee, invitee.org_path.startswith(enterprise_paths or "\0")
                    )
                )
                missing.append((invitee, True))
            else:
                missing.append((invitee, False))
        CheckIn.objects.bulk_create(checkins, batch_size=BATCH_SIZE)
        # One UPDATE per (reason, note): a CASE per row (`bulk_update`) costs seconds here.
        by_excuse: dict[tuple[str, str], list[int]] = {}
        for row in excused_rows:
            by_excuse.setdefault((row.excuse, row.excuse_note), []).append(row.pk)
        for (reason, note), ids in by_excuse.items():
            Invitation.objects.filter(pk__in=ids).update(excuse=reason, excuse_note=note)
        late_limit = conference.starts_at + datetime.timedelta(minutes=LATE_AFTER_MINUTES)
        self.counts.checkins += len(checkins)
        self.counts.late += sum(c.at > late_limit for c in checkins)
        self.counts.excused += len(excused_rows)
        self.counts.absent += len(missing) - len(excused_rows)
        self.makeups(planned, missing, makeup_share, enterprise_paths)
        return checkins, missing

    def checkin(self, planned: Planned, invitee: Invitee, late_share: float) -> CheckIn:
        rng = self.rng
        start = planned.conference.starts_at
        if rng.random() < late_share:
            # After the 15 minutes' grace, most soon after.
            minutes = LATE_AFTER_MINUTES + rng.triangular(0.5, 50, 4)
        else:
            # From half an hour before, the bulk ten minutes before the start.
            minutes = rng.triangular(-30, LATE_AFTER_MINUTES - 0.5, -10)
        moment = start + datetime.timedelta(seconds=round(minutes * 60))
        roll = rng.random()
        method = Method.QR if roll < 0.76 else Method.MANUAL if roll < 0.95 else Method.SELF
        plan = planned.plans[invitee.site_id]
        # Only a person with an account checks themself in (with the site's code), and does.
        if invitee.user_id is not None:
            method = Method.SELF
        elif method == Method.SELF:
            method = Method.MANUAL
        if method == Method.SELF:
            recorded_at = moment + datetime.timedelta(seconds=rng.randint(1, 5))
            recorded_by_id = invitee.user_id
        else:
            # A list ticked by hand reaches the server a few minutes after the person arrived.
            delay = rng.randint(1, 4) if method == Method.QR else rng.randint(30, 600)
            recorded_at = moment + datetime.timedelta(seconds=delay)
            operator = plan.operators[0] if plan.operators else plan.officer
            recorded_by_id = operator.pk if operator else None
        return CheckIn(
            conference=planned.conference,
            person_id=invitee.person_id,
            site_id=invitee.site_id,
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            method=method,
            at=moment,
            recorded_at=recorded_at,
            recorded_by_id=recorded_by_id,
            invited=True,
            late=moment > start + datetime.timedelta(minutes=LATE_AFTER_MINUTES),
        )

    def excuse(self, conference: Conference, invitee: Invitee, enterprise: bool) -> Invitation:
        rng = self.rng
        year = timezone.localtime(conference.starts_at, TZ).year
        age = year - invitee.born.year if invitee.born else 50
        E = Invitation.Excuse
        if age >= 75:
            reason = E.OLD_AGE if rng.random() < 0.7 else E.ILLNESS
        elif enterprise:
            reason = rng.choices([E.WORK, E.ILLNESS, E.FAMILY], weights=[6, 3, 1])[0]
        else:
            reason = rng.choices([E.ILLNESS, E.WORK, E.FAMILY, E.OTHER], weights=[4, 3, 2, 1])[0]
        return Invitation(
            pk=invitee.invitation_id, excuse=reason, excuse_note=rng.choice(EXCUSE_NOTES[reason])
        )

    def makeups(
        self,
        planned: Planned,
        missing: list[tuple[Invitee, bool]],
        share: tuple[float, float],
        enterprise_paths: tuple[str, ...],
    ) -> None:
        """Part of those who missed it studied later: a session a week on, or on their own."""
        rng = self.rng
        conference = planned.conference
        day = timezone.localtime(conference.starts_at, TZ).date()
        last = today()
        rows = []
        for invitee, excused in missing:
            if rng.random() >= (share[0] if excused else share[1]):
                continue
            plan = planned.plans[invitee.site_id]
            old = invitee.born is not None and day.year - invitee.born.year >= 75
            if old or rng.random() < 0.4:
                kind = MakeUp.Kind.SELF_STUDY
                studied_on = day + datetime.timedelta(days=rng.randint(2, 20))
                method = "Tự nghiên cứu tài liệu, viết bài thu hoạch"
            else:
                kind = MakeUp.Kind.SESSION
                studied_on = day + datetime.timedelta(days=7)
                if invitee.org_path.startswith(enterprise_paths or "\0"):
                    method = "Học bù tập trung tại hội trường công ty, viết bài thu hoạch"
                else:
                    method = "Dự buổi học bù do Đảng ủy phường tổ chức, viết bài thu hoạch"
            if studied_on > last:
                continue
            rows.append(
                MakeUp(
                    conference=conference,
                    person_id=invitee.person_id,
                    kind=kind,
                    studied_on=studied_on,
                    method=method,
                    recorded_by=plan.officer or (plan.operators[0] if plan.operators else None),
                )
            )
        MakeUp.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        # recorded_at is auto_now_add: put it on the evening of the study day, one query per day.
        for studied_on in sorted({row.studied_on for row in rows}):
            MakeUp.objects.filter(conference=conference, studied_on=studied_on).update(
                recorded_at=at(studied_on, 17, 30)
            )
        self.counts.makeups += len(rows)
