import datetime
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import CheckIn, Invitation, MakeUp, Site, SiteReport
from tests.factories import PersonFactory, make_org


def check_in(conf, person, site, *, late=False, invited=True):
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
        invited=invited,
    )


def end(conference):
    now = timezone.now()
    conference.starts_at = now - datetime.timedelta(days=1, hours=3)
    conference.ends_at = now - datetime.timedelta(days=1)
    conference.save()


def url(name, conf, *args):
    return reverse(f"conferences:{name}", args=[conf.conference.pk, *args])


# --- board ----------------------------------------------------------------------------


def test_board_shows_counts_and_polls(conf, users, login):
    check_in(conf, conf.an, conf.site_a)
    response = login(users.admin).get(url("board", conf))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hx-trigger="every 3s"' in html
    assert "Điểm cầu phường Uông Bí" in html
    assert "<progress" in html
    assert "<script>" not in html and "style=" not in html
    # Counts only, never names.
    assert "Nguyễn Văn An" not in html


def test_board_partial_returns_updated_counts(conf, users, login):
    client = login(users.officer_a)
    first = client.get(url("board", conf), headers={"HX-Request": "true"})
    assert first.status_code == 200
    assert "<html" not in first.content.decode()
    assert 'data-testid="total-present">0<' in first.content.decode()
    check_in(conf, conf.an, conf.site_a)
    check_in(conf, conf.binh, conf.site_a, late=True)
    second = client.get(url("board", conf) + "?sort=rate", headers={"HX-Request": "true"})
    html = second.content.decode()
    assert 'data-testid="total-present">2<' in html
    # Sorted by rate: site A (100 %) comes first.
    assert html.index("Điểm cầu phường Uông Bí") < html.index("Điểm cầu Tỉnh ủy")


def test_board_outsider_404(conf, users, login):
    assert login(users.outsider).get(url("board", conf)).status_code == 404


def test_board_needs_login(conf, client):
    response = client.get(url("board", conf))
    assert response.status_code == 302


# --- attendance page ---------------------------------------------------------------------


def test_attendance_page_for_admin(conf, users, login):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a, late=True)
    SiteReport.objects.create(site=conf.site_a, present=1, invited=2)
    response = login(users.admin).get(url("attendance", conf))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        assert name in html
    assert "Đi muộn" in html
    not_reported = response.context["summary"].not_reported
    assert [s.pk for s in not_reported] == [conf.host.pk, conf.site_b.pk]
    assert 'id="not-reported"' in html
    assert reverse("conferences:excuse", args=[conf.conference.pk, conf.binh.pk]) in html


def test_officer_b_sees_only_ward_b_people(conf, users, login):
    response = login(users.officer_b).get(url("attendance", conf))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lê Văn Cường" in html
    assert "Nguyễn Văn An" not in html and "Trần Thị Bình" not in html
    assert 'id="not-reported"' not in html
    assert [r.person_id for r in response.context["rows"]] == [conf.cuong.pk]


def test_member_sees_only_themself(conf, users, login, tree):
    me = users.member_a.person
    Invitation.objects.create(conference=conf.conference, person=me, site=conf.site_a)
    response = login(users.member_a).get(url("attendance", conf))
    assert [r.person_id for r in response.context["rows"]] == [me.pk]
    assert "Lý do vắng" not in response.content.decode()


def test_attendance_page_outsider_404(conf, users, login):
    assert login(users.outsider).get(url("attendance", conf)).status_code == 404


def test_attendance_filters(conf, users, login):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a)
    client = login(users.admin)
    rows = client.get(url("attendance", conf), {"status": "absent"}).context["rows"]
    assert {r.person_id for r in rows} == {conf.binh.pk, conf.cuong.pk}
    rows = client.get(url("attendance", conf), {"site": conf.site_b.pk}).context["rows"]
    assert [r.person_id for r in rows] == [conf.cuong.pk]
    rows = client.get(url("attendance", conf), {"q": "cuong"}).context["rows"]
    assert [r.person_id for r in rows] == [conf.cuong.pk]


def test_attendance_page_fixed_query_count(conf, users, login, tree):
    client = login(users.admin)

    def count_queries():
        client.get(url("attendance", conf))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("attendance", conf))
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    few = count_queries()
    for n in range(3):
        org = make_org(f"Chi bộ số {n}", tree.ward_b, kind="dependent-cell", level="cell")
        site = Site.objects.create(conference=conf.conference, name=f"Điểm cầu {n}", org=org)
        person = PersonFactory(full_name=f"Người số {n}", org=org)
        Invitation.objects.create(conference=conf.conference, person=person, site=site)
        check_in(conf, person, site)
    many = count_queries()
    assert few[1] == 3 and many[1] == 6
    assert few[0] == many[0]


def test_board_fixed_query_count(conf, users, login, tree):
    client = login(users.admin)
    with CaptureQueriesContext(connection) as few:
        client.get(url("board", conf), headers={"HX-Request": "true"})
    for n in range(5):
        org = make_org(f"Chi bộ số {n}", tree.ward_b, kind="dependent-cell", level="cell")
        Site.objects.create(conference=conf.conference, name=f"Điểm cầu {n}", org=org)
    with CaptureQueriesContext(connection) as many:
        client.get(url("board", conf), headers={"HX-Request": "true"})
    assert len(few) == len(many)


# --- excusal and make-up ------------------------------------------------------------------


def test_officer_marks_excused(conf, users, login):
    client = login(users.officer_a)
    response = client.post(
        url("excuse", conf, conf.binh.pk), {"reason": "illness", "note": "Nằm viện"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(person=conf.binh)
    assert (invitation.excuse, invitation.excuse_note) == ("illness", "Nằm viện")
    client.post(url("excuse", conf, conf.binh.pk), {"clear": "1"})
    assert Invitation.objects.get(person=conf.binh).excuse == ""


def test_excuse_bad_reason_shows_error(conf, users, login):
    response = login(users.admin).post(url("excuse", conf, conf.binh.pk), {"reason": "nap"})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors


def test_officer_b_cannot_excuse_ward_a_people(conf, users, login):
    client = login(users.officer_b)
    assert client.post(url("excuse", conf, conf.an.pk), {"reason": "work"}).status_code == 404
    assert client.get(url("excuse", conf, conf.cuong.pk)).status_code == 200


def test_operator_sees_but_cannot_excuse(conf, users, login):
    response = login(conf.operator_a).post(url("excuse", conf, conf.an.pk), {"reason": "work"})
    assert response.status_code == 403


def test_record_makeup_page(conf, users, login):
    end(conf.conference)
    client = login(users.officer_a)
    today = timezone.localdate()
    response = client.post(
        url("makeup", conf, conf.binh.pk),
        {"kind": "session", "studied_on": today.strftime("%d/%m/%Y"), "method": "Buổi học bù"},
    )
    assert response.status_code == 302
    makeup = MakeUp.objects.get(person=conf.binh)
    assert (makeup.kind, makeup.studied_on, makeup.recorded_by) == (
        "session",
        today,
        users.officer_a,
    )


def test_makeup_before_conference_date_is_refused(conf, users, login):
    end(conf.conference)
    early = timezone.localdate() - datetime.timedelta(days=5)
    response = login(users.admin).post(
        url("makeup", conf, conf.binh.pk),
        {"kind": "session", "studied_on": early.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 400
    assert "trước ngày diễn ra hội nghị" in str(response.context["form"].errors["studied_on"])
    assert not MakeUp.objects.exists()


# --- absentees --------------------------------------------------------------------------------


def test_absentees_per_org(conf, users, login):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a)
    response = login(users.admin).get(url("absentees", conf))
    html = response.content.decode()
    assert "Chi bộ khu 1" in html and "Chi bộ khu 2" in html
    assert "Trần Thị Bình" in html and "Lê Văn Cường" in html
    assert "Nguyễn Văn An" not in html


def test_absentees_officer_b_sees_only_ward_b(conf, users, login):
    end(conf.conference)
    response = login(users.officer_b).get(url("absentees", conf))
    html = response.content.decode()
    assert "Lê Văn Cường" in html
    assert "Chi bộ khu 1" not in html
    assert "Nguyễn Văn An" not in html and "Trần Thị Bình" not in html


def test_absentees_outsider_404(conf, users, login):
    assert login(users.outsider).get(url("absentees", conf)).status_code == 404


# --- site report --------------------------------------------------------------------------------


def test_operator_files_site_report(conf, users, login):
    check_in(conf, conf.an, conf.site_a)
    client = login(conf.operator_a)
    assert client.get(url("site_report", conf, conf.site_a.pk)).status_code == 200
    response = client.post(
        url("site_report", conf, conf.site_a.pk),
        {"technical_problems": "Mất tiếng 5 phút", "notes": ""},
    )
    assert response.status_code == 302
    report = SiteReport.objects.get(site=conf.site_a)
    assert (report.present, report.invited, report.filed_by) == (1, 2, conf.operator_a)
    assert report.technical_problems == "Mất tiếng 5 phút"
    admin_page = login(users.admin).get(url("attendance", conf))
    assert conf.site_a not in admin_page.context["summary"].not_reported


def test_other_sites_operator_gets_403(conf, users, login):
    response = login(conf.operator_a).post(
        url("site_report", conf, conf.site_b.pk), {"technical_problems": "", "notes": "x"}
    )
    assert response.status_code == 403
    assert not SiteReport.objects.exists()


def test_site_report_outsider_404(conf, users, login):
    assert login(users.outsider).get(url("site_report", conf, conf.site_a.pk)).status_code == 404
