import datetime
import io
import uuid
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from quantriet.conferences.attendance.exports import sheet_title
from quantriet.conferences.models import CheckIn, Conference, Invitation, Site
from quantriet.conferences.planning import calendars
from quantriet.documents.models import Document
from quantriet.orgs.models import OrgLevel
from tests.factories import PersonFactory, make_org


def check_in(conf, person, site, *, late=False, invited=True):
    at = datetime.datetime(2026, 2, 7, 8, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return CheckIn.objects.create(
        conference=conf.conference,
        person=person,
        site=site,
        client_id=uuid.uuid4(),
        method="manual",
        at=at,
        recorded_at=at,
        late=late,
        invited=invited,
    )


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def make_document(title, secrecy=""):
    return Document.objects.create(
        kind="resolution",
        number="01-NQ/TW",
        level=OrgLevel.objects.get(code="province"),
        issuer="Ban Chấp hành Trung ương",
        issued_on=datetime.date(2026, 1, 1),
        title=title,
        secrecy=secrecy,
    )


# --- iCalendar --------------------------------------------------------------------------


def test_person_feed_has_their_invitations(conf, client, settings):
    settings.JITSI_BASE_URL = "https://meet.example.vn"
    conf.site_a.address = "Số 1 Quang Trung"
    conf.site_a.save()
    conf.conference.documents.add(
        make_document("Nghị quyết Đại hội XIV"), make_document("Tài liệu mật", secrecy="mat")
    )
    token = calendars.person_token(conf.an)
    assert calendars.person_token(conf.an) == token  # stable: a subscribed link keeps working

    response = client.get(reverse("conferences:calendar_person", args=[token]))

    found = events(response)
    assert list(found) == [f"conference-{conf.conference.pk}@testserver"]
    event = found[f"conference-{conf.conference.pk}@testserver"]
    assert str(event["SUMMARY"]) == conf.conference.title
    assert str(event["LOCATION"]) == "Điểm cầu phường Uông Bí, Số 1 Quang Trung"
    start = event.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start == conf.conference.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == conf.conference.ends_at.replace(microsecond=0)
    assert b"DTSTART:" in response.content and b"Z\r\nDTEND:" in response.content
    description = str(event["DESCRIPTION"])
    assert "Nghị quyết Đại hội XIV" in description
    assert "Tài liệu mật" not in description
    assert f"https://meet.example.vn/{conf.conference.meeting_room}" in description


def test_person_feed_without_invitations_is_empty(conf, client):
    other = PersonFactory(full_name="Phạm Thị Dung", org=conf.an.org)
    response = client.get(
        reverse("conferences:calendar_person", args=[calendars.person_token(other)])
    )
    assert events(response) == {}


@pytest.mark.parametrize(
    "token",
    [
        "khong-hop-le",
        signing.Signer(salt="another.salt").sign_object({"p": 1}),
        signing.Signer(salt="quantriet.calendar").sign_object({"p": 1}) + "x",
        signing.Signer(salt="quantriet.calendar").sign_object({"o": 1, "u": 1}),
        signing.Signer(salt="quantriet.calendar").sign_object(["p", 1]),
    ],
)
def test_bad_or_forged_person_token_404(conf, client, token):
    assert client.get(reverse("conferences:calendar_person", args=[token])).status_code == 404


def test_org_feed_for_officer(conf, users, client, tree):
    # A conference of ward A only: not in ward B's feed.
    starts = timezone.now() + datetime.timedelta(days=3)
    local = Conference.objects.create(
        title="Hội nghị phường Uông Bí",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        host_org=tree.ward_a,
        format="in_person",
    )
    Site.objects.create(conference=local, name="Hội trường phường", org=tree.ward_a, is_host=True)

    b = client.get(
        reverse(
            "conferences:calendar_org", args=[calendars.org_token(tree.ward_b, users.officer_b)]
        )
    )
    assert list(events(b)) == [f"conference-{conf.conference.pk}@testserver"]
    event = events(b)[f"conference-{conf.conference.pk}@testserver"]
    assert str(event["LOCATION"]) == "Điểm cầu Tỉnh ủy"

    a = client.get(
        reverse(
            "conferences:calendar_org", args=[calendars.org_token(tree.ward_a, users.officer_a)]
        )
    )
    assert set(events(a)) == {
        f"conference-{conf.conference.pk}@testserver",
        f"conference-{local.pk}@testserver",
    }


def test_org_feed_token_for_someone_elses_org_404(conf, users, client, tree):
    forged = calendars.org_token(tree.ward_a, users.officer_b)
    assert client.get(reverse("conferences:calendar_org", args=[forged])).status_code == 404
    person_token = calendars.person_token(conf.an)
    assert client.get(reverse("conferences:calendar_org", args=[person_token])).status_code == 404


def test_my_calendar_page_shows_links(conf, users, login, tree):
    Invitation.objects.create(
        conference=conf.conference, person=users.member_a.person, site=conf.site_a
    )
    html = login(users.member_a).get(reverse("conferences:my_calendar")).content.decode()
    token = calendars.person_token(users.member_a.person)
    assert reverse("conferences:calendar_person", args=[token]) in html
    assert "webcal://" in html
    assert conf.conference.title in html
    officer_html = login(users.officer_a).get(reverse("conferences:my_calendar")).content.decode()
    assert tree.ward_a.name in officer_html
    assert "/calendar/o/" in officer_html


# --- xlsx ----------------------------------------------------------------------------------


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_xlsx_has_a_summary_and_one_sheet_per_site(conf, users, login):
    check_in(conf, conf.an, conf.site_a, late=True)
    walk_in = PersonFactory(full_name="Hoàng Văn Em", org=conf.cuong.org)
    check_in(conf, walk_in, conf.site_b, invited=False)

    book = workbook(
        login(users.admin).get(reverse("conferences:attendance_xlsx", args=[conf.conference.pk]))
    )

    assert book.sheetnames == [
        "Tổng hợp",
        "Điểm cầu Tỉnh ủy",
        "Điểm cầu phường Uông Bí",
        "Điểm cầu phường Yên Tử",
    ]
    site_a = [list(row) for row in book["Điểm cầu phường Uông Bí"].iter_rows(values_only=True)]
    assert site_a[0] == [
        "STT",
        "Họ và tên",
        "Đơn vị",
        "Trạng thái",
        "Thời điểm điểm danh",
        "Hình thức điểm danh",
    ]
    assert site_a[1:] == [
        [
            1,
            "Nguyễn Văn An",
            "Chi bộ khu 1",
            "Đi muộn",
            "07/02/2026 08:05",
            "Điểm danh theo danh sách",
        ],
        [2, "Trần Thị Bình", "Chi bộ khu 1", "Chưa điểm danh", None, None],
    ]
    site_b = [list(row) for row in book["Điểm cầu phường Yên Tử"].iter_rows(values_only=True)]
    assert [row[1] for row in site_b[1:]] == ["Lê Văn Cường", "Hoàng Văn Em"]
    summary = [list(row) for row in book["Tổng hợp"].iter_rows(values_only=True)]
    assert summary[2][:6] == ["Điểm cầu phường Uông Bí", "Đảng bộ phường Uông Bí", 2, 2, 1, 1]
    assert summary[-1][0] == "Tổng cộng"


def test_xlsx_officer_b_gets_only_ward_b_people(conf, users, login):
    book = workbook(
        login(users.officer_b).get(
            reverse("conferences:attendance_xlsx", args=[conf.conference.pk])
        )
    )
    names = {
        row[1]
        for name in book.sheetnames[1:]
        for row in book[name].iter_rows(min_row=2, values_only=True)
    }
    assert names == {"Lê Văn Cường"}


def test_xlsx_outsider_404(conf, users, login):
    response = login(users.outsider).get(
        reverse("conferences:attendance_xlsx", args=[conf.conference.pk])
    )
    assert response.status_code == 404


def test_xlsx_fixed_query_count(conf, users, login, tree):
    client = login(users.admin)
    path = reverse("conferences:attendance_xlsx", args=[conf.conference.pk])
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for n in range(4):
        org = make_org(f"Chi bộ {n}", tree.ward_b, kind="dependent-cell", level="cell")
        site = Site.objects.create(conference=conf.conference, name=f"Điểm cầu {n}", org=org)
        for m in range(3):
            person = PersonFactory(full_name=f"Người {n}-{m}", org=org)
            Invitation.objects.create(conference=conf.conference, person=person, site=site)
            check_in(conf, person, site)
    with CaptureQueriesContext(connection) as many:
        book = workbook(client.get(path))
    assert len(book.sheetnames) == 8
    assert len(few) == len(many)


def test_sheet_titles_are_valid_and_unique():
    taken = set()
    long_name = "Điểm cầu Đảng ủy các cơ quan Đảng và chính quyền tỉnh"
    first = sheet_title(long_name, taken)
    second = sheet_title(long_name, taken)
    odd = sheet_title("Điểm cầu [A]: khu 1/2 *?\\", taken)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second and second.endswith("(2)")
    assert not set("[]:*?/\\") & set(odd)
