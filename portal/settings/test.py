"""Tests: fast hashing, local caches; PostgreSQL and Redis when their URLs are set."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, CHANNEL_LAYERS, DATABASES, MIDDLEWARE, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
MIDDLEWARE = [*MIDDLEWARE, "portal.middleware.DevMediaMiddleware"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than shared memory, so concurrent writers wait for each other as in production.
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}.sqlite3")
    }

# Tests keep their cache apart from whatever else uses that Redis: a database number and a key
# prefix of their own, and the per-test clean-up (tests/conftest.py) deletes only those keys.
# Parallel workers (pytest-xdist) and the servers they start each get a prefix of their own, so
# one worker's clean-up or room doorbells never reach another's (their room ids overlap).
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_CACHE_KEY_PREFIX = f"portal-test-{TEST_WORKER}" if TEST_WORKER else "portal-test"
if REDIS_URL:
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = TEST_CACHE_KEY_PREFIX
    TEST_REDIS_DB = env.int("TEST_REDIS_DB", default=9)
    CACHES["default"]["LOCATION"] = urlunsplit(
        urlsplit(REDIS_URL)._replace(path=f"/{TEST_REDIS_DB}")
    )
    # Two workers, their servers and browsers on two cores can hold a Redis reply past
    # production's one second; a miss there would reset rate-limit counts mid-test. Tests of a
    # dead cache configure their own.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 5, "socket_timeout": 5}
CACHES["default"]["KEY_PREFIX"] = TEST_CACHE_KEY_PREFIX
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
