import datetime
import uuid

from django.utils import timezone

from quantriet.conferences.models import CheckIn, Invitation, MakeUp, SiteReport


def check_in(conf, person, site, *, late=False):
    now = timezone.now()
    return CheckIn.objects.create(
        conference=conf.conference,
        person=person,
        site=site,
        client_id=uuid.uuid4(),
        method="qr",
        at=now,
        recorded_at=now,
        late=late,
    )


def end(conference):
    now = timezone.now()
    conference.starts_at = now - datetime.timedelta(days=1, hours=3)
    conference.ends_at = now - datetime.timedelta(days=1)
    conference.save()


def base(conf):
    return f"/api/v1/conferences/{conf.conference.pk}"


def test_attendance_per_site_and_totals(conf, users, api):
    check_in(conf, conf.an, conf.site_a)
    check_in(conf, conf.binh, conf.site_a, late=True)

    response = api(users.officer_b).get(f"{base(conf)}/attendance")

    assert response.status_code == 200
    body = response.json()
    sites = {row["site"]: row for row in body["sites"]}
    a = sites[conf.site_a.pk]
    assert (a["name"], a["org"], a["is_host"]) == (conf.site_a.name, conf.site_a.org_id, False)
    assert (a["invited"], a["expected"], a["present"], a["late"], a["rate"]) == (2, 2, 2, 1, 100.0)
    host = sites[conf.host.pk]
    assert (host["is_host"], host["invited"], host["expected"], host["rate"]) == (True, 0, 50, 0.0)
    totals = body["totals"]
    assert {k: totals[k] for k in ("invited", "expected", "present", "late", "made_up")} == {
        "invited": 3,
        "expected": 53,
        "present": 2,
        "late": 1,
        "made_up": 0,
    }
    assert set(totals) >= {"excused", "absent", "rate", "rate_with_makeup"}


def test_attendance_outsider_404(conf, users, api):
    response = api(users.outsider).get(f"{base(conf)}/attendance")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_attendance_needs_auth(conf, api):
    assert api(None).get(f"{base(conf)}/attendance").status_code == 401


def test_excuse_and_clear(conf, users, api):
    client = api(users.officer_a)
    response = client.post(
        f"{base(conf)}/invitees/{conf.binh.pk}/excuse",
        {"reason": "old_age", "note": "Tuổi cao"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "person": conf.binh.pk,
        "site": conf.site_a.pk,
        "excuse": "old_age",
        "excuse_note": "Tuổi cao",
    }
    response = client.post(
        f"{base(conf)}/invitees/{conf.binh.pk}/excuse",
        {"reason": ""},
        content_type="application/json",
    )
    assert response.json()["excuse"] == ""
    assert Invitation.objects.get(person=conf.binh).excuse == ""


def test_excuse_bad_reason_400(conf, users, api):
    response = api(users.admin).post(
        f"{base(conf)}/invitees/{conf.binh.pk}/excuse",
        {"reason": "lazy"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"


def test_excuse_after_check_in_400(conf, users, api):
    check_in(conf, conf.an, conf.site_a)
    response = api(users.admin).post(
        f"{base(conf)}/invitees/{conf.an.pk}/excuse",
        {"reason": "work"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "đã điểm danh" in response.json()["errors"][0]["message"]


def test_officer_b_cannot_excuse_ward_a(conf, users, api):
    response = api(users.officer_b).post(
        f"{base(conf)}/invitees/{conf.an.pk}/excuse",
        {"reason": "work"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Invitation.objects.get(person=conf.an).excuse == ""


def test_operator_excuse_403(conf, users, api):
    response = api(conf.operator_a).post(
        f"{base(conf)}/invitees/{conf.an.pk}/excuse",
        {"reason": "work"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_record_makeup(conf, users, api):
    end(conf.conference)
    today = timezone.localdate()
    response = api(users.officer_b).post(
        f"{base(conf)}/makeups",
        {"person": conf.cuong.pk, "kind": "self_study", "studied_on": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "self_study"
    assert MakeUp.objects.get(person=conf.cuong).studied_on == today
    body = api(users.admin).get(f"{base(conf)}/attendance").json()
    assert body["totals"]["made_up"] == 1
    assert body["totals"]["rate"] == 0.0
    assert body["totals"]["rate_with_makeup"] > 0


def test_makeup_errors(conf, users, api):
    end(conf.conference)
    client = api(users.officer_b)
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(
        f"{base(conf)}/makeups",
        {"person": conf.cuong.pk, "kind": "session", "studied_on": future},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "studied_on", "message": "Ngày học bù không được ở tương lai."}
    ]
    # Someone of ward A is outside officer B's view: a field error, not a hint they exist.
    response = client.post(
        f"{base(conf)}/makeups",
        {"person": conf.an.pk, "kind": "session", "studied_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "person"


def test_site_report_by_operator(conf, users, api):
    check_in(conf, conf.an, conf.site_a)
    response = api(conf.operator_a).post(
        f"{base(conf)}/sites/{conf.site_a.pk}/report",
        {"technical_problems": "Mất hình 2 phút", "notes": "Ổn"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["site"], body["present"], body["invited"]) == (conf.site_a.pk, 1, 2)
    assert SiteReport.objects.get(site=conf.site_a).notes == "Ổn"


def test_site_report_other_site_403_and_outsider_404(conf, users, api):
    response = api(conf.operator_a).post(
        f"{base(conf)}/sites/{conf.site_b.pk}/report", {}, content_type="application/json"
    )
    assert response.status_code == 403
    response = api(users.outsider).post(
        f"{base(conf)}/sites/{conf.site_a.pk}/report", {}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not SiteReport.objects.exists()
