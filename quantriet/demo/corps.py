"""The demo corps: about 60 presenters of the three wards and the province, 300 grassroots
propagandists, and their year — training and knowledge updates, the monthly "Hội nghị báo cáo
viên" (a conference of the past ten months), the wards' monthly study conferences of the past
eleven months with their attendance and the audience's ratings, and the department's review
against its criteria. Seeded, so every load makes the same choices.

Tiers follow Quyết định 973-QĐ/BTGTW (15/12/2021); its district tier became the commune/ward tier
after 2025 (this system's adaptation). Decision numbers of the ward committees are examples.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from quantriet.conferences.models import Format
from quantriet.demo.conferences import (
    PARTY_CATEGORIES,
    WARD_OFFICERS,
    XIV_DAY,
    AgendaPlan,
    ConferenceCounts,
    Planner,
    SitePlan,
)
from quantriet.demo.dates import at, months_back, not_before, review_year, today
from quantriet.demo.orgs_data import DEPARTMENT_NAME, ROOT_NAME, WARD_NAMES
from quantriet.dialogue.models import Feedback
from quantriet.orgs.models import Category, Org, Person
from quantriet.presenters import selectors, services
from quantriet.presenters.models import (
    Criterion,
    Decision,
    Expertise,
    Kind,
    Presenter,
    Review,
    ReviewScore,
    Standard,
    Status,
    StatusChange,
    Tier,
    Training,
    TrainingAttendance,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PRESENTERS_PER_WARD = 20
PROPAGANDISTS_PER_WARD = 100
RECOGNISED_ON = datetime.date(2025, 9, 15)  # the new wards' first decisions, after 1/7/2025
TOPICS = (
    "Nghị quyết Đại hội XIV của Đảng",
    "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo",
    "Nghị quyết số 66-NQ/TW về đổi mới công tác xây dựng và thi hành pháp luật",
    "Nghị quyết số 68-NQ/TW về phát triển kinh tế tư nhân",
    "Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XVI",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
    "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái",
    "Chuyển đổi số và xây dựng chính quyền số cấp phường",
)


@dataclass
class PresenterCounts:
    presenters: int = 0
    propagandists: int = 0
    trainings: int = 0
    sessions: int = 0
    feedback: int = 0
    reviews: int = 0
    rounds: int = 0


def _stars(rng: random.Random, quality: float) -> int:
    if rng.random() < 0.08 + (1 - quality) * 0.25:
        return 3
    return 5 if rng.random() < quality else 4


class _Corps:
    def __init__(
        self, rng: random.Random, users: dict[str, User], conferences: ConferenceCounts
    ) -> None:
        self.rng = rng
        self.users = users
        self.counts = PresenterCounts()
        self.planner = Planner(rng, conferences)
        self.root = Org.objects.get(depth=1, name=ROOT_NAME)
        self.dept = Org.objects.get(name=DEPARTMENT_NAME)
        self.wards = [Org.objects.get(name=f"Đảng bộ phường {name}") for name in WARD_NAMES]
        self.tiers = {t.code: t for t in Tier.objects.all()}
        self.fields = list(Expertise.objects.all())
        self.criteria = list(Criterion.objects.all())
        self.quality: dict[int, float] = {}  # presenter id → how well audiences take them
        self.by_ward: dict[int, list[Presenter]] = {}
        self.by = users.get("bantuyengiao")
        self.year = review_year()

    def _people(self, ward: Org, n: int, *, with_position: bool, exclude: set[int]) -> list[Person]:
        qs = Person.objects.filter(
            org__path__startswith=ward.path, category=Category.PARTY_MEMBER
        ).exclude(pk__in=exclude)
        qs = qs.exclude(position="") if with_position else qs.filter(position="")
        ids = sorted(qs.values_list("pk", flat=True))
        chosen = self.rng.sample(ids, min(n, len(ids)))
        return list(Person.objects.filter(pk__in=chosen).order_by("pk"))

    def _recognise(
        self,
        person: Person,
        org: Org,
        kind: str,
        tier: str,
        number: str,
        recognised_on: datetime.date = RECOGNISED_ON,
        **extra: object,
    ) -> Presenter:
        rng = self.rng
        presenter = Presenter.objects.create(
            person=person,
            org=org,
            kind=kind,
            tier=self.tiers[tier],
            theory_level=extra.pop("theory_level", rng.choice((2, 2, 3, 3, 3, 3))),
            education=rng.choice(
                (
                    "Cử nhân Luật",
                    "Cử nhân Kinh tế",
                    "Thạc sĩ Quản lý công",
                    "Cử nhân Chính trị học",
                    "Kỹ sư Mỏ",
                )
            ),
            decision_number=number,
            decision_date=recognised_on,
            term_start=recognised_on,
            term_end=datetime.date(2030, 9, 30),
            status=Status.ACTIVE,
        )
        presenter.fields.set(rng.sample(self.fields, rng.choice((1, 2, 2, 3))))
        StatusChange.objects.create(
            presenter=presenter,
            from_status=Status.CANDIDATE,
            to_status=Status.ACTIVE,
            reason=f"Công nhận theo Quyết định số {number} (số hiệu ví dụ minh họa)",
            on=recognised_on,
            by=self.by,
        )
        self.quality[presenter.pk] = rng.uniform(0.25, 0.85)
        return presenter

    def run(self) -> PresenterCounts:
        Standard.objects.get_or_create(org=self.root)
        taken: set[int] = set()
        province = []
        account = Person.objects.filter(user=self.users.get("baocaovien")).first()
        if account is not None:
            province.append(
                self._recognise(
                    account, self.root, Kind.PRESENTER, "province", "1024-QĐ/TU", theory_level=3
                )
            )
            taken.add(account.pk)
        for i, ward in enumerate(self.wards, start=1):
            people = self._people(ward, PRESENTERS_PER_WARD + 2, with_position=True, exclude=taken)
            taken.update(p.pk for p in people)
            corps = [
                self._recognise(p, ward, Kind.PRESENTER, "commune", f"{118 + i}-QĐ/ĐU")
                for p in people[:PRESENTERS_PER_WARD]
            ]
            self.counts.presenters += len(corps)
            self._life_cycle(ward, corps, people[PRESENTERS_PER_WARD:])
            self.by_ward[ward.pk] = [p for p in corps if p.status == Status.ACTIVE]
            grassroots = self._people(
                ward, PROPAGANDISTS_PER_WARD, with_position=False, exclude=taken
            )
            taken.update(p.pk for p in grassroots)
            if len(grassroots) < PROPAGANDISTS_PER_WARD:  # a small demo: cell officers too
                more = self._people(
                    ward,
                    PROPAGANDISTS_PER_WARD - len(grassroots),
                    with_position=True,
                    exclude=taken,
                )
                taken.update(p.pk for p in more)
                grassroots += more
            for p in grassroots:
                self._recognise(
                    p,
                    ward,
                    Kind.PROPAGANDIST,
                    "grassroots",
                    f"{140 + i}-QĐ/ĐU",
                    theory_level=self.rng.choice((1, 1, 2)),
                )
            self.counts.propagandists += len(grassroots)
        self.counts.presenters += len(province)
        everyone = [p for ps in self.by_ward.values() for p in ps] + province
        self._trainings(everyone)
        self._sessions()
        self._reviews(everyone)
        self._review_round()
        return self.counts

    def _life_cycle(self, ward: Org, corps: list[Presenter], spare: list[Person]) -> None:
        """One suspended, one replaced by a newly recognised presenter, one candidate waiting."""
        if len(corps) < 4:  # a tiny demo (tests): nobody to spare
            return
        suspended, leaving = corps[-1], corps[-2]
        self._change(suspended, Status.SUSPENDED, "Điều trị bệnh dài ngày", months_back(7, 4))
        if spare:
            replaced_on = months_back(4, 12)
            successor = self._recognise(
                spare[0],
                ward,
                Kind.PRESENTER,
                "commune",
                f"{201 + ward.pk % 50}-QĐ/ĐU",
                recognised_on=replaced_on,
            )
            self.counts.presenters += 1
            self._change(
                leaving,
                Status.REPLACED,
                "Chuyển công tác về Ban Tuyên giáo và Dân vận Tỉnh ủy",
                replaced_on,
                successor,
            )
        if len(spare) > 1:
            candidate = self._recognise(spare[1], ward, Kind.PRESENTER, "commune", "")
            candidate.status = Status.CANDIDATE
            candidate.decision_date = None
            candidate.save(update_fields=["status", "decision_date"])
            candidate.history.all().delete()
            self.counts.presenters += 1

    def _change(
        self,
        presenter: Presenter,
        to: str,
        reason: str,
        on: datetime.date,
        successor: Presenter | None = None,
    ) -> None:
        StatusChange.objects.create(
            presenter=presenter,
            from_status=presenter.status,
            to_status=to,
            reason=reason,
            on=on,
            replaced_by=successor,
            by=self.by,
        )
        presenter.status = to
        presenter.replaced_by = successor
        presenter.save(update_fields=["status", "replaced_by"])

    def _trainings(self, corps: list[Presenter]) -> None:
        rng = self.rng
        courses = [
            (
                "Cập nhật kiến thức: Nghị quyết Đại hội XIV của Đảng",
                Training.Kind.UPDATE,
                # After the national conference of 7/2/2026 (a real date), whatever the load day.
                not_before(months_back(9, 24), XIV_DAY, datetime.timedelta(days=17)),
                8,
                0.9,
            ),
            (
                f"Bồi dưỡng nghiệp vụ báo cáo viên năm {months_back(8, 17).year}",
                Training.Kind.COURSE,
                months_back(8, 17),
                24,
                0.8,
            ),
            (
                "Cập nhật kiến thức: các nghị quyết của Bộ Chính trị về khoa học, công nghệ và kinh tế tư nhân",
                Training.Kind.UPDATE,
                months_back(5, 9),
                4,
                0.75,
            ),
        ]
        rows = []
        for title, kind, day, hours, share in courses:
            if day > today():  # clamped after a real date that is still ahead: not held yet
                continue
            training = Training.objects.create(
                title=title,
                kind=kind,
                org=self.root,
                starts_on=day,
                ends_on=day + datetime.timedelta(days=hours // 8),
                hours=hours,
            )
            self.counts.trainings += 1
            rows += [
                TrainingAttendance(training=training, presenter=p, attended=rng.random() < share)
                for p in corps
            ]
        TrainingAttendance.objects.bulk_create(rows)
        self._briefings(corps)

    def _briefings(self, corps: list[Presenter]) -> None:
        """The monthly "Hội nghị báo cáo viên" of the past ten months: the province's hall and a
        site in each ward, the corps invited, attendance counted as training hours."""
        admin = self.users["bantuyengiao"]
        people = sorted({p.person_id for p in corps})
        ward_sites = [
            SitePlan(
                ward,
                f"Điểm cầu Đảng ủy {ward.name.removeprefix('Đảng bộ ')}",
                f"Phòng họp trực tuyến Đảng ủy {ward.name.removeprefix('Đảng bộ ')}",
                officer=self.users.get(WARD_OFFICERS[ward.name.removeprefix("Đảng bộ phường ")]),
            )
            for ward in self.wards
        ]
        for k in range(10, 0, -1):
            day = months_back(k, 5)
            planned = self.planner.plan(
                user=admin,
                title=f"Hội nghị báo cáo viên tháng {day.month}/{day.year}",
                description=(
                    "Hội nghị báo cáo viên trực tuyến của Ban Tuyên giáo và Dân vận Tỉnh ủy, kết "
                    "nối tới điểm cầu các đảng ủy phường: thông tin thời sự, định hướng tuyên "
                    "truyền trong tháng."
                ),
                format=Format.ONLINE,
                starts_at=at(day, 14),
                ends_at=at(day, 16),
                host_org=self.root,
                sites=[
                    SitePlan(
                        self.dept,
                        "Điểm cầu Ban Tuyên giáo và Dân vận Tỉnh ủy",
                        "Hội trường Tỉnh ủy Quảng Ninh",
                        is_host=True,
                    ),
                    *ward_sites,
                ],
                rules=[],
                manual=people,
            )
            checkins, _missing = self.planner.past_attendance(
                planned, rate=(0.85, 0.8), excused_share=0.6, makeup_share=(0.0, 0.0)
            )
            present = {c.person_id for c in checkins}
            training = Training.objects.create(
                title=planned.conference.title,
                kind=Training.Kind.BRIEFING,
                org=self.root,
                starts_on=day,
                ends_on=day,
                hours=2,
                conference=planned.conference,
            )
            self.counts.trainings += 1
            TrainingAttendance.objects.bulk_create(
                TrainingAttendance(training=training, presenter=p, attended=p.person_id in present)
                for p in corps
            )

    def _sessions(self) -> None:
        """Each ward's monthly study conference of the past eleven months: a topic, presenters of
        the ward's corps, the attendance, and the audience's ratings of each presenter."""
        rng = self.rng
        feedback = []
        for w, ward in enumerate(self.wards):
            corps = self.by_ward[ward.pk]
            if len(corps) < 2:
                continue
            name = ward.name.removeprefix("Đảng bộ phường ")
            officer = self.users[WARD_OFFICERS[name]]
            host = SitePlan(
                ward,
                f"Điểm cầu Hội trường Đảng ủy phường {name}",
                f"Hội trường Đảng ủy – HĐND – UBND phường {name}",
                is_host=True,
                operators=[self.users["diemcau"]] if name == "Uông Bí" else [],
                officer=officer,
            )
            cells = sorted(
                Org.objects.filter(parent=ward, name__startswith="Chi bộ khu"), key=lambda o: o.path
            )[:4]
            for k in range(11, 0, -1):
                day = months_back(k, 8 + 7 * w)
                topic = TOPICS[(k + w) % len(TOPICS)].format(year=day.year)
                # Twice a year all the ward's Party members, at the hall and four khu; the other
                # months the key cadres and cell secretaries at the hall.
                everyone = k % 6 == 1
                speakers = rng.sample(corps, min(3, len(corps)))
                planned = self.planner.plan(
                    user=officer,
                    title=f"Hội nghị học tập, quán triệt: {topic} (phường {name}, {day:%d/%m/%Y})",
                    format=Format.HYBRID if everyone else Format.IN_PERSON,
                    starts_at=at(day, 8),
                    ends_at=at(day, 11),
                    host_org=ward,
                    presenters=[s.person for s in speakers],
                    sites=[
                        host,
                        *(
                            SitePlan(
                                cell,
                                f"Điểm cầu {cell.name}",
                                f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}, phường {name}",
                                officer=officer,
                            )
                            for cell in (cells if everyone else [])
                        ),
                    ],
                    rules=[([ward], PARTY_CATEGORIES if everyone else [Category.KEY_CADRE])],
                    agenda=[
                        AgendaPlan(
                            at(day, 8 + i),
                            at(day, 9 + i),
                            topic if i == 0 else f"Liên hệ thực tiễn phường {name}",
                            speaker.person,
                        )
                        for i, speaker in enumerate(speakers)
                    ],
                )
                self.counts.sessions += len(speakers)
                checkins, _missing = self.planner.past_attendance(
                    planned, rate=(0.9, 0.85), late_share=0.06, makeup_share=(0.5, 0.3)
                )
                # Some presenters draw far more listeners (and ratings) than others.
                listeners = [c.person_id for c in checkins]
                for person_id in rng.sample(listeners, min(len(listeners), rng.randint(12, 70))):
                    speaker = speakers[0] if rng.random() < 0.6 else rng.choice(speakers[1:])
                    feedback.append(
                        Feedback(
                            conference=planned.conference,
                            person_id=person_id,
                            presenter=speaker.person,
                            presenter_rating=_stars(rng, self.quality[speaker.pk]),
                            content_rating=_stars(rng, 0.6),
                            relevance_rating=_stars(rng, 0.5),
                            organisation_rating=_stars(rng, 0.55),
                        )
                    )
        # Past feedback in bulk: `give_feedback` stamps the present moment, one row at a time.
        Feedback.objects.bulk_create(feedback)
        self.counts.feedback = len(feedback)

    def _review_round(self) -> None:
        """Uông Bí's review of its corps for this year (the year the presenters' pages open on),
        under way: most decided as the figures suggest, a few left for the committee's meeting."""
        ward = self.wards[0]
        review_round = services.open_round(
            org=ward,
            year=self.year,
            title=f"Rà soát, đánh giá đội ngũ báo cáo viên {ward.name.removeprefix('Đảng bộ ')} năm {self.year}",
            by=self.by,
        )
        members = selectors.ranking(selectors.round_members(review_round), self.year)
        # Decided at the standing committee's meeting a few days ago (within the year).
        decided_on = max(today() - datetime.timedelta(days=3), datetime.date(self.year, 1, 1))
        for ranked in members[: max(0, len(members) - 4)]:
            decision = ranked.score.recommendation
            if decision == Decision.REPLACE:
                decision = Decision.RETRAIN
            services.decide(
                review_round,
                ranked.presenter,
                decision=decision,
                note=ranked.score.reason[:300] if decision == Decision.RETRAIN else "",
                by=self.by,
                on=decided_on,
            )
        self.counts.rounds += 1

    def _reviews(self, corps: list[Presenter]) -> None:
        rng = self.rng
        scores = []
        for presenter in corps:
            review = Review.objects.create(
                presenter=presenter, year=self.year, by=self.by, comment=""
            )
            self.counts.reviews += 1
            base = 3 + self.quality[presenter.pk] * 2
            for criterion in self.criteria:
                scores.append(
                    ReviewScore(
                        review=review,
                        criterion=criterion,
                        score=max(1, min(5, round(base + rng.uniform(-0.8, 0.6)))),
                    )
                )
        ReviewScore.objects.bulk_create(scores)


def create_presenters(
    *, rng: random.Random, users: dict[str, User], conferences: ConferenceCounts
) -> PresenterCounts:
    return _Corps(rng, users, conferences).run()
