"""What every dialogue service shares: the conference's dialogue settings, the question payload
listeners and API clients get, live events, the moderation log and row locks.

Events: the public channel gets a question's public payload (anonymous askers hidden) whenever
the question is or was visible to the audience: "question.added" when it first becomes visible,
"question.updated" / "question.merged" after; the moderators' channel gets every change with
the moderators' payload, always emitted after the public one so that a moderator (who listens
to both channels) ends on the fuller payload. Votes: "question.voted" {id, votes}, public.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quantriet.conferences import access as conference_access
from quantriet.conferences.models import Conference
from quantriet.dialogue.events import emit
from quantriet.dialogue.models import Event, ModerationLog, Question, Settings
from quantriet.dialogue.selectors import PUBLIC_STATUSES
from quantriet.orgs.models import Person

ANONYMOUS = gettext_lazy("Ẩn danh")
MAX_LENGTH_RANGE = (10, 5000)
RATE_RANGE = (1, 100)
Status = Question.Status
Audience = Event.Audience


# --- settings ------------------------------------------------------------------------------


def get_settings(conference: Conference) -> Settings:
    settings, _created = Settings.objects.get_or_create(conference=conference)
    return settings


def update_settings(
    *,
    conference: Conference,
    by: User,
    moderation: str | None = None,
    anonymity: str | None = None,
    max_length: int | None = None,
    questions_per_10_minutes: int | None = None,
    moderators: list[User] | None = None,
) -> Settings:
    """Managers of the conference only; None leaves a setting as it is."""
    conference_access.require_manage_conference(by, conference)
    errors: dict[str, str] = {}
    if moderation is not None and moderation not in Settings.Moderation.values:
        errors["moderation"] = _("Cách kiểm duyệt không hợp lệ.")
    if anonymity is not None and anonymity not in Settings.Anonymity.values:
        errors["anonymity"] = _("Chế độ ẩn danh không hợp lệ.")
    for name, value, (low, high) in (
        ("max_length", max_length, MAX_LENGTH_RANGE),
        ("questions_per_10_minutes", questions_per_10_minutes, RATE_RANGE),
    ):
        if value is not None and not low <= value <= high:
            errors[name] = _("Cần một số từ %(low)s đến %(high)s.") % {"low": low, "high": high}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        settings = get_settings(conference)
        changes = {
            "moderation": moderation,
            "anonymity": anonymity,
            "max_length": max_length,
            "questions_per_10_minutes": questions_per_10_minutes,
        }
        for name, value in changes.items():
            if value is not None:
                setattr(settings, name, value)
        settings.save()
        if moderators is not None:
            settings.moderators.set(moderators)
    return settings


# --- payloads and events ------------------------------------------------------------------


def _asker(question: Question, audience: str) -> str:
    person = question.asked_by
    if person is None:
        return str(ANONYMOUS)
    if question.anonymous and audience != Audience.MODERATORS:
        return str(ANONYMOUS)
    # Moderators know an anonymous asker unless the conference hides askers from everyone,
    # in which case `asked_by` was never stored.
    return person.full_name


def question_payload(question: Question, audience: str) -> dict[str, Any]:
    """A question as listeners and API clients see it. `text` is plain text, never HTML."""
    return {
        "id": question.pk,
        "text": question.text,
        "status": question.status,
        "votes": question.votes,
        "site": question.site.name if question.site_id else None,
        "site_id": question.site_id,
        "addressed_to": question.addressed_to.full_name if question.addressed_to_id else None,
        "addressed_to_id": question.addressed_to_id,
        "anonymous": question.anonymous,
        "asker": _asker(question, audience),
        "created_at": question.created_at.isoformat(),
        "answers": [
            {
                "presenter": answer.presenter.full_name,
                "text": answer.text,
                "live": answer.live,
                "created_at": answer.created_at.isoformat(),
            }
            for answer in question.answers.all()
        ],
        "merged_into": question.merged_into_id,
        "reject_reason": question.reject_reason,
    }


def _fresh(question: Question) -> Question:
    """The question re-read with what its payload needs (after a change)."""
    return (
        Question.objects.select_related("site", "addressed_to", "asked_by")
        .prefetch_related("answers__presenter")
        .get(pk=question.pk)
    )


def publish(
    question: Question, kind: str, *, was_public: bool, extra: dict[str, Question] | None = None
) -> None:
    """Public channel first (if the audience sees or saw the question), moderators' last."""
    question = _fresh(question)
    extra = {name: _fresh(other) for name, other in (extra or {}).items()}
    now_public = question.status in PUBLIC_STATUSES
    audiences = [Audience.PUBLIC, Audience.MODERATORS] if now_public or was_public else []
    audiences = audiences or [Audience.MODERATORS]
    for audience in audiences:
        event_kind = kind
        if audience == Audience.PUBLIC and now_public and not was_public:
            event_kind = "question.added"
        data = question_payload(question, audience)
        for name, other in extra.items():
            data[name] = question_payload(other, audience)
        emit(conference_id=question.conference_id, kind=event_kind, data=data, audience=audience)
    if question.site_id and question.status in (Question.Status.PENDING, Question.Status.REJECTED):
        # The site's own moderators follow its questions that the audience does not see yet.
        data = question_payload(question, Audience.PUBLIC)
        for name, other in extra.items():
            data[name] = question_payload(other, Audience.PUBLIC)
        emit(
            conference_id=question.conference_id,
            kind=kind,
            data=data,
            audience=site_audience(question.site_id),
        )


def site_audience(site_id: int) -> str:
    """The live-event audience of one site's operators."""
    return f"site-{site_id}"


def log_decision(
    question: Question,
    by: User,
    action: str,
    *,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> ModerationLog:
    return ModerationLog.objects.create(
        question=question, actor=by, action=action, reason=reason, detail=detail or {}
    )


def lock(question: Question) -> Question:
    """Re-read the question under a row lock (PostgreSQL) so decisions do not interleave."""
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=question.pk)
    )


def status_error(question: Question) -> ValidationError:
    return ValidationError(
        {
            "status": _("Không thể làm việc này với câu hỏi ở trạng thái “%(status)s”.")
            % {"status": question.get_status_display()}
        }
    )


def require_presenter(conference: Conference, person: Person | None, field: str) -> None:
    if person is None or not conference.presenters.filter(pk=person.pk).exists():
        raise ValidationError({field: _("Người này không phải báo cáo viên của hội nghị.")})
