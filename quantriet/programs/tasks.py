"""The reminder scan as a background task that schedules its next run itself."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from quantriet.programs import reminders

EVERY = datetime.timedelta(hours=1)


@task()
def send_reminders(backend: str = "default") -> dict[str, int]:
    sent = reminders.scan(timezone.localdate())
    schedule_next(after=timezone.now() + EVERY, backend=backend)
    return {"due_soon": sent.due_soon, "overdue": sent.overdue, "digests": sent.digests}


def schedule_next(*, after: datetime.datetime, backend: str = "default") -> bool:
    """Enqueue the next scan unless one is already waiting. Only a backend that can defer
    (the database queue) keeps a schedule; an immediate one runs nothing later."""
    deferred = send_reminders.using(backend=backend, run_after=after)
    if not deferred.get_backend().supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status="READY", backend_name=backend
    ).exists()
    if waiting:
        return False
    deferred.enqueue(backend=backend)
    return True
