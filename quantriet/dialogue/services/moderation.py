"""Moderation: approve, reject (with the reason the asker sees), back to the queue, route to a
presenter, merge duplicates. Each decision is logged (`ModerationLog`: no silent gatekeeping) and
taken under a row lock so two moderators' decisions do not interleave."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from quantriet.core.text import nfc
from quantriet.dialogue import access
from quantriet.dialogue.models import Question, Vote
from quantriet.dialogue.selectors import PUBLIC_STATUSES
from quantriet.dialogue.services.base import (
    Status,
    lock,
    log_decision,
    publish,
    require_presenter,
    status_error,
)
from quantriet.orgs.models import Person

# The model's column: longer reasons are refused here, not cut by the database.
MAX_REASON_LENGTH = Question._meta.get_field("reject_reason").max_length or 255


def approve(*, question: Question, by: User) -> Question:
    """Let the question through (from pending, rejected, or back from "being answered")."""
    with transaction.atomic():
        question = lock(question)
        access.require_decision(by, question, "approve")
        if question.status == Status.APPROVED:
            return question
        if question.status not in (Status.PENDING, Status.REJECTED, Status.ANSWERING):
            raise status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.APPROVED
        question.reject_reason = ""
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        log_decision(question, by, "approve", detail={"from": previous})
        publish(question, "question.updated", was_public=was_public)
    return question


def reject(*, question: Question, by: User, reason: str) -> Question:
    """Turn the question down; the reason is required and shown to the asker."""
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do không duyệt.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Lý do dài quá %(max)s ký tự.") % {"max": MAX_REASON_LENGTH}}
        )
    with transaction.atomic():
        question = lock(question)
        access.require_decision(by, question, "reject")
        if question.status not in (Status.PENDING, Status.APPROVED, Status.ANSWERING):
            raise status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.REJECTED
        question.reject_reason = reason
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        log_decision(question, by, "reject", reason=reason, detail={"from": previous})
        publish(question, "question.updated", was_public=was_public)
    return question


def return_to_pending(*, question: Question, by: User) -> Question:
    """Central moderators: put an approved or rejected question back in the queue."""
    with transaction.atomic():
        question = lock(question)
        access.require_decision(by, question, "pending")
        if question.status == Status.PENDING:
            return question
        if question.status not in (Status.APPROVED, Status.REJECTED):
            raise status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.PENDING
        question.reject_reason = ""
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        log_decision(question, by, "pending", detail={"from": previous})
        publish(question, "question.updated", was_public=was_public)
    return question


def route(*, question: Question, by: User, presenter: Person) -> Question:
    """Address the question to one of the conference's presenters."""
    with transaction.atomic():
        question = lock(question)
        access.require_decision(by, question, "route")
        if question.status in (Status.MERGED, Status.REJECTED):
            raise status_error(question)
        require_presenter(question.conference, presenter, "addressed_to")
        previous = question.addressed_to_id
        question.addressed_to = presenter
        question.save(update_fields=["addressed_to", "updated_at"])
        log_decision(question, by, "route", detail={"presenter": presenter.pk, "from": previous})
        was_public = question.status in PUBLIC_STATUSES
        publish(question, "question.updated", was_public=was_public)
    return question


def merge(*, question: Question, by: User, into: Question) -> Question:
    """Merge a duplicate into another question of the same conference.

    Votes are carried over without counting anyone twice: the duplicate's vote rows of people
    who had not voted for `into` move there, then both counts are recomputed from the rows.
    Questions merged into the duplicate earlier now point at `into`.
    """
    if into is None or into.pk == question.pk:
        raise ValidationError({"merged_into": _("Không thể gộp câu hỏi vào chính nó.")})
    with transaction.atomic():
        # Lock both rows in id order so two opposite merges cannot deadlock.
        locked = {q.pk: lock(q) for q in sorted((question, into), key=lambda q: q.pk)}
        question, into = locked[question.pk], locked[into.pk]
        access.require_decision(by, question, "merge")
        if into.conference_id != question.conference_id:
            raise ValidationError({"merged_into": _("Câu hỏi gộp vào phải cùng hội nghị.")})
        if question.status == Status.MERGED:
            raise ValidationError({"status": _("Câu hỏi này đã được gộp.")})
        if into.status in (Status.MERGED, Status.REJECTED):
            raise ValidationError(
                {"merged_into": _("Không gộp được vào câu hỏi đã gộp hoặc không được duyệt.")}
            )
        was_public = question.status in PUBLIC_STATUSES
        into_was_public = into.status in PUBLIC_STATUSES
        already = Vote.objects.filter(question=into).values("person_id")
        moved = (
            Vote.objects.filter(question=question)
            .exclude(person_id__in=already)
            .update(question=into)
        )
        totals = dict(
            Vote.objects.filter(question_id__in=[question.pk, into.pk])
            .values_list("question_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        previous = question.status
        question.status = Status.MERGED
        question.merged_into = into
        question.votes = totals.get(question.pk, 0)
        question.save(update_fields=["status", "merged_into", "votes", "updated_at"])
        into.votes = totals.get(into.pk, 0)
        into.save(update_fields=["votes", "updated_at"])
        Question.objects.filter(merged_into=question).update(merged_into=into)
        log_decision(
            question,
            by,
            "merge",
            detail={"into": into.pk, "from": previous, "votes_moved": moved},
        )
        publish(
            question,
            "question.merged",
            was_public=was_public or into_was_public,
            extra={"into": into},
        )
    return question
