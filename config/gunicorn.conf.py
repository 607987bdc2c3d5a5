"""gunicorn for pages and the API in production: `gunicorn -c config/gunicorn.conf.py`.

The check-in benchmark (bench/checkin.py) serves with this file, so its figures are this set-up's.
Environment: WEB_BIND (default 127.0.0.1:8000, behind nginx), WEB_WORKERS, WEB_THREADS.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
# On 2 cores, 4 processes × 2 threads with keep-alive measured fastest (docs/benchmarks.md):
# a thread waiting for PostgreSQL leaves the core to another process.
workers = int(os.environ.get("WEB_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "2"))
# Each worker listens on its own socket and the kernel spreads new connections over them by
# address. With one shared socket, whichever worker wakes first takes a burst of connections:
# 64 scanners' kept-alive connections landed 39/14/2/9 on four workers, and the most loaded
# worker's queue set the p99 (2–4 × the median); with SO_REUSEPORT 14/18/17/15 (1.7–1.9 ×).
reuse_port = True
backlog = 2048
# Django is loaded once, before the workers fork: a worker (re)started by the master listens with
# the app already in memory, so connections the kernel hands it never wait for the import.
# (A code change then needs a restart, not a HUP.)
preload_app = True


def when_ready(server: object) -> None:
    """In the master, after the preload and before the fork: import the URLconf (the API and its
    schemas), which Django otherwise does on each worker's first request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — the import is the point
