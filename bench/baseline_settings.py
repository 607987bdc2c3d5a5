"""The settings both benchmark servers run with: production settings (config.settings, DEBUG off)
plus one bench-only URL, the bare one-INSERT baseline view, and persistent SQLite connections.

config.settings opens a SQLite connection per request (CONN_MAX_AGE 0): its PRAGMAs and, when
the last connection closes, a WAL checkpoint cost about 1 ms a request, more than the work of
the baseline view. A long-lived connection is an honest production setting for SQLite (Django
keeps one per worker thread), so the benchmark uses it; PostgreSQL keeps config.settings'
connection pool. BENCH_SQLITE_CONN_MAX_AGE=0 measures the per-request way.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASES

ROOT_URLCONF = "bench.baseline_urls"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("BENCH_SQLITE_CONN_MAX_AGE", "600"))
