"""Settings of the live-events benchmark server: production settings (config.settings, DEBUG off)
plus one bench-only URL (bench/live_urls.py) through which the benchmark posts its events."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.live_urls"
