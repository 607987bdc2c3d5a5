"""The ask page (from a phone: ask, see the questions, support them), its QR code, and votes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.conferences.checkin.tokens import qr_svg_document
from quantriet.conferences.models import Invitation, Site
from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.forms import AskForm
from quantriet.dialogue.models import Vote
from quantriet.dialogue.selectors import PUBLIC_STATUSES
from quantriet.dialogue.views.common import ask_url, page_links, payload, qr_code, refused
from quantriet.orgs.access import scope_for


@login_required
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_live_conference(request.user, pk)
    settings = services.get_settings(conference)
    person_id = scope_for(request.user).person_id
    invited_site_id = (
        Invitation.objects.filter(conference=conference, person_id=person_id)
        .values_list("site_id", flat=True)
        .first()
        if person_id
        else None
    )
    form = AskForm(
        request.POST or None,
        sites=Site.objects.filter(conference=conference),
        presenters=selectors.presenters_of(conference),
        max_length=settings.max_length,
        initial={"site": invited_site_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.ask_question(
                conference=conference,
                by=request.user,  # type: ignore[arg-type]
                text=form.cleaned_data["text"],
                anonymous=form.cleaned_data["anonymous"],
                site=form.cleaned_data["site"],
                addressed_to=form.cleaned_data.get("addressed_to"),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("text", message)
        else:
            if question.status in PUBLIC_STATUSES:
                messages.success(request, _("Đã gửi câu hỏi."))
            else:
                messages.success(request, _("Đã gửi câu hỏi; câu hỏi sẽ hiện sau khi được duyệt."))
            return redirect("dialogue:ask", pk=conference.pk)
    order = "time" if request.GET.get("order") == "time" else "votes"
    rights = access.moderation_rights(request.user, conference)
    visible = list(selectors.questions_for(request.user, conference, order=order))
    questions = [q for q in visible if q.status in PUBLIC_STATUSES]
    # The asker's own questions still waiting or turned down (with the reason): never silent.
    key = selectors.asker_key(conference.pk, person_id) if person_id else None
    mine = [q for q in visible if q.status not in PUBLIC_STATUSES and q.asker_key == key]
    voted = set(
        Vote.objects.filter(question__conference=conference, person_id=person_id).values_list(
            "question_id", flat=True
        )
        if person_id
        else ()
    )
    audience = access.audience_of(rights.central)
    return render(
        request,
        "dialogue/question_ask.html",
        {
            "conference": conference,
            "settings": settings,
            "form": form,
            "order": order,
            "questions": [payload(q, audience) for q in questions],
            "mine": sorted(mine, key=lambda q: q.created_at, reverse=True),
            "voted": voted,
            "can_vote": person_id is not None,
            "can_ask": access.can_ask(request.user, conference),
            "qr": qr_code(request, conference, scale=3),
            "ask_url": ask_url(request, conference),
            **page_links(request.user, conference, rights),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The ask page's QR code as an SVG image (the conference page shows it)."""
    conference = access.get_live_conference(request.user, pk)
    response = HttpResponse(
        qr_svg_document(ask_url(request, conference), scale=8), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def vote(request: HttpRequest, question_pk: int) -> HttpResponse:
    question = selectors.get_question(request.user, question_pk)
    back = reverse("dialogue:ask", args=[question.conference_id])
    try:
        services.vote(question=question, by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        return refused(request, error, back)
    return redirect(back)
