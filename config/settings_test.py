"""Test settings: fast hashing, tasks run inline, files in a temporary folder."""

import tempfile

from config.settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# "db": the real queue, for tests that run its worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="quantriet-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
# No connection pool in tests: pooled connections would hold the test database open at teardown.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
