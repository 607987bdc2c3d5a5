"""Demo dialogue for the XIV Congress conference (7/2/2026): questions from the sites, votes,
moderation, answers by the conference's presenters, a closed poll and the attendees' feedback.

Rows are written with the models and `bulk_create`, not with the dialogue services: those emit
live events and stamp the present moment, and this conference is long over (the conference in
progress, `live_data`, goes through the services). Timestamps are set afterwards with `bulk_update`
(the models stamp `auto_now_add` fields on insert), so the history reads as it happened that
morning. Every choice comes from the loader's seeded generator. The questions, answers, poll and
comments are in `dialogue_data`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from quantriet.conferences.models import CheckIn, Conference
from quantriet.core.text import fold
from quantriet.demo.dialogue_data import (
    COMMENTS,
    DAY,
    FEEDBACK,
    POLL_OPTIONS,
    POLL_QUESTION,
    POLL_VOTES,
    QUESTIONS,
    QuestionSpec,
)
from quantriet.demo.orgs_data import COAL_GROUP_NAME, POWER_PLANT
from quantriet.dialogue.models import (
    Answer,
    Feedback,
    ModerationLog,
    Poll,
    PollOption,
    PollVote,
    Question,
    Settings,
    Vote,
)
from quantriet.dialogue.selectors import asker_key
from quantriet.orgs.models import Org, Person

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH_SIZE = 1000
Status = Question.Status


@dataclass
class DialogueCounts:
    """What was made, for the command's summary."""

    questions: int = 0
    answers: int = 0
    votes: int = 0
    poll_votes: int = 0
    feedback: int = 0


def _at(hour: int, minute: int, second: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


def _after(moment: datetime.datetime, rng: random.Random, low: int, high: int) -> datetime.datetime:
    """A moment `low` to `high` minutes later, to the second."""
    return moment + datetime.timedelta(seconds=rng.randint(low * 60, high * 60))


@dataclass
class _Attendee:
    pk: int
    site_id: int
    where: str


@dataclass
class _Plan:
    question: Question
    spec: QuestionSpec
    asked_at: datetime.datetime
    approved_at: datetime.datetime | None = None
    voters: list[_Attendee] = field(default_factory=list)
    moved: int = 0  # votes carried to the question it was merged into


def _create_dated(model: type, rows: list, moments: list[datetime.datetime], name: str) -> None:
    """`bulk_create`, then give the rows their own moments (insert stamps them with now)."""
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for row, moment in zip(rows, moments, strict=True):
        setattr(row, name, moment)
    model.objects.bulk_update(rows, [name], batch_size=BATCH_SIZE)


def create_dialogue(
    *, rng: random.Random, conference: Conference, users: dict[str, User]
) -> DialogueCounts:
    """The dialogue of the (past) XIV Congress conference, from its check-ins and presenters."""
    moderator = users.get("bantuyengiao")
    settings = Settings.objects.create(
        conference=conference,
        moderation=Settings.Moderation.APPROVAL,
        anonymity=Settings.Anonymity.MODERATORS,
    )
    if moderator is not None:
        settings.moderators.set([moderator])
    presenters: dict[str, Person] = {}
    for key, username in (("bcv", "baocaovien"), ("pgd", "bantuyengiao")):
        person = conference.presenters.filter(user__username=username).first()
        if person is not None:
            presenters[key] = person
    attendees = _attendees(conference)
    counts = DialogueCounts()
    if len(attendees) < len(QUESTIONS) or len(presenters) < 2:
        return counts
    plans = _questions(rng, conference, attendees)
    _votes(rng, plans, attendees, counts)
    _moderation_and_answers(rng, plans, presenters, moderator, counts)
    _poll(rng, conference, attendees, moderator, counts)
    _feedback(rng, conference, attendees, presenters, counts)
    counts.questions = len(plans)
    return counts


def _attendees(conference: Conference) -> list[_Attendee]:
    """Checked-in people without a demo account (those stay free to try the dialogue)."""
    group_paths = {
        "coal": Org.objects.get(name=COAL_GROUP_NAME).path,
        "power": Org.objects.get(name=POWER_PLANT.name).path,
    }
    rows = (
        CheckIn.objects.filter(conference=conference, person__user=None)
        .order_by("pk")
        .values_list("person_id", "site_id", "site__org__path", "site__org__name")
    )
    attendees = []
    for person_id, site_id, path, name in rows:
        where = next((k for k, p in group_paths.items() if path.startswith(p)), None)
        if where is None:
            where = "ward" if "phường" in name or "khu" in name else "province"
        attendees.append(_Attendee(person_id, site_id, where))
    return attendees


def _questions(
    rng: random.Random, conference: Conference, attendees: list[_Attendee]
) -> list[_Plan]:
    taken: set[int] = set()
    plans = []
    for spec in QUESTIONS:
        free = [a for a in attendees if a.pk not in taken]
        fitting = [a for a in free if spec.where in ("any", a.where)]
        asker = rng.choice(fitting or free)
        taken.add(asker.pk)
        question = Question(
            conference=conference,
            site_id=asker.site_id,
            asked_by_id=asker.pk,
            asker_key=asker_key(conference.pk, asker.pk),
            anonymous=spec.anonymous,
            text=spec.text,
            search_text=fold(spec.text),
            status=spec.status,
            reject_reason=spec.reason,
        )
        plans.append(_Plan(question, spec, asked_at=_at(*spec.asked, rng.randint(0, 59))))
    Question.objects.bulk_create([p.question for p in plans])
    for plan in plans:
        plan.question.created_at = plan.asked_at
        if plan.spec.merge_into is not None:
            plan.question.merged_into = plans[plan.spec.merge_into].question
    return plans


def _votes(
    rng: random.Random, plans: list[_Plan], attendees: list[_Attendee], counts: DialogueCounts
) -> None:
    """Votes scale with the attendance (the figures are for about 5 000 present)."""
    scale = min(1.0, len(attendees) / 5000)
    vote_rows: list[Vote] = []
    moments: list[datetime.datetime] = []
    for plan in plans:
        spec = plan.spec
        if spec.status in (Status.PENDING, Status.REJECTED):
            continue
        plan.approved_at = _after(plan.asked_at, rng, 2, 8)
        wanted = round(spec.votes * scale * rng.uniform(0.9, 1.1))
        wanted = max(wanted, 1) if spec.votes else 0
        pool = [a for a in attendees if a.pk != plan.question.asked_by_id]
        plan.voters = rng.sample(pool, min(wanted, len(pool)))
    # A duplicate's voters move to the question it joins unless they voted for that one too.
    for plan in plans:
        if plan.spec.merge_into is None:
            continue
        into = plans[plan.spec.merge_into]
        already = {a.pk for a in into.voters} | {into.question.asked_by_id}
        moved = [a for a in plan.voters if a.pk not in already]
        plan.moved = len(moved)
        into.voters += moved
        plan.voters = [a for a in plan.voters if a.pk in already]
    for plan in plans:
        plan.question.votes = len(plan.voters)
        start = plan.approved_at or plan.asked_at
        # A duplicate is merged 10 to 25 minutes after approval: its votes came before that.
        window = 10 if plan.spec.merge_into is not None else 40
        for attendee in plan.voters:
            vote_rows.append(Vote(question=plan.question, person_id=attendee.pk))
            moments.append(_after(start, rng, 0, window))
    _create_dated(Vote, vote_rows, moments, "created_at")
    counts.votes = len(vote_rows)


def _moderation_and_answers(
    rng: random.Random,
    plans: list[_Plan],
    presenters: dict[str, Person],
    moderator: User | None,
    counts: DialogueCounts,
) -> None:
    logs: list[tuple[datetime.datetime, ModerationLog]] = []
    answers: list[tuple[_Plan, Answer, datetime.datetime, str]] = []
    live_at = {"bcv": _at(10, 20), "pgd": _at(11, 5)}

    def log(plan: _Plan, action: str, at: datetime.datetime, **fields: object) -> None:
        logs.append(
            (at, ModerationLog(question=plan.question, actor=moderator, action=action, **fields))
        )

    for plan in plans:
        question, spec = plan.question, plan.spec
        question.updated_at = plan.asked_at
        if spec.status == Status.PENDING:
            continue
        if spec.status == Status.REJECTED:
            question.updated_at = _after(plan.asked_at, rng, 3, 10)
            log(plan, "reject", question.updated_at, reason=spec.reason, detail={"from": "pending"})
            continue
        approved_at = plan.approved_at or plan.asked_at  # set for every approved question
        log(plan, "approve", approved_at, detail={"from": "pending"})
        question.updated_at = approved_at
        if spec.status == Status.MERGED:
            into = question.merged_into
            question.updated_at = _after(approved_at, rng, 10, 25)
            detail = {
                "into": into.pk if into else None,
                "from": "approved",
                "votes_moved": plan.moved,
            }
            log(plan, "merge", question.updated_at, detail=detail)
        elif spec.status == Status.ANSWERED:
            presenter = presenters[spec.by]
            if spec.addressed:
                question.addressed_to = presenter
            if spec.live:
                started = live_at[spec.by]
                live_at[spec.by] = _after(started, rng, 4, 7)
                log(plan, "answering", started, detail={"from": "approved"})
                at = _after(started, rng, 3, 5)
                previous = "answering"
            else:
                day = DAY + datetime.timedelta(days=rng.choice((2, 3, 4, 5, 6)))
                at = _at(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59), day=day)
                previous = "approved"
            answer = Answer(
                question=question, presenter=presenter, text=spec.answer, live=spec.live
            )
            answers.append((plan, answer, at, previous))
            question.updated_at = at
    _create_dated(Answer, [a[1] for a in answers], [a[2] for a in answers], "created_at")
    for plan, answer, at, previous in answers:
        detail = {
            "from": previous,
            "answer": answer.pk,
            "presenter": answer.presenter_id,
            "live": answer.live,
        }
        log(plan, "answered", at, detail=detail)
    questions = [p.question for p in plans]
    Question.objects.bulk_update(
        questions,
        ["merged_into", "votes", "addressed_to", "created_at", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    logs.sort(key=lambda entry: entry[0])
    _create_dated(ModerationLog, [e for _at, e in logs], [at for at, _e in logs], "at")
    counts.answers = len(answers)


def _poll(
    rng: random.Random,
    conference: Conference,
    attendees: list[_Attendee],
    moderator: User | None,
    counts: DialogueCounts,
) -> None:
    """Opened by the moderator after the second topic and closed before the last item."""
    poll = Poll.objects.create(
        conference=conference,
        question=POLL_QUESTION,
        kind=Poll.Kind.SINGLE,
        status=Poll.Status.CLOSED,
        created_by=moderator,
    )
    Poll.objects.filter(pk=poll.pk).update(created_at=_at(10, 2))
    options = PollOption.objects.bulk_create(
        PollOption(poll=poll, text=text, position=i) for i, (text, _w) in enumerate(POLL_OPTIONS)
    )
    weights = [w for _t, w in POLL_OPTIONS]
    voters = rng.sample(attendees, min(POLL_VOTES, len(attendees) * 2 // 3))
    rows = [
        PollVote(
            poll=poll,
            option=rng.choices(options, weights=weights)[0],
            person_id=a.pk,
            site_id=a.site_id,
        )
        for a in voters
    ]
    PollVote.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    counts.poll_votes = len(rows)


def _rating(rng: random.Random, mean_high: float) -> int:
    if rng.random() < 0.13:
        return 3
    return 5 if rng.random() < mean_high else 4


def _feedback(
    rng: random.Random,
    conference: Conference,
    attendees: list[_Attendee],
    presenters: dict[str, Person],
    counts: DialogueCounts,
) -> None:
    """After the conference: most the same day, the rest over the following week."""
    people = rng.sample(attendees, min(FEEDBACK, len(attendees) * 3 // 4))
    rows = []
    moments = []
    for attendee in people:
        key = "bcv" if rng.random() < 0.62 else "pgd"
        row = Feedback(
            conference=conference,
            person_id=attendee.pk,
            presenter=presenters[key],
            presenter_rating=_rating(rng, 0.62 if key == "bcv" else 0.55),
            content_rating=_rating(rng, 0.58),
            relevance_rating=_rating(rng, 0.45),
            organisation_rating=_rating(rng, 0.5),
            comment=rng.choice(COMMENTS) if rng.random() < 0.12 else "",
        )
        if rng.random() < 0.7:
            moments.append(_after(_at(11, 30), rng, 0, 150))
        else:
            day = DAY + datetime.timedelta(days=rng.randint(1, 6))
            moments.append(_at(rng.randint(7, 21), rng.randint(0, 59), day=day))
        rows.append(row)
    _create_dated(Feedback, rows, moments, "created_at")
    counts.feedback = len(rows)
