"""Reading the corps' figures: every presenter's year in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from quantriet.conferences.models import AgendaItem, CheckIn
from quantriet.conferences.planning import selectors as conference_selectors
from quantriet.dialogue.models import Answer, Feedback
from quantriet.orgs.models import Org
from quantriet.presenters import scoring
from quantriet.presenters.models import (
    Kind,
    Presenter,
    ReviewDecision,
    ReviewRound,
    ReviewScore,
    Standard,
    Status,
    Training,
    TrainingAttendance,
)


def _aggregate(qs: QuerySet, group: str, expression: object, output: object) -> Subquery:
    """A correlated subquery: one aggregate of `qs` per outer presenter row."""
    return Coalesce(
        Subquery(
            qs.order_by().values(group).annotate(value=expression).values("value")[:1],
            output_field=output,
        ),
        Value(0),
        output_field=output,
    )


def _trainings_attended(year: int) -> QuerySet[Training]:
    """The year's trainings the outer presenter attended — marked present, or checked in at the
    monthly briefing's conference — each once, with their total hours on every row."""
    marked = TrainingAttendance.objects.filter(
        training=OuterRef("pk"), presenter=OuterRef(OuterRef("pk")), attended=True
    )
    checked_in = CheckIn.objects.filter(
        conference=OuterRef("conference_id"), person=OuterRef(OuterRef("person_id"))
    )
    return (
        Training.objects.filter(starts_on__year=year)
        .filter(Exists(marked) | Exists(checked_in))
        .annotate(total=Window(Sum("hours")))
        .order_by()
    )


def with_figures(presenters: QuerySet[Presenter], year: int) -> QuerySet[Presenter]:
    """Annotate each presenter with the year's raw figures (one query in all)."""
    feedback = Feedback.objects.filter(
        presenter_id=OuterRef("person_id"), conference__starts_at__year=year
    )
    reviews = ReviewScore.objects.filter(review__presenter_id=OuterRef("pk"), review__year=year)
    return presenters.annotate(
        f_ratings=_aggregate(feedback, "presenter_id", Count("pk"), IntegerField()),
        f_rating_sum=_aggregate(feedback, "presenter_id", Sum("presenter_rating"), IntegerField()),
        f_review_weighted=_aggregate(
            reviews, "review__presenter_id", Sum(F("score") * F("criterion__weight")), FloatField()
        ),
        f_review_weight=_aggregate(
            reviews, "review__presenter_id", Sum("criterion__weight"), IntegerField()
        ),
        f_sessions=_aggregate(
            AgendaItem.objects.filter(presenter_id=OuterRef("person_id"), starts_at__year=year),
            "presenter_id",
            Count("pk"),
            IntegerField(),
        ),
        f_answers=_aggregate(
            Answer.objects.filter(presenter_id=OuterRef("person_id"), created_at__year=year),
            "presenter_id",
            Count("pk"),
            IntegerField(),
        ),
        f_training_hours=Coalesce(
            Subquery(_trainings_attended(year).values("total")[:1], output_field=IntegerField()),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def figures_of(presenter: Presenter) -> scoring.Figures:
    weight = presenter.f_review_weight  # type: ignore[attr-defined]
    return scoring.Figures(
        ratings=presenter.f_ratings,  # type: ignore[attr-defined]
        rating_sum=float(presenter.f_rating_sum),  # type: ignore[attr-defined]
        review=(presenter.f_review_weighted / weight) if weight else None,  # type: ignore[attr-defined]
        sessions=presenter.f_sessions,  # type: ignore[attr-defined]
        answers=presenter.f_answers,  # type: ignore[attr-defined]
        training_hours=presenter.f_training_hours,  # type: ignore[attr-defined]
        theory_level=presenter.theory_level,
    )


class Standards:
    """The standard that applies to each managing organisation: its own or its nearest
    ancestor's, else the defaults. All standards are read once."""

    def __init__(self) -> None:
        self._by_path = {s.org.path: s for s in Standard.objects.select_related("org")}
        self._default = Standard()

    def for_org(self, org: Org) -> Standard:
        path = org.path
        best = None
        for p, standard in self._by_path.items():
            if path.startswith(p) and (best is None or len(p) > len(best[0])):
                best = (p, standard)
        return best[1] if best else self._default


@dataclass
class Ranked:
    presenter: Presenter
    score: scoring.Score
    figures: scoring.Figures
    rank: int = 0


def ranking(
    presenters: QuerySet[Presenter], year: int, *, active_only: bool = True
) -> list[Ranked]:
    """Active presenters by effectiveness score, best first: 2 queries whatever their number."""
    standards = Standards()
    if active_only:
        presenters = presenters.filter(status=Status.ACTIVE)
    rows = with_figures(presenters.select_related("person", "tier", "org"), year)
    ranked = []
    for presenter in rows:
        figures = figures_of(presenter)
        ranked.append(
            Ranked(
                presenter,
                scoring.score(figures, standards.for_org(presenter.org)),
                figures,
            )
        )
    ranked.sort(key=lambda r: (-r.score.total, r.presenter.person.search_name))
    for i, r in enumerate(ranked, start=1):
        r.rank = i
    return ranked


def evaluation(presenter: Presenter, year: int) -> Ranked:
    """One presenter's score for the year (their page, their own view)."""
    row = with_figures(Presenter.objects.filter(pk=presenter.pk), year).get()
    figures = figures_of(row)
    return Ranked(
        presenter,
        scoring.score(figures, Standards().for_org(presenter.org)),
        figures,
    )


def round_members(review_round: ReviewRound) -> QuerySet[Presenter]:
    """Who a review round covers: the committee's active presenters, and those it decided on
    (a replaced presenter stays on the round's list)."""
    return (
        Presenter.objects.filter(org__path__startswith=review_round.org.path, kind=Kind.PRESENTER)
        .filter(Q(status=Status.ACTIVE) | Q(decisions__round=review_round))
        .distinct()
    )


def round_rows(review_round: ReviewRound) -> list[tuple[Ranked, ReviewDecision | None]]:
    """The round's presenters by score, each with the decision taken on them (if any)."""
    ranked = ranking(round_members(review_round), review_round.year, active_only=False)
    decisions = {
        d.presenter_id: d for d in review_round.decisions.select_related("replacement__person")
    }
    return [(r, decisions.get(r.presenter.pk)) for r in ranked]


def undecided(review_round: ReviewRound) -> int:
    """How many of the round's presenters still have no decision (one COUNT)."""
    return round_members(review_round).exclude(decisions__round=review_round).count()


@dataclass
class Candidate:
    presenter: Presenter
    fit: float
    shared_fields: list[str]
    score: float


def replacement_candidates(leaving: Presenter, review_round: ReviewRound) -> list[Candidate]:
    """Candidates of the committee who meet the standard's theory level, ranked by fit: shared
    fields of expertise first, then political-theory level, then their effectiveness score."""
    standard = Standards().for_org(review_round.org)
    pool = with_figures(
        Presenter.objects.filter(
            org__path__startswith=review_round.org.path,
            status=Status.CANDIDATE,
            theory_level__gte=standard.min_theory_level,
        )
        .exclude(pk=leaving.pk)
        .select_related("person", "org")
        .prefetch_related("fields"),
        review_round.year,
    )
    wanted = {f.name for f in leaving.fields.all()}
    out = []
    for presenter in pool:
        shared = sorted(wanted & {f.name for f in presenter.fields.all()})
        total = scoring.score(figures_of(presenter), standard).total
        fit = len(shared) * 20 + presenter.theory_level * 10 + total / 5
        out.append(Candidate(presenter, round(fit, 1), shared, total))
    out.sort(key=lambda c: (-c.fit, c.presenter.person.search_name))
    return out


@dataclass
class Workload:
    presenter: Presenter
    months: list[int]  # sessions per month, January first
    total: int
    clashes: list[tuple[AgendaItem, AgendaItem]]


def workload(presenters: QuerySet[Presenter], year: int) -> list[Workload]:
    """Sessions per presenter per month and double bookings: 2 queries for the whole corps."""
    corps = list(presenters.select_related("person").order_by("person__search_name"))
    by_person = {p.person_id: p for p in corps}
    items = list(
        AgendaItem.objects.filter(presenter_id__in=by_person, starts_at__year=year)
        .select_related("conference")
        .order_by("starts_at")
    )
    months: dict[int, list[int]] = {pid: [0] * 12 for pid in by_person}
    for item in items:
        months[item.presenter_id][timezone.localtime(item.starts_at).month - 1] += 1  # type: ignore[index]
    clashes: dict[int, list[tuple[AgendaItem, AgendaItem]]] = {}
    for first, second in conference_selectors.overlapping(items):
        clashes.setdefault(first.presenter_id, []).append((first, second))  # type: ignore[arg-type]
    return [
        Workload(p, months[p.person_id], sum(months[p.person_id]), clashes.get(p.person_id, []))
        for p in corps
    ]
