"""The demo corps: about 60 presenters of the three wards and the province, 300 grassroots
propagandists, and their year — training and knowledge updates, the monthly "Hội nghị báo cáo
viên" (a conference of the past ten months), the wards' monthly study conferences of the past
eleven months with their attendance and the audience's ratings, and the department's review
against its criteria. Seeded, so every load makes the same choices. The monthly conferences are
planned by `briefings` and `ward_conferences`; titles, texts and figures are in `presenters_data`.

Tiers follow Quyết định 973-QĐ/BTGTW (15/12/2021); its district tier became the commune/ward tier
after 2025 (this system's adaptation). Decision numbers of the ward committees are examples.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import User

from quantriet.demo.briefings import hold_briefings
from quantriet.demo.conferences_data import XIV_DAY
from quantriet.demo.dates import months_back, not_before, review_year, today
from quantriet.demo.orgs_data import DEPARTMENT_NAME, ROOT_NAME, WARD_NAMES
from quantriet.demo.planner import ConferenceCounts, Planner
from quantriet.demo.presenters_data import (
    COURSE_TITLE,
    EDUCATION,
    PRESENTERS_PER_WARD,
    PROPAGANDISTS_PER_WARD,
    RECOGNISED_ON,
    RECOGNISED_REASON,
    REPLACED_REASON,
    RESOLUTIONS_UPDATE_TITLE,
    REVIEW_TITLE,
    SUSPENDED_REASON,
    TERM_END,
    XIV_UPDATE_TITLE,
)
from quantriet.demo.ward_conferences import hold_ward_conferences
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


@dataclass
class PresenterCounts:
    presenters: int = 0
    propagandists: int = 0
    trainings: int = 0
    sessions: int = 0
    feedback: int = 0
    reviews: int = 0
    rounds: int = 0


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
            education=rng.choice(EDUCATION),
            decision_number=number,
            decision_date=recognised_on,
            term_start=recognised_on,
            term_end=TERM_END,
            status=Status.ACTIVE,
        )
        presenter.fields.set(rng.sample(self.fields, rng.choice((1, 2, 2, 3))))
        StatusChange.objects.create(
            presenter=presenter,
            from_status=Status.CANDIDATE,
            to_status=Status.ACTIVE,
            reason=RECOGNISED_REASON.format(number=number),
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
        sessions, feedback = hold_ward_conferences(
            rng=self.rng,
            planner=self.planner,
            users=self.users,
            wards=self.wards,
            by_ward=self.by_ward,
            quality=self.quality,
        )
        self.counts.sessions += sessions
        self.counts.feedback = feedback
        self._reviews(everyone)
        self._review_round()
        return self.counts

    def _life_cycle(self, ward: Org, corps: list[Presenter], spare: list[Person]) -> None:
        """One suspended, one replaced by a newly recognised presenter, one candidate waiting."""
        if len(corps) < 4:  # a tiny demo (tests): nobody to spare
            return
        suspended, leaving = corps[-1], corps[-2]
        self._change(suspended, Status.SUSPENDED, SUSPENDED_REASON, months_back(7, 4))
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
                REPLACED_REASON,
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
                XIV_UPDATE_TITLE,
                Training.Kind.UPDATE,
                # After the national conference of 7/2/2026 (a real date), whatever the load day.
                not_before(months_back(9, 24), XIV_DAY, datetime.timedelta(days=17)),
                8,
                0.9,
            ),
            (
                COURSE_TITLE.format(year=months_back(8, 17).year),
                Training.Kind.COURSE,
                months_back(8, 17),
                24,
                0.8,
            ),
            (
                RESOLUTIONS_UPDATE_TITLE,
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
        self.counts.trainings += hold_briefings(
            planner=self.planner,
            users=self.users,
            root=self.root,
            dept=self.dept,
            wards=self.wards,
            corps=corps,
        )

    def _review_round(self) -> None:
        """Uông Bí's review of its corps for this year (the year the presenters' pages open on),
        under way: most decided as the figures suggest, a few left for the committee's meeting."""
        ward = self.wards[0]
        review_round = services.open_round(
            org=ward,
            year=self.year,
            title=REVIEW_TITLE.format(org=ward.name.removeprefix("Đảng bộ "), year=self.year),
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
