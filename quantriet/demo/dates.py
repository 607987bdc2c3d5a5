"""The demo's calendar: every date a user sees as "today's state" is counted from the day the demo
is loaded (`today()`), so a demo loaded next year still shows this month's bulletin, tasks due in
the coming months and this year's review of the corps. Real documents and the national conference
of 7/2/2026 keep their real dates; whatever implements them is clamped to come after them."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), TZ).date()


def month_start(day: datetime.date, months: int = 0) -> datetime.date:
    """The first day of the month `months` after (negative: before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(day: datetime.date, months: int = 0) -> datetime.date:
    """The last day of the month `months` after (negative: before) the month of `day`."""
    return month_start(day, months + 1) - datetime.timedelta(days=1)


def months_back(months: int, day: int) -> datetime.date:
    """Day `day` (at most 28) of the month `months` before this one: always in the past."""
    return month_start(today(), -months).replace(day=min(day, 28))


def review_year() -> int:
    """The year the corps is reviewed for: this year, the one the presenters' pages open on."""
    return today().year


def not_before(day: datetime.date, real: datetime.date, lead: datetime.timedelta) -> datetime.date:
    """`day`, or `lead` after the real date `real` if that is later: what implements a real
    document (a programme, a training on it) cannot come before the document."""
    return max(day, real + lead)
