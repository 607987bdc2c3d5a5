"""The presenter's page: approved questions by support, take one ("being answered"), mark it
answered aloud, or record an answer (moderators: on a presenter's behalf)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.forms import AnswerForm
from quantriet.dialogue.models import Event, Question
from quantriet.dialogue.selectors import PUBLIC_STATUSES
from quantriet.dialogue.views.common import (
    PRESENTER_STATUSES,
    decide,
    done,
    invalid,
    page_links,
    payload,
    refused,
)
from quantriet.orgs.access import scope_for


@login_required
def presenter(request: HttpRequest, pk: int) -> HttpResponse:
    """The page; `?card=<id>` one card for the page's script (204 once it has left the page)."""
    conference = access.get_live_conference(request.user, pk)
    if not access.can_answer(request.user, conference):
        raise PermissionDenied
    context = {
        "conference": conference,
        "me_id": scope_for(request.user).person_id,
        "me_presents": access.is_presenter(request.user, conference),
        "presenters": list(selectors.presenters_of(conference)),
    }
    queue = selectors.questions_for(
        request.user, conference, statuses=PUBLIC_STATUSES, order="votes"
    )
    card_pk = request.GET.get("card")
    if card_pk is not None:
        found = queue.filter(pk=int(card_pk)).first() if card_pk.isdigit() else None
        if found is None:
            return HttpResponse(status=204)
        return render(
            request,
            "dialogue/question_presenter.html#card",
            {**context, "question": found, "payload": payload(found, Event.Audience.PUBLIC)},
        )
    # Presenters never learn who asked anonymously: the public payload.
    rows = [{"question": q, "payload": payload(q, Event.Audience.PUBLIC)} for q in queue]
    rights = access.moderation_rights(request.user, conference)
    return render(
        request,
        "dialogue/question_presenter.html",
        {
            **context,
            "waiting": [r for r in rows if r["question"].status in PRESENTER_STATUSES],
            "answered": [r for r in rows if r["question"].status == Question.Status.ANSWERED],
            "page_title": _("Báo cáo viên trả lời"),
            **page_links(request.user, conference, rights),
        },
    )


@login_required
@require_POST
def mark_answering(request: HttpRequest, question_pk: int) -> HttpResponse:
    return decide(
        request,
        question_pk,
        "answering",
        lambda q: services.mark_answering(question=q, by=request.user),  # type: ignore[arg-type]
        _("Câu hỏi đang được trả lời."),
        back_to="dialogue:presenter",
    )


@login_required
@require_POST
def mark_answered(request: HttpRequest, question_pk: int) -> HttpResponse:
    return decide(
        request,
        question_pk,
        "answered",
        lambda q: services.mark_answered(question=q, by=request.user),  # type: ignore[arg-type]
        _("Đã đánh dấu câu hỏi đã trả lời."),
        back_to="dialogue:presenter",
    )


@login_required
@require_POST
def answer(request: HttpRequest, question_pk: int) -> HttpResponse:
    question = selectors.get_question(request.user, question_pk)
    access.require_decision(request.user, question, "answer")
    back = reverse("dialogue:presenter", args=[question.conference_id])
    form = AnswerForm(request.POST, presenters=selectors.presenters_of(question.conference))
    if not form.is_valid():
        return invalid(request, form, back)
    try:
        services.answer(
            question=question,
            by=request.user,  # type: ignore[arg-type]
            text=form.cleaned_data["text"],
            live=form.cleaned_data["live"],
            presenter=form.cleaned_data["presenter"],
        )
    except ValidationError as error:
        return refused(request, error, back)
    return done(request, _("Đã ghi câu trả lời."), back)
