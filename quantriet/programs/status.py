"""A task's status is derived from its progress and dates, never typed by hand."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# Behind the time elapsed by more than this many percentage points: at risk.
AT_RISK_MARGIN = 10


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ chậm")
    OVERDUE = "overdue", _("Quá hạn")
    DONE = "done", _("Hoàn thành")


def task_status(
    progress: int,
    start_on: datetime.date | None,
    due_on: datetime.date | None,
    today: datetime.date,
) -> str:
    if progress >= 100:
        return TaskStatus.DONE
    if due_on is not None and today > due_on:
        return TaskStatus.OVERDUE
    if progress == 0 and (start_on is None or today < start_on):
        return TaskStatus.NOT_STARTED
    if start_on is not None and due_on is not None and due_on > start_on and today >= start_on:
        elapsed = (today - start_on).days / (due_on - start_on).days * 100
        if progress + AT_RISK_MARGIN < elapsed:
            return TaskStatus.AT_RISK
    return TaskStatus.ON_TRACK
