"""Quick polls: services, the polls page and the API (see tests/dialogue/conftest.py)."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quantriet.conferences.models import CheckIn
from quantriet.dialogue import polls
from quantriet.dialogue.models import Event, Poll, PollVote
from tests.factories import PersonFactory, UserFactory


def _poll(d, *, kind="single", options=("Đã nắm vững", "Cần tìm hiểu thêm", "Chưa rõ"), open_=True):
    poll = polls.create_poll(
        conference=d.conference,
        by=d.moderator,
        question="Đồng chí đã nắm được những điểm mới của Nghị quyết?",
        kind=kind,
        options=list(options),
    )
    if open_:
        poll = polls.open_poll(poll=poll, by=d.moderator)
    return poll


def _ids(poll):
    return [o.pk for o in poll.options.all()]


# --- services -------------------------------------------------------------------------------


def test_create_poll_by_moderator_is_a_draft_with_ordered_options(dialogue):
    poll = _poll(dialogue, open_=False)

    assert poll.status == Poll.Status.DRAFT
    assert [o.text for o in poll.options.all()] == ["Đã nắm vững", "Cần tìm hiểu thêm", "Chưa rõ"]


@pytest.mark.parametrize(
    "options",
    [["Một"], [f"Phương án {i}" for i in range(11)], ["Có", " "], ["Có", "có"]],
    ids=["one", "eleven", "blank", "duplicate"],
)
def test_create_poll_refuses_bad_options(dialogue, options):
    with pytest.raises(ValidationError) as exc:
        polls.create_poll(
            conference=dialogue.conference,
            by=dialogue.moderator,
            question="Câu hỏi?",
            kind="single",
            options=options,
        )
    assert "options" in exc.value.message_dict
    assert not Poll.objects.exists()


def test_create_poll_by_visible_non_moderator_is_forbidden(dialogue):
    with pytest.raises(PermissionDenied):
        polls.create_poll(
            conference=dialogue.conference,
            by=dialogue.an_user,
            question="Câu hỏi?",
            kind="single",
            options=["Có", "Không"],
        )


def test_open_poll_emits_public_event_and_closes_the_open_one(dialogue):
    first = _poll(dialogue)
    second = _poll(dialogue, open_=False)

    polls.open_poll(poll=second, by=dialogue.moderator)

    first.refresh_from_db()
    assert first.status == Poll.Status.CLOSED
    kinds = list(Event.objects.order_by("id").values_list("kind", "audience"))
    assert kinds == [
        ("poll.opened", "public"),
        ("poll.closed", "public"),
        ("poll.opened", "public"),
    ]
    opened = Event.objects.filter(kind="poll.opened").last()
    assert opened.data["id"] == second.pk
    assert [o["text"] for o in opened.data["options"]] == [
        "Đã nắm vững",
        "Cần tìm hiểu thêm",
        "Chưa rõ",
    ]


def test_answer_poll_counts_per_site_and_overall(dialogue):
    poll = _poll(dialogue)
    first, second, _third = _ids(poll)

    polls.answer_poll(poll=poll, by=dialogue.an_user, options=[first])
    polls.answer_poll(poll=poll, by=dialogue.binh_user, options=[second])
    results = polls.answer_poll(poll=poll, by=dialogue.cuong_user, options=[first])

    assert results["respondents"] == 3
    assert [(o["count"], o["percent"]) for o in results["options"]] == [(2, 67), (1, 33), (0, 0)]
    by_site = {s["name"]: s for s in results["sites"]}
    assert by_site["Điểm cầu phường Uông Bí"]["respondents"] == 2
    assert [o["count"] for o in by_site["Điểm cầu phường Uông Bí"]["options"]] == [1, 1, 0]
    assert [o["count"] for o in by_site["Điểm cầu phường Yên Tử"]["options"]] == [1, 0, 0]
    event = Event.objects.filter(kind="poll.results").last()
    assert event.data == results
    assert "an" not in json.dumps(event.data, ensure_ascii=False).split('"')  # counts, no names


def test_answer_poll_a_second_time_is_refused(dialogue):
    poll = _poll(dialogue)
    first, second, _ = _ids(poll)
    polls.answer_poll(poll=poll, by=dialogue.an_user, options=[first])

    with pytest.raises(ValidationError) as exc:
        polls.answer_poll(poll=poll, by=dialogue.an_user, options=[second])

    assert exc.value.messages == ["Đồng chí đã trả lời khảo sát này."]
    assert PollVote.objects.filter(poll=poll).count() == 1


def test_answer_single_choice_with_two_options_is_refused(dialogue):
    poll = _poll(dialogue)

    with pytest.raises(ValidationError) as exc:
        polls.answer_poll(poll=poll, by=dialogue.an_user, options=_ids(poll)[:2])

    assert "options" in exc.value.message_dict


def test_answer_multiple_choice_counts_people_once(dialogue):
    poll = _poll(dialogue, kind="multiple")
    first, second, _third = _ids(poll)

    polls.answer_poll(poll=poll, by=dialogue.an_user, options=[first, second])
    results = polls.answer_poll(poll=poll, by=dialogue.binh_user, options=[first])

    assert results["respondents"] == 2
    assert results["votes"] == 3
    assert [o["percent"] for o in results["options"]] == [100, 50, 0]


def test_answer_with_another_polls_option_is_refused(dialogue):
    poll = _poll(dialogue)
    other = _poll(dialogue, open_=False)

    with pytest.raises(ValidationError) as exc:
        polls.answer_poll(poll=poll, by=dialogue.an_user, options=[_ids(other)[0]])

    assert "options" in exc.value.message_dict


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_answer_poll_that_is_not_open_is_refused(dialogue, state):
    poll = _poll(dialogue, open_=state == "closed")
    if state == "closed":
        polls.close_poll(poll=poll, by=dialogue.moderator)

    with pytest.raises(ValidationError):
        polls.answer_poll(poll=poll, by=dialogue.an_user, options=_ids(poll)[:1])


def test_answer_by_uninvited_attendee_uses_the_checkin_site(dialogue, tree):
    poll = _poll(dialogue)
    person = PersonFactory(full_name="Ngô Văn Hải", org=tree.cell_a1)
    user = UserFactory(username="hai")
    person.user = user
    person.save()
    # An officer's subtree holds site B: visible; checked in there without an invitation.
    from tests.factories import grant

    grant(user, "officer", tree.ward_b)
    from django.utils import timezone

    CheckIn.objects.create(
        conference=dialogue.conference,
        person=person,
        site=dialogue.site_b,
        client_id="5f0c6c1e-0000-4000-8000-000000000001",
        method="manual",
        at=timezone.now(),
        recorded_at=timezone.now(),
        invited=False,
    )

    polls.answer_poll(poll=poll, by=user, options=_ids(poll)[:1])

    assert PollVote.objects.get(person=person).site == dialogue.site_b


def test_answer_by_user_without_person_is_refused(dialogue):
    poll = _poll(dialogue)

    with pytest.raises(ValidationError) as exc:
        polls.answer_poll(poll=poll, by=dialogue.moderator, options=_ids(poll)[:1])

    assert "hồ sơ cá nhân" in exc.value.messages[0]


def test_close_poll_emits_final_results(dialogue):
    poll = _poll(dialogue)
    polls.answer_poll(poll=poll, by=dialogue.an_user, options=_ids(poll)[:1])

    polls.close_poll(poll=poll, by=dialogue.moderator)

    event = Event.objects.filter(kind="poll.closed").last()
    assert event.data["status"] == "closed"
    assert event.data["results"]["respondents"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_results_for_many_polls_runs_a_fixed_number_of_queries(
    dialogue, django_assert_num_queries, count
):
    rows = [_poll(dialogue, open_=False) for _ in range(count)]

    with django_assert_num_queries(3):
        results = polls.results_for(rows)

    assert len(results) == count


# --- pages ------------------------------------------------------------------------------------


def test_polls_page_outsider_gets_404(dialogue, login):
    assert (
        login(dialogue.stranger)
        .get(reverse("dialogue:polls", args=[dialogue.conference.pk]))
        .status_code
        == 404
    )


def test_polls_page_moderator_creates_then_opens_a_poll(dialogue, login):
    client = login(dialogue.moderator)
    url = reverse("dialogue:polls", args=[dialogue.conference.pk])

    response = client.post(
        url, {"question": "Mức độ hài lòng?", "kind": "single", "options": "Tốt\nKhá\n\nTrung bình"}
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert [o.text for o in poll.options.all()] == ["Tốt", "Khá", "Trung bình"]

    client.post(reverse("dialogue:poll_open", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN


def test_polls_page_create_with_one_option_shows_the_error(dialogue, login):
    response = login(dialogue.moderator).post(
        reverse("dialogue:polls", args=[dialogue.conference.pk]),
        {"question": "Mức độ hài lòng?", "kind": "single", "options": "Tốt"},
    )

    assert response.status_code == 400
    assert "từ 2 đến 10 phương án" in response.content.decode()


def test_polls_page_visible_non_moderator_cannot_create_open_or_close(dialogue, login):
    draft = _poll(dialogue, open_=False)
    opened = _poll(dialogue)
    client = login(dialogue.officer_b)

    create = client.post(
        reverse("dialogue:polls", args=[dialogue.conference.pk]),
        {"question": "?", "kind": "single", "options": "A\nB"},
    )
    # Drafts are not shown to non-moderators at all.
    open_ = client.post(reverse("dialogue:poll_open", args=[draft.pk]))
    close = client.post(reverse("dialogue:poll_close", args=[opened.pk]))

    assert (create.status_code, open_.status_code, close.status_code) == (403, 404, 403)
    opened.refresh_from_db()
    assert opened.status == Poll.Status.OPEN


def test_polls_page_attendee_answers_and_sees_results(dialogue, login):
    poll = _poll(dialogue)
    client = login(dialogue.an_user)
    page = client.get(reverse("dialogue:polls", args=[dialogue.conference.pk]))
    assert "Gửi trả lời" in page.content.decode()

    client.post(reverse("dialogue:poll_answer", args=[poll.pk]), {"options": [_ids(poll)[1]]})
    page = client.get(reverse("dialogue:polls", args=[dialogue.conference.pk]))

    html = page.content.decode()
    assert "Đồng chí đã trả lời khảo sát này." in html
    assert "Gửi trả lời" not in html
    assert "Điểm cầu phường Uông Bí" in html
    assert 'value="100"' in html
    assert "quantriet/polls.js" in html
    assert "<script>" not in html


def test_polls_page_escapes_poll_text(dialogue, login):
    _poll(dialogue, options=["<b>Có</b>", "Không"])

    html = (
        login(dialogue.an_user)
        .get(reverse("dialogue:polls", args=[dialogue.conference.pk]))
        .content.decode()
    )

    assert "&lt;b&gt;Có&lt;/b&gt;" in html
    assert "<b>Có</b>" not in html


# --- API --------------------------------------------------------------------------------------


def test_api_create_open_answer_results(dialogue, api):
    moderator = api(dialogue.moderator)
    created = moderator.post(
        f"/api/v1/conferences/{dialogue.conference.pk}/polls",
        {"question": "Chọn chuyên đề?", "kind": "multiple", "options": ["Kinh tế", "Xã hội"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    poll_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert moderator.post(f"/api/v1/polls/{poll_id}/open").json()["status"] == "open"
    options = [o["id"] for o in created.json()["options"]]

    answered = api(dialogue.cuong_user).post(
        f"/api/v1/polls/{poll_id}/answer", {"options": options}, content_type="application/json"
    )
    again = api(dialogue.cuong_user).post(
        f"/api/v1/polls/{poll_id}/answer", {"options": options[:1]}, content_type="application/json"
    )
    results = api(dialogue.an_user).get(f"/api/v1/polls/{poll_id}/results")
    listed = api(dialogue.cuong_user).get(f"/api/v1/conferences/{dialogue.conference.pk}/polls")

    assert answered.status_code == 201
    assert again.status_code == 400
    assert again.json()["detail"]
    assert again.json()["errors"][0]["message"] == "Đồng chí đã trả lời khảo sát này."
    assert results.json()["sites"][0]["name"] == "Điểm cầu phường Yên Tử"
    assert [o["count"] for o in results.json()["options"]] == [1, 1]
    assert listed.json()["items"][0]["answered"] is True


def test_api_create_with_bad_options_is_400_with_field(dialogue, api):
    response = api(dialogue.moderator).post(
        f"/api/v1/conferences/{dialogue.conference.pk}/polls",
        {"question": "?", "kind": "single", "options": ["Một"]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "options"


def test_api_visible_non_moderator_gets_403_on_create_open_close(dialogue, api):
    draft = _poll(dialogue, open_=False)
    client = api(dialogue.an_user)

    create = client.post(
        f"/api/v1/conferences/{dialogue.conference.pk}/polls",
        {"question": "?", "kind": "single", "options": ["A", "B"]},
        content_type="application/json",
    )
    polls.open_poll(poll=draft, by=dialogue.moderator)
    close = client.post(f"/api/v1/polls/{draft.pk}/close")
    open_ = client.post(f"/api/v1/polls/{draft.pk}/open")

    assert (create.status_code, close.status_code, open_.status_code) == (403, 403, 403)


def test_api_outsider_gets_404(dialogue, api):
    poll = _poll(dialogue)
    client = api(dialogue.stranger)

    assert client.get(f"/api/v1/conferences/{dialogue.conference.pk}/polls").status_code == 404
    assert client.get(f"/api/v1/polls/{poll.pk}/results").status_code == 404
    assert (
        client.post(
            f"/api/v1/polls/{poll.pk}/answer",
            {"options": _ids(poll)[:1]},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_api_draft_is_hidden_from_attendees(dialogue, api):
    draft = _poll(dialogue, open_=False)

    listed = api(dialogue.an_user).get(f"/api/v1/conferences/{dialogue.conference.pk}/polls")

    assert listed.json() == {"count": 0, "items": []}
    assert api(dialogue.an_user).get(f"/api/v1/polls/{draft.pk}/results").status_code == 404


def test_polls_page_htmx_renders_only_the_list(dialogue, login):
    _poll(dialogue)
    client = login(dialogue.moderator)
    url = reverse("dialogue:polls", args=[dialogue.conference.pk])

    full = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Tạo khảo sát mới" in full
    assert "Đóng khảo sát" in full
    assert partial.lstrip().startswith('<div id="qt-polls-list">')
    assert "Tạo khảo sát mới" not in partial
