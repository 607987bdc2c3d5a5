"""Monitoring rollup at province scale: 2 000 organisations, 40 000 tasks; target < 300 ms.

The tree: a province, 40 wards/communes, 49 cells each (2 001 organisations); 85 % of them with
a programme for one resolution (two in three issued), 24 tasks on average, due dates around
today, progress spread. Measured: the selector (3 queries), and the monitoring API answer as a
province administrator receives it (auth, the selector, JSON), each the median of 15 warm runs.
On PostgreSQL: `BENCH_DATABASE_URL=postgres://…/scratch python -m bench programs_rollup`.
"""

import datetime
import random
import statistics
import time

WARDS = 40
CELLS = 49
TASKS = 40_000
TARGET_MS = 300
RUNS = 15


def grouped(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def build(rng: random.Random) -> tuple:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from quantriet.documents.models import Document
    from quantriet.orgs.models import OrgKind, OrgLevel, Role
    from quantriet.orgs.services import create_org, grant_role
    from quantriet.programs.models import Program, Task

    kind = {k.code: k for k in OrgKind.objects.all()}
    level = {lv.code: lv for lv in OrgLevel.objects.all()}
    root = create_org(
        name="Đảng bộ tỉnh (đo tải)", kind=kind["province-party"], level=level["province"]
    )
    orgs = [root]
    for w in range(WARDS):
        ward = create_org(
            name=f"Đảng bộ phường {w}",
            kind=kind["commune-party"],
            level=level["commune"],
            parent=root,
        )
        orgs.append(ward)
        for c in range(CELLS):
            orgs.append(
                create_org(
                    name=f"Chi bộ {w}-{c}",
                    kind=kind["dependent-cell"],
                    level=level["cell"],
                    parent=ward,
                )
            )
    document = Document.objects.create(
        kind="resolution",
        number="01-NQ/ĐH",
        level=level["province"],
        issuer="Đại hội Đảng bộ tỉnh",
        issued_on=datetime.date(2025, 10, 1),
        title="Nghị quyết Đại hội Đảng bộ tỉnh",
    )
    programs = []
    for org in orgs:
        roll = rng.random()
        if roll < 0.15:
            continue
        programs.append(
            Program(
                org=org,
                document=document,
                title=f"Chương trình hành động {org.name}",
                status="draft" if roll < 0.43 else "issued",
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2026, 12, 31),
            )
        )
    Program.objects.bulk_create(programs, batch_size=1000)
    programs = list(Program.objects.filter(document=document))
    today = timezone.localdate()
    tasks = [
        Task(
            program=rng.choice(programs),
            title=f"Nhiệm vụ {i}",
            due_on=today + datetime.timedelta(days=rng.randint(-120, 240)),
            progress=rng.choice((0, 10, 30, 50, 70, 90, 100, 100)),
        )
        for i in range(TASKS)
    ]
    Task.objects.bulk_create(tasks, batch_size=2000)
    admin = User.objects.create_user("bench-admin", password="x")
    grant_role(account=admin, role=Role.ADMIN, org=root)
    return root, document, admin, len(orgs), len(programs)


def median_ms(fn) -> float:
    fn()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run():
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    import bench
    from quantriet.api.auth import issue_token
    from quantriet.programs.selectors import monitoring

    rng = random.Random(7)
    started = time.perf_counter()
    root, document, admin, n_orgs, n_programs = build(rng)
    print(
        f"built {n_orgs} organisations, {n_programs} programmes, {TASKS} tasks in {time.perf_counter() - started:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = timezone.localdate()
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        rows = monitoring(document, root, today)
    assert len(rows) == n_orgs and rows[0].total.tasks > 0
    selector_ms = median_ms(lambda: monitoring(document, root, today))
    key, _token = issue_token(admin)
    client = Client(headers={"Authorization": f"Bearer {key}"})
    url = f"/api/v1/programs/monitoring?document={document.pk}&org={root.pk}"
    assert client.get(url).status_code == 200
    api_ms = median_ms(lambda: client.get(url))
    print(f"selector {selector_ms:.0f} ms ({len(queries)} queries), API {api_ms:.0f} ms")
    verdict = "met" if api_ms < TARGET_MS else "**missed**"
    on = "" if connection.vendor == "sqlite" else f", {connection.display_name}"
    top = rows[0]
    bench.write_section(
        f"Programme monitoring rollup ({grouped(n_orgs)} organisations{on})",
        f"""
Run: {bench.now_utc()} — `{"BENCH_DATABASE_URL=… " if on else ""}python -m bench programs_rollup`
Machine: {bench.machine()}

{grouped(n_orgs)} organisations (a province, {WARDS} wards, {CELLS} cells each), {grouped(n_programs)} programmes for one
resolution, {grouped(TASKS)} tasks; the province's row: {grouped(top.total.tasks)} tasks of issued programmes,
{grouped(top.total.done)} done, {grouped(top.total.overdue)} overdue, {grouped(top.without_program)} organisations without an issued programme.
Median of {RUNS} warm runs, in one process (no HTTP server).

| what | ms |
|---|---:|
| `programs.selectors.monitoring` ({len(queries)} queries: organisations, programmes, task counts per organisation; rollup in Python) | {selector_ms:.0f} |
| `GET /api/v1/programs/monitoring` as the province administrator (token, selector, {grouped(n_orgs)} rows of JSON) | {api_ms:.0f} |

Target: the rollup answers in < {TARGET_MS} ms — {verdict}.
""",
    )
    print(f"wrote {bench.REPORT.relative_to(bench.ROOT)}")
