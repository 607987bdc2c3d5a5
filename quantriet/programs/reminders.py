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
    for task in soon.select_related("owner__user", "program"):
        sent.due_soon += notify(
            task.owner.user,  # type: ignore[union-attr]
            key=f"task-{task.pk}-due-{task.due_on}",
            title=_("Sắp đến hạn: %(title)s") % {"title": task.title},
            body=_("Hạn hoàn thành %(due)s, tiến độ %(progress)s%% (%(program)s).")
            % {
                "due": f"{task.due_on:%d/%m/%Y}",
                "progress": task.progress,
                "program": task.program.title,
            },
            url=_task_url(task),
        )
    late = _open_tasks().filter(due_on__lt=today)
    for task in late.select_related("owner__user", "program"):
        sent.overdue += notify(
            task.owner.user,  # type: ignore[union-attr]
            key=f"task-{task.pk}-overdue-{task.due_on}",
            title=_("Quá hạn: %(title)s") % {"title": task.title},
            body=_("Đã quá hạn %(due)s, tiến độ %(progress)s%% (%(program)s).")
            % {
                "due": f"{task.due_on:%d/%m/%Y}",
                "progress": task.progress,
                "program": task.program.title,
            },
            url=_task_url(task),
        )
    if today.weekday() == DIGEST_WEEKDAY:
        sent.digests = _digests(today)
    return sent


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
