"""One rule per action: a page's form and the API call its script makes (the browser's session
and CSRF token) are refused alike, and leave nothing changed behind them."""

import pytest
from django.test import Client
from django.urls import reverse

from quantriet.dialogue import polls, services
from quantriet.dialogue.models import (
    Answer,
    Event,
    Feedback,
    ModerationLog,
    Poll,
    PollVote,
    Question,
    Vote,
)

JSON = "application/json"


def browser(user):
    """A client that behaves like the page's script: session cookie, CSRF checks on."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("login"))  # the page sets the CSRF cookie
    return client


def token(client):
    return client.cookies["csrftoken"].value


def api_call(client, method, url, data=None):
    send = getattr(client, method)
    return send(url, data or {}, content_type=JSON, headers={"X-CSRFToken": token(client)})


def page_post(client, url, data=None):
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": token(client)})


@pytest.fixture
def state(dialogue):
    """A pending question, an approved one (its likely duplicate) and an open poll."""
    pending = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Chi bộ học tập thế nào?"
    )
    target = services.approve(
        question=services.ask_question(
            conference=dialogue.conference, by=dialogue.binh_user, text="Chi bộ học ra sao?"
        ),
        by=dialogue.moderator,
    )
    poll = polls.create_poll(
        conference=dialogue.conference,
        by=dialogue.moderator,
        question="Đồng chí đã đọc nghị quyết chưa?",
        kind=Poll.Kind.SINGLE,
        options=["Rồi", "Chưa"],
    )
    poll = polls.open_poll(poll=poll, by=dialogue.moderator)
    return dialogue, pending, target, poll


def snapshot():
    return {
        "questions": sorted(
            Question.objects.values_list("id", "status", "votes", "addressed_to_id", "merged_into")
        ),
        "votes": Vote.objects.count(),
        "answers": Answer.objects.count(),
        "log": ModerationLog.objects.count(),
        "events": Event.objects.count(),
        "polls": sorted(Poll.objects.values_list("id", "status")),
        "poll_votes": PollVote.objects.count(),
        "feedback": Feedback.objects.count(),
    }


def api_actions(d, pending, target, poll):
    option = poll.options.first().pk
    q = f"/api/v1/questions/{pending.pk}"
    return [
        ("post", f"/api/v1/conferences/{d.conference.pk}/questions", {"text": "Tôi hỏi"}),
        ("post", f"/api/v1/questions/{target.pk}/vote", {}),
        ("patch", q, {"status": "approved"}),
        ("patch", q, {"status": "rejected", "reason": "Trùng"}),
        ("patch", q, {"merged_into": target.pk}),
        ("patch", q, {"addressed_to": d.presenter.pk}),
        ("patch", f"/api/v1/questions/{target.pk}", {"status": "answering"}),
        ("post", f"/api/v1/questions/{target.pk}/answer", {"text": "Đáp", "live": False}),
        ("post", f"/api/v1/polls/{poll.pk}/answer", {"options": [option]}),
        ("post", f"/api/v1/polls/{poll.pk}/close", {}),
        (
            "post",
            f"/api/v1/conferences/{d.conference.pk}/feedback",
            {"presenter": 5, "content": 5, "relevance": 5, "organisation": 5},
        ),
    ]


def page_actions(d, pending, target, poll):
    option = poll.options.first().pk
    return [
        (reverse("dialogue:ask", args=[d.conference.pk]), {"text": "Tôi hỏi"}),
        (reverse("dialogue:vote", args=[target.pk]), {}),
        (reverse("dialogue:approve", args=[pending.pk]), {}),
        (reverse("dialogue:reject", args=[pending.pk]), {"reason": "Trùng"}),
        (reverse("dialogue:merge", args=[pending.pk]), {"merged_into": target.pk}),
        (reverse("dialogue:route", args=[pending.pk]), {"addressed_to": d.presenter.pk}),
        (reverse("dialogue:answering", args=[target.pk]), {}),
        (reverse("dialogue:answer", args=[target.pk]), {"text": "Đáp"}),
        (reverse("dialogue:poll_answer", args=[poll.pk]), {"options": [option]}),
        (reverse("dialogue:poll_close", args=[poll.pk]), {}),
        (
            reverse("dialogue:feedback", args=[d.conference.pk]),
            {
                "presenter_rating": 5,
                "content_rating": 5,
                "relevance_rating": 5,
                "organisation_rating": 5,
            },
        ),
    ]


def test_another_organisations_officer_gets_404_from_the_api_and_nothing_changes(state):
    d, pending, target, poll = state
    client = browser(d.stranger)
    before = snapshot()

    codes = [
        api_call(client, method, url, data).status_code
        for method, url, data in api_actions(d, pending, target, poll)
    ]

    assert codes == [404] * len(codes)
    assert snapshot() == before


def test_another_organisations_officer_gets_404_from_the_pages_and_nothing_changes(state):
    d, pending, target, poll = state
    client = browser(d.stranger)
    before = snapshot()

    codes = [
        page_post(client, url, data).status_code
        for url, data in page_actions(d, pending, target, poll)
    ]

    assert codes == [404] * len(codes)
    assert snapshot() == before


# Decisions an attendee may not take on a visible question: 403 by both ways, nothing changes.
DECISIONS = [
    ("approve", {"status": "approved"}, {}),
    ("reject", {"status": "rejected", "reason": "Trùng"}, {"reason": "Trùng"}),
    ("merge", {"merged_into": "other"}, {"merged_into": "other"}),
    ("route", {"addressed_to": "presenter"}, {"addressed_to": "presenter"}),
]


@pytest.mark.parametrize(("name", "api_body", "form"), DECISIONS)
def test_an_attendee_is_refused_the_same_decision_by_page_and_api(state, name, api_body, form):
    d, pending, target, _poll = state
    # Cường sees the approved question only; the operator of site A sees its pending question
    # and may approve or reject it, but not route or merge it.
    tries = [(d.cuong_user, target, pending)]
    if name in ("merge", "route"):
        tries.append((d.operator_a, pending, target))
    before = snapshot()
    for user, question, other in tries:
        values = {"other": other.pk, "presenter": d.presenter.pk}
        client = browser(user)
        by_api = api_call(
            client,
            "patch",
            f"/api/v1/questions/{question.pk}",
            {k: values.get(v, v) for k, v in api_body.items()},
        )
        by_page = page_post(
            client,
            reverse(f"dialogue:{name}", args=[question.pk]),
            {k: values.get(v, v) for k, v in form.items()},
        )
        assert (by_api.status_code, by_page.status_code) == (403, 403), user
    assert snapshot() == before


def test_the_script_needs_the_csrf_token_to_call_the_api(dialogue):
    client = browser(dialogue.an_user)
    url = f"/api/v1/conferences/{dialogue.conference.pk}/questions"

    refused = client.post(url, {"text": "Không có mã CSRF"}, content_type=JSON)
    sent = api_call(client, "post", url, {"text": "Có mã CSRF", "site": str(dialogue.site_a.pk)})

    assert refused.status_code == 403
    assert sent.status_code == 201
    assert list(Question.objects.values_list("text", "site_id")) == [
        ("Có mã CSRF", dialogue.site_a.pk)
    ]


def test_the_moderation_forms_field_names_are_the_apis(state):
    """The script sends a card's form as it is: route and merge by their API names."""
    d, pending, target, _poll = state
    client = browser(d.moderator)
    url = f"/api/v1/questions/{pending.pk}"

    routed = api_call(client, "patch", url, {"addressed_to": str(d.presenter.pk)})
    merged = api_call(client, "patch", url, {"merged_into": str(target.pk)})

    assert (routed.status_code, merged.status_code) == (200, 200)
    pending.refresh_from_db()
    assert pending.addressed_to == d.presenter
    assert pending.merged_into == target
