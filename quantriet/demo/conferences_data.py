"""Demo conferences: the study of the XIV Congress resolution (7/2/2026) as the Uông Bí area lived
it, and an upcoming ward conference whose invitations are ready and nobody has checked in yet.

Rows are written with the models and `bulk_create` (the planning and check-in services write the
same rows one request at a time). Every choice comes from the loader's seeded generator, and the
first conference lies in the past at a fixed date, so the demo is the same on every machine.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from quantriet.conferences.models import (
    SITE_CODE_ALPHABET,
    SITE_CODE_LENGTH,
    AgendaItem,
    CheckIn,
    Conference,
    Format,
    Invitation,
    InvitationRule,
    MakeUp,
    Method,
    Site,
    SiteReport,
)
from quantriet.demo.orgs_data import (
    COAL_GROUP_NAME,
    DEPARTMENT_NAME,
    POWER_PLANT,
    ROOT_NAME,
    WARD_NAMES,
)
from quantriet.documents.models import Document
from quantriet.orgs.models import Category, Org, Person, ancestor_paths

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH_SIZE = 2000
XIV_DAY = datetime.date(2026, 2, 7)
MAKEUP_SESSION_DAY = datetime.date(2026, 2, 14)
# Self-study days around the Tết holiday (17/2/2026) when nobody studies.
SELF_STUDY_DAYS = [datetime.date(2026, 2, d) for d in (9, 10, 11, 12, 13, 23, 24, 25, 26, 27)]
LATE_AFTER_MINUTES = 15
CELL_SITES_PER_WARD = 14  # residential cells with a site of their own, the largest first
WORKSHOP_SITES = {"coal": 3, "power": 2}  # the largest workshops of each company
UPCOMING_CELL_SITES = 14
PARTY_CATEGORIES = [Category.PARTY_MEMBER, Category.KEY_CADRE]
XIV_TITLE = (
    "Hội nghị trực tuyến toàn quốc học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội "
    "đại biểu toàn quốc lần thứ XIV của Đảng"
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
    "Mất điện 10 phút lúc 10:05; chạy máy phát điện.",
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
class _Invitee:
    pk: int
    org_path: str
    born: datetime.date | None
    user_id: int | None


@dataclass
class _SitePlan:
    org: Org
    name: str
    address: str
    is_host: bool = False
    operators: list[User] = field(default_factory=list)
    # The ward officer who files the report and records make-up study, when there is one.
    officer: User | None = None


def create_conferences(
    *,
    rng: random.Random,
    orgs: list[Org],
    users: dict[str, User],
    documents: dict[str, Document],
) -> ConferenceCounts:
    """The XIV Congress conference with its attendance, then the upcoming ward conference."""
    builder = _Builder(rng, orgs, users)
    builder.xiv_conference(documents)
    builder.upcoming_conference(documents)
    return builder.counts


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _person_of(user: User | None) -> Person | None:
    return Person.objects.filter(user=user).first() if user else None


class _Builder:
    def __init__(self, rng: random.Random, orgs: list[Org], users: dict[str, User]) -> None:
        self.rng = rng
        self.orgs = orgs
        self.users = users
        self.by_name = {}
        for org in orgs:
            self.by_name.setdefault(org.name, org)
        self.counts = ConferenceCounts()
        self.room_names: set[str] = set()

    # --- tree helpers -------------------------------------------------------------

    def org(self, name: str) -> Org:
        return self.by_name[name]

    def children(self, parent: Org) -> list[Org]:
        return [
            o for o in self.orgs if o.depth == parent.depth + 1 and o.path.startswith(parent.path)
        ]

    def ward_officer(self, path: str) -> User | None:
        for name, username in zip(WARD_NAMES, ("uongbi", "yentu", "vangdanh"), strict=True):
            if path.startswith(self.org(f"Đảng bộ phường {name}").path):
                return self.users.get(username)
        return None

    def largest(self, orgs: list[Org], sizes: Counter[str], count: int) -> list[Org]:
        """The `count` organisations with the most invitees (subtree), ties in tree order."""

        def size(org: Org) -> int:
            return sum(n for path, n in sizes.items() if path.startswith(org.path))

        return sorted(orgs, key=lambda o: (-size(o), o.path))[:count]

    # --- shared writers -----------------------------------------------------------

    def new_conference(self, **fields: object) -> Conference:
        while True:
            room = f"quantriet-{self.rng.getrandbits(96):024x}"
            if room not in self.room_names:
                break
        self.room_names.add(room)
        conference = Conference.objects.create(
            meeting_room=room, late_after_minutes=LATE_AFTER_MINUTES, **fields
        )
        self.counts.conferences += 1
        return conference

    def invitees(self, rules: list[tuple[list[Org], list[str]]]) -> list[_Invitee]:
        """People matched by (organisations with their subtrees, categories or all) rules."""
        q = Q()
        for orgs, categories in rules:
            subtree = Q()
            for org in orgs:
                subtree |= Q(org__path__startswith=org.path)
            q |= subtree & Q(category__in=categories) if categories else subtree
        rows = (
            Person.objects.filter(q)
            .order_by("org__path", "pk")
            .values_list("pk", "org__path", "date_of_birth", "user_id")
        )
        return [_Invitee(*row) for row in rows]

    def create_rules(
        self, conference: Conference, rules: list[tuple[list[Org], list[str]]]
    ) -> None:
        for orgs, categories in rules:
            rule = InvitationRule.objects.create(
                conference=conference, include_subtree=True, categories=list(categories)
            )
            rule.orgs.set(orgs)

    def create_sites(
        self, conference: Conference, plans: list[_SitePlan], invitees: list[_Invitee]
    ) -> tuple[list[Site], list[Invitation]]:
        """Sites with `expected` = their invitees, each invitee at the nearest-ancestor site."""
        index_by_path = {plan.org.path: i for i, plan in enumerate(plans)}
        placed: list[tuple[_Invitee, int]] = []
        for invitee in invitees:
            for path in reversed(ancestor_paths(invitee.org_path)):
                if path in index_by_path:
                    placed.append((invitee, index_by_path[path]))
                    break
        expected = Counter(i for _invitee, i in placed)
        codes: set[str] = set()
        sites = []
        for i, plan in enumerate(plans):
            code = self.site_code(codes)
            sites.append(
                Site(
                    conference=conference,
                    name=plan.name,
                    org=plan.org,
                    address=plan.address,
                    expected=expected[i],
                    is_host=plan.is_host,
                    code=code,
                )
            )
        Site.objects.bulk_create(sites)
        for site, plan in zip(sites, plans, strict=True):
            if plan.operators:
                site.operators.set(plan.operators)
        invitations = [
            Invitation(conference=conference, person_id=invitee.pk, site=sites[i])
            for invitee, i in placed
        ]
        self.counts.sites += len(sites)
        self.counts.invitations += len(invitations)
        return sites, invitations

    def site_code(self, taken: set[str]) -> str:
        while True:
            code = "".join(self.rng.choice(SITE_CODE_ALPHABET) for _ in range(SITE_CODE_LENGTH))
            if code not in taken:
                taken.add(code)
                return code

    def agenda(self, conference: Conference, day: datetime.date, items: list[tuple]) -> None:
        AgendaItem.objects.bulk_create(
            AgendaItem(
                conference=conference,
                starts_at=_at(day, *start),
                ends_at=_at(day, *end),
                title=title,
                presenter=presenter,
            )
            for start, end, title, presenter in items
        )

    # --- 7/2/2026: the XIV Congress resolution ------------------------------------

    def xiv_sites(self, sizes: Counter[str]) -> list[_SitePlan]:
        root = self.org(ROOT_NAME)
        plans = [
            _SitePlan(root, "Điểm cầu Tỉnh ủy Quảng Ninh", "Hội trường Tỉnh ủy Quảng Ninh", True)
        ]
        diemcau = self.users.get("diemcau")
        for ward_name in WARD_NAMES:
            ward = self.org(f"Đảng bộ phường {ward_name}")
            officer = self.ward_officer(ward.path)
            plans.append(
                _SitePlan(
                    ward,
                    f"Điểm cầu Đảng ủy phường {ward_name}",
                    f"Hội trường Đảng ủy – HĐND – UBND phường {ward_name}",
                    operators=[diemcau] if diemcau and ward_name == "Uông Bí" else [],
                    officer=officer,
                )
            )
            areas = [c for c in self.children(ward) if c.name.startswith("Chi bộ khu")]
            for cell in self.largest(areas, sizes, CELL_SITES_PER_WARD):
                area = cell.name.removeprefix("Chi bộ ")
                plans.append(
                    _SitePlan(
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
                _SitePlan(
                    company,
                    f"Điểm cầu Đảng ủy {company_name}",
                    f"Hội trường {company_name}",
                )
            )
            workshops = [c for c in self.children(company) if "Phân xưởng" in c.name]
            for cell in self.largest(workshops, sizes, WORKSHOP_SITES[sort]):
                workshop = cell.name.removeprefix("Chi bộ ")
                plans.append(
                    _SitePlan(
                        cell,
                        f"Điểm cầu {workshop} – {company_name}",
                        f"Nhà giao ca {workshop}, {company_name}",
                    )
                )
        return plans

    def xiv_conference(self, documents: dict[str, Document]) -> None:
        rng = self.rng
        root = self.org(ROOT_NAME)
        presenter = _person_of(self.users.get("baocaovien"))
        leader = _person_of(self.users.get("bantuyengiao"))
        start = _at(XIV_DAY, 7, 30)
        conference = self.new_conference(
            title=XIV_TITLE,
            description=(
                "Hội nghị trực tuyến toàn quốc do Bộ Chính trị, Ban Bí thư tổ chức, kết nối từ "
                "điểm cầu Trung ương tới các điểm cầu cấp tỉnh, cấp xã và chi bộ. Tại khu vực "
                "Uông Bí, cán bộ, đảng viên ba phường Uông Bí, Yên Tử, Vàng Danh và các đảng bộ "
                "doanh nghiệp than, nhiệt điện học tập tại điểm cầu phường, chi bộ khu và phân "
                "xưởng; đảng viên vắng mặt học bù và viết bài thu hoạch."
            ),
            format=Format.HYBRID,
            starts_at=start,
            ends_at=_at(XIV_DAY, 11, 30),
            host_org=root,
            created_by=self.users.get("bantuyengiao"),
        )
        conference.documents.set([documents[k] for k in ("xiv", "guide_xiv") if k in documents])
        conference.presenters.set([p for p in (presenter, leader) if p])
        self.agenda(
            conference,
            XIV_DAY,
            [
                ((7, 30), (7, 45), "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", None),
                (
                    (7, 45),
                    (9, 0),
                    "Chuyên đề 1: Những nội dung cơ bản, cốt lõi và điểm mới trong các văn kiện "
                    "Đại hội XIV của Đảng",
                    None,
                ),
                (
                    (9, 15),
                    (10, 15),
                    "Chuyên đề 2: Phương hướng, nhiệm vụ phát triển đất nước 5 năm 2026–2030 và "
                    "các đột phá chiến lược",
                    None,
                ),
                (
                    (10, 15),
                    (11, 0),
                    "Quán triệt Kế hoạch của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết Đại hội "
                    "XIV, liên hệ thực tiễn Quảng Ninh",
                    presenter,
                ),
                (
                    (11, 0),
                    (11, 30),
                    "Hướng dẫn viết bài thu hoạch, tổ chức học bù; kết luận hội nghị tại điểm cầu "
                    "tỉnh",
                    leader,
                ),
            ],
        )
        rules = [
            (
                [
                    *(self.org(f"Đảng bộ phường {name}") for name in WARD_NAMES),
                    self.org(COAL_GROUP_NAME),
                    self.org(POWER_PLANT.name),
                ],
                PARTY_CATEGORIES,
            ),
            ([self.org(DEPARTMENT_NAME)], []),
        ]
        self.create_rules(conference, rules)
        invitees = self.invitees(rules)
        plans = self.xiv_sites(Counter(i.org_path for i in invitees))
        sites, invitations = self.create_sites(conference, plans, invitees)
        by_pk = {i.pk: i for i in invitees}
        account_user_ids = {u.pk for u in self.users.values()}
        site_rates = {site.pk: 0.97 if site.is_host else rng.uniform(0.83, 0.95) for site in sites}
        plan_by_site = {site.pk: plan for site, plan in zip(sites, plans, strict=True)}
        enterprise_paths = tuple(
            self.org(name).path for name in (COAL_GROUP_NAME, POWER_PLANT.name)
        )
        checkins: list[CheckIn] = []
        missing: list[tuple[Invitation, bool]] = []  # (invitation, excused)
        for invitation in invitations:
            invitee = by_pk[invitation.person_id]
            if invitee.user_id in account_user_ids or rng.random() < site_rates[invitation.site.pk]:
                checkins.append(self.checkin(conference, invitation, invitee, plan_by_site))
            elif rng.random() < 0.42:
                self.excuse(invitation, invitee, invitee.org_path.startswith(enterprise_paths))
                missing.append((invitation, True))
            else:
                missing.append((invitation, False))
        checkins += self.uninvited_checkins(conference, sites, {c.person_id for c in checkins})
        Invitation.objects.bulk_create(invitations, batch_size=BATCH_SIZE)
        CheckIn.objects.bulk_create(checkins, batch_size=BATCH_SIZE)
        late_limit = start + datetime.timedelta(minutes=LATE_AFTER_MINUTES)
        self.counts.checkins += len(checkins)
        self.counts.late += sum(c.at > late_limit for c in checkins)
        self.counts.excused += sum(excused for _i, excused in missing)
        self.counts.absent += sum(not excused for _i, excused in missing)
        self.makeups(conference, missing, by_pk, plan_by_site, enterprise_paths)
        self.site_reports(conference, sites, plans, invitations, checkins, missing)

    def checkin(
        self,
        conference: Conference,
        invitation: Invitation,
        invitee: _Invitee,
        plan_by_site: dict[int, _SitePlan],
    ) -> CheckIn:
        rng = self.rng
        start = conference.starts_at
        if rng.random() < 0.07:
            # After the 15 minutes' grace: 07:46 to about 08:35, most soon after.
            minutes = LATE_AFTER_MINUTES + rng.triangular(0.5, 50, 4)
        else:
            # From 07:00, the bulk around 07:20, the last before 07:45.
            minutes = rng.triangular(-30, LATE_AFTER_MINUTES - 0.5, -10)
        at = start + datetime.timedelta(seconds=round(minutes * 60))
        roll = rng.random()
        method = Method.QR if roll < 0.76 else Method.MANUAL if roll < 0.95 else Method.SELF
        plan = plan_by_site[invitation.site.pk]
        if method == Method.SELF:
            recorded_at = at + datetime.timedelta(seconds=rng.randint(1, 5))
            recorded_by_id = invitee.user_id
        else:
            # A list ticked by hand reaches the server a few minutes after the person arrived.
            delay = rng.randint(1, 4) if method == Method.QR else rng.randint(30, 600)
            recorded_at = at + datetime.timedelta(seconds=delay)
            recorded_by_id = plan.operators[0].pk if plan.operators else None
        return CheckIn(
            conference=conference,
            person_id=invitee.pk,
            site=invitation.site,
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            method=method,
            at=at,
            recorded_at=recorded_at,
            recorded_by_id=recorded_by_id,
            invited=True,
            late=at > start + datetime.timedelta(minutes=LATE_AFTER_MINUTES),
        )

    def excuse(self, invitation: Invitation, invitee: _Invitee, enterprise: bool) -> None:
        rng = self.rng
        age = XIV_DAY.year - invitee.born.year if invitee.born else 50
        E = Invitation.Excuse
        if age >= 75:
            reason = E.OLD_AGE if rng.random() < 0.7 else E.ILLNESS
        elif enterprise:
            reason = rng.choices([E.WORK, E.ILLNESS, E.FAMILY], weights=[6, 3, 1])[0]
        else:
            reason = rng.choices([E.ILLNESS, E.WORK, E.FAMILY, E.OTHER], weights=[4, 3, 2, 1])[0]
        invitation.excuse = reason
        invitation.excuse_note = rng.choice(EXCUSE_NOTES[reason])

    def uninvited_checkins(
        self, conference: Conference, sites: list[Site], present: set[int]
    ) -> list[CheckIn]:
        """A few members of the wards' mass organisations came along to their ward's site."""
        rng = self.rng
        ward_sites = {s.org.path: s for s in sites if s.org.name.startswith("Đảng bộ phường")}
        guests = list(
            Person.objects.filter(
                org__parent__path__in=list(ward_sites),
                category__in=[Category.YOUTH_MEMBER, Category.ASSOCIATION_MEMBER],
            )
            .exclude(pk__in=present)
            .order_by("pk")
            .values_list("pk", "org__path")
        )
        checkins = []
        for pk, path in rng.sample(guests, min(6, len(guests))):
            site = next(s for p, s in ward_sites.items() if path.startswith(p))
            at = conference.starts_at - datetime.timedelta(seconds=rng.randint(300, 1500))
            checkins.append(
                CheckIn(
                    conference=conference,
                    person_id=pk,
                    site=site,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    method=Method.MANUAL,
                    at=at,
                    recorded_at=at + datetime.timedelta(seconds=rng.randint(30, 300)),
                    invited=False,
                    late=False,
                )
            )
        return checkins

    def makeups(
        self,
        conference: Conference,
        missing: list[tuple[Invitation, bool]],
        by_pk: dict[int, _Invitee],
        plan_by_site: dict[int, _SitePlan],
        enterprise_paths: tuple[str, ...],
    ) -> None:
        """About half of those who missed it studied later: a session on 14/2 or on their own."""
        rng = self.rng
        rows = []
        for invitation, excused in missing:
            if rng.random() >= (0.6 if excused else 0.4):
                continue
            invitee = by_pk[invitation.person_id]
            plan = plan_by_site[invitation.site.pk]
            old = invitee.born is not None and XIV_DAY.year - invitee.born.year >= 75
            if old or rng.random() < 0.4:
                kind = MakeUp.Kind.SELF_STUDY
                studied_on = rng.choice(SELF_STUDY_DAYS)
                method = "Tự nghiên cứu tài liệu, viết bài thu hoạch"
            else:
                kind = MakeUp.Kind.SESSION
                studied_on = MAKEUP_SESSION_DAY
                if invitee.org_path.startswith(enterprise_paths):
                    method = "Học bù tập trung tại hội trường công ty, viết bài thu hoạch"
                else:
                    method = "Dự buổi học bù do Đảng ủy phường tổ chức, viết bài thu hoạch"
            rows.append(
                MakeUp(
                    conference=conference,
                    person_id=invitee.pk,
                    kind=kind,
                    studied_on=studied_on,
                    method=method,
                    recorded_by=plan.officer,
                )
            )
        MakeUp.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        # recorded_at is auto_now_add: put it on the evening of the study day, one query per day.
        for day in sorted({row.studied_on for row in rows}):
            MakeUp.objects.filter(conference=conference, studied_on=day).update(
                recorded_at=_at(day, 17, 30)
            )
        self.counts.makeups += len(rows)

    def site_reports(
        self,
        conference: Conference,
        sites: list[Site],
        plans: list[_SitePlan],
        invitations: list[Invitation],
        checkins: list[CheckIn],
        missing: list[tuple[Invitation, bool]],
    ) -> None:
        """Most operators filed their report by noon; a few sites never did."""
        rng = self.rng
        present = Counter(c.site.pk for c in checkins)
        invited = Counter(i.site.pk for i in invitations)
        excused = Counter(i.site.pk for i, ex in missing if ex)
        absent = Counter(i.site.pk for i, ex in missing if not ex)
        guests = [s for s in sites if not s.is_host]
        silent = {s.pk for s in rng.sample(guests, min(4, len(guests)))}
        reports = []
        filed_at: dict[int, datetime.datetime] = {}
        for site, plan in zip(sites, plans, strict=True):
            if site.pk in silent:
                continue
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
                filed_at=Case(*(When(site_id=pk, then=Value(at)) for pk, at in filed_at.items()))
            )

    # --- upcoming: the provincial Congress resolution in Uông Bí ward -------------

    def upcoming_conference(self, documents: dict[str, Document]) -> None:
        ward = self.org("Đảng bộ phường Uông Bí")
        officer = self.users.get("uongbi")
        chair = _person_of(officer)
        presenter = _person_of(self.users.get("baocaovien"))
        day = timezone.localtime(timezone.now(), TZ).date() + datetime.timedelta(days=10)
        conference = self.new_conference(
            title=UPCOMING_TITLE,
            description=(
                "Đảng ủy phường Uông Bí tổ chức cho cán bộ, đảng viên toàn Đảng bộ học tập tại "
                "hội trường phường và điểm cầu các chi bộ; đảng viên mang theo thẻ đảng viên "
                "hoặc mã QR trên điện thoại để điểm danh."
            ),
            format=Format.HYBRID,
            starts_at=_at(day, 14),
            ends_at=_at(day, 16, 30),
            host_org=ward,
            created_by=officer,
        )
        conference.documents.set([documents[k] for k in ("qn16", "ward_plan") if k in documents])
        conference.presenters.set([p for p in (presenter, chair) if p])
        self.agenda(
            conference,
            day,
            [
                ((14, 0), (14, 10), "Khai mạc; tuyên bố lý do, giới thiệu đại biểu", chair),
                (
                    (14, 10),
                    (15, 30),
                    "Quán triệt những nội dung cơ bản của Nghị quyết Đại hội đại biểu Đảng bộ "
                    "tỉnh lần thứ XVI",
                    presenter,
                ),
                (
                    (15, 30),
                    (16, 10),
                    "Triển khai Kế hoạch 15-KH/ĐU của Đảng ủy phường thực hiện Nghị quyết",
                    chair,
                ),
                ((16, 10), (16, 30), "Trao đổi, thảo luận; kết luận hội nghị", chair),
            ],
        )
        rules = [([ward], PARTY_CATEGORIES)]
        self.create_rules(conference, rules)
        invitees = self.invitees(rules)
        sizes = Counter(i.org_path for i in invitees)
        diemcau = self.users.get("diemcau")
        plans = [
            _SitePlan(
                ward,
                "Điểm cầu Hội trường Đảng ủy phường Uông Bí",
                "Hội trường Đảng ủy – HĐND – UBND phường Uông Bí",
                is_host=True,
                operators=[diemcau] if diemcau else [],
            )
        ]
        cells = [c for c in self.children(ward) if c.name.startswith("Chi bộ")]
        for cell in self.largest(cells, sizes, UPCOMING_CELL_SITES):
            place = (
                f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}"
                if cell.name.startswith("Chi bộ khu")
                else f"Phòng họp {cell.name.removeprefix('Chi bộ ')}"
            )
            if "phường" not in place:
                place += ", phường Uông Bí"
            plans.append(_SitePlan(cell, f"Điểm cầu {cell.name}", place))
        _sites, invitations = self.create_sites(conference, plans, invitees)
        Invitation.objects.bulk_create(invitations, batch_size=BATCH_SIZE)
