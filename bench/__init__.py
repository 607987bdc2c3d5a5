"""Benchmarks: `make bench` runs every module here that defines `run()`.

Each run uses a throw-away SQLite database in a temporary folder (or the scratch database
in BENCH_DATABASE_URL) and writes its own section of docs/benchmarks.md.
"""

import atexit
import datetime
import os
import platform
import re
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
REPORT_HEADER = """# Benchmarks

Measured with `make bench` (`python -m bench`). Each benchmark owns one `##` section and
replaces it when it runs again; the figures are from a real run on the machine named.
"""

_ready = False


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
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    _ready = True


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


def write_section(title: str, body: str) -> None:
    """Replace (or append) the `## title` section of docs/benchmarks.md."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else REPORT_HEADER
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
