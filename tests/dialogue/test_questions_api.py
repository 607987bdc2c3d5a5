import pytest
from django.urls import reverse

from quantriet.dialogue import services
from quantriet.dialogue.models import Event, ModerationLog, Question, Settings, Vote

JSON = "application/json"
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def questions_url(d):
    return f"/api/v1/conferences/{d.conference.pk}/questions"


def post(client, url, data=None):
    return client.post(url, data or {}, content_type=JSON)


def patch(client, url, data):
    return client.patch(url, data, content_type=JSON)


def ask(d, user, text="Câu hỏi", **kwargs):
    return services.ask_question(conference=d.conference, by=user, text=text, **kwargs)


def approved(d, user, text="Câu hỏi đã duyệt", **kwargs):
    return services.approve(question=ask(d, user, text, **kwargs), by=d.moderator)


def test_ask_returns_201_with_the_question(dialogue, api):
    response = post(
        api(dialogue.an_user),
        questions_url(dialogue),
        {"text": "  Quán triệt thế nào?  ", "addressed_to": dialogue.presenter.pk},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["text"] == "Quán triệt thế nào?"
    assert body["status"] == "pending"
    assert body["asker"] == "Nguyễn Văn An"
    assert body["site"] == "Điểm cầu phường Uông Bí"
    assert body["addressed_to"] == "Phạm Thị Dung"
    assert Question.objects.get().asked_by == dialogue.an


def test_ask_with_a_site_of_this_conference(dialogue, api):
    response = post(
        api(dialogue.an_user), questions_url(dialogue), {"text": "Hỏi", "site": dialogue.host.pk}
    )
    assert response.json()["site"] == "Điểm cầu Tỉnh ủy"


def test_ask_with_a_foreign_site_or_presenter_is_a_field_error(dialogue, api):
    client = api(dialogue.an_user)
    bad_site = post(client, questions_url(dialogue), {"text": "Hỏi", "site": 999999})
    bad_presenter = post(
        client, questions_url(dialogue), {"text": "Hỏi", "addressed_to": dialogue.binh.pk}
    )

    assert bad_site.status_code == 400
    assert bad_site.json()["errors"][0]["field"] == "site"
    assert bad_presenter.status_code == 400
    assert bad_presenter.json()["errors"][0]["field"] == "addressed_to"
    assert not Question.objects.exists()


def test_script_is_returned_as_plain_text_in_json(dialogue, api):
    dialogue.settings.moderation = Settings.Moderation.OPEN
    dialogue.settings.save()
    post(api(dialogue.an_user), questions_url(dialogue), {"text": SCRIPT})

    response = api(dialogue.cuong_user).get(questions_url(dialogue))

    assert response["Content-Type"].startswith("application/json")
    assert response.json()["items"][0]["text"] == SCRIPT
    assert Question.objects.get().text == SCRIPT


def test_over_long_question_is_400_with_the_message_and_not_stored(dialogue, api):
    response = post(api(dialogue.an_user), questions_url(dialogue), {"text": "a" * 250})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "text", "message": "Câu hỏi dài quá 200 ký tự (hiện 250)."}
    ]
    assert not Question.objects.exists()


def test_rate_limited_question_is_429_with_the_message_and_not_stored(dialogue, api):
    client = api(dialogue.an_user)
    for n in range(3):
        assert post(client, questions_url(dialogue), {"text": f"Câu {n}"}).status_code == 201

    response = post(client, questions_url(dialogue), {"text": "Câu thứ tư"})

    assert response.status_code == 429
    assert response.json()["detail"] == (
        "Đồng chí đã gửi 3 câu hỏi trong 10 phút qua; vui lòng chờ trước khi hỏi tiếp."
    )
    assert Question.objects.count() == 3


@pytest.mark.parametrize("mode", ["moderators", "nobody"])
def test_anonymous_question_as_each_role_sees_it(dialogue, api, mode):
    dialogue.settings.anonymity = mode
    dialogue.settings.save()
    post(api(dialogue.an_user), questions_url(dialogue), {"text": "Ẩn danh", "anonymous": True})
    services.approve(question=Question.objects.get(), by=dialogue.moderator)

    def asker(user):
        return api(user).get(questions_url(dialogue)).json()["items"][0]["asker"]

    assert asker(dialogue.cuong_user) == "Ẩn danh"
    assert asker(dialogue.presenter_user) == "Ẩn danh"
    assert asker(dialogue.moderator) == ("Nguyễn Văn An" if mode == "moderators" else "Ẩn danh")
    assert asker(dialogue.admin) == ("Nguyễn Văn An" if mode == "moderators" else "Ẩn danh")


def test_list_filters_by_status_and_orders_by_votes_or_time(dialogue, api):
    first = approved(dialogue, dialogue.an_user, "Thứ nhất")
    second = approved(dialogue, dialogue.binh_user, "Thứ hai")
    pending = ask(dialogue, dialogue.cuong_user, "Chờ")
    services.vote(question=second, by=dialogue.cuong_user)
    client = api(dialogue.moderator)

    by_votes = client.get(questions_url(dialogue)).json()["items"]
    by_time = client.get(questions_url(dialogue) + "?order=time").json()["items"]
    only_pending = client.get(questions_url(dialogue) + "?status=pending").json()

    assert [q["id"] for q in by_votes][:1] == [second.pk]
    assert [q["id"] for q in by_time] == [pending.pk, second.pk, first.pk]
    assert only_pending["count"] == 1
    assert only_pending["items"][0]["id"] == pending.pk
    assert client.get(questions_url(dialogue) + "?status=nonsense").status_code == 400


@pytest.mark.parametrize("rows", [1, 3])
def test_questions_list_query_count_is_fixed(dialogue, api, rows, django_assert_num_queries):
    people = [dialogue.an_user, dialogue.binh_user, dialogue.cuong_user]
    for user in people[:rows]:
        question = approved(dialogue, user, f"Câu hỏi của {user.username}")
        services.answer(question=question, by=dialogue.presenter_user, text="Trả lời")
    client = api(dialogue.moderator)
    client.get(questions_url(dialogue))  # warm the token cache

    with django_assert_num_queries(8):
        response = client.get(questions_url(dialogue))

    assert response.json()["count"] == rows
    assert all(item["answers"] for item in response.json()["items"])


def test_vote_201_then_200_with_the_count(dialogue, api):
    question = approved(dialogue, dialogue.an_user)
    client = api(dialogue.binh_user)
    url = f"/api/v1/questions/{question.pk}/vote"

    first = post(client, url)
    again = post(client, url)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"id": question.pk, "votes": 1, "voted": True}
    assert again.json()["votes"] == 1
    assert Vote.objects.count() == 1


def test_vote_on_a_pending_question_of_someone_else_is_404(dialogue, api):
    question = ask(dialogue, dialogue.an_user)
    response = post(api(dialogue.binh_user), f"/api/v1/questions/{question.pk}/vote")
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_outsiders_get_404_on_list_ask_vote_and_patch(dialogue, api, who):
    question = approved(dialogue, dialogue.an_user)
    client = api(getattr(dialogue, who))

    responses = [
        client.get(questions_url(dialogue)),
        post(client, questions_url(dialogue), {"text": "Tôi hỏi"}),
        post(client, f"/api/v1/questions/{question.pk}/vote"),
        patch(client, f"/api/v1/questions/{question.pk}", {"status": "rejected", "reason": "x"}),
        post(client, f"/api/v1/questions/{question.pk}/answer", {"text": "x"}),
        client.get(f"/api/v1/conferences/{dialogue.conference.pk}/questions/stats"),
        client.get(f"/api/v1/questions/{question.pk}/similar"),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert Question.objects.count() == 1
    assert not Vote.objects.exists()


def test_anonymous_client_is_401(dialogue, api):
    assert api().get(questions_url(dialogue)).status_code == 401


def test_visible_non_moderator_gets_403_on_patch(dialogue, api):
    question = approved(dialogue, dialogue.an_user)
    url = f"/api/v1/questions/{question.pk}"
    for user in (dialogue.binh_user, dialogue.officer_b, dialogue.operator_a):
        response = patch(api(user), url, {"status": "rejected", "reason": "Không hợp"})
        assert response.status_code == 403
    assert patch(api(dialogue.binh_user), url, {"status": "answering"}).status_code == 403
    assert post(api(dialogue.binh_user), url + "/answer", {"text": "x"}).status_code == 403
    assert api(dialogue.binh_user).get(url + "/similar").status_code == 403
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED


def test_patch_approve_reject_route_and_log(dialogue, api):
    question = ask(dialogue, dialogue.an_user)
    client = api(dialogue.moderator)
    url = f"/api/v1/questions/{question.pk}"

    missing_reason = patch(client, url, {"status": "rejected"})
    rejected = patch(client, url, {"status": "rejected", "reason": "Lạc đề"})
    routed = patch(client, url, {"status": "approved", "addressed_to": dialogue.other_presenter.pk})

    assert missing_reason.status_code == 400
    assert missing_reason.json()["errors"][0]["field"] == "reason"
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["reject_reason"] == "Lạc đề"
    assert routed.status_code == 200
    assert routed.json()["status"] == "approved"
    assert routed.json()["addressed_to"] == "Đỗ Đức Giang"
    assert list(ModerationLog.objects.values_list("action", flat=True)) == [
        "reject",
        "approve",
        "route",
    ]
    log = client.get(f"/api/v1/conferences/{dialogue.conference.pk}/questions/log").json()["items"]
    assert [entry["action"] for entry in log] == ["route", "approve", "reject"]
    assert log[-1]["actor"] == "moderator"


def test_site_operator_approves_own_site_pending_only(dialogue, api):
    from_a = ask(dialogue, dialogue.an_user, "Từ A")
    from_b = ask(dialogue, dialogue.cuong_user, "Từ B")
    client = api(dialogue.operator_a)

    listed = client.get(questions_url(dialogue) + "?status=pending").json()["items"]
    ok = patch(client, f"/api/v1/questions/{from_a.pk}", {"status": "approved"})
    hidden = patch(client, f"/api/v1/questions/{from_b.pk}", {"status": "approved"})

    assert [q["id"] for q in listed] == [from_a.pk]
    assert ok.status_code == 200
    assert ok.json()["status"] == "approved"
    assert hidden.status_code == 404


def test_patch_merge_carries_votes(dialogue, api):
    keep = approved(dialogue, dialogue.an_user, "Giữ")
    duplicate = approved(dialogue, dialogue.cuong_user, "Trùng")
    services.vote(question=keep, by=dialogue.binh_user)
    services.vote(question=duplicate, by=dialogue.binh_user)
    services.vote(question=duplicate, by=dialogue.an_user)
    client = api(dialogue.moderator)

    missing = patch(client, f"/api/v1/questions/{duplicate.pk}", {"status": "merged"})
    response = patch(client, f"/api/v1/questions/{duplicate.pk}", {"merged_into": keep.pk})

    assert missing.status_code == 400
    assert response.status_code == 200
    assert response.json()["status"] == "merged"
    assert response.json()["merged_into"] == keep.pk
    keep.refresh_from_db()
    assert keep.votes == 2


def test_presenter_marks_answering_then_answers(dialogue, api):
    question = approved(dialogue, dialogue.an_user)
    client = api(dialogue.presenter_user)
    url = f"/api/v1/questions/{question.pk}"

    answering = patch(client, url, {"status": "answering"})
    answered = post(client, url + "/answer", {"text": SCRIPT, "live": False})

    assert answering.json()["status"] == "answering"
    assert answered.status_code == 201
    assert answered.json()["status"] == "answered"
    assert answered.json()["answers"] == [
        {
            "presenter": "Phạm Thị Dung",
            "text": SCRIPT,
            "live": False,
            "created_at": answered.json()["answers"][0]["created_at"],
        }
    ]


def test_stats_visible_to_attendees(dialogue, api):
    question = ask(dialogue, dialogue.an_user)
    services.reject(question=question, by=dialogue.moderator, reason="Trùng")
    ask(dialogue, dialogue.binh_user, "Khác")

    response = api(dialogue.cuong_user).get(
        f"/api/v1/conferences/{dialogue.conference.pk}/questions/stats"
    )

    assert response.json()["asked"] == 2
    assert response.json()["rejected"] == 1
    assert response.json()["pending"] == 1


def test_similar_for_moderators(dialogue, api):
    earlier = ask(dialogue, dialogue.an_user, "Quán triệt Nghị quyết Đại hội XIV")
    new = ask(dialogue, dialogue.cuong_user, "quan triet nghi quyet dai hoi XIV")

    response = api(dialogue.moderator).get(f"/api/v1/questions/{new.pk}/similar")

    assert response.status_code == 200
    assert [(row["question"]["id"], row["score"]) for row in response.json()["items"]] == [
        (earlier.pk, 1.0)
    ]


def test_ask_over_api_emits_events_and_publishes_after_commit(
    dialogue, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post(api(dialogue.an_user), questions_url(dialogue), {"text": "Hỏi", "anonymous": True})

    assert len(callbacks) == 2  # the central moderators and the question's site
    event = Event.objects.get(audience="moderators")
    assert event.kind == "question.added"
    assert event.data["asker"] == "Nguyễn Văn An"
    assert Event.objects.exclude(audience="moderators").get().audience.startswith("site-")


def test_reject_reason_bound_is_the_services_by_page_and_api(dialogue, api, login):
    question = ask(dialogue, dialogue.an_user)
    too_long = "x" * 256

    by_api = patch(
        api(dialogue.moderator),
        f"/api/v1/questions/{question.pk}",
        {"status": "rejected", "reason": too_long},
    )
    by_page = login(dialogue.moderator).post(
        reverse("dialogue:reject", args=[question.pk]), {"reason": too_long}, follow=True
    )

    assert by_api.status_code == 400
    assert by_api.json()["errors"] == [{"field": "reason", "message": "Lý do dài quá 255 ký tự."}]
    assert "Lý do dài quá 255 ký tự." in by_page.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING
    assert not ModerationLog.objects.filter(action="reject").exists()
