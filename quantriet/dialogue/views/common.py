"""What the dialogue pages share: the question payload with its label, the QR code of the ask
page, the links between the pages, and messages for a refused action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from quantriet.conferences.checkin.tokens import qr_svg
from quantriet.conferences.models import Conference
from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.models import Question

PRESENTER_STATUSES = (Question.Status.ANSWERING, Question.Status.APPROVED)


def payload(question: Question, audience: str) -> dict[str, Any]:
    """The question as the live stream carries it, plus the label of its status."""
    data = services.question_payload(question, audience)
    data["status_label"] = question.get_status_display()
    return data


def ask_url(request: HttpRequest, conference: Conference) -> str:
    return request.build_absolute_uri(reverse("dialogue:ask", args=[conference.pk]))


def qr_code(request: HttpRequest, conference: Conference, *, scale: int) -> SafeString:
    # segno draws our own URL; the title is escaped by segno.
    return mark_safe(  # noqa: S308
        qr_svg(ask_url(request, conference), scale=scale, title=_("Đặt câu hỏi cho hội nghị"))
    )


def page_links(
    user: User | AnonymousUser, conference: Conference, rights: access.ModerationRights
) -> dict[str, bool]:
    return {
        "can_moderate_page": rights.any,
        "can_answer_page": access.can_answer(user, conference),
    }


def refused(request: HttpRequest, error: ValidationError, back: str) -> HttpResponse:
    """A service said no: its messages on the page the user came from."""
    for message in error.messages:
        messages.error(request, message)
    return redirect(back)


def invalid(request: HttpRequest, form: forms.Form, back: str) -> HttpResponse:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect(back)


def done(request: HttpRequest, message: str, back: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(back)


def decide(
    request: HttpRequest,
    question_pk: int,
    decision: access.Decision,
    act: Callable[[Question], Any],
    message: str,
    *,
    back_to: str,
) -> HttpResponse:
    """A decision on a question from a page: checked as the API checks it, the service run, and
    back to the page named `back_to` (the queue, the presenter's page) with the message."""
    question = selectors.get_question(request.user, question_pk)
    access.require_decision(request.user, question, decision)
    back = reverse(back_to, args=[question.conference_id])
    try:
        act(question)
    except ValidationError as error:
        return refused(request, error, back)
    return done(request, message, back)
