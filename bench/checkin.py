"""Check-in throughput: the production server on 127.0.0.1 under wrk, on SQLite and PostgreSQL.

For each database: a fresh one (a SQLite file in a temporary folder; a temporary PostgreSQL
database on BENCH_PG_URL, dropped afterwards), migrated, with an org tree (a province, 3 wards,
60 Party cells), PEOPLE members, one conference per phase with 61 sites and everyone invited at
their cell's site, and an operator of every site with an API token. Then the server as it runs in
production (SERVER below, DEBUG off, production settings) in a subprocess on a free port, driven
by wrk (which shares the machine's cores with the server):

- single check-ins by QR code, `POST /api/v1/conferences/{id}/checkins`, at 16 and 64
  connections, 5 % of the requests deliberate replays of an earlier body, in ROUNDS rounds that
  alternate with the baseline below;
- batch uploads, `POST …/checkins/batch`, 1000 check-ins per request, from 4 connections;
- the baseline: a bare Django view doing one INSERT per request (bench/baseline_urls.py), served
  by the same server process, workers, settings and middleware, at 16 and 64 connections, each
  right after the check-ins at the same number of connections.

After each check-in phase the requests wrk left unanswered when it stopped are retried with the
same body (as a scanner does after a timeout); then the database must hold exactly one check-in
per distinct person sent, with the client_id sent for them: none lost, none doubled.

`python -m bench checkin`; BENCH_CHECKIN_DATABASES=sqlite or postgresql runs one of them,
BENCH_CHECKIN_SERVER / BENCH_CHECKIN_WORKERS / BENCH_CHECKIN_SECONDS try other set-ups. In smoke
mode: 4 000 members, no warm-up, one 1 s round per number of connections, batches of 100.

The run fails (FAILED in its section, `bench.Failed` after writing it) when a phase's
verification fails, or a phase or the baseline got no request answered.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import bench

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SMOKE = bench.smoke()
PEOPLE = bench.size("BENCH_CHECKIN_PEOPLE", 150_000, 4_000)
CELLS_PER_WARD = 20
SECONDS = bench.size("BENCH_CHECKIN_SECONDS", 6, 1)  # per round
# Check-ins and the baseline alternate, ROUNDS times at each number of connections, so that
# both halves of the ratio see the same machine: on a shared 2-core machine one round's ratio
# moved between 58 % and 95 % within a minute; five rounds narrow the run's ratio.
ROUNDS = bench.size("BENCH_CHECKIN_ROUNDS", 5, 1)
BATCH_SECONDS = SECONDS if SMOKE else max(3, SECONDS)
WARMUP_SECONDS = 0 if SMOKE else 3  # the smoke run measures nothing worth warming up for
REPLAY = 0.05
BATCH_SIZE = 100 if SMOKE else 1000
SECTION = "Check-in throughput"
BATCH_CONNECTIONS = 4
SINGLE_CONNECTIONS = (16, 64)
WRK_THREADS = 2
# On 2 cores gunicorn's gthread workers (keep-alive, a thread per connection) serving
# config.wsgi measured fastest for the baseline: 4 × 2 about 2 200 req/s at 16 and 64
# connections, sync workers 1 400–1 600 (a TCP connection per request), uvicorn serving
# config.asgi under 200 (see docs/benchmarks.md). "gunicorn-sync" and "uvicorn" stay selectable.
SERVER = os.environ.get("BENCH_CHECKIN_SERVER", "gunicorn-gthread")
WORKERS = int(os.environ.get("BENCH_CHECKIN_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_CHECKIN_THREADS", "2"))  # gthread only
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SECRET_KEY = "bench-checkin-" + "x" * 40
PHASES = ("warmup", "single-16", "single-64", "batch", "spare")
TARGET_SINGLE = 1500
TARGET_RATIO = 0.8
TARGET_P99_MS = 100
TARGET_BATCH = 20_000


# --- the data, made in a subprocess configured for the benchmark's database ------------------


def _prepare(workdir: Path) -> None:
    """Entry of `python -m bench.checkin prepare DIR`: migrate, fill, write DIR/info.json."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.baseline_urls import create_table
    from quantriet.api.auth import issue_token
    from quantriet.conferences.checkin.tokens import token_for_id
    from quantriet.conferences.models import Conference, Site
    from quantriet.core.text import fold
    from quantriet.orgs.models import OrgKind, OrgLevel, Person, Role
    from quantriet.orgs.services import create_org, grant_role

    call_command("migrate", verbosity=0, interactive=False)
    create_table()
    kind = {k.code: k for k in OrgKind.objects.all()}
    level = {lv.code: lv for lv in OrgLevel.objects.all()}
    root = create_org(
        name="Đảng bộ tỉnh Quảng Ninh", kind=kind["province-party"], level=level["province"]
    )
    cells = []
    for ward_name in ("Uông Bí", "Yên Tử", "Vàng Danh"):
        ward = create_org(
            name=f"Đảng bộ phường {ward_name}",
            parent=root,
            kind=kind["commune-party"],
            level=level["commune"],
        )
        for n in range(1, CELLS_PER_WARD + 1):
            cells.append(
                create_org(
                    name=f"Chi bộ khu {n} phường {ward_name}",
                    parent=ward,
                    kind=kind["dependent-cell"],
                    level=level["cell"],
                )
            )
    # Person i (in id order) belongs to cell i mod 60: the wrk scripts send them to its site.
    batch = []
    for i in range(PEOPLE):
        name = f"Đảng viên số {i + 1}"
        batch.append(Person(full_name=name, search_name=fold(name), org=cells[i % len(cells)]))
        if len(batch) == 5000:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    rows = list(Person.objects.order_by("pk").values_list("pk", "org_id"))
    first = rows[0][0]
    cell_ids = [c.pk for c in cells]
    assert rows[-1][0] - first + 1 == len(rows) == PEOPLE, "person ids are not contiguous"
    assert all(org == cell_ids[(pk - first) % len(cells)] for pk, org in rows), "people misplaced"

    user = User.objects.create_user("bench-operator")  # signs in by API token only
    grant_role(account=user, role=Role.OPERATOR, org=root)
    key, _token = issue_token(user)
    now = timezone.now()
    conferences: dict[str, dict[str, object]] = {}
    for phase in PHASES:
        conference = Conference.objects.create(
            title=f"Hội nghị đo tải điểm danh ({phase})",
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=4),
            host_org=root,
        )
        host = Site(conference=conference, org=root, name="Điểm cầu tỉnh", is_host=True)
        sites = [host] + [
            Site(conference=conference, org=cell, name=f"Điểm cầu {cell.name}") for cell in cells
        ]
        Site.objects.bulk_create(sites)
        Site.operators.through.objects.bulk_create(
            Site.operators.through(site_id=site.pk, user_id=user.pk) for site in sites
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO conferences_invitation "
                "(conference_id, person_id, site_id, source, site_pinned, excuse, excuse_note) "
                "SELECT %s, p.id, s.id, 'rule', %s, '', '' FROM orgs_person p "
                "JOIN conferences_site s ON s.org_id = p.org_id AND s.conference_id = %s",
                [conference.pk, False, conference.pk],
            )
        Site.objects.filter(conference=conference).exclude(pk=host.pk).update(
            expected=PEOPLE // len(cells)
        )
        # The scripts send person i to the site of cell i mod 60, in this order.
        conferences[phase] = {"id": conference.pk, "sites": [s.pk for s in sites[1:]]}
    with connection.cursor() as cursor:
        # A database in service has long been vacuumed: without this, autovacuum's first pass
        # over the fresh 750 000 invitations (and the hint bits the first reads set) runs
        # during the first measured phase.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    (workdir / "tokens.txt").write_text("".join(token_for_id(pk) + "\n" for pk, _org in rows))
    info = {"first": first, "people": PEOPLE, "token": key, "conferences": conferences}
    (workdir / "info.json").write_text(json.dumps(info))


# --- databases ---------------------------------------------------------------------------


@dataclass
class Database:
    kind: str  # "sqlite" or "postgresql"
    workdir: Path
    pg_name: str = ""

    @property
    def env(self) -> dict[str, str]:
        env = {"DATA_DIR": str(self.workdir / "data")}
        if self.kind == "postgresql":
            env["DATABASE_URL"] = self.pg_url
        return env

    @property
    def pg_url(self) -> str:
        return PG_URL.rsplit("/", 1)[0] + "/" + self.pg_name

    @property
    def sqlite_path(self) -> Path:
        return self.workdir / "data" / "quantriet.sqlite3"

    def connect(self) -> object:
        if self.kind == "sqlite":
            return sqlite3.connect(self.sqlite_path)
        import psycopg

        return psycopg.connect(self.pg_url)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = self.connect()
        try:
            cursor = conn.cursor()
            cursor.execute(sql if self.kind == "postgresql" else sql.replace("%s", "?"), params)
            return list(cursor.fetchall())
        finally:
            conn.close()

    def version(self) -> str:
        if self.kind == "sqlite":
            return f"SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL, file in a temporary folder)"
        return f"PostgreSQL {self.query('SHOW server_version')[0][0]} (default configuration)"


@contextlib.contextmanager
def database(kind: str) -> object:
    workdir = Path(tempfile.mkdtemp(prefix=f"quantriet-checkin-{kind}-"))
    (workdir / "data").mkdir()
    db = Database(kind, workdir)
    try:
        if kind == "postgresql":
            db.pg_name = f"quantriet_bench_checkin_{os.getpid()}"
            bench.create_postgresql(PG_URL, db.pg_name)
        else:
            bench.clone_sqlite(workdir / "data")
        yield db
    finally:
        if kind == "postgresql" and db.pg_name:
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db.pg_name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def base_env(db: Database, settings: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DATA_DIR", "MEDIA_ROOT", "DEBUG", "STATIC_ROOT"}
    }
    env.update(db.env)
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


# --- the server --------------------------------------------------------------------------


# Servers the benchmarks start listen in this range (BENCH_PORTS="first-last"), kept apart from
# the ports other work on the machine uses.
PORTS = os.environ.get("BENCH_PORTS", "8200-8299")


def free_port() -> int:
    first, last = (int(n) for n in PORTS.split("-"))
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def server_description() -> str:
    if SERVER == "uvicorn":
        return f"uvicorn {WORKERS} workers serving config.asgi (ASGI)"
    if SERVER == "gunicorn-gthread":
        return (
            f"gunicorn {WORKERS} gthread workers × {THREADS} threads serving config.wsgi, "
            "a listening socket per worker (config/gunicorn.conf.py)"
        )
    return f"gunicorn {WORKERS} sync workers serving config.wsgi (WSGI)"


def server_command(port: int) -> list[str]:
    if SERVER == "uvicorn":
        return [
            str(BIN / "uvicorn"),
            "config.asgi:application",
            "--host=127.0.0.1",
            f"--port={port}",
            f"--workers={WORKERS}",
            "--no-access-log",
            "--lifespan=off",
            "--log-level=warning",
        ]
    # Production's own gunicorn settings (config/gunicorn.conf.py), on a free port.
    command = [
        str(BIN / "gunicorn"),
        "--config=config/gunicorn.conf.py",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--log-level=warning",
    ]
    if SERVER == "gunicorn-gthread":
        command += [f"--threads={THREADS}"]
    else:
        command += ["--worker-class=sync"]
    return command


@contextlib.contextmanager
def server(db: Database, settings: str) -> object:
    """The production server in a subprocess on a free port; stopped (by its PID) afterwards."""
    port = free_port()
    log = open(db.workdir / f"server-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        server_command(port), cwd=ROOT, env=base_env(db, settings), stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {Path(log.name).read_text()[-2000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer /healthz within 30 s")
            time.sleep(0.2)
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


# --- wrk ---------------------------------------------------------------------------------


@dataclass
class Load:
    """What one wrk run sent and got back, parsed from its done() file."""

    connections: int
    duration: float = 0.0
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: dict[str, int] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    replays: int = 0
    exhausted: int = 0
    sent: list[int] = field(default_factory=list)  # people, or blocks for a batch
    answered: list[int] = field(default_factory=list)  # people, or blocks
    created: int = 0  # batch: new check-ins in 200 answers

    @property
    def ok(self) -> int:
        return self.statuses[200] + self.statuses[201]

    @property
    def rate(self) -> float:
        return self.ok / self.duration if self.duration else 0.0


def wrk(
    port: int, script: str, connections: int, seconds: int, env: dict[str, str], workdir: Path
) -> Load:
    out = workdir / f"wrk-{time.monotonic_ns()}.txt"
    threads = min(WRK_THREADS, connections)
    run_env = {**os.environ, **env, "BENCH_OUT": str(out), "BENCH_THREADS": str(threads)}
    completed = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout=10s",
            "-s",
            str(HERE / script),
            f"http://127.0.0.1:{port}",
        ],
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0 or not out.exists():
        raise RuntimeError(f"wrk failed: {completed.stdout}\n{completed.stderr}")
    load = Load(connections)
    for line in out.read_text().splitlines():
        word, *rest = line.split()
        if word == "summary":
            load.requests, load.duration = int(rest[1]), int(rest[3]) / 1e6
        elif word == "errors":
            load.errors = {rest[i]: int(rest[i + 1]) for i in range(0, len(rest), 2)}
        elif word == "latency_us":
            for i in range(0, len(rest), 2):
                load.latency_ms[rest[i]] = int(rest[i + 1]) / 1000
        elif word == "status":
            load.statuses[int(rest[0])] += int(rest[1])
        elif word == "replays":
            load.replays += int(rest[0])
        elif word == "exhausted":
            load.exhausted += int(rest[0])
        elif word in ("sent", "block"):
            load.sent.append(int(rest[0]))
        elif word == "ok":
            load.answered.append(int(rest[0]))
        elif word == "answered":
            block, new = int(rest[0]), int(rest[1])
            load.answered.append(block)
            load.created += new
    out.unlink()
    return load


# --- one database ------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    load: Load
    verdict: str = ""
    retried: int = 0
    round_ratios: list[float] = field(default_factory=list)
    round_loads: list[Load] = field(default_factory=list)

    def failures(self) -> list[str]:
        """Why this phase measured nothing or lost or doubled a check-in ([] if fine)."""
        found: list[str] = []
        bench.check(found, self.load.ok > 0, f"{self.name}: no request answered 2xx")
        if self.name == "batch":
            bench.check(found, self.load.created > 0, "batch: no check-in created")
        bench.check(found, self.verdict.startswith("OK"), f"{self.name}: {self.verdict}")
        return found


def merged_load(loads: list[Load]) -> Load:
    """Several rounds as one: requests and time summed (so the rate is their mean, weighted by
    time), p50 the median of the rounds', p99 and worse the highest (never flattered)."""
    merged = Load(loads[0].connections)
    for load in loads:
        merged.duration += load.duration
        merged.requests += load.requests
        merged.statuses.update(load.statuses)
        for key, value in load.errors.items():
            merged.errors[key] = merged.errors.get(key, 0) + value
        merged.replays += load.replays
        merged.exhausted += load.exhausted
        merged.created += load.created
    for key in loads[0].latency_ms:
        values = sorted(load.latency_ms[key] for load in loads)
        merged.latency_ms[key] = values[len(values) // 2] if key == "p50" else values[-1]
    return merged


def client_id(prefix: str, person: int) -> str:
    return f"{prefix}-0000-4000-8000-{person:012x}"


class Run:
    def __init__(self, db: Database, info: dict, tokens: list[str]) -> None:
        self.db = db
        self.info = info
        self.tokens = tokens
        self.first = info["first"]
        self.phases: list[Phase] = []
        self.baseline: dict[int, Load] = {}

    def env(self, phase: str, path: str, prefix: str, **extra: str) -> dict[str, str]:
        conference = self.info["conferences"][phase]
        return {
            "BENCH_PATH": path.format(id=conference["id"]),
            "BENCH_TOKEN": self.info["token"],
            "BENCH_TOKENS": str(self.db.workdir / "tokens.txt"),
            "BENCH_FIRST": str(self.first),
            "BENCH_COUNT": str(self.info["people"]),
            "BENCH_SITES": ",".join(map(str, conference["sites"])),
            "BENCH_RUN": prefix,
            "BENCH_REPLAY": str(REPLAY),
            "BENCH_BATCH": str(BATCH_SIZE),
            **extra,
        }

    def item(self, phase: str, prefix: str, person: int) -> dict[str, object]:
        sites = self.info["conferences"][phase]["sites"]
        i = person - self.first
        return {
            "client_id": client_id(prefix, person),
            "qr": self.tokens[i],
            "site": sites[i % len(sites)],
            "method": "qr",
        }

    def post(self, port: int, path: str, body: object) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(
            "POST",
            path,
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.info['token']}",
            },
        )
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status

    def single(
        self,
        port: int,
        phase: str,
        connections: int,
        seconds: int,
        prefix: str,
        rounds: int = 1,
        between: object = None,
    ) -> Phase:
        """`rounds` wrk runs into the phase's conference, each on its own slice of the people
        (`between()` runs after each), then one verification of them all."""
        path = "/api/v1/conferences/{id}/checkins"
        url = path.format(id=self.info["conferences"][phase]["id"])
        loads, sent, retry, unanswered = [], set(), Counter(), 0
        for r in range(rounds):
            offset = r * (self.info["people"] // rounds)
            load = wrk(
                port,
                "checkin_single.lua",
                connections,
                seconds,
                self.env(phase, path, prefix, BENCH_OFFSET=str(offset)),
                self.db.workdir,
            )
            missing = set(load.sent) - set(load.answered)
            retry.update(self.post(port, url, self.item(phase, prefix, p)) for p in sorted(missing))
            sent.update(load.sent)
            unanswered += len(missing)
            loads.append(load)
            if between is not None:
                between()  # type: ignore[operator]
        result = Phase(phase, merged_load(loads), retried=unanswered)
        result.round_loads = loads
        result.verdict = self.verify(phase, prefix, sent, retry)
        return result

    def batch(self, port: int, phase: str, seconds: int, prefix: str) -> Phase:
        path = "/api/v1/conferences/{id}/checkins/batch"
        load = wrk(
            port,
            "checkin_batch.lua",
            BATCH_CONNECTIONS,
            seconds,
            self.env(phase, path, prefix),
            self.db.workdir,
        )
        unanswered = set(load.sent) - set(load.answered)
        url = path.format(id=self.info["conferences"][phase]["id"])
        retry: Counter = Counter()
        for block in sorted(unanswered):
            start = self.first + block * BATCH_SIZE
            items = [self.item(phase, prefix, p) for p in range(start, start + BATCH_SIZE)]
            retry[self.post(port, url, {"items": items})] += 1
        sent = {
            self.first + block * BATCH_SIZE + k for block in load.sent for k in range(BATCH_SIZE)
        }
        result = Phase(phase, load, retried=len(unanswered))
        result.verdict = self.verify(phase, prefix, sent, retry)
        return result

    def verify(self, phase: str, prefix: str, sent: set[int], retry: Counter) -> str:
        """One row per distinct person sent, with the client_id sent: none lost, none doubled."""
        conference = self.info["conferences"][phase]["id"]
        rows = self.db.query(
            "SELECT person_id, client_id FROM conferences_checkin WHERE conference_id = %s",
            (conference,),
        )
        people = Counter(person for person, _client in rows)
        doubled = sum(n - 1 for n in people.values() if n > 1)
        lost = len(sent - set(people))
        extra = len(set(people) - sent)
        wrong_client = sum(
            1
            for person, client in rows
            if uuid.UUID(str(client)) != uuid.UUID(client_id(prefix, person))
        )
        bad_retries = sum(n for status, n in retry.items() if status not in (200, 201))
        ok = len(rows) == len(sent) and not (doubled or lost or extra or wrong_client)
        ok = ok and not bad_retries
        return (
            f"{'OK' if ok else 'FAILED'}: {len(rows)} check-ins for {len(sent)} distinct people "
            f"sent; lost {lost}, doubled {doubled}, unexpected {extra}, wrong client_id "
            f"{wrong_client}; {sum(retry.values())} unanswered at the stop retried "
            f"({dict(retry) or '—'})"
        )

    def baseline_load(self, port: int, connections: int, seconds: int) -> Load:
        env = self.env("spare", "/bench/insert", "baseline", BENCH_REPLAY="0")
        return wrk(port, "checkin_single.lua", connections, seconds, env, self.db.workdir)


def run_database(kind: str) -> dict:
    with database(kind) as db:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench.checkin", "prepare", str(db.workdir)],
            cwd=ROOT,
            env=base_env(db, "bench.baseline_settings"),
            check=True,
        )
        info = json.loads((db.workdir / "info.json").read_text())
        tokens = (db.workdir / "tokens.txt").read_text().split()
        print(
            f"  {kind}: prepared {info['people']} people in {time.perf_counter() - started:.1f} s"
        )
        run = Run(db, info, tokens)
        with server(db, "bench.baseline_settings") as port:
            if WARMUP_SECONDS:
                run.single(port, "warmup", 16, WARMUP_SECONDS, "00000000")
                run.baseline_load(port, 16, WARMUP_SECONDS)
            for n, connections in enumerate(SINGLE_CONNECTIONS, start=1):
                baselines: list[Load] = []
                phase = run.single(
                    port,
                    f"single-{connections}",
                    connections,
                    SECONDS,
                    f"{n:08x}",
                    rounds=ROUNDS,
                    between=lambda c=connections, b=baselines: b.append(
                        run.baseline_load(port, c, SECONDS)
                    ),
                )
                phase.round_ratios = [
                    a.rate / b.rate if b.rate else 0.0
                    for a, b in zip(phase.round_loads, baselines, strict=True)
                ]
                run.phases.append(phase)
                report_phase(kind, phase)
                load = run.baseline[connections] = merged_load(baselines)
                print(
                    f"  {kind} baseline @{connections}: {load.rate:,.0f} req/s, "
                    f"p50 {load.latency_ms['p50']:.1f} ms, p99 {load.latency_ms['p99']:.1f} ms; "
                    "check-ins / baseline by round: "
                    + ", ".join(f"{ratio:.0%}" for ratio in phase.round_ratios)
                )
            phase = run.batch(port, "batch", BATCH_SECONDS, "0000000b")
            run.phases.append(phase)
            report_phase(kind, phase)
        return {"kind": kind, "version": db.version(), "run": run}


def report_phase(kind: str, phase: Phase) -> None:
    load = phase.load
    load.duration = load.duration or 1e-9  # wrk said 0 s: the rates are 0, and the phase fails
    if phase.name == "batch":
        rate = load.created / load.duration
        print(
            f"  {kind} batch: {rate:,.0f} check-ins/s ({load.rate:.1f} req/s), p50 "
            f"{load.latency_ms['p50']:.0f} ms, p99 {load.latency_ms['p99']:.0f} ms — {phase.verdict}"
        )
    else:
        print(
            f"  {kind} {phase.name}: {load.rate:,.0f} req/s ({load.statuses[201] / load.duration:,.0f}"
            f" new/s), p50 {load.latency_ms['p50']:.1f} ms, p99 {load.latency_ms['p99']:.1f} ms, "
            f"statuses {dict(load.statuses)}, errors {load.errors} — {phase.verdict}"
        )


# --- the report ----------------------------------------------------------------------------


def grouped(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def wrk_version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).split("\n")[0].split(" [")[0].strip()


def machine(versions: list[str]) -> str:
    import django

    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} × {cpu}; Linux {platform.release()}; Python "
        f"{platform.python_version()}, Django {django.get_version()}; {'; '.join(versions)}; "
        f"server: {server_description()}; load: {wrk_version()}, {WRK_THREADS} threads, on the "
        f"same cores"
    )


def code_version() -> str:
    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    dirty = git("status", "--porcelain", "--", "quantriet", "config")
    return f"commit {git('rev-parse', '--short', 'HEAD')}" + (
        " with uncommitted changes in quantriet/ or config/" if dirty else ""
    )


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def write_report(results: list[dict]) -> list[str]:
    """Write the section; returns why the run failed ([] if it did not)."""
    rows = []
    notes = []
    targets = []
    failures: list[str] = []
    for result in results:
        run: Run = result["run"]
        name = "SQLite" if result["kind"] == "sqlite" else "PostgreSQL"
        for phase in run.phases:
            failures += [f"{name}, {reason}" for reason in phase.failures()]
        for connections, base in run.baseline.items():
            bench.check(
                failures,
                base.rate > 0 and set(base.statuses) <= {200, 201},
                f"{name}, baseline at {connections} connections: {grouped(base.rate)} req/s, "
                f"statuses {dict(base.statuses)}",
            )
        for phase in run.phases:
            load = phase.load
            p50, p99 = load.latency_ms["p50"], load.latency_ms["p99"]
            if phase.name == "batch":
                rate = load.created / load.duration
                rows.append(
                    f"| {name} | batch of {BATCH_SIZE}, {load.connections} connections | "
                    f"**{grouped(rate)} check-ins/s** ({load.rate:.1f} req/s) | {p50:.0f} | "
                    f"{p99:.0f} | — | — |"
                )
                if result["kind"] == "postgresql":
                    targets.append(
                        f"PostgreSQL batch ≥ {grouped(TARGET_BATCH)} check-ins/s: "
                        f"{grouped(rate)} — {verdict(rate >= TARGET_BATCH)}"
                    )
            else:
                base = run.baseline[load.connections]
                ratio = load.rate / base.rate if base.rate else 0.0
                rows.append(
                    f"| {name} | single, {load.connections} connections | **{grouped(load.rate)}"
                    f" req/s** ({grouped(load.statuses[201] / load.duration)} new/s, "
                    f"{load.replays} replays) | {p50:.1f} | {p99:.1f} | {grouped(base.rate)} "
                    f"(p99 {base.latency_ms['p99']:.1f} ms) | {ratio:.0%} ("
                    + ", ".join(f"{r:.0%}" for r in phase.round_ratios)
                    + ") |"
                )
                if result["kind"] == "postgresql" and load.connections == 64:
                    targets.append(
                        f"PostgreSQL single at 64 connections ≥ {grouped(TARGET_SINGLE)}/s: "
                        f"{grouped(load.rate)} — {verdict(load.rate >= TARGET_SINGLE)}; "
                        f"≥ {TARGET_RATIO:.0%} of the baseline: {ratio:.1%} — "
                        f"{verdict(ratio >= TARGET_RATIO)}; p99 < {TARGET_P99_MS} ms: "
                        f"{p99:.1f} ms — {verdict(p99 < TARGET_P99_MS)}"
                    )
                    # The absolute targets assume a machine on which the bare view does
                    # 1 700–1 900 req/s; say so when this one cannot, whatever the check-ins do.
                    if base.rate < TARGET_SINGLE:
                        targets.append(
                            f"on this machine the bare one-INSERT view itself did "
                            f"{grouped(base.rate)} req/s at 64 connections, below "
                            f"{grouped(TARGET_SINGLE)}/s (a mean latency of "
                            f"{load.connections * 1000 / base.rate:.0f} ms): the absolute targets "
                            "need a faster machine, the ratio does not"
                        )
            errors = {k: v for k, v in load.errors.items() if v}
            extra = f"; wrk errors {errors}" if errors else ""
            if load.exhausted:
                extra += f"; {load.exhausted} requests found no fresh person and replayed"
            notes.append(f"- {name}, {phase.name}: {phase.verdict}{extra}.")
    versions = [result["version"] for result in results]
    bench.write_section(
        SECTION,
        f"""
Run: {bench.now_utc()} — `python -m bench checkin`
Machine: {machine(versions)}

The production set-up on 127.0.0.1: {server_description()}, with
`config/settings.py` (`DEBUG` off, the full middleware stack, Bearer-token auth; PostgreSQL through
a psycopg connection pool per process, the check-in statements prepared) through `bench/baseline_settings.py`, which adds the
baseline URL and keeps SQLite connections open (`CONN_MAX_AGE=600`; config.settings opens one per
request, which costs about 1 ms a request: PRAGMAs, and a WAL checkpoint when the last connection
closes). Code: {code_version()}. A fresh database per
run with {grouped(PEOPLE)} members in 60 Party cells, one conference per phase with 61 sites and
everyone invited. wrk sends each check-in by QR code (signed token) at the person's site, a new
person and client_id per request, and {REPLAY:.0%} deliberate replays of an earlier body (answered
200, never inserted again). At each number of connections check-ins and the baseline alternate
{ROUNDS} times, {SECONDS} s each (each round on its own people), after a {WARMUP_SECONDS} s warm-up;
a rate is all rounds' requests over their time, p50 the rounds' median and p99 their highest.
Batch runs last {BATCH_SECONDS} s. The baseline is a bare Django view doing one INSERT per
request (`bench/baseline_urls.py`), served by the same server process with the same settings
and middleware; the ratio is check-in requests/s over baseline requests/s (by round in
brackets).
wrk runs on the same {os.cpu_count()} cores as the server and the database.

| database | load | throughput (2xx) | p50 ms | p99 ms | baseline req/s | ratio |
|---|---|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

Verification in the database after each run (requests still unanswered when wrk stopped are
retried with the same body first, as a scanner does):
{chr(10).join(notes)}

Targets (PostgreSQL): {"; ".join(targets) or "—"}.
""",
        failures=failures,
    )
    return failures


def sections() -> list[str]:
    return [SECTION]


def run() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit(
            "bench checkin needs wrk: apt-get update -qq && apt-get install -y -qq wrk"
        )
    kinds = os.environ.get("BENCH_CHECKIN_DATABASES", "sqlite,postgresql").split(",")
    results = [run_database(kind.strip()) for kind in kinds if kind.strip()]
    bench.finish(write_report(results))


if __name__ == "__main__":
    if sys.argv[1:2] == ["prepare"]:
        _prepare(Path(sys.argv[2]))
    else:
        run()
