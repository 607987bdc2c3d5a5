"""Polls, feedback and published Q&A over the API.

The same services and permissions as the pages: a conference (or poll) outside the caller's
view → 404; visible but not the caller's to change → 403; invalid input → 400 with the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from quantriet.api.common import ERRORS, ErrorOut, ListOut, PageParams, paginate, whole_list
from quantriet.dialogue import access, feedback, polls, published
from quantriet.dialogue.models import Poll, Question
from quantriet.orgs.models import Person

router = Router(tags=["dialogue"])


# --- schemas -------------------------------------------------------------------------------


class PollOptionOut(Schema):
    id: int
    text: str


class OptionResultOut(Schema):
    id: int
    text: str
    count: int
    percent: int


class SiteOptionOut(Schema):
    id: int
    count: int
    percent: int


class SiteResultOut(Schema):
    id: int | None
    name: str
    respondents: int
    options: list[SiteOptionOut]


class PollResultsOut(Schema):
    poll: int
    kind: str
    status: str
    respondents: int
    votes: int
    options: list[OptionResultOut]
    sites: list[SiteResultOut]


class PollOut(Schema):
    id: int
    conference: int
    question: str
    kind: str
    status: str
    options: list[PollOptionOut]
    answered: bool
    results: PollResultsOut | None = None


class PollIn(Schema):
    question: str
    kind: str = Poll.Kind.SINGLE
    options: list[str]


class AnswerIn(Schema):
    options: list[int]


class FeedbackIn(Schema):
    """API.md's names: ratings 1–5 `presenter`, `content`, `organisation` (and `relevance`);
    `presenter_id` says which presenter when the conference has several."""

    presenter: int
    content: int
    relevance: int
    organisation: int
    comment: str = ""
    presenter_id: int | None = None


class FeedbackOut(Schema):
    id: int
    conference: int
    presenter_id: int | None
    presenter: int
    content: int
    relevance: int
    organisation: int
    comment: str
    created_at: datetime


# The service names its fields after the model; the API after API.md.
_FEEDBACK_FIELDS = {
    "presenter_rating": "presenter",
    "content_rating": "content",
    "relevance_rating": "relevance",
    "organisation_rating": "organisation",
    "presenter": "presenter_id",
}


class AveragesOut(Schema):
    presenter: int | None
    name: str
    count: int
    presenter_rating: float | None
    content_rating: float | None
    relevance_rating: float | None
    organisation_rating: float | None


class FeedbackSummaryOut(Schema):
    overall: AveragesOut
    presenters: list[AveragesOut]


class PublishedAnswerOut(Schema):
    presenter: str
    text: str
    live: bool
    created_at: datetime


class PublishedQuestionOut(Schema):
    id: int
    conference: int
    conference_title: str
    site: str
    text: str
    votes: int
    answers: list[PublishedAnswerOut]


class PublishedPage(Schema):
    count: int
    items: list[PublishedQuestionOut]


class QaParams(PageParams):
    q: str = ""


# --- helpers -------------------------------------------------------------------------------


def _poll_out(poll: Poll, results: dict[str, Any] | None, answered: set[int]) -> dict[str, Any]:
    return {
        "id": poll.pk,
        "conference": poll.conference_id,
        "question": poll.question,
        "kind": poll.kind,
        "status": poll.status,
        "options": [{"id": o.pk, "text": o.text} for o in poll.options.all()],
        "answered": poll.pk in answered,
        "results": results,
    }


def _question_out(question: Question) -> dict[str, Any]:
    return {
        "id": question.pk,
        "conference": question.conference_id,
        "conference_title": question.conference.title,
        "site": question.site.name if question.site else "",
        "text": question.text,
        "votes": question.votes,
        "answers": [
            {
                "presenter": answer.presenter.full_name,
                "text": answer.text,
                "live": answer.live,
                "created_at": answer.created_at,
            }
            for answer in question.answers.all()
        ],
    }


# --- polls ---------------------------------------------------------------------------------


@router.get("/conferences/{conference_id}/polls", response={200: ListOut[PollOut], 404: ErrorOut})
def list_polls(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    conference = access.get_live_conference(request.user, conference_id)
    rows = list(polls.polls_for(request.user, conference))
    results = polls.results_for(rows)
    answered = polls.answered_poll_ids(request.user, rows)
    return whole_list(_poll_out(p, results[p.pk], answered) for p in rows)


@router.post("/conferences/{conference_id}/polls", response={201: PollOut, **ERRORS})
def create_poll(request: HttpRequest, conference_id: int, payload: PollIn) -> Status:
    conference = access.get_live_conference(request.user, conference_id)
    poll = polls.create_poll(
        conference=conference,
        by=request.user,  # type: ignore[arg-type]
        question=payload.question,
        kind=payload.kind,
        options=payload.options,
    )
    poll = polls.get_poll(request.user, poll.pk)
    return Status(201, _poll_out(poll, polls.poll_results(poll), set()))


@router.post("/polls/{poll_id}/open", response={200: PollOut, **ERRORS})
def open_poll(request: HttpRequest, poll_id: int) -> dict[str, Any]:
    poll = polls.open_poll(poll=polls.get_poll(request.user, poll_id), by=request.user)  # type: ignore[arg-type]
    return _poll_out(poll, polls.poll_results(poll), set())


@router.post("/polls/{poll_id}/close", response={200: PollOut, **ERRORS})
def close_poll(request: HttpRequest, poll_id: int) -> dict[str, Any]:
    poll = polls.close_poll(poll=polls.get_poll(request.user, poll_id), by=request.user)  # type: ignore[arg-type]
    return _poll_out(poll, polls.poll_results(poll), set())


@router.post("/polls/{poll_id}/answer", response={201: PollResultsOut, **ERRORS})
def answer_poll(request: HttpRequest, poll_id: int, payload: AnswerIn) -> Status:
    poll = polls.get_poll(request.user, poll_id)
    results = polls.answer_poll(poll=poll, by=request.user, options=payload.options)  # type: ignore[arg-type]
    return Status(201, results)


@router.get("/polls/{poll_id}/results", response={200: PollResultsOut, 404: ErrorOut})
def poll_results(request: HttpRequest, poll_id: int) -> dict[str, Any]:
    return polls.poll_results(polls.get_poll(request.user, poll_id))


# --- feedback ------------------------------------------------------------------------------


@router.post("/conferences/{conference_id}/feedback", response={201: FeedbackOut, **ERRORS})
def give_feedback(request: HttpRequest, conference_id: int, payload: FeedbackIn) -> Status:
    conference = access.get_live_conference(request.user, conference_id)
    presenter = None
    if payload.presenter_id is not None:
        presenter = Person.objects.filter(pk=payload.presenter_id).first()
        if presenter is None:
            raise ValidationError(
                {"presenter_id": _("Người này không phải báo cáo viên của hội nghị.")}
            )
    try:
        row = feedback.give_feedback(
            conference=conference,
            by=request.user,  # type: ignore[arg-type]
            presenter=presenter,
            presenter_rating=payload.presenter,
            content_rating=payload.content,
            relevance_rating=payload.relevance,
            organisation_rating=payload.organisation,
            comment=payload.comment,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {_FEEDBACK_FIELDS.get(name, name): errors for name, errors in exc.error_dict.items()}
        ) from None
    return Status(
        201,
        {
            "id": row.pk,
            "conference": row.conference_id,
            "presenter_id": row.presenter_id,
            "presenter": row.presenter_rating,
            "content": row.content_rating,
            "relevance": row.relevance_rating,
            "organisation": row.organisation_rating,
            "comment": row.comment,
            "created_at": row.created_at,
        },
    )


@router.get(
    "/conferences/{conference_id}/feedback/summary",
    response={200: FeedbackSummaryOut, 403: ErrorOut, 404: ErrorOut},
)
def feedback_summary(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    """Managers: everything; a presenter: the feedback about themself."""
    conference = access.get_live_conference(request.user, conference_id)
    if feedback.can_see_all_feedback(request.user, conference):
        summary = feedback.feedback_summary(conference)
    else:
        presenter = feedback.is_presenter(request.user, conference)
        if presenter is None:
            raise PermissionDenied
        summary = feedback.feedback_summary(conference, presenter=presenter)
    return {
        "overall": summary.overall.as_dict(),
        "presenters": [group.as_dict() for group in summary.presenters],
    }


# --- published Q&A -------------------------------------------------------------------------


@router.get("/conferences/{conference_id}/qa", response={200: PublishedPage, 404: ErrorOut})
def published_qa(request: HttpRequest, conference_id: int, params: Query[QaParams]) -> Any:
    """The conference's answered questions once it has ended; askers are never named."""
    conference = access.get_live_conference(request.user, conference_id)
    page = paginate(
        published.published_qa(user=request.user, conference=conference, q=params.q), params
    )
    page["items"] = [_question_out(q) for q in page["items"]]
    return page
