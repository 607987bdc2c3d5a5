import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.bulletins.models import Bulletin, BulletinAttachment, OpinionReport, Receipt
from tests.bulletins.conftest import make_presenter
from tests.documents.conftest import PDF_BYTES, upload


def test_officer_publishes_a_bulletin_to_the_ward_corps(tree, users, corps, login):
    client = login(users.officer_a)
    form = client.get("/bulletins/new/").content.decode()
    assert "Soạn bản tin định hướng" in form and tree.ward_a.name in form
    assert tree.ward_b.name not in form
    response = client.post(
        "/bulletins/new/",
        {
            "org": tree.ward_a.pk,
            "month": "2026-03",
            "title": "Thông tin định hướng tháng 3/2026",
            "body": "Tuyên truyền kết quả Đại hội XIV.",
            "publish": "1",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã phát hành bản tin tới 2 người." in page
    bulletin = Bulletin.objects.get()
    assert bulletin.month == datetime.date(2026, 3, 1) and bulletin.published_at
    assert "Đã đọc 0/2 (0 %)" in page and "Nguyễn Thị Hoa" in page and "Nhắc đọc" in page


def test_saving_a_draft_addresses_nobody_until_published(tree, users, corps, login):
    client = login(users.officer_a)
    client.post(
        "/bulletins/new/",
        {"org": tree.ward_a.pk, "month": "2026-04", "title": "Tháng 4", "body": "Nội dung"},
    )
    bulletin = Bulletin.objects.get()
    assert bulletin.published_at is None and not bulletin.receipts.exists()
    hoa = login(corps.hoa.person.user)
    assert hoa.get(f"/bulletins/{bulletin.pk}/").status_code == 404
    response = client.post(f"/bulletins/{bulletin.pk}/publish/", follow=True)
    assert "Đã phát hành bản tin tới 2 người." in response.content.decode()
    assert hoa.get(f"/bulletins/{bulletin.pk}/").status_code == 200


def test_bad_month_is_a_clear_400_and_nothing_is_saved(tree, users, corps, login):
    response = login(users.officer_a).post(
        "/bulletins/new/",
        {"org": tree.ward_a.pk, "month": "tháng ba", "title": "Tháng 3", "body": "x"},
    )
    assert response.status_code == 400
    assert "Tháng không hợp lệ, cần dạng MM/YYYY." in response.content.decode()
    assert not Bulletin.objects.exists()


def test_publish_without_recipients_leaves_no_draft(tree, users, login):
    response = login(users.officer_b).post(
        "/bulletins/new/",
        {
            "org": tree.ward_b.pk,
            "month": "2026-03",
            "title": "Tháng 3",
            "body": "x",
            "publish": "1",
        },
    )
    assert response.status_code == 400
    assert (
        "Không có báo cáo viên, tuyên truyền viên nào đang hoạt động" in response.content.decode()
    )
    assert not Bulletin.objects.exists()


def test_presenter_sees_only_their_bulletins_and_opening_marks_read(
    tree, users, corps, publish, login
):
    mine = publish(tree.ward_a, title="Bản tin phường Uông Bí", by=users.officer_a)
    other = publish(tree.ward_b, title="Bản tin phường Yên Tử", by=users.officer_b)
    client = login(corps.hoa.person.user)
    page = client.get("/bulletins/").content.decode()
    assert "Bản tin phường Uông Bí" in page and "Bản tin phường Yên Tử" not in page
    assert "1 chưa đọc" in page and "Đã đọc 0/2" not in page
    detail = client.get(f"/bulletins/{mine.pk}/").content.decode()
    assert "Tuyên truyền kết quả Đại hội XIV" in detail and "Nhắc đọc" not in detail
    assert Receipt.objects.get(bulletin=mine, presenter=corps.hoa).read_at is not None
    assert "1 chưa đọc" not in client.get("/bulletins/").content.decode()
    assert client.get(f"/bulletins/{other.pk}/").status_code == 404
    assert client.post(f"/bulletins/{mine.pk}/remind/").status_code == 403


def test_officer_of_another_ward_gets_404_and_sees_nothing(tree, users, corps, publish, login):
    bulletin = publish(tree.ward_a, title="Bản tin phường Uông Bí", by=users.officer_a)
    client = login(users.officer_b)
    assert "Bản tin phường Uông Bí" not in client.get("/bulletins/").content.decode()
    assert client.get(f"/bulletins/{bulletin.pk}/").status_code == 404
    assert client.post(f"/bulletins/{bulletin.pk}/remind/").status_code == 404
    assert client.post(f"/bulletins/{bulletin.pk}/publish/").status_code == 404
    assert not Receipt.objects.filter(reminded_at__isnull=False).exists()


def test_manager_sees_read_rate_and_reminds_those_who_have_not_read(
    tree, users, corps, publish, login
):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    login(corps.nam.person.user).get(f"/bulletins/{bulletin.pk}/")
    client = login(users.officer_a)
    assert "Đã đọc 1/2 (50 %)" in client.get("/bulletins/").content.decode()
    detail = client.get(f"/bulletins/{bulletin.pk}/").content.decode()
    assert "Chưa đọc: 1 người" in detail
    response = client.post(f"/bulletins/{bulletin.pk}/remind/", follow=True)
    assert "Đã nhắc 1 người chưa đọc (gửi thư điện tử cho 1 người)." in response.content.decode()
    assert mail.outbox[0].to == ["hoa@example.vn"]
    assert "http://testserver/bulletins/" in mail.outbox[0].body


def test_manager_attaches_a_pdf_and_a_recipient_downloads_it(tree, users, corps, publish, login):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    client = login(users.officer_a)
    response = client.post(
        f"/bulletins/{bulletin.pk}/attachments/", {"file": upload("Tai lieu.pdf", PDF_BYTES)}
    )
    assert response.status_code == 302
    attachment = BulletinAttachment.objects.get()
    download = login(corps.hoa.person.user).get(f"/bulletins/attachments/{attachment.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    other = login(corps.binh.person.user).get(f"/bulletins/attachments/{attachment.pk}/download/")
    assert other.status_code == 404


def test_attaching_a_fake_pdf_is_refused(tree, users, corps, publish, login):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    response = login(users.officer_a).post(
        f"/bulletins/{bulletin.pk}/attachments/", {"file": upload("virus.pdf", b"MZ not a pdf")}
    )
    assert response.status_code == 400
    assert "không phải văn bản PDF hoặc Word" in response.content.decode()
    assert not BulletinAttachment.objects.exists()


@pytest.mark.parametrize("n", [1, 3])
def test_bulletin_list_queries_do_not_grow(tree, users, corps, publish, login, n):
    client = login(users.admin)
    publish(tree.province, title="Bản tin 0")
    with CaptureQueriesContext(connection) as small:
        client.get("/bulletins/")
    for i in range(1, n + 2):
        publish(tree.province, title=f"Bản tin {i}")
    with CaptureQueriesContext(connection) as large:
        page = client.get("/bulletins/").content.decode()
    assert f"Bản tin {n + 1}" in page
    assert len(large) == len(small)


# --- opinion reports -------------------------------------------------------------


def test_presenter_sends_an_opinion_report(tree, users, corps, topics, login):
    client = login(corps.hoa.person.user)
    form = client.get("/bulletins/opinions/new/").content.decode()
    assert "Đất đai, giải phóng mặt bằng" in form and "Chi bộ khu 1" in form
    assert tree.ward_b.name not in form
    response = client.post(
        "/bulletins/opinions/new/",
        {
            "topic": topics["Đất đai, giải phóng mặt bằng"].pk,
            "area": tree.cell_a1.pk,
            "summary": "Người dân băn khoăn về giá đền bù.",
            "suggested_response": "Tổ chức đối thoại.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã gửi phản ánh tới Ban Tuyên giáo và Dân vận." in page
    assert "Người dân băn khoăn về giá đền bù." in page
    assert OpinionReport.objects.get().presenter == corps.hoa


def test_opinion_report_without_summary_is_a_400_and_nothing_saved(tree, corps, topics, login):
    response = login(corps.hoa.person.user).post(
        "/bulletins/opinions/new/",
        {"topic": topics["Khác"].pk, "area": tree.ward_b.pk, "summary": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page
    assert "Hãy chọn một lựa chọn hợp lệ." in page  # ward B is outside Hoa's area
    assert not OpinionReport.objects.exists()


def test_officer_cannot_send_reports_and_non_presenters_are_refused(users, login):
    assert login(users.officer_a).get("/bulletins/opinions/new/").status_code == 403
    assert login(users.member_a).get("/bulletins/opinions/new/").status_code == 403


def test_department_reviews_a_report_of_its_ward_only(tree, users, corps, topics, login):
    report = OpinionReport.objects.create(
        presenter=corps.hoa, topic=topics["Khác"], area=tree.ward_a, summary="Ý kiến của dân"
    )
    outsider = login(users.officer_b)
    assert "Ý kiến của dân" not in outsider.get("/bulletins/opinions/").content.decode()
    assert outsider.post(f"/bulletins/opinions/{report.pk}/review/").status_code == 404
    assert (
        login(corps.hoa.person.user).post(f"/bulletins/opinions/{report.pk}/review/").status_code
        == 403
    )
    client = login(users.officer_a)
    assert "Đánh dấu đã xem xét" in client.get("/bulletins/opinions/").content.decode()
    response = client.post(
        f"/bulletins/opinions/{report.pk}/review/", {"note": "Chuyển UBND phường."}, follow=True
    )
    assert "Chuyển UBND phường." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "reviewed"


@pytest.mark.parametrize("n", [1, 3])
def test_summary_page_groups_by_topic_with_fixed_queries(tree, users, corps, topics, login, n):
    client = login(users.officer_a)
    land = topics["Đất đai, giải phóng mặt bằng"]
    OpinionReport.objects.create(presenter=corps.hoa, topic=land, area=tree.ward_a, summary="x")
    with CaptureQueriesContext(connection) as small:
        client.get("/bulletins/opinions/summary/")
    for i in range(n):
        extra = make_presenter(f"Người {i}", tree.ward_a, cell=tree.cell_a1)
        OpinionReport.objects.create(presenter=extra, topic=land, area=tree.cell_a1, summary="y")
    OpinionReport.objects.create(presenter=corps.binh, topic=land, area=tree.ward_b, summary="z")
    with CaptureQueriesContext(connection) as large:
        page = client.get("/bulletins/opinions/summary/").content.decode()
    assert len(large) == len(small)
    assert f"Chi bộ khu 1: {n}" in page and f"{tree.ward_a.name}: 1" in page
    assert tree.ward_b.name not in page


def test_summary_page_is_for_the_department(users, corps, login):
    assert login(corps.hoa.person.user).get("/bulletins/opinions/summary/").status_code == 403
    assert login(users.outsider).get("/bulletins/opinions/summary/").status_code == 403


def test_ward_officer_follows_up_the_province_bulletin_for_their_own_corps(
    tree, users, corps, publish, login
):
    bulletin = publish(tree.province, title="Bản tin của Tỉnh ủy")
    login(corps.nam.person.user).get(f"/bulletins/{bulletin.pk}/")
    client = login(users.officer_a)
    assert "Đã đọc 1/2 (50 %)" in client.get("/bulletins/").content.decode()
    detail = client.get(f"/bulletins/{bulletin.pk}/").content.decode()
    assert "Nguyễn Thị Hoa" in detail and "Phạm Văn Bình" not in detail
    assert "Đính kèm" not in detail  # attachments are the publisher's
    response = client.post(f"/bulletins/{bulletin.pk}/remind/", follow=True)
    assert "Đã nhắc 1 người chưa đọc" in response.content.decode()
    assert set(
        Receipt.objects.filter(reminded_at__isnull=False).values_list("presenter_id", flat=True)
    ) == {corps.hoa.pk}
    upload_response = client.post(
        f"/bulletins/{bulletin.pk}/attachments/", {"file": upload("a.pdf", PDF_BYTES)}
    )
    assert upload_response.status_code == 403
    assert client.post(f"/bulletins/{bulletin.pk}/publish/").status_code == 403


def test_ward_officer_does_not_see_a_province_draft(tree, users, corps, login):
    from quantriet.bulletins import services

    draft = services.create_bulletin(
        user=users.admin, org=tree.province, title="Nháp", month=datetime.date(2026, 5, 1)
    )
    assert login(users.officer_a).get(f"/bulletins/{draft.pk}/").status_code == 404


def test_reminded_presenter_sees_the_reminder_in_the_list(tree, users, corps, publish, login):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    login(users.officer_a).post(f"/bulletins/{bulletin.pk}/remind/")
    page = login(corps.hoa.person.user).get("/bulletins/").content.decode()
    assert "Ban đã nhắc đọc ngày" in page
