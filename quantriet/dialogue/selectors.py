"""Reads for the dialogue: who sees which questions, likely duplicates, counts, the log."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from quantriet.conferences.models import Conference
from quantriet.core.text import fold
from quantriet.dialogue import access
from quantriet.dialogue.models import Answer, ModerationLog, Question
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Person

# What the audience (anyone who may follow the conference) sees.
PUBLIC_STATUSES = (
    Question.Status.APPROVED,
    Question.Status.ANSWERING,
    Question.Status.ANSWERED,
)
# What a duplicate may be merged into.
ACTIVE_STATUSES = (
    Question.Status.PENDING,
    Question.Status.APPROVED,
    Question.Status.ANSWERING,
    Question.Status.ANSWERED,
)
SIMILARITY_THRESHOLD = 0.5
ORDERINGS = {
    "votes": ("-votes", "created_at", "id"),
    "time": ("-created_at", "-id"),  # newest first
}

_WORD = re.compile(r"\w+")


def asker_key(conference_id: int, person_id: int) -> str:
    """Who asked, without naming them: rate limits and "my questions" work even when askers
    are hidden from everyone."""
    message = f"{conference_id}:{person_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _with_related(queryset: QuerySet[Question]) -> QuerySet[Question]:
    return queryset.select_related("site", "addressed_to", "asked_by").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("presenter"))
    )


def visible_questions(user: User | AnonymousUser, conference: Conference) -> QuerySet[Question]:
    """The questions of a conference the user may see (the conference itself being visible).

    Central moderators see every status; everyone else the approved, being answered and
    answered ones, plus their own questions in any status (so a rejection is never silent) and,
    for a site operator, the pending questions of their sites.
    """
    queryset = Question.objects.filter(conference=conference)
    if access.can_moderate(user, conference):
        return queryset
    q = Q(status__in=PUBLIC_STATUSES)
    person_id = scope_for(user).person_id
    if person_id is not None:
        q |= Q(asker_key=asker_key(conference.pk, person_id))
    sites = access.operated_site_ids(user, conference)
    if sites:
        q |= Q(status=Question.Status.PENDING, site_id__in=sites)
    return queryset.filter(q)


def questions_for(
    user: User | AnonymousUser,
    conference: Conference,
    *,
    status: str | None = None,
    statuses: Sequence[str] | None = None,
    order: Literal["votes", "time"] | str = "votes",
) -> QuerySet[Question]:
    """Visible questions, by votes (most first) or by time (newest first); a fixed query count."""
    queryset = visible_questions(user, conference)
    if status:
        queryset = queryset.filter(status=status)
    if statuses is not None:
        queryset = queryset.filter(status__in=statuses)
    return _with_related(queryset).order_by(*ORDERINGS.get(order, ORDERINGS["votes"]))


def moderation_queue(
    conference: Conference, rights: access.ModerationRights, *, pk: int | None = None
) -> list[Question]:
    """The pending questions these rights cover (all, or the operated sites'), newest first, with
    what their cards show: two queries however many there are. `pk`: that one question only."""
    queryset = Question.objects.filter(conference=conference, status=Question.Status.PENDING)
    if not rights.central:
        queryset = queryset.filter(site_id__in=rights.site_ids)
    if pk is not None:
        queryset = queryset.filter(pk=pk)
    questions = list(_with_related(queryset).order_by(*ORDERINGS["time"]))
    for question in questions:
        question.conference = conference
    return questions


def merge_targets(conference: Conference) -> QuerySet[Question]:
    """The questions a duplicate may be merged into, most supported first (for the selects)."""
    return (
        Question.objects.filter(conference=conference, status__in=ACTIVE_STATUSES)
        .only("id", "text", "votes", "status", "conference_id")
        .order_by("-votes", "created_at", "id")
    )


def presenters_of(conference: Conference) -> QuerySet[Person]:
    return conference.presenters.order_by("search_name", "id")


def get_question(user: User | AnonymousUser, pk: object) -> Question:
    """A question the user may see (Http404 otherwise: never reveal it exists)."""
    try:
        conference_id = Question.objects.filter(pk=int(pk)).values_list(  # type: ignore[arg-type]
            "conference_id", flat=True
        )[0]
    except (IndexError, ValueError, TypeError):
        raise Http404 from None
    conference = access.get_live_conference(user, conference_id)
    question = (
        _with_related(visible_questions(user, conference)).filter(pk=int(pk)).first()  # type: ignore[arg-type]
    )
    if question is None:
        raise Http404
    question.conference = conference
    return question


def question_detail(pk: int) -> Question:
    """One question with what its payload needs (no visibility check: the caller has one)."""
    return _with_related(Question.objects.filter(pk=pk)).get()


def audience_for(user: User | AnonymousUser, conference: Conference) -> str:
    """Which payload the user gets: "moderators" (may know anonymous askers) or "public"."""
    return access.audience_of(access.can_moderate(user, conference))


# --- likely duplicates ---------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def similarity(a: str, b: str) -> float:
    """0..1, accent- and case-insensitive: the better of word-set overlap (Jaccard) and
    character sequence similarity of the folded texts."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    jaccard = len(words_a & words_b) / len(words_a | words_b)
    if jaccard >= SIMILARITY_THRESHOLD:
        return jaccard
    folded_a = " ".join(_WORD.findall(fold(a)))
    folded_b = " ".join(_WORD.findall(fold(b)))
    matcher = SequenceMatcher(None, folded_a, folded_b, autojunk=False)
    if matcher.quick_ratio() < SIMILARITY_THRESHOLD:  # cheap upper bound first
        return jaccard
    return max(jaccard, matcher.ratio())


def similar_by_question(
    questions: Sequence[Question], limit: int = 5
) -> dict[int, list[tuple[Question, float]]]:
    """For each question, the other questions of its conference that resemble it, best first,
    score ≥ 0.5.

    Scored in Python over (id, search_text) of the conferences' questions, read in one query
    for all of `questions`; the best few of every question are then fetched whole together:
    a fixed query count for a page of cards.
    """
    if not questions:
        return {}
    rows = list(
        Question.objects.filter(conference_id__in={q.conference_id for q in questions})
        .exclude(status=Question.Status.MERGED)
        .values_list("id", "conference_id", "search_text")
    )
    best: dict[int, list[tuple[float, int]]] = {}
    for question in questions:
        text = question.search_text or fold(question.text)
        scored = []
        for pk, conference_id, other in rows:
            if pk == question.pk or conference_id != question.conference_id:
                continue
            score = similarity(text, other)
            if score >= SIMILARITY_THRESHOLD:
                scored.append((score, pk))
        scored.sort(key=lambda item: (-item[0], item[1]))
        best[question.pk] = scored[:limit]
    wanted = {pk for found in best.values() for _score, pk in found}
    fetched = _with_related(Question.objects.filter(pk__in=wanted)).in_bulk() if wanted else {}
    return {
        question_pk: [(fetched[pk], round(score, 3)) for score, pk in found if pk in fetched]
        for question_pk, found in best.items()
    }


def similar_questions(question: Question, limit: int = 5) -> list[tuple[Question, float]]:
    """The conference's other questions that resemble this one, best first, score ≥ 0.5."""
    return similar_by_question([question], limit)[question.pk]


# --- counts and log ----------------------------------------------------------------------


def counts(conference: Conference) -> dict[str, int]:
    """How many questions were asked, and where they stand: one aggregate query."""
    statuses = Question.Status
    result = Question.objects.filter(conference=conference).aggregate(
        asked=Count("id"),
        pending=Count("id", filter=Q(status=statuses.PENDING)),
        approved=Count("id", filter=Q(status=statuses.APPROVED)),
        answering=Count("id", filter=Q(status=statuses.ANSWERING)),
        answered=Count("id", filter=Q(status=statuses.ANSWERED)),
        merged=Count("id", filter=Q(status=statuses.MERGED)),
        rejected=Count("id", filter=Q(status=statuses.REJECTED)),
    )
    return {key: value or 0 for key, value in result.items()}


def moderation_log(conference: Conference) -> QuerySet[ModerationLog]:
    """Every moderation decision of the conference, newest first (for managers and moderators)."""
    return (
        ModerationLog.objects.filter(question__conference=conference)
        .select_related("actor", "question")
        .order_by("-at", "-id")
    )
