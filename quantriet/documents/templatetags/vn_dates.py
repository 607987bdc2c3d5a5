"""Dates and times written the way Party documents and invitations write them.

`{% load vn_dates %}`, then `{{ conference.starts_at|vn_time }}` → "7 giờ 30 phút, thứ Bảy, ngày
07/02/2026" and `{{ report.issued_on|vn_long_date }}` → "ngày 05 tháng 02 năm 2026" (Hướng dẫn
36-HD/VPTW: days below 10 and the months 1 and 2 take a leading zero). Aware times are shown in
the current time zone (Asia/Ho_Chi_Minh). English falls back to the catalogue's wording.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

register = template.Library()

# Monday first, as `date.weekday()`: "thứ Hai" … "thứ Bảy", "Chủ nhật".
WEEKDAYS = (
    pgettext_lazy("weekday", "thứ Hai"),
    pgettext_lazy("weekday", "thứ Ba"),
    pgettext_lazy("weekday", "thứ Tư"),
    pgettext_lazy("weekday", "thứ Năm"),
    pgettext_lazy("weekday", "thứ Sáu"),
    pgettext_lazy("weekday", "thứ Bảy"),
    pgettext_lazy("weekday", "Chủ nhật"),
)
MONTH_DAY = gettext_lazy("ngày %(day)02d tháng %(month)02d năm %(year)d")


def weekday_name(day: datetime.date) -> str:
    return str(WEEKDAYS[day.weekday()])


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026"."""
    return str(MONTH_DAY) % {"day": day.day, "month": day.month, "year": day.year}


def invitation_time(moment: datetime.datetime) -> str:
    """ "7 giờ 30 phút, thứ Bảy, ngày 07/02/2026" (the hour without a leading zero, as spoken)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return _("%(hour)d giờ %(minute)02d phút, %(weekday)s, ngày %(date)s") % {
        "hour": moment.hour,
        "minute": moment.minute,
        "weekday": weekday_name(moment.date()),
        "date": moment.strftime("%d/%m/%Y"),
    }


@register.filter
def vn_time(value: datetime.datetime | None) -> str:
    return invitation_time(value) if isinstance(value, datetime.datetime) else ""


@register.filter
def vn_long_date(value: datetime.date | None) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return long_date(value) if isinstance(value, datetime.date) else ""


@register.filter
def vn_weekday(value: datetime.date | None) -> str:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localdate(value)
    return weekday_name(value) if isinstance(value, datetime.date) else ""
