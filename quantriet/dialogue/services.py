"""Writes for the live dialogue: asking, voting, moderating and answering questions.

Every function checks who may do it (Http404 outside the user's view, PermissionDenied for a
visible conference the user may not act on), runs in one transaction, logs each moderation
decision (`ModerationLog`: no silent gatekeeping) and writes the live events listeners need
(`quantriet.dialogue.events.emit`, published after commit).

Events: the public channel gets a question's public payload (anonymous askers hidden) whenever
the question is or was visible to the audience: "question.added" when it first becomes visible,
"question.updated" / "question.merged" after; the moderators' channel gets every change with
the moderators' payload, always emitted after the public one so that a moderator (who listens
to both channels) ends on the fuller payload. Votes: "question.voted" {id, votes}, public.

Question and answer texts are stored as typed (NFC, stripped) and returned as plain text:
clients insert them as text, never as HTML.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quantriet.conferences import access as conference_access
from quantriet.conferences.models import CheckIn, Conference, Invitation, Site
from quantriet.core.text import fold, nfc
from quantriet.dialogue import access
from quantriet.dialogue.events import emit
from quantriet.dialogue.models import Answer, Event, ModerationLog, Question, Settings, Vote
from quantriet.dialogue.selectors import PUBLIC_STATUSES, asker_key
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Person

ANONYMOUS = gettext_lazy("Ẩn danh")
RATE_WINDOW = timedelta(minutes=10)
MAX_ANSWER_LENGTH = 20_000
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


def _publish(
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


def _log(
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


def _lock(question: Question) -> Question:
    """Re-read the question under a row lock (PostgreSQL) so decisions do not interleave."""
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=question.pk)
    )


def _status_error(question: Question) -> ValidationError:
    return ValidationError(
        {
            "status": _("Không thể làm việc này với câu hỏi ở trạng thái “%(status)s”.")
            % {"status": question.get_status_display()}
        }
    )


def _require_presenter(conference: Conference, person: Person | None, field: str) -> None:
    if person is None or not conference.presenters.filter(pk=person.pk).exists():
        raise ValidationError({field: _("Người này không phải báo cáo viên của hội nghị.")})


# --- asking and voting ---------------------------------------------------------------------


def _default_site_id(conference: Conference, person_id: int) -> int | None:
    """Where the asker is: the site they checked in at, else the site they were invited to."""
    site_id = (
        CheckIn.objects.filter(conference=conference, person_id=person_id)
        .values_list("site_id", flat=True)
        .first()
    )
    if site_id is None:
        site_id = (
            Invitation.objects.filter(conference=conference, person_id=person_id)
            .values_list("site_id", flat=True)
            .first()
        )
    return site_id


def ask_question(
    *,
    conference: Conference,
    by: User,
    text: str,
    anonymous: bool = False,
    site: Site | None = None,
    addressed_to: Person | None = None,
) -> Question:
    """Record a question from a person who may follow the conference.

    Too long, empty or over the per-person rate: ValidationError and nothing is stored.
    Emits "question.added" to the moderators, and to the audience when moderation is open.
    """
    conference = access.get_live_conference(by, conference.pk)  # Http404 outside the user's view
    person_id = scope_for(by).person_id
    if person_id is None:
        raise ValidationError(_("Chỉ người dự hội nghị (có hồ sơ cá nhân) mới đặt câu hỏi được."))
    settings = get_settings(conference)
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Vui lòng nhập câu hỏi.")})
    if len(text) > settings.max_length:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("Câu hỏi dài quá %(max)s ký tự (hiện %(n)s)."),
                    code="max_length",
                    params={"max": settings.max_length, "n": len(text)},
                )
            }
        )
    if site is not None and site.conference_id != conference.pk:
        raise ValidationError({"site": _("Điểm cầu không thuộc hội nghị này.")})
    if addressed_to is not None:
        _require_presenter(conference, addressed_to, "addressed_to")
    key = asker_key(conference.pk, person_id)
    with transaction.atomic():
        # One person's questions one at a time, so two quick taps cannot both slip under the limit.
        list(Person.objects.select_for_update().filter(pk=person_id).values_list("pk"))
        recent = Question.objects.filter(
            conference=conference, asker_key=key, created_at__gte=timezone.now() - RATE_WINDOW
        ).count()
        if recent >= settings.questions_per_10_minutes:
            raise ValidationError(
                _("Bạn đã gửi %(n)s câu hỏi trong 10 phút qua; vui lòng chờ trước khi hỏi tiếp."),
                code="rate_limited",
                params={"n": recent},
            )
        hidden = anonymous and settings.anonymity == Settings.Anonymity.NOBODY
        question = Question.objects.create(
            conference=conference,
            site_id=site.pk if site is not None else _default_site_id(conference, person_id),
            asked_by_id=None if hidden else person_id,
            asker_key=key,
            anonymous=bool(anonymous),
            addressed_to=addressed_to,
            text=text,
            search_text=fold(text),
            status=Status.APPROVED
            if settings.moderation == Settings.Moderation.OPEN
            else Status.PENDING,
        )
        _publish(question, "question.added", was_public=False)
    return question


def vote(*, question: Question, by: User) -> tuple[Question, bool]:
    """One vote per person and question; a repeat changes nothing. Returns (question, created).

    The count is raised with an F() expression in the same transaction as the vote row.
    """
    access.get_live_conference(by, question.conference_id)  # Http404 outside the user's view
    person_id = scope_for(by).person_id
    if person_id is None:
        raise ValidationError(_("Chỉ người dự hội nghị (có hồ sơ cá nhân) mới ủng hộ được."))
    with transaction.atomic():
        current = Question.objects.filter(pk=question.pk).values("status").first()
        if current is None:
            raise ValidationError(_("Câu hỏi không còn tồn tại."))
        if current["status"] not in PUBLIC_STATUSES:
            raise ValidationError(_("Chỉ ủng hộ được câu hỏi đã được duyệt."))
        _vote, created = Vote.objects.get_or_create(question_id=question.pk, person_id=person_id)
        if created:
            Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
        question.votes = Question.objects.values_list("votes", flat=True).get(pk=question.pk)
        if created:
            emit(
                conference_id=question.conference_id,
                kind="question.voted",
                data={"id": question.pk, "votes": question.votes},
                audience=Audience.PUBLIC,
            )
    return question, created


# --- moderation ------------------------------------------------------------------------------


def approve(*, question: Question, by: User) -> Question:
    """Let the question through (from pending, rejected, or back from "being answered")."""
    with transaction.atomic():
        question = _lock(question)
        access.require_moderate_question(by, question)
        if question.status == Status.APPROVED:
            return question
        if question.status not in (Status.PENDING, Status.REJECTED, Status.ANSWERING):
            raise _status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.APPROVED
        question.reject_reason = ""
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        _log(question, by, "approve", detail={"from": previous})
        _publish(question, "question.updated", was_public=was_public)
    return question


def reject(*, question: Question, by: User, reason: str) -> Question:
    """Turn the question down; the reason is required and shown to the asker."""
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do không duyệt.")})
    if len(reason) > 255:
        raise ValidationError({"reason": _("Lý do dài quá 255 ký tự.")})
    with transaction.atomic():
        question = _lock(question)
        access.require_moderate_question(by, question)
        if question.status not in (Status.PENDING, Status.APPROVED, Status.ANSWERING):
            raise _status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.REJECTED
        question.reject_reason = reason
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        _log(question, by, "reject", reason=reason, detail={"from": previous})
        _publish(question, "question.updated", was_public=was_public)
    return question


def return_to_pending(*, question: Question, by: User) -> Question:
    """Central moderators: put an approved or rejected question back in the queue."""
    with transaction.atomic():
        question = _lock(question)
        access.require_moderate(by, question.conference)
        if question.status == Status.PENDING:
            return question
        if question.status not in (Status.APPROVED, Status.REJECTED):
            raise _status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.PENDING
        question.reject_reason = ""
        question.save(update_fields=["status", "reject_reason", "updated_at"])
        _log(question, by, "pending", detail={"from": previous})
        _publish(question, "question.updated", was_public=was_public)
    return question


def route(*, question: Question, by: User, presenter: Person) -> Question:
    """Address the question to one of the conference's presenters."""
    with transaction.atomic():
        question = _lock(question)
        access.require_moderate(by, question.conference)
        if question.status in (Status.MERGED, Status.REJECTED):
            raise _status_error(question)
        _require_presenter(question.conference, presenter, "addressed_to")
        previous = question.addressed_to_id
        question.addressed_to = presenter
        question.save(update_fields=["addressed_to", "updated_at"])
        _log(question, by, "route", detail={"presenter": presenter.pk, "from": previous})
        was_public = question.status in PUBLIC_STATUSES
        _publish(question, "question.updated", was_public=was_public)
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
        locked = {q.pk: _lock(q) for q in sorted((question, into), key=lambda q: q.pk)}
        question, into = locked[question.pk], locked[into.pk]
        access.require_moderate(by, question.conference)
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
        _log(
            question,
            by,
            "merge",
            detail={"into": into.pk, "from": previous, "votes_moved": moved},
        )
        _publish(
            question,
            "question.merged",
            was_public=was_public or into_was_public,
            extra={"into": into},
        )
    return question


# --- answering ---------------------------------------------------------------------------------


def mark_answering(*, question: Question, by: User) -> Question:
    """The question is being answered now; the one that was goes back to approved."""
    with transaction.atomic():
        question = _lock(question)
        conference = question.conference
        access.require_answer(by, conference)
        if question.status == Status.ANSWERING:
            return question
        if question.status in (Status.MERGED, Status.REJECTED):
            raise _status_error(question)
        # One "being answered" per conference: serialise on the conference's settings row.
        get_settings(conference)
        list(Settings.objects.select_for_update().filter(conference=conference).values_list("pk"))
        for other in Question.objects.select_for_update().filter(
            conference=conference, status=Status.ANSWERING
        ):
            other.status = Status.APPROVED
            other.save(update_fields=["status", "updated_at"])
            _log(other, by, "approve", detail={"from": Status.ANSWERING, "next": question.pk})
            _publish(other, "question.updated", was_public=True)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.ANSWERING
        question.save(update_fields=["status", "updated_at"])
        _log(question, by, "answering", detail={"from": previous})
        _publish(question, "question.updated", was_public=was_public)
    return question


def mark_answered(*, question: Question, by: User) -> Question:
    """Answered aloud, with no written answer (yet)."""
    with transaction.atomic():
        question = _lock(question)
        access.require_answer(by, question.conference)
        if question.status == Status.ANSWERED:
            return question
        if question.status in (Status.MERGED, Status.REJECTED):
            raise _status_error(question)
        was_public = question.status in PUBLIC_STATUSES
        previous = question.status
        question.status = Status.ANSWERED
        question.save(update_fields=["status", "updated_at"])
        _log(question, by, "answered", detail={"from": previous})
        _publish(question, "question.updated", was_public=was_public)
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
        question = _lock(question)
        conference = question.conference
        access.require_answer(by, conference)
        if question.status in (Status.MERGED, Status.REJECTED):
            raise _status_error(question)
        own_person_id = scope_for(by).person_id
        moderator = access.can_moderate(by, conference)
        if presenter is not None:
            if not moderator and presenter.pk != own_person_id:
                raise ValidationError(
                    {"presenter": _("Bạn chỉ trả lời được với tư cách của mình.")}
                )
            _require_presenter(conference, presenter, "presenter")
            presenter_id = presenter.pk
        elif access.is_presenter(by, conference):
            presenter_id = own_person_id
        elif question.addressed_to_id is not None:
            _require_presenter(conference, question.addressed_to, "presenter")
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
        _log(
            question,
            by,
            "answered",
            detail={"from": previous, "answer": reply.pk, "presenter": presenter_id, "live": live},
        )
        _publish(question, "question.updated", was_public=was_public)
    return reply
