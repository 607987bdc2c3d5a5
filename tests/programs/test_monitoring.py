import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.orgs.models import Org
from quantriet.programs.models import Program, Task
from quantriet.programs.selectors import monitoring
from tests.documents.conftest import make_document
from tests.factories import make_org

TODAY = datetime.date(2026, 11, 27)


def build(root, wards, cells, document, rng):
    """A generated tree with programmes (some issued, some drafts, some missing) and tasks."""
    orgs = [root]
    for w in range(wards):
        ward = make_org(f"Đảng bộ phường {w}", root)
        orgs.append(ward)
        for c in range(cells):
            orgs.append(make_org(f"Chi bộ {w}-{c}", ward, kind="dependent-cell", level="cell"))
    for org in orgs:
        roll = rng.random()
        if roll < 0.15:
            continue  # no programme yet
        status = Program.State.DRAFT if roll < 0.3 else Program.State.ISSUED
        program = Program.objects.create(
            org=org,
            document=document,
            title=f"CTr {org.name}",
            status=status,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
        )
        Task.objects.bulk_create(
            Task(
                program=program,
                title=f"Nhiệm vụ {i}",
                due_on=TODAY + datetime.timedelta(days=rng.randint(-60, 60)),
                progress=rng.choice((0, 30, 70, 100)),
            )
            for i in range(rng.randint(0, 6))
        )
    return orgs


def brute(document, org):
    subtree = Org.objects.filter(path__startswith=org.path, is_active=True)
    tasks = Task.objects.filter(
        program__document=document, program__status="issued", program__org__in=subtree
    )
    issued = set(
        Program.objects.filter(document=document, status="issued", org__in=subtree).values_list(
            "org_id", flat=True
        )
    )
    return (
        tasks.count(),
        tasks.filter(progress__gte=100).count(),
        tasks.filter(progress__lt=100, due_on__lt=TODAY).count(),
        sum(1 for pk in subtree.values_list("pk", flat=True) if pk not in issued),
    )


@pytest.mark.django_db
def test_rollup_matches_the_tasks_underneath_with_fixed_queries():
    rng = random.Random(11)
    document = make_document(number="01-NQ/ĐH")
    root = make_org("Đảng bộ tỉnh", kind="province-party", level="province")
    build(root, 3, 4, document, rng)
    with CaptureQueriesContext(connection) as small:
        rows = monitoring(document, root, TODAY)
    for row in rows:
        org = Org.objects.get(pk=row.org_id)
        assert (row.total.tasks, row.total.done, row.total.overdue, row.without_program) == brute(
            document, org
        )
    assert any(not r.adopted for r in rows) and any(r.adopted for r in rows)
    other_root = make_org("Đảng bộ tỉnh khác", kind="province-party", level="province")
    build(other_root, 6, 8, document, rng)
    with CaptureQueriesContext(connection) as large:
        monitoring(document, other_root, TODAY)
    assert len(small) == len(large) == 3


def test_monitoring_api_is_scoped(api, users, tree):
    document = make_document(number="15-NQ/ĐH")
    Program.objects.create(
        org=tree.cell_a1,
        document=document,
        title="CTr chi bộ",
        status="issued",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    rows = api(users.officer_a).get(f"/api/v1/programs/monitoring?document={document.pk}").json()
    by_name = {r["name"]: r for r in rows}
    assert by_name["Chi bộ khu 1"]["adopted"] is True
    assert by_name["Đảng bộ phường Uông Bí"]["without_program"] == 1
    assert "Đảng bộ phường Yên Tử" not in by_name
    other = api(users.officer_b).get(
        f"/api/v1/programs/monitoring?document={document.pk}&org={tree.ward_a.pk}"
    )
    assert other.status_code == 404


def test_monitoring_page_lists_organisations_without_a_programme(login, users, tree):
    document = make_document(number="15-NQ/ĐH")
    program = Program.objects.create(
        org=tree.cell_a1,
        document=document,
        title="CTr chi bộ",
        status="issued",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    Task.objects.create(
        program=program, title="Việc quá hạn", due_on=datetime.date(2026, 1, 5), progress=20
    )
    page = (
        login(users.officer_a).get(f"/programs/monitoring/?document={document.pk}").content.decode()
    )
    assert "Chi bộ khu 1" in page and "Đảng bộ phường Uông Bí" in page and "Chưa có" in page
    assert "Đảng bộ phường Yên Tử" not in page
    assert login(users.member_a).get("/programs/monitoring/").status_code == 403
