import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quantriet.conferences.models import Conference
from quantriet.dialogue.models import Feedback
from quantriet.orgs.models import Person
from quantriet.presenters.models import Presenter, Status, StatusChange
from tests.factories import PersonFactory, UserFactory

YEAR = timezone.localdate().year


def rate(presenter, stars):
    """One conference this year in which each rating comes from a different listener."""
    starts = datetime.datetime(YEAR, 1, 15, 1, tzinfo=datetime.UTC)
    conf = Conference.objects.create(
        title="Hội nghị học tập", starts_at=starts, ends_at=starts, host_org=presenter.org
    )
    listeners = Person.objects.bulk_create(
        [
            Person(full_name=f"Người nghe {i}", org=presenter.person.org)
            for i in stars and range(len(stars))
        ]
    )
    Feedback.objects.bulk_create(
        Feedback(
            conference=conf,
            person=listener,
            presenter=presenter.person,
            presenter_rating=s,
            content_rating=4,
            relevance_rating=4,
            organisation_rating=4,
        )
        for listener, s in zip(listeners, stars, strict=True)
    )


def test_three_five_stars_do_not_outrank_two_hundred_at_four_point_six(corps, api, users):
    few, many = corps("Nguyễn Văn Ít"), corps("Trần Thị Nhiều")
    rate(few, [5, 5, 5])
    rate(many, [5] * 120 + [4] * 80)
    data = api(users.officer_a).get(f"/api/v1/presenters/ranking?year={YEAR}").json()
    names = [item["presenter"]["full_name"] for item in data["items"]]
    assert names.index("Trần Thị Nhiều") < names.index("Nguyễn Văn Ít")
    top = data["items"][0]["score"]
    assert top["ratings"] == 200 and top["feedback_average"] == 4.6
    assert set(top["parts"]) == {"feedback", "review", "sessions", "answers", "training"}
    assert top["parts"]["review"] is None and "review" not in top["weights"]
    assert top["recommendation"] in {"prioritise", "keep", "retrain", "replace"}
    assert top["reason"]


def test_ranking_shows_shortfalls_and_recommendation_in_words(corps, api, users):
    corps("Lê Văn Chưa Bồi Dưỡng")
    item = api(users.officer_a).get("/api/v1/presenters/ranking").json()["items"][0]
    assert item["score"]["recommendation"] == "retrain"
    assert "Bồi dưỡng 0/16 giờ" in item["score"]["reason"]
    assert item["score"]["recommendation_name"] == "Bồi dưỡng thêm"


def test_ranking_query_count_does_not_grow_with_the_corps(corps, api, users):
    client = api(users.officer_a)
    corps("Người 1")
    client.get("/api/v1/presenters/ranking")
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/presenters/ranking")
    for i in range(2, 8):
        corps(f"Người {i}")
    with CaptureQueriesContext(connection) as large:
        assert client.get("/api/v1/presenters/ranking").json()["count"] == 7
    assert len(large) == len(small)


def test_presenter_sees_only_their_own_evaluation(corps, api, users):
    account = UserFactory(username="bcv")
    me, other = corps("Phạm Văn Mình", user=account), corps("Hoàng Thị Khác")
    client = api(account)
    assert client.get(f"/api/v1/presenters/{me.pk}").status_code == 200
    assert client.get(f"/api/v1/presenters/{other.pk}").status_code == 404
    ranked = client.get("/api/v1/presenters/ranking").json()["items"]
    assert [r["presenter"]["id"] for r in ranked] == [me.pk]
    refused = client.patch(
        f"/api/v1/presenters/{me.pk}", {"education": "Thạc sĩ"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_officer_of_another_organisation_sees_nothing_of_the_corps(corps, api, users):
    presenter = corps("Đỗ Văn Phường")
    client = api(users.officer_b)
    assert client.get(f"/api/v1/presenters/{presenter.pk}").status_code == 404
    assert client.get("/api/v1/presenters").json()["count"] == 0
    assert client.get("/api/v1/presenters/ranking").json()["items"] == []


def test_create_then_replace_records_who_replaced_whom(tree, api, users, corps):
    client = api(users.officer_a)
    person = PersonFactory(full_name="Ngô Thị Mới", org=tree.cell_a1)
    created = client.post(
        "/api/v1/presenters",
        {
            "person": person.pk,
            "org": tree.ward_a.pk,
            "tier": "commune",
            "theory_level": 3,
            "fields": ["Xây dựng Đảng", "Kinh tế"],
            "decision_number": "125-QĐ/ĐU",
            "decision_date": "2026-03-02",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    new = created.json()
    assert new["status"] == "candidate" and sorted(new["fields"]) == ["Kinh tế", "Xây dựng Đảng"]
    old = corps("Vũ Văn Cũ")
    response = client.patch(
        f"/api/v1/presenters/{old.pk}",
        {"status": "replaced", "reason": "Chuyển công tác", "replaced_by": new["id"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "replaced" and body["replaced_by"] == new["id"]
    assert body["history"][0]["reason"] == "Chuyển công tác"
    successor = Presenter.objects.get(pk=new["id"])
    assert successor.status == Status.ACTIVE
    assert StatusChange.objects.filter(presenter=successor, to_status="active").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "retired"}, "reason"),
        ({"status": "replaced", "reason": "Nghỉ hưu"}, "replaced_by"),
        ({"status": "candidate", "reason": "Thử"}, "status"),
        ({"tier": "huyen"}, "tier"),
    ],
)
def test_bad_changes_are_refused_with_the_field_and_change_nothing(
    corps, api, users, change, field
):
    presenter = corps("Mai Văn Sai")
    response = api(users.officer_a).patch(
        f"/api/v1/presenters/{presenter.pk}", change, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    presenter.refresh_from_db()
    assert presenter.status == Status.ACTIVE and presenter.tier.code == "commune"
    assert not StatusChange.objects.exists()


def test_same_person_twice_is_a_clear_error(tree, api, users, corps):
    existing = corps("Trịnh Văn Đôi")
    response = api(users.officer_a).post(
        "/api/v1/presenters",
        {"person": existing.person_id, "org": tree.ward_a.pk, "tier": "commune"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "person"


def test_training_hours_count_the_briefing_check_ins_once(corps, api, users, tree):
    from quantriet.conferences.models import CheckIn, Site
    from quantriet.presenters.models import Training, TrainingAttendance

    presenter = corps("Kiều Văn Học")
    day = datetime.date(YEAR, 1, 5)
    starts = datetime.datetime(YEAR, 1, 5, 7, tzinfo=datetime.UTC)
    briefing = Conference.objects.create(
        title="Hội nghị báo cáo viên tháng 1/2026",
        starts_at=starts,
        ends_at=starts,
        host_org=tree.ward_a,
    )
    site = Site.objects.create(conference=briefing, name="Điểm cầu Đảng ủy", org=tree.ward_a)
    Training.objects.create(
        title=briefing.title,
        kind="briefing",
        org=tree.ward_a,
        starts_on=day,
        ends_on=day,
        hours=2,
        conference=briefing,
    )
    course = Training.objects.create(
        title="Bồi dưỡng nghiệp vụ",
        kind="course",
        org=tree.ward_a,
        starts_on=day,
        ends_on=day,
        hours=8,
    )
    TrainingAttendance.objects.create(training=course, presenter=presenter, attended=True)
    client = api(users.officer_a)

    def hours():
        return client.get(f"/api/v1/presenters/{presenter.pk}?year={YEAR}").json()["evaluation"][
            "training_hours"
        ]

    assert hours() == 8
    CheckIn.objects.create(
        conference=briefing,
        person=presenter.person,
        site=site,
        client_id=uuid.uuid4(),
        method="self",
        at=starts,
        recorded_at=starts,
    )
    assert hours() == 10
    # Marked present as well: still counted once.
    TrainingAttendance.objects.create(
        training=Training.objects.get(kind="briefing"), presenter=presenter, attended=True
    )
    assert hours() == 10
