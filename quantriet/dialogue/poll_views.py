"""Pages of quick polls, after-session feedback and the published Q&A.

Every conference comes through `access.get_live_conference` (outside the user's view → 404);
actions a visible user may not take → 403. The polls page works without JavaScript;
`static/quantriet/polls.js` follows `GET /conferences/<pk>/live` and redraws the result bars on
`poll.results`, and reloads the polls on `poll.opened` / `poll.closed`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.conferences import access as conference_access
from quantriet.core.forms import add_service_errors
from quantriet.dialogue import access, feedback, polls, published
from quantriet.dialogue.models import Event, Poll
from quantriet.dialogue.poll_forms import FeedbackForm, PollAnswerForm, PollForm, QaSearchForm

QA_PER_PAGE = 20


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- polls -----------------------------------------------------------------------------------


@login_required
def polls_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Moderators create, open and close polls; attendees answer the open one; everyone sees
    the results, overall and per site. POST creates a poll (moderators)."""
    user = request.user
    conference = access.get_live_conference(user, pk)
    can_moderate = access.can_moderate(user, conference)
    form = PollForm(request.POST or None) if can_moderate else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                polls.create_poll(
                    conference=conference,
                    by=user,  # type: ignore[arg-type]
                    question=form.cleaned_data["question"],
                    kind=form.cleaned_data["kind"],
                    options=form.cleaned_data["options"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã tạo khảo sát. Bấm “Mở khảo sát” khi sẵn sàng."))
                return redirect("dialogue:polls", pk=conference.pk)
    rows = list(polls.polls_for(user, conference))
    results = polls.results_for(rows)
    answered = polls.answered_poll_ids(user, rows)
    items = [
        {
            "poll": poll,
            "results": results[poll.pk],
            "answered": poll.pk in answered,
            "answer_form": PollAnswerForm(poll=poll, auto_id=f"poll{poll.pk}_%s")
            if poll.status == Poll.Status.OPEN and poll.pk not in answered
            else None,
        }
        for poll in rows
    ]
    last_event = Event.objects.filter(conference=conference).aggregate(last=Max("id"))["last"]
    context = {
        "conference": conference,
        "page_title": _("Khảo sát nhanh"),
        "can_moderate": can_moderate,
        "form": form,
        "items": items,
        "last_event_id": last_event or 0,
    }
    template = "dialogue/polls.html#polls" if _is_htmx(request) else "dialogue/polls.html"
    return render(request, template, context, status=400 if form and form.errors else 200)


def _poll_action(request: HttpRequest, poll_pk: int, action: str) -> HttpResponse:
    poll = polls.get_poll(request.user, poll_pk)
    try:
        if action == "open":
            polls.open_poll(poll=poll, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Đã mở khảo sát."))
        else:
            polls.close_poll(poll=poll, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Đã đóng khảo sát."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("dialogue:polls", pk=poll.conference_id)


@login_required
@require_POST
def open_poll(request: HttpRequest, poll_pk: int) -> HttpResponse:
    return _poll_action(request, poll_pk, "open")


@login_required
@require_POST
def close_poll(request: HttpRequest, poll_pk: int) -> HttpResponse:
    return _poll_action(request, poll_pk, "close")


@login_required
@require_POST
def answer_poll(request: HttpRequest, poll_pk: int) -> HttpResponse:
    poll = polls.get_poll(request.user, poll_pk)
    form = PollAnswerForm(request.POST, poll=poll)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            polls.answer_poll(poll=poll, by=request.user, options=form.cleaned_data["options"])  # type: ignore[arg-type]
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Cảm ơn đồng chí đã trả lời khảo sát."))
    return redirect(
        reverse("dialogue:polls", kwargs={"pk": poll.conference_id}) + f"#poll-{poll.pk}"
    )


# --- feedback --------------------------------------------------------------------------------


@login_required
def feedback_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The rating form for attendees (once); the results for managers and, about themselves,
    for presenters."""
    user = request.user
    conference = access.get_live_conference(user, pk)
    person = feedback.person_of(user)
    refusal = feedback.feedback_refusal(conference, person)
    presenters = list(conference.presenters.order_by("search_name", "id"))
    form = None
    if refusal is None:
        form = FeedbackForm(request.POST or None, presenters=presenters)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                feedback.give_feedback(
                    conference=conference,
                    by=user,  # type: ignore[arg-type]
                    presenter=form.chosen_presenter(),
                    presenter_rating=data["presenter_rating"],
                    content_rating=data["content_rating"],
                    relevance_rating=data["relevance_rating"],
                    organisation_rating=data["organisation_rating"],
                    comment=data["comment"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Cảm ơn đồng chí đã gửi đánh giá."))
                return redirect("dialogue:feedback", pk=conference.pk)
    elif request.method == "POST":
        messages.error(request, refusal)
        return redirect("dialogue:feedback", pk=conference.pk)
    summary = comments = None
    if feedback.can_see_all_feedback(user, conference):
        summary = feedback.feedback_summary(conference)
        comments = list(feedback.feedback_comments(conference))
    elif (me := next((p for p in presenters if person and p.pk == person.pk), None)) is not None:
        summary = feedback.feedback_summary(conference, presenter=me)
        comments = list(feedback.feedback_comments(conference, presenter=me))
    context = {
        "conference": conference,
        "page_title": _("Đánh giá hội nghị"),
        "form": form,
        "refusal": refusal,
        "summary": summary,
        "comments": comments,
    }
    return render(
        request, "dialogue/feedback.html", context, status=400 if form and form.errors else 200
    )


# --- published Q&A -----------------------------------------------------------------------------


@login_required
def qa_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The answered questions of an ended conference, searchable; askers are never named."""
    conference = access.get_live_conference(request.user, pk)
    form = QaSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    questions = published.published_qa(user=request.user, conference=conference, q=q)
    page = Paginator(questions, QA_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "conference": conference,
        "page_title": _("Hỏi – đáp"),
        "form": form,
        "q": q,
        "page": page,
        "ended": conference.ends_at <= timezone.now(),
        "can_manage": conference_access.can_manage_conference(request.user, conference),
    }
    template = "dialogue/qa.html#results" if _is_htmx(request) else "dialogue/qa.html"
    return render(request, template, context)
