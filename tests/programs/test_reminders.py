import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from quantriet.notifications.models import Notification
from quantriet.programs.models import Program, Task
from quantriet.programs.tasks import send_reminders
from tests.documents.conftest import make_document
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def overdue_task(tree, users):
    account = UserFactory(username="phutrach", email="phutrach@example.vn")
    owner = PersonFactory(full_name="Bùi Văn Hạn", org=tree.cell_a1, user=account)
    today = timezone.localdate()
    program = Program.objects.create(
        org=tree.ward_a,
        document=make_document(number="15-NQ/ĐH"),
        title="CTr",
        status="issued",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=200),
    )
    late = Task.objects.create(
        program=program,
        title="Hoàn thành sáp nhập khu 3 và khu 4",
        owner=owner,
        due_on=today - datetime.timedelta(days=1),
        progress=60,
    )
    soon = Task.objects.create(
        program=program,
        title="Tổng kết 6 tháng",
        owner=owner,
        due_on=today + datetime.timedelta(days=2),
        progress=10,
    )
    Task.objects.create(
        program=program,
        title="Đã xong",
        owner=owner,
        due_on=today - datetime.timedelta(days=5),
        progress=100,
    )
    return account, late, soon


# The worker opens its own transactions; serialized_rollback restores the seeded rows after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overdue_task_notifies_its_officer_once_across_worker_runs(overdue_task):
    account, late, soon = overdue_task
    for _ in range(2):  # two scans by the real queue's worker
        send_reminders.using(backend="db").enqueue(backend="db")
        call_command(
            "db_worker",
            "--batch",
            "--backend",
            "db",
            "--no-startup-delay",
            "--queue-name",
            "*",
            verbosity=0,
        )
    notes = Notification.objects.filter(user=account)
    assert notes.filter(key__contains=f"task-{late.pk}-overdue").count() == 1
    assert notes.filter(key__contains=f"task-{soon.pk}-due").count() == 1
    assert notes.count() == 2
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["phutrach@example.vn"]
    assert "Quá hạn: Hoàn thành sáp nhập khu 3 và khu 4" in {n.title for n in notes}
    # The scan queued its next run an hour on; one waiting, however many runs enqueued it.
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY", task_path__endswith="send_reminders")
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now()


def test_notification_centre_shows_unread_and_marks_read(overdue_task, login):
    account, _late, _soon = overdue_task
    from quantriet.programs import reminders

    reminders.scan(timezone.localdate())
    client = login(account)
    page = client.get("/notifications/").content.decode()
    assert "Quá hạn: Hoàn thành sáp nhập khu 3 và khu 4" in page
    note = Notification.objects.get(key__contains="overdue")
    client.post(f"/notifications/{note.pk}/read/")
    note.refresh_from_db()
    assert note.read_at is not None
    assert Notification.objects.filter(user=account, read_at__isnull=True).count() == 1
    other = UserFactory(username="khac")
    assert login(other).post(f"/notifications/{note.pk}/read/").status_code == 302
    assert "Hoàn thành sáp nhập" not in login(other).get("/notifications/").content.decode()


def test_the_bell_counts_unread_notifications(overdue_task, login):
    from quantriet.programs import reminders

    account, _late, _soon = overdue_task
    client = login(account)
    assert client.get("/notifications/badge/").content.decode().strip() == ""
    reminders.scan(timezone.localdate())
    assert ">2<" in client.get("/notifications/badge/").content.decode()


def test_weekly_digest_goes_to_the_organisations_officers_once(overdue_task, users):
    from quantriet.programs import reminders

    monday = timezone.localdate()
    monday -= datetime.timedelta(days=monday.weekday())
    first = reminders.scan(monday)
    again = reminders.scan(monday)
    assert first.digests == 1 and again.digests == 0
    digest = Notification.objects.get(user=users.officer_a, key__startswith="digest-")
    assert "1/3 nhiệm vụ hoàn thành" in digest.body and "quá hạn" in digest.body
    assert not Notification.objects.filter(user=users.officer_b).exists()
    assert reminders.scan(monday + datetime.timedelta(days=1)).digests == 0


def test_a_repeated_scan_tries_no_insert_per_task(overdue_task):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quantriet.programs import reminders

    _account, late, _soon = overdue_task
    for i in range(5):
        Task.objects.create(
            program=late.program,
            title=f"Việc chậm {i}",
            owner=late.owner,
            due_on=late.due_on,
            progress=10,
        )
    today = timezone.localdate()
    today += datetime.timedelta(days=(1 - today.weekday()) % 7)  # not a digest day
    assert reminders.scan(today).overdue >= 6
    with CaptureQueriesContext(connection) as again:
        assert reminders.scan(today).overdue == 0
    assert not [q for q in again if q["sql"].startswith(("INSERT", "SAVEPOINT"))]
    assert len(again) <= 4
