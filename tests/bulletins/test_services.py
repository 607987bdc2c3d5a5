import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from quantriet.bulletins import services
from quantriet.bulletins.models import Bulletin, OpinionReport, Receipt, ReportStatus


def test_publish_addresses_every_active_presenter_of_the_subtree(tree, users, corps, publish):
    bulletin = publish(tree.province)
    recipients = set(bulletin.receipts.values_list("presenter_id", flat=True))
    assert recipients == {corps.hoa.pk, corps.nam.pk, corps.binh.pk}
    assert bulletin.month == datetime.date(2026, 3, 1)
    assert bulletin.published_at is not None


def test_publish_of_a_ward_reaches_only_that_ward(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    assert set(bulletin.receipts.values_list("presenter_id", flat=True)) == {
        corps.hoa.pk,
        corps.nam.pk,
    }


def test_publish_twice_is_refused_and_adds_nobody(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    with pytest.raises(ValidationError, match="đã được phát hành"):
        services.publish(user=users.officer_a, bulletin=bulletin)
    assert bulletin.receipts.count() == 2


def test_publish_with_no_active_presenters_is_refused(tree, users):
    bulletin = services.create_bulletin(
        user=users.officer_b, org=tree.ward_b, title="Tháng 4", month=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError, match="Không có báo cáo viên"):
        services.publish(user=users.officer_b, bulletin=bulletin)
    bulletin.refresh_from_db()
    assert bulletin.published_at is None


def test_officer_cannot_publish_for_another_ward(tree, users, corps):
    with pytest.raises(ValidationError) as exc:
        services.create_bulletin(
            user=users.officer_a, org=tree.ward_b, title="Tháng 4", month=datetime.date(2026, 4, 1)
        )
    assert "phạm vi quản lý" in exc.value.message_dict["org"][0]
    bulletin = services.create_bulletin(
        user=users.officer_b, org=tree.ward_b, title="Tháng 4", month=datetime.date(2026, 4, 1)
    )
    with pytest.raises(PermissionDenied):
        services.publish(user=users.officer_a, bulletin=bulletin)
    assert Bulletin.objects.count() == 1


def test_mark_read_records_the_first_opening_only(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    user = corps.hoa.person.user
    assert services.mark_read(user=user, bulletin=bulletin) is True
    first = Receipt.objects.get(bulletin=bulletin, presenter=corps.hoa).read_at
    assert first is not None
    assert services.mark_read(user=user, bulletin=bulletin) is False
    assert Receipt.objects.get(bulletin=bulletin, presenter=corps.hoa).read_at == first


def test_mark_read_by_a_manager_changes_nothing(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    assert services.mark_read(user=users.officer_a, bulletin=bulletin) is False
    assert not bulletin.receipts.filter(read_at__isnull=False).exists()


def test_remind_records_and_mails_those_who_have_not_read(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    services.mark_read(user=corps.nam.person.user, bulletin=bulletin)
    result = services.remind(user=users.officer_a, bulletin=bulletin)
    assert (result.reminded, result.emailed) == (1, 1)
    assert Receipt.objects.get(bulletin=bulletin, presenter=corps.hoa).reminded_at is not None
    assert Receipt.objects.get(bulletin=bulletin, presenter=corps.nam).reminded_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hoa@example.vn"]
    assert "Nguyễn Thị Hoa" in mail.outbox[0].body
    assert f"/bulletins/{bulletin.pk}/" in mail.outbox[0].body


def test_remind_of_a_draft_is_refused(tree, users, corps):
    bulletin = services.create_bulletin(
        user=users.officer_a, org=tree.ward_a, title="Nháp", month=datetime.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError, match="chưa phát hành"):
        services.remind(user=users.officer_a, bulletin=bulletin)
    assert len(mail.outbox) == 0


def test_submit_report_from_own_area(tree, corps, topics):
    report = services.submit_report(
        presenter=corps.hoa,
        topic=topics["Đất đai, giải phóng mặt bằng"],
        area=tree.cell_a1,
        summary="  Người dân khu 1 băn khoăn về giá đền bù.  ",
        suggested_response="Tổ chức đối thoại.",
    )
    assert report.status == ReportStatus.NEW
    assert report.summary == "Người dân khu 1 băn khoăn về giá đền bù."


def test_submit_report_outside_own_area_is_refused(tree, corps, topics):
    with pytest.raises(ValidationError) as exc:
        services.submit_report(
            presenter=corps.hoa, topic=topics["Khác"], area=tree.ward_b, summary="Nội dung"
        )
    assert "Địa bàn nằm ngoài phạm vi" in exc.value.message_dict["area"][0]
    assert OpinionReport.objects.count() == 0


def test_submit_report_needs_a_summary_and_an_active_presenter(tree, corps, topics):
    with pytest.raises(ValidationError) as exc:
        services.submit_report(presenter=corps.hoa, topic=None, area=tree.ward_a, summary=" ")
    assert set(exc.value.message_dict) == {"topic", "summary"}
    with pytest.raises(ValidationError, match="đang hoạt động"):
        services.submit_report(
            presenter=corps.nghi, topic=topics["Khác"], area=tree.ward_a, summary="Nội dung"
        )
    assert OpinionReport.objects.count() == 0


def test_review_report_by_the_managing_department_only(tree, users, corps, topics):
    report = services.submit_report(
        presenter=corps.hoa, topic=topics["Khác"], area=tree.ward_a, summary="Nội dung"
    )
    with pytest.raises(PermissionDenied):
        services.review_report(user=users.officer_b, report=report, note="Không")
    services.review_report(user=users.officer_a, report=report, note="Đã chuyển UBND phường.")
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEWED
    assert report.reviewer_note == "Đã chuyển UBND phường."
    assert report.reviewed_by == users.officer_a
