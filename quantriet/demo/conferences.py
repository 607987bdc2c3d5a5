"""Demo conferences, dated from the day the demo is loaded, each with sites and invitees:

- the national conference on the XIV Congress resolution (7/2/2026, a real date, past) as the
  Uông Bí area followed it, with its attendance, make-up study and site reports;
- the ward's study conference **happening now** (started half an hour ago, ends in three hours):
  check-ins coming in, some late, open questions and an open poll (see `live_data`);
- an upcoming ward conference (in ten days) whose invitations are ready;
- the wards' monthly conferences of the past year and the monthly "Hội nghị báo cáo viên" are
  planned with `Planner` too, by `ward_conferences` and `briefings` (they need the corps).

Every conference is planned through the planning services and its past attendance written in bulk,
by `planner.Planner`; titles, texts and agendas are in `conferences_data`.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter

from django.contrib.auth.models import User
from django.db.models import Case, Value, When

from quantriet.conferences.models import CheckIn, Format, Method, SiteReport
from quantriet.demo.conferences_data import (
    CELL_SITES_PER_WARD,
    PARTY_CATEGORIES,
    SITE_NOTES,
    TECHNICAL_PROBLEMS,
    UPCOMING_AGENDA,
    UPCOMING_CELL_SITES,
    UPCOMING_DESCRIPTION,
    UPCOMING_DOCUMENTS,
    UPCOMING_TITLE,
    WARD_OFFICERS,
    WORKSHOP_SITES,
    XIV_AGENDA,
    XIV_DAY,
    XIV_DESCRIPTION,
    XIV_DOCUMENTS,
    XIV_TITLE,
    Agenda,
)
from quantriet.demo.dates import at, today
from quantriet.demo.orgs_data import (
    COAL_GROUP_NAME,
    DEPARTMENT_NAME,
    POWER_PLANT,
    ROOT_NAME,
    WARD_NAMES,
)
from quantriet.demo.planner import (
    AgendaPlan,
    ConferenceCounts,
    Invitee,
    Planned,
    Planner,
    SitePlan,
    person_of,
)
from quantriet.documents.models import Document
from quantriet.orgs.models import Category, Org, Person


def agenda(
    day: datetime.date, rows: Agenda, speakers: dict[str, Person | None]
) -> list[AgendaPlan]:
    """The agenda of a conference on `day` from its rows in `conferences_data`."""
    return [
        AgendaPlan(at(day, *start), at(day, *end), title, speakers[who] if who else None)
        for start, end, title, who in rows
    ]


def create_conferences(
    *,
    rng: random.Random,
    orgs: list[Org],
    users: dict[str, User],
    documents: dict[str, Document],
    counts: ConferenceCounts,
) -> None:
    """The XIV Congress conference with its attendance, then the upcoming ward conference."""
    builder = _Builder(rng, orgs, users, counts)
    builder.xiv_conference(documents)
    builder.upcoming_conference(documents)


class _Builder:
    def __init__(
        self, rng: random.Random, orgs: list[Org], users: dict[str, User], counts: ConferenceCounts
    ) -> None:
        self.rng = rng
        self.orgs = orgs
        self.users = users
        self.by_name: dict[str, Org] = {}
        for org in orgs:
            self.by_name.setdefault(org.name, org)
        self.planner = Planner(rng, counts)

    # --- tree helpers -------------------------------------------------------------

    def org(self, name: str) -> Org:
        return self.by_name[name]

    def children(self, parent: Org) -> list[Org]:
        return [
            o for o in self.orgs if o.depth == parent.depth + 1 and o.path.startswith(parent.path)
        ]

    def ward_officer(self, path: str) -> User | None:
        for name, username in WARD_OFFICERS.items():
            if path.startswith(self.org(f"Đảng bộ phường {name}").path):
                return self.users.get(username)
        return None

    def largest(self, orgs: list[Org], categories: list[str], count: int) -> list[Org]:
        """The `count` organisations with the most such people (subtree), ties in tree order."""
        sizes = Counter(
            Person.objects.filter(category__in=categories).values_list("org__path", flat=True)
        )

        def size(org: Org) -> int:
            return sum(n for path, n in sizes.items() if path.startswith(org.path))

        return sorted(orgs, key=lambda o: (-size(o), o.path))[:count]

    # --- 7/2/2026: the XIV Congress resolution ------------------------------------

    def xiv_sites(self) -> list[SitePlan]:
        root = self.org(ROOT_NAME)
        plans = [
            SitePlan(root, "Điểm cầu Tỉnh ủy Quảng Ninh", "Hội trường Tỉnh ủy Quảng Ninh", True)
        ]
        diemcau = self.users.get("diemcau")
        for ward_name in WARD_NAMES:
            ward = self.org(f"Đảng bộ phường {ward_name}")
            officer = self.ward_officer(ward.path)
            plans.append(
                SitePlan(
                    ward,
                    f"Điểm cầu Đảng ủy phường {ward_name}",
                    f"Hội trường Đảng ủy – HĐND – UBND phường {ward_name}",
                    operators=[diemcau] if diemcau and ward_name == "Uông Bí" else [],
                    officer=officer,
                )
            )
            areas = [c for c in self.children(ward) if c.name.startswith("Chi bộ khu")]
            for cell in self.largest(areas, PARTY_CATEGORIES, CELL_SITES_PER_WARD):
                area = cell.name.removeprefix("Chi bộ ")
                plans.append(
                    SitePlan(
                        cell,
                        f"Điểm cầu Chi bộ {area}, phường {ward_name}",
                        f"Nhà văn hóa {area}, phường {ward_name}",
                        officer=officer,
                    )
                )
        companies = [(c, "coal") for c in self.children(self.org(COAL_GROUP_NAME))]
        companies.append((self.org(POWER_PLANT.name), "power"))
        for company, sort in companies:
            company_name = company.name.removeprefix("Đảng bộ ")
            plans.append(
                SitePlan(company, f"Điểm cầu Đảng ủy {company_name}", f"Hội trường {company_name}")
            )
            workshops = [c for c in self.children(company) if "Phân xưởng" in c.name]
            for cell in self.largest(workshops, PARTY_CATEGORIES, WORKSHOP_SITES[sort]):
                workshop = cell.name.removeprefix("Chi bộ ")
                plans.append(
                    SitePlan(
                        cell,
                        f"Điểm cầu {workshop} – {company_name}",
                        f"Nhà giao ca {workshop}, {company_name}",
                    )
                )
        return plans

    def xiv_conference(self, documents: dict[str, Document]) -> None:
        admin = self.users["bantuyengiao"]
        root = self.org(ROOT_NAME)
        presenter = person_of(self.users.get("baocaovien"))
        leader = person_of(admin)
        planned = self.planner.plan(
            user=admin,
            title=XIV_TITLE,
            description=XIV_DESCRIPTION,
            format=Format.HYBRID,
            starts_at=at(XIV_DAY, 7, 30),
            ends_at=at(XIV_DAY, 17),
            host_org=root,
            documents=[documents[k] for k in XIV_DOCUMENTS if k in documents],
            presenters=[p for p in (presenter, leader) if p],
            sites=self.xiv_sites(),
            rules=[
                (
                    [
                        *(self.org(f"Đảng bộ phường {name}") for name in WARD_NAMES),
                        self.org(COAL_GROUP_NAME),
                        self.org(POWER_PLANT.name),
                    ],
                    PARTY_CATEGORIES,
                ),
                ([self.org(DEPARTMENT_NAME)], []),
            ],
            agenda=agenda(XIV_DAY, XIV_AGENDA, {"presenter": presenter, "leader": leader}),
        )
        enterprise_paths = tuple(
            self.org(name).path for name in (COAL_GROUP_NAME, POWER_PLANT.name)
        )
        checkins, missing = self.planner.past_attendance(
            planned,
            rate=(0.97, 0.89),
            always_present={u.pk for u in self.users.values()},
            enterprise_paths=enterprise_paths,
        )
        checkins += self.uninvited_checkins(planned, {c.person_id for c in checkins})
        self.site_reports(planned, checkins, missing)

    def uninvited_checkins(self, planned: Planned, present: set[int]) -> list[CheckIn]:
        """A few members of the wards' mass organisations came along to their ward's site."""
        rng = self.rng
        conference = planned.conference
        ward_sites = {
            s.org.path: s for s in planned.sites if s.org.name.startswith("Đảng bộ phường")
        }
        guests = sorted(
            Person.objects.filter(
                category__in=[Category.YOUTH_MEMBER, Category.ASSOCIATION_MEMBER],
                org__kind__code__in=["youth-union", "womens-union", "veterans-association"],
            )
            .exclude(pk__in=present)
            .values_list("pk", "org__path")
        )
        guests = [(pk, path) for pk, path in guests if any(path.startswith(p) for p in ward_sites)]
        checkins = []
        for pk, path in rng.sample(guests, min(6, len(guests))):
            site = next(s for p, s in ward_sites.items() if path.startswith(p))
            moment = conference.starts_at - datetime.timedelta(seconds=rng.randint(300, 1500))
            checkins.append(
                CheckIn(
                    conference=conference,
                    person_id=pk,
                    site=site,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    method=Method.MANUAL,
                    at=moment,
                    recorded_at=moment + datetime.timedelta(seconds=rng.randint(30, 300)),
                    invited=False,
                    late=False,
                )
            )
        CheckIn.objects.bulk_create(checkins)
        self.planner.counts.checkins += len(checkins)
        return checkins

    def site_reports(
        self,
        planned: Planned,
        checkins: list[CheckIn],
        missing: list[tuple[Invitee, bool]],
    ) -> None:
        """Most operators filed their report that evening; a few sites never did."""
        rng = self.rng
        conference = planned.conference
        present = Counter(c.site_id for c in checkins)
        invited = Counter(i.site_id for i in planned.invitees)
        excused = Counter(i.site_id for i, ex in missing if ex)
        absent = Counter(i.site_id for i, ex in missing if not ex)
        guests = [s for s in planned.sites if not s.is_host]
        silent = {s.pk for s in rng.sample(guests, min(4, len(guests)))}
        reports = []
        filed_at: dict[int, datetime.datetime] = {}
        for site in planned.sites:
            if site.pk in silent:
                continue
            plan = planned.plans[site.pk]
            problems = rng.choice(TECHNICAL_PROBLEMS) if rng.random() < 0.15 else ""
            notes = (
                f"{rng.choice(SITE_NOTES)} Vắng có lý do: {excused[site.pk]}; "
                f"vắng không lý do: {absent[site.pk]}."
            )
            operator = plan.operators[0] if plan.operators else plan.officer
            reports.append(
                SiteReport(
                    site=site,
                    present=present[site.pk],
                    invited=invited[site.pk],
                    technical_problems=problems,
                    notes=notes,
                    filed_by=operator,
                )
            )
            filed_at[site.pk] = conference.ends_at + datetime.timedelta(minutes=rng.randint(5, 90))
        SiteReport.objects.bulk_create(reports)
        # filed_at is auto_now: one UPDATE puts each report just after the conference.
        if filed_at:
            SiteReport.objects.filter(site__conference=conference).update(
                filed_at=Case(*(When(site_id=pk, then=Value(m)) for pk, m in filed_at.items()))
            )

    # --- upcoming: the provincial Congress resolution in Uông Bí ward -------------

    def upcoming_conference(self, documents: dict[str, Document]) -> None:
        ward = self.org("Đảng bộ phường Uông Bí")
        admin = self.users["bantuyengiao"]
        officer = self.users["uongbi"]
        chair = person_of(officer)
        presenter = person_of(self.users.get("baocaovien"))
        day = today() + datetime.timedelta(days=10)
        diemcau = self.users.get("diemcau")
        sites = [
            SitePlan(
                ward,
                "Điểm cầu Hội trường Đảng ủy phường Uông Bí",
                "Hội trường Đảng ủy – HĐND – UBND phường Uông Bí",
                is_host=True,
                operators=[diemcau] if diemcau else [],
            )
        ]
        cells = [c for c in self.children(ward) if c.name.startswith("Chi bộ")]
        for cell in self.largest(cells, PARTY_CATEGORIES, UPCOMING_CELL_SITES):
            place = (
                f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}"
                if cell.name.startswith("Chi bộ khu")
                else f"Phòng họp {cell.name.removeprefix('Chi bộ ')}"
            )
            if "phường" not in place:
                place += ", phường Uông Bí"
            sites.append(SitePlan(cell, f"Điểm cầu {cell.name}", place))
        self.planner.plan(
            user=admin,
            planner=officer,
            title=UPCOMING_TITLE,
            description=UPCOMING_DESCRIPTION,
            format=Format.HYBRID,
            starts_at=at(day, 14),
            ends_at=at(day, 16, 30),
            host_org=ward,
            documents=[documents[k] for k in UPCOMING_DOCUMENTS if k in documents],
            presenters=[p for p in (presenter, chair) if p],
            sites=sites,
            rules=[([ward], PARTY_CATEGORIES)],
            agenda=agenda(day, UPCOMING_AGENDA, {"presenter": presenter, "chair": chair}),
        )
