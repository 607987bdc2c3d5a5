"""`manage.py schedule_reminders`: make sure the hourly reminder scan is queued (`make run`
calls it before starting the worker; running it again changes nothing)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from quantriet.programs.tasks import schedule_next


class Command(BaseCommand):
    help = "Queue the reminder scan unless it is queued already."

    def handle(self, *args: object, **options: object) -> None:
        queued = schedule_next(after=timezone.now())
        self.stdout.write("Đã lên lịch nhắc việc." if queued else "Lịch nhắc việc đã có sẵn.")
