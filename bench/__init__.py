"""Benchmarks: `make bench` runs every module here that defines `run()`.

Each run uses a throw-away SQLite database in a temporary folder (or the scratch database
in BENCH_DATABASE_URL) and writes its own section of docs/benchmarks.md.

A benchmark that measured nothing (no request answered, no event delivered, a NaN) or whose
verification failed (a check-in lost or doubled, an event missing, a count wrong) raises
`Failed` after writing its section with a **FAILED** line; the runner (`python -m bench`) goes
on with the others and exits non-zero at the end. `python -m bench --smoke` (BENCH_SMOKE=1)
runs every benchmark at tiny sizes, verification included, and writes var/bench-smoke.md
instead of docs/benchmarks.md, so the real figures stay.
"""

import atexit
import datetime
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
REPORT_HEADER = """# Benchmarks

Measured with `make bench` (`python -m bench`). Each benchmark owns one `##` section and
replaces it when it runs again; the figures are from a real run on the machine named.
A run that measured nothing or failed its verification says **FAILED** at the head of its
section, and `make bench` exits non-zero. `make bench-smoke` (run by CI) checks every benchmark
end to end at tiny sizes and writes var/bench-smoke.md, never this file.
"""
SMOKE_REPORT = ROOT / "var" / "bench-smoke.md"
SMOKE_HEADER = """# Benchmarks, smoke run

Written by `make bench-smoke` (`python -m bench --smoke`): every benchmark at tiny sizes, to
show that it still runs end to end and its verification passes. Not figures to quote; the
real ones are in docs/benchmarks.md.
"""


class Failed(Exception):
    """A benchmark ran but measured nothing, or its verification failed; the message says why."""

    def __init__(self, reasons: list[str] | str, *, written: bool = False) -> None:
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        self.written = written  # the section says FAILED already (else the runner writes it)
        super().__init__("; ".join(self.reasons))


def smoke() -> bool:
    """Smoke mode: tiny sizes, results to var/bench-smoke.md (BENCH_SMOKE=1, inherited by the
    benchmarks' subprocesses)."""
    return os.environ.get("BENCH_SMOKE", "") not in ("", "0")


def size(name: str, normal: int, tiny: int) -> int:
    """The environment's value of `name`, else the smoke or the normal default."""
    value = os.environ.get(name)
    if value:
        return int(value)
    return tiny if smoke() else normal


def report_path() -> Path:
    return SMOKE_REPORT if smoke() else REPORT


def report_name() -> str:
    """The report's path as printed: relative to the project when inside it."""
    path = report_path()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


_ready = False


# --- smoke mode: databases cloned from one migrated once ----------------------------------
# Migrating takes 6–13 s on the 2-core machine, and a smoke run makes seven databases; it
# migrates once per database kind instead, into var/bench-cache/ (SQLite) or a template
# database (PostgreSQL), keyed by the migrations and the pinned requirements. The benchmarks'
# own `migrate` then finds nothing to do. Normal runs migrate every database from scratch.
CACHE = ROOT / "var" / "bench-cache"
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _migrations_key() -> str:
    digest = hashlib.sha256()
    files = [*sorted(ROOT.glob("quantriet/**/migrations/*.py")), ROOT / "requirements.txt"]
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _migrate(**env: str) -> None:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATA_DIR", "MEDIA_ROOT"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING", **env)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=clean,
        check=True,
    )


def clone_sqlite(data_dir: Path) -> None:
    """Smoke mode: put a migrated database file in `data_dir` (a copy of the cached one)."""
    if not smoke():
        return
    cached = CACHE / f"sqlite-{_migrations_key()}"
    if not (cached / "quantriet.sqlite3").exists():
        shutil.rmtree(CACHE, ignore_errors=True)  # other keys' files are stale
        building = CACHE / "building"
        building.mkdir(parents=True)
        _migrate(DATA_DIR=str(building))
        building.rename(cached)
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("quantriet.sqlite3", "quantriet.sqlite3-wal"):  # the WAL, if one was left
        if (cached / name).exists():
            shutil.copy2(cached / name, data_dir / name)


def create_postgresql(server: str, name: str) -> None:
    """CREATE DATABASE `name` on `server` (after dropping it); in smoke mode from a template
    migrated once (quantriet_bench_template_<key>, kept between runs)."""
    import psycopg

    template = f"quantriet_bench_template_{_migrations_key()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not smoke():
            conn.execute(f'CREATE DATABASE "{name}"')
            return
        found = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'quantriet_bench_template_%'"
        ).fetchall()
        for (other,) in found:
            if other != template:  # made for other migrations
                conn.execute(f'DROP DATABASE IF EXISTS "{other}" WITH (FORCE)')
        if (template,) not in found:
            conn.execute(f'CREATE DATABASE "{template}"')
            try:
                _migrate(DATABASE_URL=server.rsplit("/", 1)[0] + "/" + template)
            except BaseException:
                conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                raise
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def setup() -> None:
    """Configure Django on a fresh database and migrate it (once per process)."""
    global _ready
    if _ready:
        return
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    data_dir = tempfile.mkdtemp(prefix="quantriet-bench-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["DATA_DIR"] = data_dir
    os.environ.pop("MEDIA_ROOT", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    elif os.environ.get("BENCH_DATABASE") == "postgresql":
        os.environ["DATABASE_URL"] = _scratch_postgresql()
    else:
        os.environ.pop("DATABASE_URL", None)
        clone_sqlite(Path(data_dir))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    _ready = True


def _scratch_postgresql() -> str:
    """A fresh database on BENCH_PG_URL's server for this process, dropped when it exits."""
    import psycopg

    server = PG_SERVER
    name = f"quantriet_bench_{os.getpid()}"
    create_postgresql(server, name)

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return server.rsplit("/", 1)[0] + "/" + name


def machine() -> str:
    """One line naming the machine, the software and the database."""
    import django
    from django.db import connection

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} (WAL, file in a temporary folder)"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return (
        f"{os.cpu_count()} × {cpu}; Python {platform.python_version()}, "
        f"Django {django.get_version()}; {database}"
    )


def now_utc() -> str:
    """Like `date -u`."""
    return datetime.datetime.now(datetime.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def _section_pattern(title: str) -> re.Pattern[str]:
    return re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)


def _read_report() -> str:
    path = report_path()
    if path.exists():
        return path.read_text(encoding="utf-8")
    return SMOKE_HEADER if smoke() else REPORT_HEADER


def _write_report(text: str) -> None:
    path = report_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def failed_line(reasons: list[str]) -> str:
    return f"**FAILED** ({now_utc()}): " + "; ".join(reasons) + "."


def write_section(title: str, body: str, failures: list[str] | None = None) -> None:
    """Replace (or append) the `## title` section of docs/benchmarks.md (var/bench-smoke.md in
    smoke mode); with `failures`, a **FAILED** line with the reasons heads the section."""
    text = _read_report()
    head = f"{failed_line(failures)}\n\n" if failures else ""
    section = f"## {title}\n\n{head}{body.strip()}\n"
    pattern = _section_pattern(title)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    _write_report(text)


def mark_failed(title: str, reasons: list[str]) -> None:
    """A run that stopped before writing its figures: put a **FAILED** line at the head of its
    section and say that the figures below (if any) are the last run's."""
    text = _read_report()
    pattern = _section_pattern(title)
    found = pattern.search(text)
    line = failed_line([*reasons, "no figures written by this run"])
    if found is None:
        text = text.rstrip() + f"\n\n## {title}\n\n{line}\n"
    else:
        body = found.group(0).split("\n", 1)[1].lstrip("\n")
        if body.startswith("**FAILED**"):  # the previous run's line gives way to this one's
            body = body.split("\n\n", 1)[1] if "\n\n" in body else ""
        earlier = "The figures below are from the last run that wrote them.\n\n" if body else ""
        section = f"## {title}\n\n{line} {earlier}{body}".rstrip() + "\n"
        text = (text[: found.start()] + section + "\n" + text[found.end() :]).rstrip() + "\n"
    _write_report(text)


def check(failures: list[str], condition: bool, reason: str) -> None:
    """Collect `reason` when `condition` does not hold."""
    if not condition:
        failures.append(reason)


def finish(failures: list[str]) -> None:
    """After the section is written: say where, and raise Failed if anything failed."""
    print(f"wrote {report_name()}")
    if failures:
        raise Failed(failures, written=True)
