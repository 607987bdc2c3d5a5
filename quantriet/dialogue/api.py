"""Dialogue API: questions from every site, votes, moderation and answers.

Scoped like the pages: a conference or question outside the caller's view is a 404; a visible
question the caller may not moderate or answer is a 403. Texts are plain text: clients insert
them as text, never as HTML.
"""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from quantriet.api.common import ERRORS, ErrorOut, ListOut, PageParams, paginate, whole_list
from quantriet.api.errors import django_errors, error_body
from quantriet.conferences.models import Conference
from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.models import Question
from quantriet.orgs.models import Person

router = Router(tags=["dialogue"])


class AnswerOut(Schema):
    presenter: str
    text: str
    live: bool
    created_at: str


class QuestionOut(Schema):
    id: int
    text: str
    status: str
    votes: int
    site: str | None
    site_id: int | None
    addressed_to: str | None
    addressed_to_id: int | None
    anonymous: bool
    asker: str
    created_at: str
    answers: list[AnswerOut]
    merged_into: int | None
    reject_reason: str


class QuestionPage(Schema):
    count: int
    items: list[QuestionOut]


class QuestionFilter(PageParams):
    status: Question.Status | None = None
    order: Literal["votes", "time"] = "votes"


class QuestionIn(Schema):
    text: str
    anonymous: bool = False
    site: int | None = None
    addressed_to: int | None = None


class QuestionPatch(Schema):
    status: Question.Status | None = None
    merged_into: int | None = None
    reason: str | None = None  # required for a rejection, ≤ 255: `services.reject` says so
    addressed_to: int | None = None


class AnswerIn(Schema):
    text: str = ""
    live: bool = True
    presenter: int | None = None


class VoteOut(Schema):
    id: int
    votes: int
    voted: bool


class StatsOut(Schema):
    asked: int
    pending: int
    approved: int
    answering: int
    answered: int
    merged: int
    rejected: int


class SimilarOut(Schema):
    score: float
    question: QuestionOut


class LogOut(Schema):
    question: int
    action: str
    reason: str
    detail: dict[str, Any]
    actor: str | None
    at: str


# --- helpers ---------------------------------------------------------------------------------


def _payload(user: User, question: Question, conference: Conference) -> dict[str, Any]:
    return services.question_payload(question, selectors.audience_for(user, conference))


def _presenter(conference: Conference, pk: int, field: str) -> Person:
    person = conference.presenters.filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: _("Không tìm thấy báo cáo viên của hội nghị.")})
    return person


def _after(user: User, question: Question, conference: Conference) -> dict[str, Any]:
    """The question as it now stands, for the one who just acted on it."""
    return _payload(user, selectors.question_detail(question.pk), conference)


_DECISIONS: dict[str, access.Decision] = {
    Question.Status.APPROVED: "approve",
    Question.Status.REJECTED: "reject",
    Question.Status.PENDING: "pending",
    Question.Status.ANSWERING: "answering",
    Question.Status.ANSWERED: "answered",
    Question.Status.MERGED: "merge",
}


# --- questions ---------------------------------------------------------------------------------


@router.get(
    "/conferences/{conference_id}/questions",
    response={200: QuestionPage, 400: ErrorOut, 404: ErrorOut},
)
def list_questions(
    request: HttpRequest, conference_id: int, filters: Query[QuestionFilter]
) -> dict[str, Any]:
    """Visible questions, most votes first (`?order=time`: newest first); filter `status`."""
    user: User = request.user  # type: ignore[assignment]
    conference = access.get_live_conference(user, conference_id)
    queryset = selectors.questions_for(user, conference, status=filters.status, order=filters.order)
    audience = selectors.audience_for(user, conference)
    page = paginate(queryset, filters)
    page["items"] = [services.question_payload(q, audience) for q in page["items"]]
    return page


@router.post(
    "/conferences/{conference_id}/questions",
    response={201: QuestionOut, 429: ErrorOut, **ERRORS},
)
def ask_question(request: HttpRequest, conference_id: int, payload: QuestionIn) -> Status:
    """Ask, named or anonymous; over-long → 400, over the per-person rate → 429 (not stored)."""
    user: User = request.user  # type: ignore[assignment]
    conference = access.get_live_conference(user, conference_id)
    site = None
    if payload.site is not None:
        site = conference.sites.filter(pk=payload.site).first()
        if site is None:
            raise ValidationError({"site": _("Điểm cầu không thuộc hội nghị này.")})
    addressed_to = None
    if payload.addressed_to is not None:
        addressed_to = _presenter(conference, payload.addressed_to, "addressed_to")
    try:
        question = services.ask_question(
            conference=conference,
            by=user,
            text=payload.text,
            anonymous=payload.anonymous,
            site=site,
            addressed_to=addressed_to,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "rate_limited":
            return Status(429, error_body(exc.messages[0], django_errors(exc)))
        raise
    return Status(201, _after(user, question, conference))


@router.get("/conferences/{conference_id}/questions/stats", response={200: StatsOut, 404: ErrorOut})
def question_stats(request: HttpRequest, conference_id: int) -> dict[str, int]:
    """How many questions were asked, answered, merged and rejected: open to every attendee."""
    conference = access.get_live_conference(request.user, conference_id)
    return selectors.counts(conference)


@router.get(
    "/conferences/{conference_id}/questions/log",
    response={200: ListOut[LogOut], 403: ErrorOut, 404: ErrorOut},
)
def moderation_log(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    """Every moderation decision, newest first (moderators and managers)."""
    conference = access.get_live_conference(request.user, conference_id)
    access.require_moderate(request.user, conference)
    return whole_list(
        [
            {
                "question": entry.question_id,
                "action": entry.action,
                "reason": entry.reason,
                "detail": entry.detail,
                "actor": entry.actor.get_username() if entry.actor else None,
                "at": entry.at.isoformat(),
            }
            for entry in selectors.moderation_log(conference)[:1000]
        ]
    )


@router.post("/questions/{question_id}/vote", response={200: VoteOut, 201: VoteOut, **ERRORS})
def vote(request: HttpRequest, question_id: int) -> Status:
    """One vote per person: 201 the first time, 200 (count unchanged) on a repeat."""
    user: User = request.user  # type: ignore[assignment]
    question = selectors.get_question(user, question_id)
    question, created = services.vote(question=question, by=user)
    return Status(
        201 if created else 200, {"id": question.pk, "votes": question.votes, "voted": True}
    )


@router.patch("/questions/{question_id}", response={200: QuestionOut, **ERRORS})
def update_question(
    request: HttpRequest, question_id: int, payload: QuestionPatch
) -> dict[str, Any]:
    """Moderators: status (approved, rejected with a reason, pending, answering, answered,
    merged with `merged_into`) and `addressed_to` (route to a presenter)."""
    user: User = request.user  # type: ignore[assignment]
    question = selectors.get_question(user, question_id)
    conference = question.conference
    status = payload.status
    if status is None and payload.merged_into is not None:
        status = Question.Status.MERGED
    # Every decision asked for is checked before any is taken, with the pages' rule.
    decisions: list[access.Decision] = [_DECISIONS[status]] if status is not None else []
    if payload.addressed_to is not None:
        decisions.append("route")
    for decision in decisions:
        access.require_decision(user, question, decision)
    with transaction.atomic():
        if status == Question.Status.APPROVED:
            services.approve(question=question, by=user)
        elif status == Question.Status.REJECTED:
            services.reject(question=question, by=user, reason=payload.reason or "")
        elif status == Question.Status.PENDING:
            services.return_to_pending(question=question, by=user)
        elif status == Question.Status.ANSWERING:
            services.mark_answering(question=question, by=user)
        elif status == Question.Status.ANSWERED:
            services.mark_answered(question=question, by=user)
        elif status == Question.Status.MERGED:
            into = None
            if payload.merged_into is not None:
                into = Question.objects.filter(
                    pk=payload.merged_into, conference=conference
                ).first()
            if into is None:
                raise ValidationError(
                    {"merged_into": _("Chọn một câu hỏi của hội nghị này để gộp vào.")}
                )
            services.merge(question=question, by=user, into=into)
        # Routing after the status change, so a rejected question can be approved and routed.
        if payload.addressed_to is not None:
            presenter = _presenter(conference, payload.addressed_to, "addressed_to")
            services.route(question=question, by=user, presenter=presenter)
    return _after(user, question, conference)


@router.post("/questions/{question_id}/answer", response={201: QuestionOut, **ERRORS})
def answer_question(request: HttpRequest, question_id: int, payload: AnswerIn) -> Status:
    """Presenters (and moderators on a presenter's behalf): a live or written answer."""
    user: User = request.user  # type: ignore[assignment]
    question = selectors.get_question(user, question_id)
    conference = question.conference
    access.require_decision(user, question, "answer")
    presenter = None
    if payload.presenter is not None:
        presenter = _presenter(conference, payload.presenter, "presenter")
    services.answer(
        question=question, by=user, text=payload.text, live=payload.live, presenter=presenter
    )
    return Status(201, _after(user, question, conference))


@router.get(
    "/questions/{question_id}/similar",
    response={200: ListOut[SimilarOut], 403: ErrorOut, 404: ErrorOut},
)
def similar_questions(request: HttpRequest, question_id: int) -> dict[str, Any]:
    """Likely duplicates of a question (accent-insensitive), for its moderators."""
    user: User = request.user  # type: ignore[assignment]
    question = selectors.get_question(user, question_id)
    if not access.can_moderate_question(user, question):
        raise PermissionDenied
    return whole_list(
        [
            {"score": score, "question": _payload(user, other, question.conference)}
            for other, score in selectors.similar_questions(question)
        ]
    )
