"""Monitoring rollup at province scale: 2 000 organisations, 40 000 tasks; target < 300 ms.

The tree: a province, 40 wards/communes, 49 cells each (2 001 organisations); 85 % of them with
a programme for one resolution (two in three issued), 24 tasks on average, due dates around
today, progress spread. Measured: the selector (3 queries), and the monitoring API answer as a
province administrator receives it (auth, the selector, JSON), each the median of 15 warm runs.
On PostgreSQL: `BENCH_DATABASE_URL=postgres://…/scratch python -m bench programs_rollup`.

Fails (FAILED in its section, `bench.Failed`) when the selector or the API does not give one row
per organisation, the province's row counts no task, or any API answer is not a 200; in smoke
mode 3 wards of 5 cells and 500 tasks.
"""

import datetime
import random
import statistics
import time

import bench

WARDS = bench.size("BENCH_ROLLUP_WARDS", 40, 3)
CELLS = bench.size("BENCH_ROLLUP_CELLS", 49, 5)
TASKS = bench.size("BENCH_ROLLUP_TASKS", 40_000, 500)
TARGET_MS = 300
RUNS = bench.size("BENCH_ROLLUP_RUNS", 15, 3)


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
    admin = User.objects.create_user("bench-rollup-admin")  # signs in by API token only
    grant_role(account=admin, role=Role.ADMIN, org=root)
    return root, document, admin, len(orgs), len(programs)


def section() -> str:
    from django.db import connection

    on = "" if connection.vendor == "sqlite" else f", {connection.display_name}"
    return f"Programme monitoring rollup ({grouped(1 + WARDS + WARDS * CELLS)} organisations{on})"


def sections() -> list[str]:
    return [section()]


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
    failures: list[str] = []
    bench.check(
        failures,
        len(rows) == n_orgs,
        f"the selector gave {len(rows)} rows for {n_orgs} organisations",
    )
    bench.check(
        failures, bool(rows) and rows[0].total.tasks > 0, "the province's row counts no task"
    )
    selector_ms = median_ms(lambda: monitoring(document, root, today))
    key, _token = issue_token(admin)
    client = Client(headers={"Authorization": f"Bearer {key}"})
    url = f"/api/v1/programs/monitoring?document={document.pk}&org={root.pk}"
    answer = client.get(url)
    body = answer.json() if answer.status_code == 200 else []
    bench.check(
        failures,
        answer.status_code == 200 and len(body) == n_orgs,
        f"the API answered {answer.status_code} with {len(body)} rows for {n_orgs} organisations",
    )
    if rows and body:
        bench.check(
            failures,
            body[0]["tasks"] == rows[0].total.tasks,
            f"the API's province row counts {body[0]['tasks']} tasks, the selector "
            f"{rows[0].total.tasks}",
        )
    statuses: list[int] = []
    api_ms = median_ms(lambda: statuses.append(client.get(url).status_code))
    bench.check(
        failures,
        set(statuses) == {200},
        f"timed API answers were {sorted(set(statuses))}, not all 200",
    )
    print(f"selector {selector_ms:.0f} ms ({len(queries)} queries), API {api_ms:.0f} ms")
    if not rows:
        raise bench.Failed("the selector gave no row")
    verdict = "met" if api_ms < TARGET_MS else "**missed**"
    on = "" if connection.vendor == "sqlite" else f", {connection.display_name}"
    top = rows[0]
    bench.write_section(
        section(),
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
        failures=failures,
    )
    bench.finish(failures)
