"""The big screen in the hall: the question being answered and the most supported ones, with
the QR code of the ask page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quantriet.dialogue import access, selectors
from quantriet.dialogue.models import Event, Question
from quantriet.dialogue.views.common import PRESENTER_STATUSES, ask_url, payload, qr_code

SCREEN_QUEUE_SIZE = 5


@login_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_live_conference(request.user, pk)
    questions = selectors.questions_for(
        request.user, conference, statuses=PRESENTER_STATUSES, order="votes"
    )
    payloads = [payload(q, Event.Audience.PUBLIC) for q in questions]
    return render(
        request,
        "dialogue/question_screen.html",
        {
            "conference": conference,
            "current": [p for p in payloads if p["status"] == Question.Status.ANSWERING][:1],
            "queue": [p for p in payloads if p["status"] == Question.Status.APPROVED],
            "queue_size": SCREEN_QUEUE_SIZE,
            "qr": qr_code(request, conference, scale=6),
            "ask_url": ask_url(request, conference),
        },
    )
