"""Asking and voting: a person who may follow the conference asks (named or anonymous) and
supports the questions the audience sees, one vote each."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.conferences.models import CheckIn, Conference, Invitation, Site
from quantriet.core.text import fold, nfc
from quantriet.dialogue import access
from quantriet.dialogue.events import emit
from quantriet.dialogue.models import Question, Settings, Vote
from quantriet.dialogue.selectors import PUBLIC_STATUSES, asker_key
from quantriet.dialogue.services.base import (
    Audience,
    Status,
    get_settings,
    publish,
    require_presenter,
)
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Person

RATE_WINDOW = timedelta(minutes=10)


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
        require_presenter(conference, addressed_to, "addressed_to")
    key = asker_key(conference.pk, person_id)
    with transaction.atomic():
        # One person's questions one at a time, so two quick taps cannot both slip under the limit.
        list(Person.objects.select_for_update().filter(pk=person_id).values_list("pk"))
        recent = Question.objects.filter(
            conference=conference, asker_key=key, created_at__gte=timezone.now() - RATE_WINDOW
        ).count()
        if recent >= settings.questions_per_10_minutes:
            raise ValidationError(
                _(
                    "Đồng chí đã gửi %(n)s câu hỏi trong 10 phút qua; vui lòng chờ trước khi hỏi tiếp."
                ),
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
        publish(question, "question.added", was_public=False)
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
