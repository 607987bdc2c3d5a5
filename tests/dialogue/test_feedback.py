"""After-session feedback: services, the feedback page and the API (see tests/dialogue/conftest.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import Conference
from quantriet.dialogue import feedback
from quantriet.dialogue.models import Feedback

RATINGS = {
    "presenter_rating": 5,
    "content_rating": 4,
    "relevance_rating": 3,
    "organisation_rating": 4,
}


@pytest.fixture
def d(dialogue):
    """The conference took place this morning."""
    started = timezone.now() - datetime.timedelta(hours=4)
    Conference.objects.filter(pk=dialogue.conference.pk).update(
        starts_at=started, ends_at=started + datetime.timedelta(hours=3)
    )
    dialogue.conference.refresh_from_db()
    return dialogue


def _give(d, user, presenter=None, **overrides):
    return feedback.give_feedback(
        conference=d.conference,
        by=user,
        presenter=presenter or d.presenter,
        comment=overrides.pop("comment", ""),
        **{**RATINGS, **overrides},
    )


# --- services -------------------------------------------------------------------------------


def test_give_feedback_records_the_ratings(d):
    row = _give(d, d.an_user, comment="  Rất thiết thực  ")

    assert (row.person, row.presenter, row.presenter_rating, row.comment) == (
        d.an,
        d.presenter,
        5,
        "Rất thiết thực",
    )


def test_give_feedback_twice_is_refused(d):
    _give(d, d.an_user)

    with pytest.raises(ValidationError) as exc:
        _give(d, d.an_user, presenter_rating=1)

    assert exc.value.messages == ["Đồng chí đã gửi đánh giá cho hội nghị này."]
    assert Feedback.objects.get().presenter_rating == 5


@pytest.mark.parametrize("value", [0, 6, -1])
def test_give_feedback_rating_out_of_range_names_the_field(d, value):
    with pytest.raises(ValidationError) as exc:
        _give(d, d.an_user, relevance_rating=value, content_rating=value)

    assert exc.value.message_dict == {
        "relevance_rating": ["Điểm đánh giá phải từ 1 đến 5."],
        "content_rating": ["Điểm đánh giá phải từ 1 đến 5."],
    }
    assert not Feedback.objects.exists()


def test_give_feedback_presenter_must_present_this_conference(d):
    with pytest.raises(ValidationError) as exc:
        _give(d, d.an_user, presenter=d.cuong)

    assert "presenter" in exc.value.message_dict


def test_give_feedback_by_someone_not_invited_nor_checked_in_is_refused(d):
    # The presenter sees the conference but was neither invited nor checked in.
    with pytest.raises(ValidationError) as exc:
        _give(d, d.presenter_user)

    assert "được mời hoặc đã điểm danh" in exc.value.messages[0]


def test_give_feedback_before_the_conference_is_refused(dialogue):
    with pytest.raises(ValidationError) as exc:
        _give(dialogue, dialogue.an_user)

    assert "chưa diễn ra" in exc.value.messages[0]


def test_feedback_summary_per_presenter_and_overall_in_one_query(d, django_assert_num_queries):
    _give(d, d.an_user)
    _give(d, d.binh_user, presenter_rating=3, content_rating=2)
    _give(d, d.cuong_user, presenter=d.other_presenter, presenter_rating=4)

    with django_assert_num_queries(1):
        summary = feedback.feedback_summary(d.conference)

    assert summary.overall.count == 3
    assert summary.overall.averages["presenter_rating"] == 4.0
    assert summary.overall.averages["content_rating"] == pytest.approx(3.33, abs=0.01)
    rows = {g.name: (g.count, g.averages["presenter_rating"]) for g in summary.presenters}
    assert rows == {"Phạm Thị Dung": (2, 4.0), "Đỗ Đức Giang": (1, 4.0)}


def test_presenter_feedback_across_conferences(d):
    _give(d, d.an_user)
    _give(d, d.binh_user, presenter_rating=4)

    row = feedback.presenter_feedback(d.presenter)

    assert (row["count"], row["conferences"], row["presenter_rating"]) == (2, 1, 4.5)


# --- pages ------------------------------------------------------------------------------------


def test_feedback_page_outsider_gets_404(d, login):
    url = reverse("dialogue:feedback", args=[d.conference.pk])

    assert login(d.stranger).get(url).status_code == 404


def test_feedback_page_attendee_sends_once(d, login):
    client = login(d.an_user)
    url = reverse("dialogue:feedback", args=[d.conference.pk])
    assert "Gửi đánh giá" in client.get(url).content.decode()

    response = client.post(url, {"presenter": d.presenter.pk, **RATINGS, "comment": "Tốt"})
    assert response.status_code == 302
    page = client.get(url).content.decode()

    assert Feedback.objects.get().comment == "Tốt"
    assert "Đồng chí đã gửi đánh giá cho hội nghị này." in page
    assert "Kết quả đánh giá" not in page  # attendees see no results


def test_feedback_page_missing_rating_shows_the_error(d, login):
    response = login(d.an_user).post(
        reverse("dialogue:feedback", args=[d.conference.pk]),
        {"presenter": d.presenter.pk, "presenter_rating": 5},
    )

    assert response.status_code == 400
    assert "Hãy chọn điểm đánh giá từ 1 đến 5." in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_page_manager_sees_results_and_escaped_comments(d, login):
    _give(d, d.an_user, comment="<script>alert(1)</script>")

    page = login(d.admin).get(reverse("dialogue:feedback", args=[d.conference.pk])).content.decode()

    assert "Kết quả đánh giá" in page
    assert "Phạm Thị Dung" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Nguyễn Văn An" not in page  # who rated is not shown


def test_feedback_page_presenter_sees_only_their_own(d, login):
    _give(d, d.an_user, comment="Về chị Dung")
    _give(d, d.cuong_user, presenter=d.other_presenter, comment="Về anh Giang")

    page = login(d.presenter_user).get(reverse("dialogue:feedback", args=[d.conference.pk]))

    html = page.content.decode()
    assert "Về chị Dung" in html
    assert "Về anh Giang" not in html
    assert "Đỗ Đức Giang" not in html


# --- API --------------------------------------------------------------------------------------


API_RATINGS = {"presenter": 5, "content": 4, "relevance": 3, "organisation": 4}


def _post(client, d, **body):
    return client.post(
        f"/api/v1/conferences/{d.conference.pk}/feedback",
        {"presenter_id": d.presenter.pk, **API_RATINGS, **body},
        content_type="application/json",
    )


def test_api_feedback_201_then_duplicate_400(d, api):
    client = api(d.binh_user)

    first = _post(client, d, comment="Nội dung sát thực tế")
    second = _post(client, d)

    assert first.status_code == 201
    assert first.json()["relevance"] == 3
    assert first.json()["presenter_id"] == d.presenter.pk
    assert second.status_code == 400
    assert second.json()["errors"] == [
        {"field": None, "message": "Đồng chí đã gửi đánh giá cho hội nghị này."}
    ]


def test_api_feedback_rating_out_of_range_is_400_with_field(d, api):
    response = _post(api(d.binh_user), d, organisation=7)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "organisation", "message": "Điểm đánh giá phải từ 1 đến 5."}
    ]


def test_api_feedback_outsider_404(d, api):
    assert _post(api(d.stranger), d).status_code == 404


def test_api_feedback_summary_for_managers_and_presenters_only(d, api):
    _give(d, d.an_user)
    _give(d, d.cuong_user, presenter=d.other_presenter, presenter_rating=2)
    url = f"/api/v1/conferences/{d.conference.pk}/feedback/summary"

    manager = api(d.admin).get(url)
    presenter = api(d.presenter_user).get(url)
    attendee = api(d.an_user).get(url)

    assert manager.json()["overall"]["count"] == 2
    assert manager.json()["overall"]["presenter_rating"] == 3.5
    assert [p["presenter"] for p in presenter.json()["presenters"]] == [d.presenter.pk]
    assert presenter.json()["overall"]["count"] == 1
    assert attendee.status_code == 403
