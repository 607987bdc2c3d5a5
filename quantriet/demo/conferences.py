"""Demo conferences, dated from the day the demo is loaded, each with sites and invitees:

- the national conference on the XIV Congress resolution (7/2/2026, a real date, past) as the
  Uông Bí area followed it, with its attendance, make-up study and site reports;
- the ward's study conference **happening now** (started half an hour ago, ends in three hours):
  check-ins coming in, some late, open questions and an open poll (see `live_data`);
- an upcoming ward conference (in ten days) whose invitations are ready;
- the wards' monthly conferences of the past year and the monthly "Hội nghị báo cáo viên" are
  planned with `Planner` too, by `corps` (they need the corps).

Conferences, sites, agenda and invitation rules go through `quantriet.conferences.planning`,
so the demo obeys the checks users meet (who may host, who may operate a site, where each invitee
sits). Attendance of past conferences (check-ins, excuses, make-up study) is written with
`bulk_create`: the check-in service stamps `recorded_at` with the present moment and refuses times
long past, and a row at a time would cost seconds for the ~20 000 rows of a year. The conference in
progress is checked in through `checkin.check_in_batch`, as a site's device would.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Case, Value, When
from django.utils import timezone

from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Format,
    Invitation,
    MakeUp,
    Method,
    Site,
    SiteReport,
)
from quantriet.conferences.planning import services as planning
from quantriet.demo.dates import TZ, at, today
from quantriet.demo.orgs_data import (
    COAL_GROUP_NAME,
    DEPARTMENT_NAME,
    POWER_PLANT,
    ROOT_NAME,
    WARD_NAMES,
)
from quantriet.documents.models import Document
from quantriet.orgs.models import Category, Org, Person

BATCH_SIZE = 2000
XIV_DAY = datetime.date(2026, 2, 7)
LATE_AFTER_MINUTES = 15
CELL_SITES_PER_WARD = 14  # residential cells with a site of their own, the largest first
WORKSHOP_SITES = {"coal": 3, "power": 2}  # the largest workshops of each company
UPCOMING_CELL_SITES = 14
PARTY_CATEGORIES = [Category.PARTY_MEMBER, Category.KEY_CADRE]
WARD_OFFICERS = {"Uông Bí": "uongbi", "Yên Tử": "yentu", "Vàng Danh": "vangdanh"}
XIV_TITLE = (
    "Hội nghị toàn quốc nghiên cứu, học tập, quán triệt và triển khai thực hiện Nghị quyết Đại "
    "hội XIV của Đảng"
)
UPCOMING_TITLE = (
    "Hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ "
    "XVI và Kế hoạch thực hiện của Đảng ủy phường Uông Bí"
)

EXCUSE_NOTES: dict[str, tuple[str, ...]] = {
    Invitation.Excuse.ILLNESS: (
        "Đang điều trị tại Bệnh viện Việt Nam – Thụy Điển Uông Bí",
        "Ốm, có giấy xác nhận của Trạm Y tế phường",
        "Sau phẫu thuật, đang nghỉ dưỡng tại nhà",
    ),
    Invitation.Excuse.WORK: (
        "Đi công tác theo quyết định của cơ quan",
        "Trực sản xuất theo ca, đã báo cáo Bí thư Chi bộ",
        "Tham gia lớp bồi dưỡng tại Trường Chính trị tỉnh",
    ),
    Invitation.Excuse.OLD_AGE: (
        "Tuổi cao, sức yếu; gia đình đã báo Chi bộ",
        "Tuổi cao, đi lại khó khăn; đề nghị được tự nghiên cứu tài liệu",
    ),
    Invitation.Excuse.FAMILY: (
        "Gia đình có việc hiếu",
        "Đưa người thân đi khám bệnh tại Hà Nội",
        "Gia đình có việc hỷ",
    ),
    Invitation.Excuse.OTHER: ("Đang ở nước ngoài thăm con", "Đi học tập trung dài hạn"),
}
TECHNICAL_PROBLEMS = (
    "Đường truyền gián đoạn khoảng 3 phút lúc 09:10, kỹ thuật viên đã khắc phục.",
    "Âm thanh từ điểm cầu Trung ương bị rè trong 5 phút đầu, đã chuyển sang đường truyền dự phòng.",
    "Máy chiếu hỏng, dùng màn hình ti vi thay thế.",
    "Mất điện 10 phút lúc 14:05; chạy máy phát điện.",
)
SITE_NOTES = (
    "Hội nghị bảo đảm nghiêm túc, đúng thời gian; đảng viên tham dự đầy đủ, tập trung theo dõi.",
    "Đảng viên theo dõi nghiêm túc; Chi bộ sẽ tổ chức học bù cho đảng viên vắng mặt.",
    "Điểm cầu chuẩn bị chu đáo; đã phát tài liệu và hướng dẫn viết bài thu hoạch.",
)


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
            description=(
                "Hội nghị toàn quốc do Bộ Chính trị, Ban Bí thư tổ chức, từ 7 giờ 30 phút đến 17 "
                "giờ 00 phút ngày 07/02/2026; điểm cầu chính tại Phòng họp Diên Hồng, Nhà Quốc "
                "hội, kết nối tới hơn 31.000 điểm cầu với hơn 1,93 triệu cán bộ, đảng viên. Tại "
                "khu vực Uông Bí, cán bộ, đảng viên ba phường Uông Bí, Yên Tử, Vàng Danh và các "
                "đảng bộ doanh nghiệp than, nhiệt điện học tập tại điểm cầu phường, chi bộ khu và "
                "phân xưởng; đảng viên vắng mặt học bù và viết bài thu hoạch."
            ),
            format=Format.HYBRID,
            starts_at=at(XIV_DAY, 7, 30),
            ends_at=at(XIV_DAY, 17),
            host_org=root,
            documents=[documents[k] for k in ("xiv", "ct01", "guide_xiv") if k in documents],
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
            agenda=[
                AgendaPlan(
                    at(XIV_DAY, 7, 30),
                    at(XIV_DAY, 7, 45),
                    "Chào cờ; tuyên bố lý do, giới thiệu đại biểu",
                ),
                AgendaPlan(
                    at(XIV_DAY, 7, 45),
                    at(XIV_DAY, 9, 30),
                    "Chuyên đề 1: Những nội dung cơ bản, cốt lõi và điểm mới trong các văn kiện "
                    "Đại hội XIV của Đảng",
                ),
                AgendaPlan(
                    at(XIV_DAY, 9, 45),
                    at(XIV_DAY, 11, 30),
                    "Chuyên đề 2: Phương hướng, nhiệm vụ phát triển đất nước 5 năm 2026–2030 và "
                    "các đột phá chiến lược",
                ),
                AgendaPlan(
                    at(XIV_DAY, 13, 30),
                    at(XIV_DAY, 15, 30),
                    "Chuyên đề 3: Chương trình hành động thực hiện Nghị quyết Đại hội XIV; quán "
                    "triệt Kế hoạch của Ban Thường vụ Tỉnh ủy, liên hệ thực tiễn Quảng Ninh",
                    presenter,
                ),
                AgendaPlan(
                    at(XIV_DAY, 15, 30),
                    at(XIV_DAY, 17),
                    "Hướng dẫn viết bài thu hoạch, tổ chức học bù; kết luận hội nghị tại điểm cầu "
                    "tỉnh",
                    leader,
                ),
            ],
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
            description=(
                "Đảng ủy phường Uông Bí tổ chức cho cán bộ, đảng viên toàn Đảng bộ học tập tại "
                "hội trường phường và điểm cầu các chi bộ; đảng viên mang theo thẻ đảng viên "
                "hoặc mã QR trên điện thoại để điểm danh."
            ),
            format=Format.HYBRID,
            starts_at=at(day, 14),
            ends_at=at(day, 16, 30),
            host_org=ward,
            documents=[documents[k] for k in ("qn16", "ward_plan") if k in documents],
            presenters=[p for p in (presenter, chair) if p],
            sites=sites,
            rules=[([ward], PARTY_CATEGORIES)],
            agenda=[
                AgendaPlan(
                    at(day, 14),
                    at(day, 14, 10),
                    "Khai mạc; tuyên bố lý do, giới thiệu đại biểu",
                    chair,
                ),
                AgendaPlan(
                    at(day, 14, 10),
                    at(day, 15, 30),
                    "Quán triệt những nội dung cơ bản của Nghị quyết Đại hội đại biểu Đảng bộ "
                    "tỉnh lần thứ XVI",
                    presenter,
                ),
                AgendaPlan(
                    at(day, 15, 30),
                    at(day, 16, 10),
                    "Triển khai Kế hoạch 15-KH/ĐU của Đảng ủy phường thực hiện Nghị quyết",
                    chair,
                ),
                AgendaPlan(
                    at(day, 16, 10),
                    at(day, 16, 30),
                    "Trao đổi, thảo luận; kết luận hội nghị",
                    chair,
                ),
            ],
        )
