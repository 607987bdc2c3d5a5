"""Dialogue pages: asking from a phone, the moderators' queue, the presenter's view, the big screen.

Every page is server-rendered and its forms work without JavaScript; `static/quantriet/dialogue.js`
then follows `GET /conferences/<pk>/live` (Server-Sent Events) so each view changes within a
second of a question, vote, decision or answer. A request with `Accept: application/json` gets
JSON back instead of a redirect (the script posts the same forms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.conferences.checkin.tokens import qr_svg, qr_svg_document
from quantriet.conferences.models import Conference, Invitation, Site
from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.forms import (
    ACTIVE_STATUSES,
    AnswerForm,
    AskForm,
    MergeForm,
    RejectForm,
    RouteForm,
)
from quantriet.dialogue.models import Event, Question, Vote
from quantriet.orgs.models import Person

PUBLIC_STATUSES = (
    Question.Status.APPROVED,
    Question.Status.ANSWERING,
    Question.Status.ANSWERED,
)
PRESENTER_STATUSES = (Question.Status.ANSWERING, Question.Status.APPROVED)
SCREEN_QUEUE_SIZE = 5
DUPLICATES_SHOWN = 3


# --- helpers ------------------------------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _person(user: User | AnonymousUser) -> Person | None:
    return Person.objects.filter(user_id=user.pk).first() if user.is_authenticated else None


def _messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _error_response(request: HttpRequest, error: ValidationError, back: str) -> HttpResponse:
    if _wants_json(request):
        found = _messages_of(error)
        return JsonResponse(
            {
                "detail": found[0] if found else "",
                "errors": [{"field": "", "message": m} for m in found],
            },
            status=400,
        )
    for message in _messages_of(error):
        messages.error(request, message)
    return redirect(back)


def _form_error_response(request: HttpRequest, form: Any, back: str) -> HttpResponse:
    found = [
        {"field": field, "message": str(message)}
        for field, errors in form.errors.items()
        for message in errors
    ]
    if _wants_json(request):
        return JsonResponse(
            {"detail": found[0]["message"] if found else "", "errors": found}, status=400
        )
    for item in found:
        messages.error(request, item["message"])
    return redirect(back)


def _question(user: User | AnonymousUser, question_pk: int) -> tuple[Question, Conference]:
    """The question if the user may see it (Http404 otherwise)."""
    question = selectors.get_question(user, question_pk)
    return question, question.conference


def _payload(question: Question, audience: str) -> dict[str, Any]:
    """The question as the live stream carries it, plus the label of its status."""
    payload = services.question_payload(question, audience)
    payload["status_label"] = question.get_status_display()
    return payload


def _payloads(questions: Any, audience: str) -> list[dict[str, Any]]:
    return [_payload(q, audience) for q in questions]


def _ask_url(request: HttpRequest, conference: Conference) -> str:
    return request.build_absolute_uri(reverse("dialogue:ask", args=[conference.pk]))


def _qr(request: HttpRequest, conference: Conference, *, scale: int) -> SafeString:
    # segno draws our own URL; the title is escaped by segno.
    return mark_safe(  # noqa: S308
        qr_svg(_ask_url(request, conference), scale=scale, title=_("Đặt câu hỏi cho hội nghị"))
    )


def _may_moderate_some(user: User | AnonymousUser, conference: Conference) -> bool:
    """Moderators, managers, and operators of one of the conference's sites (their questions)."""
    return access.can_moderate(user, conference) or bool(access.operated_site_ids(user, conference))


def _presenters(conference: Conference) -> QuerySet[Person]:
    return conference.presenters.order_by("search_name")


def _order(request: HttpRequest) -> str:
    return "time" if request.GET.get("order") == "time" else "votes"


def _page_links(user: User | AnonymousUser, conference: Conference) -> dict[str, bool]:
    return {
        "can_moderate_page": _may_moderate_some(user, conference),
        "can_answer_page": access.can_answer(user, conference),
    }


# --- asking -------------------------------------------------------------------------------


@login_required
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_live_conference(request.user, pk)
    settings = services.get_settings(conference)
    person = _person(request.user)
    invitation = (
        Invitation.objects.filter(conference=conference, person=person)
        .select_related("site")
        .first()
        if person
        else None
    )
    form = AskForm(
        request.POST or None,
        sites=Site.objects.filter(conference=conference),
        presenters=_presenters(conference),
        max_length=settings.max_length,
        initial={"site": invitation.site_id if invitation else None},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                question = services.ask_question(
                    conference=conference,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    anonymous=form.cleaned_data["anonymous"],
                    site=form.cleaned_data["site"],
                    addressed_to=form.cleaned_data.get("addressed_to"),
                )
            except ValidationError as error:
                for message in _messages_of(error):
                    form.add_error("text", message)
            else:
                shown = question.status in PUBLIC_STATUSES
                message = (
                    _("Đã gửi câu hỏi.")
                    if shown
                    else _("Đã gửi câu hỏi; câu hỏi sẽ hiện sau khi được duyệt.")
                )
                if _wants_json(request):
                    payload = _payload(question, selectors.audience_for(request.user, conference))
                    return JsonResponse({"message": message, "question": payload}, status=201)
                messages.success(request, message)
                return redirect("dialogue:ask", pk=conference.pk)
        if _wants_json(request):
            return _form_error_response(request, form, "")
    order = _order(request)
    audience = selectors.audience_for(request.user, conference)
    visible = list(selectors.questions_for(request.user, conference, order=order))
    questions = [q for q in visible if q.status in PUBLIC_STATUSES]
    # The asker's own questions still waiting or turned down (with the reason): never silent.
    key = selectors.asker_key(conference.pk, person.pk) if person else None
    mine = [q for q in visible if q.status not in PUBLIC_STATUSES and q.asker_key == key]
    voted = set(
        Vote.objects.filter(question__conference=conference, person=person).values_list(
            "question_id", flat=True
        )
        if person
        else ()
    )
    return render(
        request,
        "dialogue/question_ask.html",
        {
            "conference": conference,
            "settings": settings,
            "form": form,
            "order": order,
            "questions": _payloads(questions, audience),
            "mine": sorted(mine, key=lambda q: q.created_at, reverse=True),
            "voted": voted,
            "can_vote": person is not None,
            "can_ask": access.can_ask(request.user, conference),
            "qr": _qr(request, conference, scale=3),
            "ask_url": _ask_url(request, conference),
            **_page_links(request.user, conference),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The ask page's QR code as an SVG image (the conference page shows it)."""
    conference = access.get_live_conference(request.user, pk)
    response = HttpResponse(
        qr_svg_document(_ask_url(request, conference), scale=8), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def vote(request: HttpRequest, question_pk: int) -> HttpResponse:
    question, conference = _question(request.user, question_pk)
    back = reverse("dialogue:ask", args=[conference.pk])
    try:
        question, created = services.vote(question=question, by=request.user)
    except ValidationError as error:
        return _error_response(request, error, back)
    if _wants_json(request):
        return JsonResponse({"id": question.pk, "votes": question.votes, "created": created})
    return redirect(back)


# --- moderation ---------------------------------------------------------------------------


def _moderation_card(
    user: User | AnonymousUser, question: Question, others: list[Question], presenters: list[Person]
) -> dict[str, Any]:
    similar = [
        (other, score)
        for other, score in selectors.similar_questions(question, limit=DUPLICATES_SHOWN)
        if other.pk != question.pk
    ]
    return {
        "question": question,
        "payload": _payload(question, selectors.audience_for(user, question.conference)),
        "similar": similar,
        "central": access.can_moderate(user, question.conference),
        "targets": [o for o in others if o.pk != question.pk],
        "presenters": presenters,
    }


def _moderation_questions(
    user: User | AnonymousUser, conference: Conference, status: str
) -> list[Question]:
    questions = list(selectors.questions_for(user, conference, status=status, order="time"))
    if access.can_moderate(user, conference):
        return questions
    return [q for q in questions if access.can_moderate_question(user, q)]


@login_required
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_live_conference(request.user, pk)
    if not _may_moderate_some(request.user, conference):
        raise PermissionDenied
    if request.GET.get("part") == "counts":
        return render(
            request,
            "dialogue/question_moderate.html#counts",
            {"counts": selectors.counts(conference)},
        )
    presenters = list(_presenters(conference))
    others = list(
        Question.objects.filter(conference=conference, status__in=ACTIVE_STATUSES)
        .only("id", "text", "votes", "status", "conference_id")
        .order_by("-votes", "created_at")
    )
    card_pk = request.GET.get("card")
    if card_pk:
        found = [
            q
            for q in _moderation_questions(request.user, conference, Question.Status.PENDING)
            if str(q.pk) == card_pk
        ]
        if not found:
            return HttpResponse(status=204)
        return render(
            request,
            "dialogue/question_moderate.html#card",
            {
                "conference": conference,
                "card": _moderation_card(request.user, found[0], others, presenters),
            },
        )
    pending = _moderation_questions(request.user, conference, Question.Status.PENDING)
    return render(
        request,
        "dialogue/question_moderate.html",
        {
            "conference": conference,
            "counts": selectors.counts(conference),
            "cards": [_moderation_card(request.user, q, others, presenters) for q in pending],
            "settings": services.get_settings(conference),
            "page_title": _("Điều hành câu hỏi"),
            **_page_links(request.user, conference),
        },
    )


def _moderated_question(request: HttpRequest, question_pk: int) -> tuple[Question, str]:
    question, conference = _question(request.user, question_pk)
    if not access.can_moderate_question(request.user, question):
        raise PermissionDenied
    return question, reverse("dialogue:moderate", args=[conference.pk])


def _moderation_action(
    request: HttpRequest,
    question_pk: int,
    act: Callable[[Question], Any],
    done: str,
) -> HttpResponse:
    question, back = _moderated_question(request, question_pk)
    return _act(request, question, back, act, done)


def _act(
    request: HttpRequest,
    question: Question,
    back: str,
    act: Callable[[Question], Any],
    done: str,
) -> HttpResponse:
    """Run a service on a question the caller may act on; answer in JSON or redirect back."""
    try:
        act(question)
    except ValidationError as error:
        return _error_response(request, error, back)
    if _wants_json(request):
        return JsonResponse({"id": question.pk, "message": done})
    messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def approve(request: HttpRequest, question_pk: int) -> HttpResponse:
    return _moderation_action(
        request,
        question_pk,
        lambda q: services.approve(question=q, by=request.user),
        _("Đã duyệt câu hỏi."),
    )


@login_required
@require_POST
def reject(request: HttpRequest, question_pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    if not form.is_valid():
        _unused, back = _moderated_question(request, question_pk)
        return _form_error_response(request, form, back)
    return _moderation_action(
        request,
        question_pk,
        lambda q: services.reject(question=q, by=request.user, reason=form.cleaned_data["reason"]),
        _("Đã không duyệt câu hỏi."),
    )


@login_required
@require_POST
def route(request: HttpRequest, question_pk: int) -> HttpResponse:
    question, back = _moderated_question(request, question_pk)
    form = RouteForm(request.POST, presenters=_presenters(question.conference))
    if not form.is_valid():
        return _form_error_response(request, form, back)
    return _act(
        request,
        question,
        back,
        lambda q: services.route(
            question=q, by=request.user, presenter=form.cleaned_data["presenter"]
        ),
        _("Đã chuyển câu hỏi cho báo cáo viên."),
    )


@login_required
@require_POST
def merge(request: HttpRequest, question_pk: int) -> HttpResponse:
    question, back = _moderated_question(request, question_pk)
    form = MergeForm(request.POST, question=question)
    if not form.is_valid():
        return _form_error_response(request, form, back)
    return _act(
        request,
        question,
        back,
        lambda q: services.merge(question=q, by=request.user, into=form.cleaned_data["into"]),
        _("Đã gộp câu hỏi trùng."),
    )


# --- presenter ----------------------------------------------------------------------------


def _presenter_conference(request: HttpRequest, pk: int) -> Conference:
    conference = access.get_live_conference(request.user, pk)
    if not access.can_answer(request.user, conference):
        raise PermissionDenied
    return conference


def _presenter_question(request: HttpRequest, question_pk: int) -> tuple[Question, str]:
    question, conference = _question(request.user, question_pk)
    if not access.can_answer(request.user, conference):
        raise PermissionDenied
    return question, reverse("dialogue:presenter", args=[conference.pk])


def _presenter_context(request: HttpRequest, conference: Conference) -> dict[str, Any]:
    me = _person(request.user)
    return {
        "conference": conference,
        "me": me,
        "me_presents": access.is_presenter(request.user, conference),
        "presenters": list(_presenters(conference)),
    }


@login_required
def presenter(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _presenter_conference(request, pk)
    context = _presenter_context(request, conference)
    queue = [
        q
        for q in selectors.questions_for(request.user, conference, order="votes")
        if q.status in PUBLIC_STATUSES
    ]
    card_pk = request.GET.get("card")
    if card_pk:
        found = [q for q in queue if str(q.pk) == card_pk]
        if not found:
            return HttpResponse(status=204)
        return render(
            request,
            "dialogue/question_presenter.html#card",
            {**context, "question": found[0], "payload": _payload(found[0], Event.Audience.PUBLIC)},
        )
    # Presenters never learn who asked anonymously: the public payload.
    rows = [{"question": q, "payload": _payload(q, Event.Audience.PUBLIC)} for q in queue]
    return render(
        request,
        "dialogue/question_presenter.html",
        {
            **context,
            "waiting": [r for r in rows if r["question"].status in PRESENTER_STATUSES],
            "answered": [r for r in rows if r["question"].status == Question.Status.ANSWERED],
            "page_title": _("Báo cáo viên trả lời"),
            **_page_links(request.user, conference),
        },
    )


def _presenter_action(
    request: HttpRequest, question_pk: int, act: Callable[[Question], Any], done: str
) -> HttpResponse:
    question, back = _presenter_question(request, question_pk)
    return _act(request, question, back, act, done)


@login_required
@require_POST
def mark_answering(request: HttpRequest, question_pk: int) -> HttpResponse:
    return _presenter_action(
        request,
        question_pk,
        lambda q: services.mark_answering(question=q, by=request.user),
        _("Câu hỏi đang được trả lời."),
    )


@login_required
@require_POST
def mark_answered(request: HttpRequest, question_pk: int) -> HttpResponse:
    return _presenter_action(
        request,
        question_pk,
        lambda q: services.mark_answered(question=q, by=request.user),
        _("Đã đánh dấu câu hỏi đã trả lời."),
    )


@login_required
@require_POST
def answer(request: HttpRequest, question_pk: int) -> HttpResponse:
    question, back = _presenter_question(request, question_pk)
    form = AnswerForm(request.POST, presenters=_presenters(question.conference))
    if not form.is_valid():
        return _form_error_response(request, form, back)
    return _act(
        request,
        question,
        back,
        lambda q: services.answer(
            question=q,
            by=request.user,
            text=form.cleaned_data["text"],
            live=form.cleaned_data["live"],
            presenter=form.cleaned_data["presenter"],
        ),
        _("Đã ghi câu trả lời."),
    )


# --- big screen ---------------------------------------------------------------------------


@login_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access.get_live_conference(request.user, pk)
    questions = [
        q
        for q in selectors.questions_for(request.user, conference, order="votes")
        if q.status in PRESENTER_STATUSES
    ]
    payloads = _payloads(questions, Event.Audience.PUBLIC)
    return render(
        request,
        "dialogue/question_screen.html",
        {
            "conference": conference,
            "current": [p for p in payloads if p["status"] == Question.Status.ANSWERING][:1],
            "queue": [p for p in payloads if p["status"] == Question.Status.APPROVED],
            "queue_size": SCREEN_QUEUE_SIZE,
            "qr": _qr(request, conference, scale=6),
            "ask_url": _ask_url(request, conference),
        },
    )
