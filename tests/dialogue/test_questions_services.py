import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from quantriet.dialogue import access, selectors, services
from quantriet.dialogue.models import Event, ModerationLog, Question, Settings, Vote

SCRIPT = "<script>alert(1)</script> <b>đậm</b>"


def ask(d, user, text="Quán triệt Nghị quyết thế nào cho sát thực tế?", **kwargs):
    return services.ask_question(conference=d.conference, by=user, text=text, **kwargs)


def approved(d, user, text="Câu hỏi đã duyệt", **kwargs):
    question = ask(d, user, text, **kwargs)
    return services.approve(question=question, by=d.moderator)


def test_ask_named_question_is_pending_with_the_askers_site(dialogue):
    question = ask(dialogue, dialogue.an_user)

    assert question.status == Question.Status.PENDING
    assert question.asked_by == dialogue.an
    assert question.site == dialogue.site_a
    assert question.search_text == "quan triet nghi quyet the nao cho sat thuc te?"
    payload = services.question_payload(question, Event.Audience.PUBLIC)
    assert payload["asker"] == "Nguyễn Văn An"
    assert payload["site"] == "Điểm cầu phường Uông Bí"


def test_ask_in_open_moderation_is_approved_at_once(dialogue):
    services.update_settings(
        conference=dialogue.conference, by=dialogue.admin, moderation=Settings.Moderation.OPEN
    )

    question = ask(dialogue, dialogue.cuong_user)

    assert question.status == Question.Status.APPROVED
    assert question.site == dialogue.site_b


def test_ask_with_explicit_site_and_presenter(dialogue):
    question = ask(dialogue, dialogue.an_user, site=dialogue.host, addressed_to=dialogue.presenter)

    assert question.site == dialogue.host
    payload = services.question_payload(question, Event.Audience.PUBLIC)
    assert payload["addressed_to"] == "Phạm Thị Dung"


def test_ask_rejects_a_site_of_another_conference_or_a_non_presenter(dialogue):
    with pytest.raises(ValidationError) as err:
        ask(dialogue, dialogue.an_user, addressed_to=dialogue.binh)
    assert "addressed_to" in err.value.message_dict
    assert not Question.objects.exists()


def test_anonymous_known_to_moderators_only(dialogue):
    question = ask(dialogue, dialogue.an_user, anonymous=True)

    assert question.asked_by == dialogue.an
    assert services.question_payload(question, Event.Audience.PUBLIC)["asker"] == "Ẩn danh"
    assert services.question_payload(question, Event.Audience.MODERATORS)["asker"] == (
        "Nguyễn Văn An"
    )


def test_anonymous_hidden_from_everyone_stores_no_asker(dialogue):
    dialogue.settings.anonymity = Settings.Anonymity.NOBODY
    dialogue.settings.save()

    question = ask(dialogue, dialogue.an_user, anonymous=True)

    assert question.asked_by is None
    assert question.asker_key
    assert services.question_payload(question, Event.Audience.MODERATORS)["asker"] == "Ẩn danh"
    # The asker still sees their own pending question (matched by the key, not the name).
    assert list(selectors.questions_for(dialogue.an_user, dialogue.conference)) == [question]
    assert list(selectors.questions_for(dialogue.binh_user, dialogue.conference)) == []


def test_named_question_in_nobody_mode_keeps_the_name(dialogue):
    dialogue.settings.anonymity = Settings.Anonymity.NOBODY
    dialogue.settings.save()

    question = ask(dialogue, dialogue.an_user)

    assert question.asked_by == dialogue.an


def test_too_long_question_gets_a_clear_message_and_is_not_stored(dialogue):
    with pytest.raises(ValidationError) as err:
        ask(dialogue, dialogue.an_user, "ơ" * 201)

    assert err.value.message_dict["text"] == ["Câu hỏi dài quá 200 ký tự (hiện 201)."]
    assert not Question.objects.exists()


def test_empty_question_is_refused(dialogue):
    with pytest.raises(ValidationError):
        ask(dialogue, dialogue.an_user, "   ")
    assert not Question.objects.exists()


def test_rate_limit_gets_a_clear_message_and_is_not_stored(dialogue):
    for n in range(3):
        ask(dialogue, dialogue.an_user, f"Câu hỏi số {n}")

    with pytest.raises(ValidationError) as err:
        ask(dialogue, dialogue.an_user, "Câu hỏi thứ tư")

    assert err.value.messages == [
        "Đồng chí đã gửi 3 câu hỏi trong 10 phút qua; vui lòng chờ trước khi hỏi tiếp."
    ]
    assert Question.objects.count() == 3
    ask(dialogue, dialogue.binh_user, "Người khác vẫn hỏi được")


def test_rate_limit_counts_only_the_last_ten_minutes_and_hidden_askers(dialogue):
    dialogue.settings.anonymity = Settings.Anonymity.NOBODY
    dialogue.settings.save()
    for n in range(3):
        ask(dialogue, dialogue.an_user, f"Câu hỏi ẩn danh {n}", anonymous=True)
    with pytest.raises(ValidationError):
        ask(dialogue, dialogue.an_user, "Lần nữa", anonymous=True)

    Question.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    ask(dialogue, dialogue.an_user, "Đã qua 10 phút", anonymous=True)


def test_script_is_stored_as_typed_and_returned_as_plain_text(dialogue):
    question = ask(dialogue, dialogue.an_user, SCRIPT)

    assert question.text == SCRIPT
    assert services.question_payload(question, Event.Audience.PUBLIC)["text"] == SCRIPT


def test_person_less_user_cannot_ask_and_outsiders_get_404(dialogue):
    with pytest.raises(ValidationError):
        ask(dialogue, dialogue.operator_a)
    for user in (dialogue.outsider, dialogue.stranger):
        with pytest.raises(Http404):
            ask(dialogue, user)
    assert not Question.objects.exists()


def test_vote_is_idempotent_and_counted_with_f(dialogue):
    question = approved(dialogue, dialogue.an_user)

    first, created = services.vote(question=question, by=dialogue.binh_user)
    first_count = first.votes
    again, created_again = services.vote(question=question, by=dialogue.binh_user)
    again_count = again.votes
    services.vote(question=question, by=dialogue.cuong_user)

    assert (created, created_again) == (True, False)
    assert (first_count, again_count) == (1, 1)
    question.refresh_from_db()
    assert question.votes == 2
    assert Vote.objects.filter(question=question).count() == 2


def test_vote_needs_an_approved_question_and_a_visible_conference(dialogue):
    pending = ask(dialogue, dialogue.an_user)
    with pytest.raises(ValidationError):
        services.vote(question=pending, by=dialogue.binh_user)
    question = approved(dialogue, dialogue.an_user, "Đã duyệt")
    with pytest.raises(Http404):
        services.vote(question=question, by=dialogue.stranger)
    assert not Vote.objects.exists()


def test_audience_sees_approved_moderators_see_all(dialogue):
    pending = ask(dialogue, dialogue.an_user, "Chờ duyệt")
    shown = approved(dialogue, dialogue.binh_user, "Đã duyệt")

    assert list(selectors.questions_for(dialogue.cuong_user, dialogue.conference)) == [shown]
    assert set(selectors.questions_for(dialogue.moderator, dialogue.conference)) == {
        pending,
        shown,
    }
    assert list(
        selectors.questions_for(dialogue.moderator, dialogue.conference, status="pending")
    ) == [pending]


def test_order_by_votes_or_time(dialogue):
    older = approved(dialogue, dialogue.an_user, "Cũ hơn")
    newer = approved(dialogue, dialogue.binh_user, "Mới hơn")
    services.vote(question=newer, by=dialogue.cuong_user)

    by_votes = list(selectors.questions_for(dialogue.cuong_user, dialogue.conference))
    Question.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    by_time = list(selectors.questions_for(dialogue.cuong_user, dialogue.conference, order="time"))

    assert by_votes == [newer, older]
    assert by_time == [newer, older]
    services.vote(question=older, by=dialogue.cuong_user)
    services.vote(question=older, by=dialogue.an_user)
    assert list(selectors.questions_for(dialogue.cuong_user, dialogue.conference)) == [
        older,
        newer,
    ]


def test_site_operator_moderates_only_their_sites_pending_questions(dialogue):
    from_a = ask(dialogue, dialogue.an_user, "Từ điểm cầu A")
    from_b = ask(dialogue, dialogue.cuong_user, "Từ điểm cầu B")
    operator = dialogue.operator_a

    assert list(selectors.questions_for(operator, dialogue.conference)) == [from_a]
    assert access.can_moderate_question(operator, from_a)
    assert not access.can_moderate_question(operator, from_b)
    services.approve(question=from_a, by=operator)
    with pytest.raises(PermissionDenied):
        services.approve(question=from_b, by=operator)
    from_a.refresh_from_db()
    with pytest.raises(PermissionDenied):  # once approved, it is the central moderators' call
        services.reject(question=from_a, by=operator, reason="Trùng")
    with pytest.raises(PermissionDenied):
        services.route(question=from_a, by=operator, presenter=dialogue.presenter)
    assert from_a.status == Question.Status.APPROVED


def test_audience_cannot_moderate(dialogue):
    question = ask(dialogue, dialogue.an_user)
    for user in (dialogue.binh_user, dialogue.presenter_user, dialogue.officer_b):
        with pytest.raises(PermissionDenied):
            services.approve(question=question, by=user)
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_reject_needs_a_reason_and_every_decision_is_logged(dialogue):
    question = ask(dialogue, dialogue.an_user)
    with pytest.raises(ValidationError) as err:
        services.reject(question=question, by=dialogue.moderator, reason=" ")
    assert "reason" in err.value.message_dict

    services.reject(question=question, by=dialogue.moderator, reason="Không thuộc chủ đề")
    services.approve(question=question, by=dialogue.moderator)
    services.route(question=question, by=dialogue.moderator, presenter=dialogue.presenter)
    services.mark_answering(question=question, by=dialogue.presenter_user)
    services.answer(question=question, by=dialogue.presenter_user, text="Đã trả lời")

    log = list(ModerationLog.objects.filter(question=question).values_list("action", "reason"))
    assert log == [
        ("reject", "Không thuộc chủ đề"),
        ("approve", ""),
        ("route", ""),
        ("answering", ""),
        ("answered", ""),
    ]
    assert [entry.actor for entry in selectors.moderation_log(dialogue.conference)][-1] == (
        dialogue.moderator
    )


def test_rejected_question_shows_its_reason_to_the_asker(dialogue):
    question = ask(dialogue, dialogue.an_user)
    services.reject(question=question, by=dialogue.moderator, reason="Trùng nội dung")

    mine = list(selectors.questions_for(dialogue.an_user, dialogue.conference))

    assert mine == [question]
    assert services.question_payload(mine[0], "public")["reject_reason"] == "Trùng nội dung"
    assert list(selectors.questions_for(dialogue.binh_user, dialogue.conference)) == []


def test_route_only_to_a_presenter_of_the_conference(dialogue):
    question = ask(dialogue, dialogue.an_user)
    with pytest.raises(ValidationError):
        services.route(question=question, by=dialogue.moderator, presenter=dialogue.binh)
    services.route(question=question, by=dialogue.moderator, presenter=dialogue.other_presenter)
    question.refresh_from_db()
    assert question.addressed_to == dialogue.other_presenter


def test_merge_carries_votes_without_double_counting(dialogue):
    keep = approved(dialogue, dialogue.an_user, "Câu hỏi giữ lại")
    duplicate = approved(dialogue, dialogue.cuong_user, "Câu hỏi trùng")
    services.vote(question=keep, by=dialogue.binh_user)
    services.vote(question=duplicate, by=dialogue.binh_user)  # voted for both
    services.vote(question=duplicate, by=dialogue.an_user)
    services.vote(question=duplicate, by=dialogue.presenter_user)

    services.merge(question=duplicate, by=dialogue.moderator, into=keep)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.votes == 3  # binh once, an, the presenter
    assert Vote.objects.filter(question=keep).count() == 3
    assert duplicate.status == Question.Status.MERGED
    assert duplicate.merged_into == keep
    log = ModerationLog.objects.get(question=duplicate, action="merge")
    assert log.detail["into"] == keep.pk
    assert log.detail["votes_moved"] == 2


def test_merge_refuses_itself_other_conferences_and_merged(dialogue):
    keep = approved(dialogue, dialogue.an_user, "Giữ lại")
    duplicate = approved(dialogue, dialogue.cuong_user, "Trùng")
    with pytest.raises(ValidationError):
        services.merge(question=keep, by=dialogue.moderator, into=keep)
    services.merge(question=duplicate, by=dialogue.moderator, into=keep)
    with pytest.raises(ValidationError):
        services.merge(question=duplicate, by=dialogue.moderator, into=keep)
    with pytest.raises(ValidationError):
        services.merge(question=keep, by=dialogue.moderator, into=duplicate)
    with pytest.raises(PermissionDenied):
        services.merge(question=keep, by=dialogue.presenter_user, into=duplicate)


def test_only_one_question_is_being_answered(dialogue):
    first = approved(dialogue, dialogue.an_user, "Thứ nhất")
    second = approved(dialogue, dialogue.binh_user, "Thứ hai")

    services.mark_answering(question=first, by=dialogue.presenter_user)
    services.mark_answering(question=second, by=dialogue.moderator)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "answering")


def test_written_answer_after_the_session(dialogue):
    question = approved(dialogue, dialogue.an_user, "Hỏi sau buổi học")
    with pytest.raises(ValidationError):
        services.answer(question=question, by=dialogue.presenter_user, text="", live=False)

    reply = services.answer(question=question, by=dialogue.presenter_user, text=SCRIPT, live=False)

    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert reply.presenter == dialogue.presenter
    payload = services.question_payload(question, "public")
    assert payload["answers"][0]["text"] == SCRIPT
    assert payload["answers"][0]["live"] is False


def test_moderator_records_an_answer_for_the_addressed_presenter(dialogue):
    question = ask(dialogue, dialogue.an_user, addressed_to=dialogue.other_presenter)
    reply = services.answer(question=question, by=dialogue.moderator, text="Tóm tắt")
    assert reply.presenter == dialogue.other_presenter
    with pytest.raises(PermissionDenied):
        services.answer(question=question, by=dialogue.binh_user, text="Không được")


def test_counts_in_one_query(dialogue, django_assert_num_queries):
    a = ask(dialogue, dialogue.an_user, "Một")
    b = ask(dialogue, dialogue.binh_user, "Hai")
    c = ask(dialogue, dialogue.cuong_user, "Ba")
    ask(dialogue, dialogue.an_user, "Bốn")
    services.reject(question=a, by=dialogue.moderator, reason="Lạc đề")
    services.approve(question=b, by=dialogue.moderator)
    services.merge(question=c, by=dialogue.moderator, into=b)
    services.answer(question=b, by=dialogue.presenter_user, text="Trả lời")

    with django_assert_num_queries(1):
        result = selectors.counts(dialogue.conference)

    assert result == {
        "asked": 4,
        "pending": 1,
        "approved": 0,
        "answering": 0,
        "answered": 1,
        "merged": 1,
        "rejected": 1,
    }


def test_similar_questions_found_accent_insensitively(dialogue):
    earlier = ask(dialogue, dialogue.an_user, "Quán triệt Nghị quyết…")
    ask(dialogue, dialogue.binh_user, "Chế độ phụ cấp cho báo cáo viên cơ sở")
    new = ask(dialogue, dialogue.cuong_user, "quan triet nghi quyet")

    found = selectors.similar_questions(new)

    assert [(q, score) for q, score in found] == [(earlier, 1.0)]


def test_similar_questions_ranked_and_thresholded(dialogue):
    close = ask(dialogue, dialogue.an_user, "Việc học tập nghị quyết ở chi bộ khu phố thế nào?")
    ask(dialogue, dialogue.binh_user, "Thời tiết hôm nay ra sao")
    new = ask(dialogue, dialogue.cuong_user, "Viec hoc tap nghi quyet o chi bo khu pho ra sao?")

    found = selectors.similar_questions(new)

    assert [q for q, _ in found] == [close]
    assert 0.5 <= found[0][1] < 1


def test_update_settings_managers_only(dialogue):
    with pytest.raises(PermissionDenied):
        services.update_settings(
            conference=dialogue.conference, by=dialogue.moderator, max_length=300
        )
    with pytest.raises(ValidationError):
        services.update_settings(conference=dialogue.conference, by=dialogue.admin, max_length=0)
    settings = services.update_settings(
        conference=dialogue.conference,
        by=dialogue.admin,
        anonymity="nobody",
        max_length=300,
        moderators=[dialogue.moderator, dialogue.operator_a],
    )
    assert (settings.anonymity, settings.max_length) == ("nobody", 300)
    assert set(settings.moderators.all()) == {dialogue.moderator, dialogue.operator_a}


def test_named_moderator_follows_the_conference(dialogue):
    assert access.get_live_conference(dialogue.moderator, dialogue.conference.pk)
    assert access.can_moderate(dialogue.moderator, dialogue.conference)
    with pytest.raises(Http404):
        access.get_live_conference(dialogue.stranger, dialogue.conference.pk)


# --- events -----------------------------------------------------------------------------------


def events():
    return list(Event.objects.order_by("id").values_list("kind", "audience"))


def test_pending_question_is_announced_to_moderators_only(dialogue):
    question = ask(dialogue, dialogue.an_user, anonymous=True)

    site = f"site-{question.site_id}"
    assert events() == [("question.added", "moderators"), ("question.added", site)]
    assert Event.objects.get(audience="moderators").data["asker"] == "Nguyễn Văn An"
    # The site's operators moderate it too, without learning who asked anonymously.
    assert Event.objects.get(audience=site).data["asker"] == "Ẩn danh"


def test_approval_reaches_the_audience_without_the_anonymous_name(dialogue):
    question = ask(dialogue, dialogue.an_user, anonymous=True)
    Event.objects.all().delete()

    services.approve(question=question, by=dialogue.moderator)

    assert events() == [("question.added", "public"), ("question.updated", "moderators")]
    public = Event.objects.get(audience="public")
    assert public.data["asker"] == "Ẩn danh"
    assert public.data["status"] == "approved"


def test_open_question_announced_to_both(dialogue):
    dialogue.settings.moderation = Settings.Moderation.OPEN
    dialogue.settings.save()

    ask(dialogue, dialogue.an_user)

    assert events() == [("question.added", "public"), ("question.added", "moderators")]


def test_vote_and_merge_events(dialogue):
    keep = approved(dialogue, dialogue.an_user, "Giữ")
    duplicate = approved(dialogue, dialogue.binh_user, "Trùng")
    Event.objects.all().delete()

    services.vote(question=duplicate, by=dialogue.cuong_user)
    services.vote(question=duplicate, by=dialogue.cuong_user)  # repeat: no event
    services.merge(question=duplicate, by=dialogue.moderator, into=keep)

    assert events() == [
        ("question.voted", "public"),
        ("question.merged", "public"),
        ("question.merged", "moderators"),
    ]
    voted = Event.objects.filter(kind="question.voted").get()
    assert voted.data == {"id": duplicate.pk, "votes": 1}
    merged = Event.objects.filter(kind="question.merged", audience="public").get()
    assert merged.data["merged_into"] == keep.pk
    assert merged.data["into"]["votes"] == 1


def test_events_published_after_commit(dialogue, django_capture_on_commit_callbacks, monkeypatch):
    published = []
    from quantriet.dialogue import events as events_module

    class Recorder:
        def publish(self, channel, message):
            published.append(channel)

    monkeypatch.setattr(events_module, "get_broker", lambda: Recorder())
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(dialogue, dialogue.an_user)
        assert published == []
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(question=question, by=dialogue.moderator)

    conference_id = dialogue.conference.pk
    assert published == [
        f"quantriet:live:{conference_id}:moderators",
        f"quantriet:live:{conference_id}:site-{question.site_id}",
        f"quantriet:live:{conference_id}:public",
        f"quantriet:live:{conference_id}:moderators",
    ]


def test_refused_question_emits_nothing(dialogue):
    with pytest.raises(ValidationError):
        ask(dialogue, dialogue.an_user, "x" * 500)
    assert events() == []
