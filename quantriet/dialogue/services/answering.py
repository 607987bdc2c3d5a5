"""Answering: the presenter takes a question ("being answered", one at a time per conference),
marks it answered aloud, or records an answer, live or in writing."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quantriet.core.text import nfc
from quantriet.dialogue import access
from quantriet.dialogue.models import Answer, Question, Settings
from quantriet.dialogue.selectors import PUBLIC_STATUSES
from quantriet.dialogue.services.base import (
    Status,
    get_settings,
    lock,
    log_decision,
    publish,
    require_presenter,
    status_error,
)
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Person

MAX_ANSWER_LENGTH = 20_000


def mark_answering(*, question: Question, by: User) -> Question:
    """The question is being answered now; the one that was goes back to approved."""
    with transaction.atomic():
        question = lock(question)
        conference = question.conference
        access.require_decision(by, question, "answering")
        if question.status == Status.ANSWERING:
            return question
        if question.status in (Status.MERGED, Status.REJECTED):
            raise status_error(question)
        # One "being answered" per conference: serialise on the conference's settings row.
        get_settings(conference)
        list(Settings.objects.select_for_update().filter(conference=conference).values_list("pk"))
        for other in Question.objects.select_for_update().filter(
            conference=conference, status=Status.ANSWERING
        ):
            other.status = Status.APPROVED
            other.save(update_fields=["status", "updated_at"])
            log_decision(
                other, by, "approve", detail={"from": Status.ANSWERING, "next": question.pk}
            )
            publish(other, "question.updated", was_public=True)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.ANSWERING
        question.save(update_fields=["status", "updated_at"])
        log_decision(question, by, "answering", detail={"from": previous})
        publish(question, "question.updated", was_public=was_public)
    return question


def mark_answered(*, question: Question, by: User) -> Question:
    """Answered aloud, with no written answer (yet)."""
    with transaction.atomic():
        question = lock(question)
        access.require_decision(by, question, "answered")
        if question.status == Status.ANSWERED:
            return question
        if question.status in (Status.MERGED, Status.REJECTED):
            raise status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.ANSWERED
        question.save(update_fields=["status", "updated_at"])
        log_decision(question, by, "answered", detail={"from": previous})
        publish(question, "question.updated", was_public=was_public)
    return question


def answer(
    *,
    question: Question,
    by: User,
    text: str,
    live: bool = True,
    presenter: Person | None = None,
) -> Answer:
    """A presenter's answer, live (the text may be a summary, or empty) or in writing.

    Presenters answer as themselves; a moderator records an answer for `presenter`, by default
    the presenter the question is addressed to.
    """
    text = nfc(text or "").strip()
    if not live and not text:
        raise ValidationError({"text": _("Vui lòng nhập nội dung trả lời.")})
    if len(text) > MAX_ANSWER_LENGTH:
        raise ValidationError(
            {"text": _("Câu trả lời dài quá %(max)s ký tự.") % {"max": MAX_ANSWER_LENGTH}}
        )
    with transaction.atomic():
        question = lock(question)
        conference = question.conference
        access.require_decision(by, question, "answer")
        if question.status in (Status.MERGED, Status.REJECTED):
            raise status_error(question)
        own_person_id = scope_for(by).person_id
        moderator = access.can_moderate(by, conference)
        if presenter is not None:
            if not moderator and presenter.pk != own_person_id:
                raise ValidationError(
                    {"presenter": _("Đồng chí chỉ trả lời được với tư cách của mình.")}
                )
            require_presenter(conference, presenter, "presenter")
            presenter_id = presenter.pk
        elif access.is_presenter(by, conference):
            presenter_id = own_person_id
        elif question.addressed_to_id is not None:
            require_presenter(conference, question.addressed_to, "presenter")
            presenter_id = question.addressed_to_id
        else:
            raise ValidationError({"presenter": _("Vui lòng chọn báo cáo viên trả lời.")})
        reply = Answer.objects.create(
            question=question, presenter_id=presenter_id, text=text, live=live
        )
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.ANSWERED
        question.save(update_fields=["status", "updated_at"])
        log_decision(
            question,
            by,
            "answered",
            detail={"from": previous, "answer": reply.pk, "presenter": presenter_id, "live": live},
        )
        publish(question, "question.updated", was_public=was_public)
    return reply
