"""Dates and times as Party documents and invitations write them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from quantriet.documents.templatetags.vn_dates import invitation_time, long_date

# 0:30 UTC is 7:30 in Asia/Ho_Chi_Minh.
NATIONAL_CONFERENCE = datetime.datetime(2026, 2, 7, 0, 30, tzinfo=datetime.UTC)
HANOI = datetime.timezone(datetime.timedelta(hours=7))


def test_invitation_time_is_written_out_in_local_time():
    assert invitation_time(NATIONAL_CONFERENCE) == "7 giờ 30 phút, thứ Bảy, ngày 07/02/2026"


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (
            datetime.datetime(2026, 2, 8, 14, 0, tzinfo=HANOI),
            "14 giờ 00 phút, Chủ nhật, ngày 08/02/2026",
        ),
        (
            datetime.datetime(2026, 2, 9, 8, 5, tzinfo=HANOI),
            "8 giờ 05 phút, thứ Hai, ngày 09/02/2026",
        ),
        (
            datetime.datetime(2026, 12, 31, 13, 45, tzinfo=HANOI),
            "13 giờ 45 phút, thứ Năm, ngày 31/12/2026",
        ),
    ],
)
def test_weekday_names_and_minutes_with_a_zero(moment, text):
    assert invitation_time(moment) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (datetime.date(2025, 12, 22), "ngày 22 tháng 12 năm 2025"),
    ],
)
def test_long_date_has_leading_zeros(day, text):
    assert long_date(day) == text


def test_filters_in_a_template_and_in_english():
    template = Template(
        "{% load vn_dates %}{{ at|vn_time }}|{{ at|vn_long_date }}|{{ at|vn_weekday }}|{{ none|vn_time }}"
    )
    context = Context({"at": NATIONAL_CONFERENCE, "none": None})
    assert template.render(context) == (
        "7 giờ 30 phút, thứ Bảy, ngày 07/02/2026|ngày 07 tháng 02 năm 2026|thứ Bảy|"
    )
    with translation.override("en"):
        assert template.render(context) == "7:30, Saturday, 07/02/2026|07/02/2026|Saturday|"
