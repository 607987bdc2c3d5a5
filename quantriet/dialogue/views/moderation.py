"""The moderators' queue: pending questions as cards (likely duplicates, approve, reject with a
reason, route to a presenter, merge), and the actions its forms post without JavaScript.

The page runs a fixed number of queries however many cards it shows: the user's rights are read
once (`access.moderation_rights`), the cards' questions, their likely duplicates, the presenters
and the merge targets once each (`selectors`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.conferences.models import Conference
from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.forms import MergeForm, RejectForm, RouteForm
from quantriet.dialogue.models import Question
from quantriet.dialogue.views.common import decide, done, invalid, page_links, payload, refused

DUPLICATES_SHOWN = 3


def _cards(
    conference: Conference, rights: access.ModerationRights, questions: list[Question]
) -> list[dict[str, Any]]:
    """What each card shows; the same few queries for one card or a hundred."""
    central = rights.central
    presenters = list(selectors.presenters_of(conference)) if central else []
    targets = list(selectors.merge_targets(conference)) if central else []
    similar = selectors.similar_by_question(questions, limit=DUPLICATES_SHOWN)
    audience = access.audience_of(central)
    return [
        {
            "question": question,
            "payload": payload(question, audience),
            "similar": similar[question.pk],
            "central": central,
            "targets": [t for t in targets if t.pk != question.pk],
            "presenters": presenters,
        }
        for question in questions
    ]


@login_required
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """The queue; `?part=counts` the counts only, `?card=<id>` one card (204 once it has left
    the queue), both for the page's script."""
    conference = access.get_live_conference(request.user, pk)
    rights = access.moderation_rights(request.user, conference)
    if not rights.any:
        raise PermissionDenied
    if request.GET.get("part") == "counts":
        return render(
            request,
            "dialogue/question_moderate.html#counts",
            {"counts": selectors.counts(conference)},
        )
    card_pk = request.GET.get("card")
    if card_pk is not None:
        found = (
            selectors.moderation_queue(conference, rights, pk=int(card_pk))
            if card_pk.isdigit()
            else []
        )
        if not found:
            return HttpResponse(status=204)
        return render(
            request,
            "dialogue/question_moderate.html#card",
            {"conference": conference, "card": _cards(conference, rights, found)[0]},
        )
    questions = selectors.moderation_queue(conference, rights)
    return render(
        request,
        "dialogue/question_moderate.html",
        {
            "conference": conference,
            "counts": selectors.counts(conference),
            "cards": _cards(conference, rights, questions),
            "page_title": _("Điều hành câu hỏi"),
            **page_links(request.user, conference, rights),
        },
    )


@login_required
@require_POST
def approve(request: HttpRequest, question_pk: int) -> HttpResponse:
    return decide(
        request,
        question_pk,
        "approve",
        lambda q: services.approve(question=q, by=request.user),  # type: ignore[arg-type]
        _("Đã duyệt câu hỏi."),
        back_to="dialogue:moderate",
    )


@login_required
@require_POST
def reject(request: HttpRequest, question_pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    form.is_valid()  # the service checks the reason
    return decide(
        request,
        question_pk,
        "reject",
        lambda q: services.reject(
            question=q,
            by=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data.get("reason", ""),
        ),
        _("Đã không duyệt câu hỏi."),
        back_to="dialogue:moderate",
    )


@login_required
@require_POST
def route(request: HttpRequest, question_pk: int) -> HttpResponse:
    question = selectors.get_question(request.user, question_pk)
    access.require_decision(request.user, question, "route")
    back = reverse("dialogue:moderate", args=[question.conference_id])
    form = RouteForm(request.POST, presenters=selectors.presenters_of(question.conference))
    if not form.is_valid():
        return invalid(request, form, back)
    try:
        services.route(
            question=question,
            by=request.user,  # type: ignore[arg-type]
            presenter=form.cleaned_data["addressed_to"],
        )
    except ValidationError as error:
        return refused(request, error, back)
    return done(request, _("Đã chuyển câu hỏi cho báo cáo viên."), back)


@login_required
@require_POST
def merge(request: HttpRequest, question_pk: int) -> HttpResponse:
    question = selectors.get_question(request.user, question_pk)
    access.require_decision(request.user, question, "merge")
    back = reverse("dialogue:moderate", args=[question.conference_id])
    form = MergeForm(request.POST, question=question)
    if not form.is_valid():
        return invalid(request, form, back)
    try:
        services.merge(
            question=question,
            by=request.user,  # type: ignore[arg-type]
            into=form.cleaned_data["merged_into"],
        )
    except ValidationError as error:
        return refused(request, error, back)
    return done(request, _("Đã gộp câu hỏi trùng."), back)
