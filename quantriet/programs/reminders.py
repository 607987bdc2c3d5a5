"""Reminders: before a task's due date, when it becomes overdue, and a weekly digest to each
organisation's officers. Each is an event with a key, so a scan that runs again (every hour,
or by two workers) notifies each person once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from quantriet.notifications.models import Notification
from quantriet.notifications.services import notify
from quantriet.orgs.models import Grant, Role
from quantriet.programs.models import Program, Task

DUE_SOON_DAYS = 3
DIGEST_WEEKDAY = 0  # Monday


@dataclass
class Sent:
    due_soon: int = 0
    overdue: int = 0
    digests: int = 0


def _open_tasks() -> QuerySet[Task]:
    return Task.objects.filter(
        program__status=Program.State.ISSUED, progress__lt=100, due_on__isnull=False
    ).exclude(owner__user__isnull=True)


def scan(today: datetime.date) -> Sent:
    sent = Sent()
    soon = _open_tasks().filter(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    )
    sent.due_soon = _notify_owners(
        soon,
        "due",
        _("Sắp đến hạn: %(title)s"),
        _("Hạn hoàn thành %(due)s, tiến độ %(progress)s%% (%(program)s)."),
    )
    sent.overdue = _notify_owners(
        _open_tasks().filter(due_on__lt=today),
        "overdue",
        _("Quá hạn: %(title)s"),
        _("Đã quá hạn %(due)s, tiến độ %(progress)s%% (%(program)s)."),
    )
    if today.weekday() == DIGEST_WEEKDAY:
        sent.digests = _digests(today)
    return sent


KEYS_PER_QUERY = 5_000  # under SQLite's limit on parameters


def _notify_owners(tasks: QuerySet[Task], event: str, title: str, body: str) -> int:
    """Notify each task's officer of `event` once. Events already notified are read in one
    query per few thousand tasks, so an hourly scan does not retry an insert per overdue task."""
    rows = [
        (t, f"task-{t.pk}-{event}-{t.due_on}")
        for t in tasks.select_related("owner__user", "program")
    ]
    keys = [key for _task, key in rows]
    known: set[tuple[int, str]] = set()
    for i in range(0, len(keys), KEYS_PER_QUERY):
        known.update(
            Notification.objects.filter(key__in=keys[i : i + KEYS_PER_QUERY]).values_list(
                "user_id", "key"
            )
        )
    count = 0
    for task, key in rows:
        user = task.owner.user  # type: ignore[union-attr]
        if (user.pk, key) in known:
            continue
        values = {
            "title": task.title,
            "due": f"{task.due_on:%d/%m/%Y}",
            "progress": task.progress,
            "program": task.program.title,
        }
        count += notify(
            user, key=key, title=title % values, body=body % values, url=_task_url(task)
        )
    return count


def _task_url(task: Task) -> str:
    return reverse("programs:task", args=[task.pk])


def _digests(today: datetime.date) -> int:
    """Per organisation with an issued programme: its tasks done, overdue and open, to the
    officers holding a role on that very organisation (one query for the figures)."""
    week = today.isocalendar()
    figures = {
        row["program__org"]: row
        for row in Task.objects.filter(program__status=Program.State.ISSUED)
        .values("program__org", "program__org__name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(progress__gte=100)),
            overdue=Count("pk", filter=Q(progress__lt=100, due_on__lt=today)),
        )
        .order_by()
    }
    count = 0
    grants = Grant.objects.filter(
        org_id__in=figures, role__in=[Role.OFFICER, Role.ADMIN]
    ).select_related("account")
    for grant in grants:
        row = figures[grant.org_id]
        account: User = grant.account
        count += notify(
            account,
            key=f"digest-{grant.org_id}-{week.year}-{week.week}",
            title=_("Tổng hợp tuần %(week)s: %(org)s")
            % {"week": week.week, "org": row["program__org__name"]},
            body=_("%(done)s/%(total)s nhiệm vụ hoàn thành, %(overdue)s quá hạn.")
            % {"done": row["done"], "total": row["total"], "overdue": row["overdue"]},
        )
    return count
