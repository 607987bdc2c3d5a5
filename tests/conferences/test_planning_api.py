import datetime

from django.utils import timezone

from quantriet.conferences.models import Conference, Site
from quantriet.orgs.models import Role
from tests.documents.conftest import make_document
from tests.factories import grant

BASE = "/api/v1/conferences"


def test_officer_creates_and_patches_a_conference(tree, users, api):
    document = make_document()
    starts = timezone.now() + datetime.timedelta(days=1)
    client = api(users.officer_a)
    response = client.post(
        BASE,
        {
            "title": "Hội nghị trực tuyến quán triệt Nghị quyết 68-NQ/TW",
            "documents": [document.pk],
            "format": "online",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + datetime.timedelta(hours=2)).isoformat(),
            "host_org": tree.ward_a.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["documents"] == [document.pk]
    assert body["host_org"] == tree.ward_a.pk
    assert body["meeting_url"] is None  # no Jitsi server in tests
    pk = body["id"]
    response = client.patch(
        f"{BASE}/{pk}",
        {"ends_at": (starts - datetime.timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ends_at"
    response = client.patch(
        f"{BASE}/{pk}", {"title": "Hội nghị mới"}, content_type="application/json"
    )
    assert response.json()["title"] == "Hội nghị mới"


def test_meeting_url_when_configured(conf, users, api, settings):
    settings.JITSI_BASE_URL = "https://meet.example.vn"
    body = api(users.admin).get(f"{BASE}/{conf.conference.pk}").json()
    assert body["meeting_url"] == f"https://meet.example.vn/{conf.conference.meeting_room}"


def test_create_in_another_ward_is_refused(tree, users, api):
    starts = timezone.now()
    response = api(users.officer_b).post(
        BASE,
        {
            "title": "Hội nghị",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + datetime.timedelta(hours=1)).isoformat(),
            "host_org": tree.ward_a.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "host_org"
    assert not Conference.objects.exists()
    assert api(users.member_a).post(BASE, {}, content_type="application/json").status_code in (
        400,
        403,
    )


def test_list_counts_sites_and_invitees(conf, users, api):
    body = api(users.admin).get(BASE).json()
    assert body["count"] == 1
    assert body["items"][0]["site_count"] == 3
    assert body["items"][0]["invitee_count"] == 3


def test_sites_list_and_create(conf, tree, users, api):
    grant(conf.operator_a, Role.OPERATOR, tree.ward_a)  # an account of the admin's scope
    client = api(users.admin)
    sites = client.get(f"{BASE}/{conf.conference.pk}/sites").json()["items"]
    assert [s["is_host"] for s in sites].count(True) == 1
    assert all(s["code"] for s in sites)
    response = client.post(
        f"{BASE}/{conf.conference.pk}/sites",
        {"org": tree.cell_a1.pk, "expected": 12, "operators": [conf.operator_a.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Điểm cầu Chi bộ khu 1"
    assert body["invitee_count"] == 2  # An and Bình moved to their cell's site
    duplicate = client.post(
        f"{BASE}/{conf.conference.pk}/sites",
        {"org": tree.cell_a1.pk},
        content_type="application/json",
    )
    assert duplicate.status_code == 400
    assert Site.objects.filter(conference=conf.conference).count() == 4


def test_site_codes_hidden_from_other_officers(conf, users, api):
    sites = api(users.officer_b).get(f"{BASE}/{conf.conference.pk}/sites").json()["items"]
    codes = {s["name"]: s["code"] for s in sites}
    assert codes["Điểm cầu phường Yên Tử"]  # their own ward's site
    assert codes["Điểm cầu phường Uông Bí"] is None


def test_officer_b_gets_403_for_changes(conf, tree, users, api):
    client = api(users.officer_b)
    pk = conf.conference.pk
    assert (
        client.patch(f"{BASE}/{pk}", {"title": "x"}, content_type="application/json").status_code
        == 403
    )
    response = client.post(
        f"{BASE}/{pk}/sites", {"org": tree.cell_b1.pk}, content_type="application/json"
    )
    assert response.status_code == 403


def test_invitees_of_another_ward_are_not_shown(conf, users, api):
    body = api(users.officer_b).get(f"{BASE}/{conf.conference.pk}/invitees").json()
    assert body["count"] == 1
    assert [item["full_name"] for item in body["items"]] == ["Lê Văn Cường"]
    assert body["items"][0]["site"] == conf.site_b.pk
    body = api(users.officer_a).get(f"{BASE}/{conf.conference.pk}/invitees").json()
    assert {item["full_name"] for item in body["items"]} == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_invitees_filters(conf, users, api):
    client = api(users.admin)
    body = client.get(f"{BASE}/{conf.conference.pk}/invitees", {"q": "nguyen van an"}).json()
    assert [item["full_name"] for item in body["items"]] == ["Nguyễn Văn An"]
    body = client.get(f"{BASE}/{conf.conference.pk}/invitees", {"site": conf.site_b.pk}).json()
    assert body["count"] == 1


def test_outsider_gets_404(conf, users, api):
    client = api(users.outsider)
    pk = conf.conference.pk
    assert client.get(f"{BASE}/{pk}").status_code == 404
    assert client.get(f"{BASE}/{pk}/sites").status_code == 404
    assert client.get(f"{BASE}/{pk}/invitees").status_code == 404
    assert (
        client.patch(f"{BASE}/{pk}", {"title": "x"}, content_type="application/json").status_code
        == 404
    )
    assert client.get(BASE).json()["count"] == 0
