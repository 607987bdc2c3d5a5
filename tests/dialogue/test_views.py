"""Dialogue pages: asking, the moderators' queue, the presenter, the big screen (test client)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quantriet.dialogue import services
from quantriet.dialogue.models import Question, Settings, Vote
from quantriet.orgs.models import Role
from tests.factories import UserFactory, grant

SCRIPT = "<script>alert(1)</script> Có áp dụng cho chi bộ khu phố?"


def ask_url(d):
    return reverse("dialogue:ask", args=[d.conference.pk])


def page_url(name, d):
    return reverse(f"dialogue:{name}", args=[d.conference.pk])


def approved(d, text, by=None):
    question = services.ask_question(conference=d.conference, by=by or d.an_user, text=text)
    return services.approve(question=question, by=d.moderator)


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ask", "moderate", "presenter", "screen", "qr"])
def test_pages_outside_the_conference_are_404(dialogue, login, name):
    response = login(dialogue.stranger).get(page_url(name, dialogue))
    assert response.status_code == 404


def test_pages_need_a_login(dialogue, client):
    response = client.get(ask_url(dialogue))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["moderate", "presenter"])
def test_attendee_may_not_moderate_or_present(dialogue, login, name):
    assert login(dialogue.an_user).get(page_url(name, dialogue)).status_code == 403


def test_pages_render_for_the_right_users(dialogue, login):
    an = login(dialogue.an_user)
    ask = an.get(ask_url(dialogue))
    assert ask.status_code == 200
    assert b'id="qt-ask-form"' in ask.content
    # The site comes preselected from the invitation.
    assert f'value="{dialogue.site_a.pk}" selected'.encode() in ask.content
    assert an.get(page_url("screen", dialogue)).status_code == 200
    svg = an.get(page_url("qr", dialogue))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert login(dialogue.moderator).get(page_url("moderate", dialogue)).status_code == 200
    assert login(dialogue.admin).get(page_url("moderate", dialogue)).status_code == 200
    # A site operator sees the queue of their site's questions.
    assert login(dialogue.operator_a).get(page_url("moderate", dialogue)).status_code == 200
    assert login(dialogue.presenter_user).get(page_url("presenter", dialogue)).status_code == 200
    assert login(dialogue.presenter_user).get(page_url("moderate", dialogue)).status_code == 403


def test_conference_page_links_to_the_dialogue(dialogue, login):
    response = login(dialogue.an_user).get(
        reverse("conferences:detail", args=[dialogue.conference.pk])
    )
    assert ask_url(dialogue).encode() in response.content
    assert page_url("qr", dialogue).encode() in response.content


# --- asking -------------------------------------------------------------------------------


def test_ask_stores_the_question_with_site_and_presenter(dialogue, login):
    cuong = login(dialogue.cuong_user)
    response = cuong.post(
        ask_url(dialogue),
        {
            "text": "Chi bộ nông thôn triển khai thế nào?",
            "site": dialogue.site_b.pk,
            "addressed_to": dialogue.presenter.pk,
            "anonymous": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.site == dialogue.site_b
    assert question.addressed_to == dialogue.presenter
    assert question.anonymous
    assert question.status == Question.Status.PENDING
    html = cuong.get(ask_url(dialogue)).content.decode()
    assert "Đã gửi câu hỏi; câu hỏi sẽ hiện sau khi được duyệt." in html
    # The asker sees their own question waiting; the others do not.
    assert "Chi bộ nông thôn triển khai thế nào?" in html
    assert "Chi bộ nông thôn" not in login(dialogue.an_user).get(ask_url(dialogue)).content.decode()


def test_script_in_a_question_is_shown_as_text_on_every_page(dialogue, login):
    dialogue.settings.moderation = Settings.Moderation.OPEN
    dialogue.settings.save()
    response = login(dialogue.an_user).post(ask_url(dialogue), {"text": SCRIPT})
    assert response.status_code == 302
    question = Question.objects.get()
    services.mark_answering(question=question, by=dialogue.presenter_user)
    other = services.ask_question(
        conference=dialogue.conference, by=dialogue.binh_user, text=SCRIPT
    )
    services.reject(question=other, by=dialogue.moderator, reason="Trùng")
    services.return_to_pending(question=other, by=dialogue.moderator)
    pages = [
        login(dialogue.cuong_user).get(ask_url(dialogue)),
        login(dialogue.cuong_user).get(page_url("screen", dialogue)),
        login(dialogue.presenter_user).get(page_url("presenter", dialogue)),
        login(dialogue.moderator).get(page_url("moderate", dialogue)),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html


def test_too_long_question_shows_the_message_and_stores_nothing(dialogue, login):
    response = login(dialogue.an_user).post(ask_url(dialogue), {"text": "á" * 201})
    assert response.status_code == 400
    assert "Câu hỏi dài quá 200 ký tự" in response.content.decode()
    assert not Question.objects.exists()


def test_empty_question_gets_the_services_message(dialogue, login):
    response = login(dialogue.an_user).post(ask_url(dialogue), {"text": "   "})
    assert response.status_code == 400
    assert "Vui lòng nhập câu hỏi." in response.content.decode()
    assert not Question.objects.exists()


def test_ask_page_no_longer_answers_json(dialogue, login):
    """The script calls the API; the page answers a form post with a page, whatever it accepts."""
    response = login(dialogue.an_user).post(
        ask_url(dialogue), {"text": "Hỏi"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 302
    assert not response["Content-Type"].startswith("application/json")


def test_rate_limited_question_shows_the_message(dialogue, login):
    an = login(dialogue.an_user)
    for n in range(3):
        assert an.post(ask_url(dialogue), {"text": f"Câu hỏi số {n}"}).status_code == 302
    response = an.post(ask_url(dialogue), {"text": "Câu hỏi thứ tư"})
    assert response.status_code == 400
    assert "vui lòng chờ" in response.content.decode()
    assert Question.objects.count() == 3


def test_ask_page_lists_by_votes_or_by_time(dialogue, login):
    first = approved(dialogue, "Câu hỏi cũ nhiều ủng hộ")
    second = approved(dialogue, "Câu hỏi mới", by=dialogue.binh_user)
    services.vote(question=first, by=dialogue.cuong_user)
    an = login(dialogue.an_user)
    by_votes = an.get(ask_url(dialogue)).content.decode()
    assert by_votes.index(first.text) < by_votes.index(second.text)
    by_time = an.get(ask_url(dialogue) + "?order=time").content.decode()
    assert by_time.index(second.text) < by_time.index(first.text)


def test_vote_once_and_the_button_is_disabled(dialogue, login):
    question = approved(dialogue, "Có nên học tập theo nhóm?")
    cuong = login(dialogue.cuong_user)
    vote_url = reverse("dialogue:vote", args=[question.pk])
    assert cuong.post(vote_url).status_code == 302
    assert cuong.post(vote_url).status_code == 302
    question.refresh_from_db()
    assert question.votes == 1
    assert Vote.objects.count() == 1
    html = cuong.get(ask_url(dialogue)).content.decode()
    assert 'aria-pressed="true"' in html


def test_pending_question_cannot_be_seen_or_voted_by_others(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Câu hỏi chờ duyệt"
    )
    cuong = login(dialogue.cuong_user)
    assert "Câu hỏi chờ duyệt" not in cuong.get(ask_url(dialogue)).content.decode()
    assert cuong.post(reverse("dialogue:vote", args=[question.pk])).status_code == 404


# --- moderation ---------------------------------------------------------------------------


def test_moderator_sees_counts_and_likely_duplicates(dialogue, login):
    target = approved(dialogue, "Nghị quyết mới áp dụng cho chi bộ nông thôn thế nào?")
    services.ask_question(
        conference=dialogue.conference,
        by=dialogue.cuong_user,
        text="Nghị quyết mới áp dụng cho chi bộ nông thôn ra sao?",
    )
    response = login(dialogue.moderator).get(page_url("moderate", dialogue))
    html = response.content.decode()
    assert response.context["counts"]["asked"] == 2
    assert response.context["counts"]["pending"] == 1
    assert 'data-count="pending">1<' in html
    assert "Có thể trùng với" in html
    (card,) = response.context["cards"]
    assert [other for other, _score in card["similar"]] == [target]


def test_moderator_approves(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Hỏi"
    )
    response = login(dialogue.moderator).post(reverse("dialogue:approve", args=[question.pk]))
    assert response.status_code == 302
    assert response["Location"] == page_url("moderate", dialogue)
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED


def test_reject_needs_a_reason(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Hỏi"
    )
    moderator = login(dialogue.moderator)
    reject_url = reverse("dialogue:reject", args=[question.pk])
    response = moderator.post(reject_url, {"reason": ""}, follow=True)
    assert "Vui lòng nêu lý do không duyệt." in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING
    moderator.post(reject_url, {"reason": "Không thuộc nội dung hội nghị"})
    question.refresh_from_db()
    assert question.status == Question.Status.REJECTED
    assert question.reject_reason == "Không thuộc nội dung hội nghị"


def test_merge_carries_votes_over(dialogue, login):
    target = approved(dialogue, "Học tập trực tuyến được tính không?")
    duplicate = approved(dialogue, "Học trực tuyến có tính không?", by=dialogue.binh_user)
    services.vote(question=duplicate, by=dialogue.cuong_user)
    services.vote(question=target, by=dialogue.an_user)
    response = login(dialogue.moderator).post(
        reverse("dialogue:merge", args=[duplicate.pk]), {"merged_into": target.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.status == Question.Status.MERGED
    assert target.votes == 2
    html = login(dialogue.an_user).get(ask_url(dialogue)).content.decode()
    assert duplicate.text not in html


def test_route_to_a_presenter(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Hỏi"
    )
    login(dialogue.moderator).post(
        reverse("dialogue:route", args=[question.pk]),
        {"addressed_to": dialogue.other_presenter.pk},
    )
    question.refresh_from_db()
    assert question.addressed_to == dialogue.other_presenter


def test_attendee_cannot_moderate(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Hỏi"
    )
    response = login(dialogue.binh_user).post(reverse("dialogue:approve", args=[question.pk]))
    assert response.status_code in (403, 404)
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_moderation_card_partial_for_the_script(dialogue, login):
    question = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text=SCRIPT
    )
    moderator = login(dialogue.moderator)
    card = moderator.get(page_url("moderate", dialogue) + f"?card={question.pk}")
    assert card.status_code == 200
    assert f'data-question-id="{question.pk}"' in card.content.decode()
    assert "&lt;script&gt;" in card.content.decode()
    services.approve(question=question, by=dialogue.moderator)
    assert moderator.get(page_url("moderate", dialogue) + f"?card={question.pk}").status_code == 204
    counts = moderator.get(page_url("moderate", dialogue) + "?part=counts").content.decode()
    assert 'data-count="approved">1<' in counts


# --- presenter ----------------------------------------------------------------------------


def test_presenter_marks_answering_then_answered_and_answers_in_writing(dialogue, login):
    first = approved(dialogue, "Câu hỏi một")
    second = approved(dialogue, "Câu hỏi hai", by=dialogue.binh_user)
    presenter = login(dialogue.presenter_user)
    presenter.post(reverse("dialogue:answering", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == Question.Status.ANSWERING
    screen = login(dialogue.an_user).get(page_url("screen", dialogue))
    assert [q["id"] for q in screen.context["current"]] == [first.pk]
    presenter.post(reverse("dialogue:answered", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == Question.Status.ANSWERED
    presenter.post(
        reverse("dialogue:answer", args=[second.pk]), {"text": "Trả lời <b>bằng văn bản</b>"}
    )
    second.refresh_from_db()
    assert second.status == Question.Status.ANSWERED
    answer = second.answers.get()
    assert not answer.live
    assert answer.presenter == dialogue.presenter
    html = login(dialogue.cuong_user).get(ask_url(dialogue)).content.decode()
    assert "Trả lời &lt;b&gt;bằng văn bản&lt;/b&gt;" in html


def test_written_answer_needs_text(dialogue, login):
    question = approved(dialogue, "Câu hỏi một")
    response = login(dialogue.presenter_user).post(
        reverse("dialogue:answer", args=[question.pk]), {"text": ""}, follow=True
    )
    assert "Vui lòng nhập nội dung trả lời." in response.content.decode()
    assert question.answers.count() == 0
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED


def test_live_answer_may_have_no_summary(dialogue, login):
    question = approved(dialogue, "Câu hỏi một")
    login(dialogue.presenter_user).post(
        reverse("dialogue:answer", args=[question.pk]), {"text": "", "live": "on"}
    )
    assert question.answers.get().live


def test_conference_page_links_every_dialogue_page(dialogue, users, login):
    conference = dialogue.conference
    body = login(users.admin).get(f"/conferences/{conference.pk}/").content.decode()
    for name in ("ask", "moderate", "polls", "feedback", "qa"):
        assert reverse(f"dialogue:{name}", args=[conference.pk]) in body


# --- fixed query counts -------------------------------------------------------------------

MAX_MODERATION_QUERIES = 16


def _queries(client, url):
    client.get(url)  # the session and the content types are read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _pending(d, first, last):
    """Pending questions of site A (An's and Bình's), each with a likely duplicate."""
    for n in range(first, last):
        services.ask_question(
            conference=d.conference,
            by=(d.an_user, d.binh_user)[n % 2],
            text=f"Nghị quyết mới áp dụng cho chi bộ nông thôn thế nào, câu {n}?",
        )


@pytest.mark.parametrize("who", ["admin", "officer", "moderator", "operator_a"])
def test_moderation_page_runs_the_same_queries_for_1_and_10_questions(dialogue, login, who):
    dialogue.settings.questions_per_10_minutes = 100
    dialogue.settings.save()
    officer = UserFactory(username="officer")
    grant(officer, Role.OFFICER, dialogue.conference.host_org)
    user = officer if who == "officer" else getattr(dialogue, who)
    approved(
        dialogue, "Nghị quyết mới áp dụng cho chi bộ nông thôn ra sao?", by=dialogue.cuong_user
    )
    client = login(user)
    url = page_url("moderate", dialogue)

    _pending(dialogue, 0, 1)
    one, first = _queries(client, url)
    _pending(dialogue, 1, 10)
    ten, second = _queries(client, url)

    assert [len(first.context["cards"]), len(second.context["cards"])] == [1, 10]
    assert all(card["similar"] for card in second.context["cards"])
    assert one == ten
    assert ten <= MAX_MODERATION_QUERIES


@pytest.mark.parametrize(("name", "who"), [("presenter", "presenter_user"), ("screen", "an_user")])
def test_presenter_and_screen_pages_run_the_same_queries_for_1_and_10_questions(
    dialogue, login, name, who
):
    dialogue.settings.questions_per_10_minutes = 100
    dialogue.settings.save()
    client = login(getattr(dialogue, who))
    url = page_url(name, dialogue)

    def add(first, last):
        for n in range(first, last):
            approved(dialogue, f"Câu hỏi {n}", by=(dialogue.an_user, dialogue.binh_user)[n % 2])

    add(0, 1)
    one, _first = _queries(client, url)
    add(1, 10)
    ten, _second = _queries(client, url)

    assert one == ten
