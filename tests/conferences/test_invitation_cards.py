"""The printed invitation is a giấy mời: the inviting committee, "Kính mời đồng chí …", the time
written out, the place; and an absentee without a reason is "vắng không lý do"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import Conference


def test_card_is_a_giay_moi_with_time_place_and_committee(conf, login):
    Conference.objects.filter(pk=conf.conference.pk).update(
        starts_at=datetime.datetime(2026, 2, 7, 0, 30, tzinfo=datetime.UTC)
    )
    conf.site_a.address = "Hội trường Đảng ủy phường"
    conf.site_a.save()
    html = (
        login(conf.operator_a)
        .get(reverse("conferences:cards", args=[conf.site_a.pk]))
        .content.decode()
    )
    card = html.split('<article class="qt-card">', 2)[1]
    assert "ĐẢNG BỘ TỈNH QUẢNG NINH" in card and "GIẤY MỜI" in card
    assert "Kính mời đồng chí" in card and "Nguyễn Văn An" in card
    assert "7 giờ 30 phút, thứ Bảy, ngày 07/02/2026" in card
    assert "Điểm cầu phường Uông Bí" in card and "Hội trường Đảng ủy phường" in card
    assert "Hội nghị học tập, quán triệt Nghị quyết Đại hội XIV của Đảng" in card
    assert "bạn" not in html.lower()


def test_absent_without_reason_is_named_so(conf, users, login):
    now = timezone.now()
    Conference.objects.filter(pk=conf.conference.pk).update(
        starts_at=now - datetime.timedelta(days=1, hours=3),
        ends_at=now - datetime.timedelta(days=1),
    )
    client = login(users.admin)
    pk = conf.conference.pk
    absentees = client.get(reverse("conferences:absentees", args=[pk])).content.decode()
    assert "Vắng không lý do" in absentees and "2 vắng không lý do" in absentees
    summary = client.get(reverse("conferences:attendance", args=[pk])).content.decode()
    assert "Vắng không lý do" in summary
