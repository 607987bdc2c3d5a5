import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quantriet.conferences.attendance import selectors as attendance_selectors
from quantriet.conferences.attendance import services as attendance
from quantriet.conferences.attendance.selectors import Status
from quantriet.conferences.models import CheckIn, Conference, Invitation, MakeUp, Site, SiteReport
from tests.factories import PersonFactory


def check_in(conf, person, site, *, late=False, invited=True, method="qr"):
    now = timezone.now()
    return CheckIn.objects.create(
        conference=conf.conference,
        person=person,
        site=site,
        client_id=uuid.uuid4(),
        method=method,
        at=now,
        recorded_at=now,
        late=late,
        invited=invited,
    )


def end(conference):
    """Move the conference into the past (it ended an hour ago, yesterday if possible)."""
    now = timezone.now()
    conference.starts_at = now - datetime.timedelta(days=1, hours=3)
    conference.ends_at = now - datetime.timedelta(days=1)
    conference.save()


def statuses(conf, user):
    qs = attendance_selectors.visible_invitees(user, conf.conference)
    return {inv.person.full_name: inv.status for inv in qs}


def test_statuses_before_the_end_are_not_yet(conf, users):
    check_in(conf, conf.an, conf.site_a)
    check_in(conf, conf.binh, conf.site_a, late=True)

    assert statuses(conf, users.admin) == {
        "Nguyễn Văn An": Status.PRESENT,
        "Trần Thị Bình": Status.LATE,
        "Lê Văn Cường": Status.PENDING,
    }


def test_statuses_after_the_end_are_derived(conf, users):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a)
    invitation = Invitation.objects.get(person=conf.binh)
    attendance.mark_excused(invitation=invitation, reason="illness", note="Nằm viện", by=None)

    assert statuses(conf, users.admin) == {
        "Nguyễn Văn An": Status.PRESENT,
        "Trần Thị Bình": Status.EXCUSED,
        "Lê Văn Cường": Status.ABSENT,
    }
    invitation.refresh_from_db()
    assert (invitation.excuse, invitation.excuse_note) == ("illness", "Nằm viện")


def test_check_in_wins_over_an_earlier_excuse(conf, users):
    invitation = Invitation.objects.get(person=conf.an)
    attendance.mark_excused(invitation=invitation, reason="work", note="", by=None)
    check_in(conf, conf.an, conf.site_a)

    assert statuses(conf, users.admin)["Nguyễn Văn An"] == Status.PRESENT


def test_mark_excused_refuses_unknown_reason_and_attendee(conf):
    invitation = Invitation.objects.get(person=conf.an)
    with pytest.raises(ValidationError) as err:
        attendance.mark_excused(invitation=invitation, reason="", note="", by=None)
    assert "reason" in err.value.message_dict
    check_in(conf, conf.an, conf.site_a)
    with pytest.raises(ValidationError, match="đã điểm danh"):
        attendance.mark_excused(invitation=invitation, reason="illness", note="", by=None)


def test_clear_excuse(conf, users):
    end(conf.conference)
    invitation = Invitation.objects.get(person=conf.cuong)
    attendance.mark_excused(invitation=invitation, reason="old_age", note="", by=None)
    attendance.clear_excuse(invitation=invitation, by=None)
    assert statuses(conf, users.admin)["Lê Văn Cường"] == Status.ABSENT


def test_status_filter(conf, users):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a, late=True)
    qs = attendance_selectors.filter_invitees(
        attendance_selectors.visible_invitees(users.admin, conf.conference), status=Status.ABSENT
    )
    assert {inv.person_id for inv in qs} == {conf.binh.pk, conf.cuong.pk}
    qs = attendance_selectors.filter_invitees(
        attendance_selectors.visible_invitees(users.admin, conf.conference), q="tran thi binh"
    )
    assert [inv.person_id for inv in qs] == [conf.binh.pk]


def test_makeup_is_counted_separately(conf, users):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a)
    attendance.record_makeup(
        conference=conf.conference,
        person=conf.binh,
        kind=MakeUp.Kind.SELF_STUDY,
        studied_on=timezone.localdate(),
        method="Đọc tài liệu, viết bài thu hoạch",
        by=users.admin,
    )

    result = attendance_selectors.attendance_by_site(conf.conference)
    site_a = next(row for row in result.sites if row.site == conf.site_a)
    assert (site_a.invited, site_a.present, site_a.absent, site_a.made_up) == (2, 1, 1, 1)
    assert site_a.rate == 50.0
    assert site_a.rate_with_makeup == 100.0
    # The host site has no list: its estimate of 50 counts in the totals.
    assert result.totals.expected == 53
    assert result.totals.rate == pytest.approx(1.9)
    assert result.totals.rate_with_makeup == pytest.approx(3.8)
    assert result.totals.participation == pytest.approx(66.7)
    binh = attendance_selectors.visible_invitees(users.admin, conf.conference).get(person=conf.binh)
    assert binh.status == Status.ABSENT
    assert binh.makeup_kind == MakeUp.Kind.SELF_STUDY


def test_makeup_rules(conf, users):
    with pytest.raises(ValidationError) as err:
        attendance.record_makeup(
            conference=conf.conference,
            person=conf.binh,
            kind="session",
            studied_on=timezone.localdate() - datetime.timedelta(days=3),
            method="",
            by=None,
        )
    assert "trước ngày diễn ra hội nghị" in err.value.message_dict["studied_on"][0]
    end(conf.conference)
    with pytest.raises(ValidationError) as err:
        attendance.record_makeup(
            conference=conf.conference,
            person=conf.binh,
            kind="session",
            studied_on=timezone.localdate() + datetime.timedelta(days=1),
            method="",
            by=None,
        )
    assert "tương lai" in err.value.message_dict["studied_on"][0]
    check_in(conf, conf.an, conf.site_a)
    with pytest.raises(ValidationError, match="không cần học bù"):
        attendance.record_makeup(
            conference=conf.conference,
            person=conf.an,
            kind="session",
            studied_on=timezone.localdate(),
            by=None,
        )
    stranger = PersonFactory(full_name="Người Lạ", org=conf.an.org)
    with pytest.raises(ValidationError, match="danh sách mời"):
        attendance.record_makeup(
            conference=conf.conference,
            person=stranger,
            kind="session",
            studied_on=timezone.localdate(),
            by=None,
        )
    with pytest.raises(ValidationError) as err:
        attendance.record_makeup(
            conference=conf.conference,
            person=conf.binh,
            kind="nap",
            studied_on=timezone.localdate(),
            by=None,
        )
    assert "kind" in err.value.message_dict


def test_record_makeup_twice_updates(conf):
    end(conf.conference)
    for kind in ("session", "self_study"):
        attendance.record_makeup(
            conference=conf.conference,
            person=conf.cuong,
            kind=kind,
            studied_on=timezone.localdate(),
            by=None,
        )
    assert MakeUp.objects.get(person=conf.cuong).kind == "self_study"


def test_attendance_numbers_per_site_and_totals(conf):
    check_in(conf, conf.an, conf.site_a)
    check_in(conf, conf.binh, conf.site_a, late=True)
    outsider = PersonFactory(full_name="Khách mời thêm", org=conf.cuong.org)
    check_in(conf, outsider, conf.site_b, invited=False)

    result = attendance_selectors.attendance_by_site(conf.conference)
    rows = {row.site.pk: row for row in result.sites}
    host, a, b = rows[conf.host.pk], rows[conf.site_a.pk], rows[conf.site_b.pk]
    # The host has no invitation list: the planner's estimate stands in.
    assert (host.invited, host.expected, host.present, host.rate) == (0, 50, 0, 0.0)
    assert (a.invited, a.expected, a.present, a.late, a.rate) == (2, 2, 2, 1, 100.0)
    assert (b.invited, b.expected, b.present, b.uninvited, b.pending) == (1, 1, 1, 1, 1)
    t = result.totals
    assert (t.invited, t.expected, t.present, t.late, t.uninvited) == (3, 53, 3, 1, 1)
    assert t.rate == pytest.approx(5.7)
    assert [s.name for s in result.not_reported] == [
        conf.host.name,
        conf.site_a.name,
        conf.site_b.name,
    ]


def test_attendance_by_site_runs_a_fixed_query_count(conf, tree):
    with CaptureQueriesContext(connection) as few:
        attendance_selectors.attendance_by_site(conf.conference)
    for n in range(60):
        org = tree.cell_a1 if n == 0 else None
        if org is None:
            from tests.factories import make_org

            org = make_org(f"Chi bộ {n}", tree.ward_b, kind="dependent-cell", level="cell")
        site = Site.objects.create(conference=conf.conference, name=f"Điểm cầu {n}", org=org)
        person = PersonFactory(full_name=f"Người {n}", org=org)
        Invitation.objects.create(conference=conf.conference, person=person, site=site)
        check_in(conf, person, site, late=n % 2 == 0)
    with CaptureQueriesContext(connection) as many:
        result = attendance_selectors.attendance_by_site(conf.conference)
    assert len(result.sites) == 63
    assert result.totals.present == 60
    assert len(few) == len(many) == 1


def test_file_site_report_counts_at_filing_and_refiles(conf, users):
    check_in(conf, conf.an, conf.site_a)
    report = attendance.file_site_report(
        site=conf.site_a, technical_problems="Mất tiếng 5 phút", notes="", by=conf.operator_a
    )
    assert (report.present, report.invited) == (1, 2)
    check_in(conf, conf.binh, conf.site_a)
    attendance.file_site_report(site=conf.site_a, technical_problems="", notes="Tốt", by=None)
    report = SiteReport.objects.get(site=conf.site_a)
    assert (report.present, report.invited, report.notes) == (2, 2, "Tốt")
    result = attendance_selectors.attendance_by_site(conf.conference)
    assert conf.site_a not in result.not_reported


def test_absentees_by_org_respects_scope(conf, users):
    end(conf.conference)
    check_in(conf, conf.an, conf.site_a)
    attendance.mark_excused(
        invitation=Invitation.objects.get(person=conf.binh), reason="work", by=None
    )

    for_admin = attendance_selectors.absentees_by_org(conf.conference, users.admin)
    assert [(g.org.name, g.excused, g.absent) for g in for_admin] == [
        ("Chi bộ khu 1", 1, 0),
        ("Chi bộ khu 2", 0, 1),
    ]
    assert [i.person.full_name for i in for_admin[0].invitations] == ["Trần Thị Bình"]
    for_b = attendance_selectors.absentees_by_org(conf.conference, users.officer_b)
    assert [(g.org.name, g.total) for g in for_b] == [("Chi bộ khu 2", 1)]
    assert attendance_selectors.absentees_by_org(conf.conference, users.outsider) == []


def test_a_check_in_to_another_conference_does_not_count(conf, users, tree):
    other = Conference.objects.create(
        title="Hội nghị khác",
        starts_at=conf.conference.starts_at,
        ends_at=conf.conference.ends_at,
        host_org=tree.province,
    )
    other_site = Site.objects.create(conference=other, name="Điểm cầu khác", org=tree.ward_a)
    Invitation.objects.create(conference=other, person=conf.an, site=other_site)
    now = timezone.now()
    CheckIn.objects.create(
        conference=other,
        person=conf.an,
        site=other_site,
        client_id=uuid.uuid4(),
        method="qr",
        at=now,
        recorded_at=now,
    )
    end(conf.conference)

    assert statuses(conf, users.admin)["Nguyễn Văn An"] == Status.ABSENT
    result = attendance_selectors.attendance_by_site(conf.conference)
    assert (result.totals.present, result.totals.absent) == (0, 3)
    groups = attendance_selectors.absentees_by_org(conf.conference, users.admin)
    assert sum(g.total for g in groups) == 3
