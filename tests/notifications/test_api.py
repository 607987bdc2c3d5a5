import pytest
from django.test import Client

from quantriet.notifications.models import Notification
from quantriet.notifications.services import notify


@pytest.fixture
def notices(users):
    notify(users.officer_a, key="overdue:1", title="Quá hạn: Tổng kết 6 tháng", url="/programs/")
    notify(users.officer_a, key="soon:2", title="Sắp đến hạn: Báo cáo quý")
    notify(users.officer_b, key="overdue:3", title="Quá hạn: nhiệm vụ của phường Yên Tử")
    return Notification.objects.filter(user=users.officer_a).order_by("pk")


def test_lists_only_the_callers_notifications(notices, users, api):
    data = api(users.officer_a).get("/api/v1/notifications").json()
    assert data["count"] == 2 and data["unread"] == 2
    assert {n["title"] for n in data["items"]} == {
        "Quá hạn: Tổng kết 6 tháng",
        "Sắp đến hạn: Báo cáo quý",
    }


def test_mark_one_then_all_read(notices, users, api):
    client = api(users.officer_a)
    first = notices[0]
    response = client.post(f"/api/v1/notifications/{first.pk}/read")
    assert response.status_code == 200 and response.json() == {"marked": 1}
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 1
    assert client.post("/api/v1/notifications/read").json() == {"marked": 1}
    assert client.get("/api/v1/notifications").json()["unread"] == 0


def test_another_users_notification_is_404_and_stays_unread(notices, users, api):
    theirs = notices[0]
    response = api(users.officer_b).post(f"/api/v1/notifications/{theirs.pk}/read")
    assert response.status_code == 404
    assert response.json()["detail"]
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api(users.officer_b).get("/api/v1/notifications").json()["count"] == 1


def test_bad_input_and_no_token(notices, users, api):
    client = api(users.officer_a)
    bad = client.get("/api/v1/notifications?page=0")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"]
    assert Client().get("/api/v1/notifications").status_code == 401
    assert not Notification.objects.filter(read_at__isnull=False).exists()
