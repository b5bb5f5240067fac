"""With Redis unreachable, pages are served uncached and Q&A limits count per process."""

import pytest
import redis
from django.core.cache import caches

from qa.ratelimit import allow
from tests.server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nobody listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caches.close_all()
    yield caches["default"]
    caches.close_all()


def test_pages_answer_while_the_cache_is_down(client, demo_site, unreachable_redis):
    assert unreachable_redis.get("anything", "missing") == "missing"
    for path in ("/en/", "/ko/", "/en/live/"):
        response = client.get(path)
        assert response.status_code == 200, path


def test_rate_limits_still_hold_per_process_while_the_cache_is_down(unreachable_redis):
    with pytest.raises(Exception):  # noqa: B017 -- counting must not pretend to succeed
        unreachable_redis.incr("qa:rate:probe")
    assert all(allow("ask", 4242, 3) for _ in range(3))
    assert not allow("ask", 4242, 3)
    assert allow("ask", 4343, 3)  # another participant has an allowance of their own


def test_each_test_clears_only_the_tests_own_keys(tmp_path, settings):
    """Another user of the same Redis keeps its data: no FLUSHDB, only the tests' prefix."""
    from tests.conftest import clear_test_cache
    from tests.server import RedisServer

    server = RedisServer(tmp_path).start()
    try:
        tests_db = server.url.rsplit("/", 1)[0] + "/9"
        settings.CACHES = {
            "default": {
                "BACKEND": "portal.cache.ResilientRedisCache",
                "LOCATION": tests_db,
                "KEY_PREFIX": settings.TEST_CACHE_KEY_PREFIX,
            }
        }
        cache = caches["default"]
        cache.set("qa:rate:probe", 3)
        with server.client() as db0, redis.Redis.from_url(tests_db) as db9:
            db0.set("portal:someone-elses-session", "kept")
            db9.set("portal:production-key-in-the-same-db", "kept")
            clear_test_cache(cache)
            assert cache.get("qa:rate:probe") is None
            assert db0.get("portal:someone-elses-session") == "kept"
            assert db9.get("portal:production-key-in-the-same-db") == b"kept"
    finally:
        caches.close_all()
        server.stop()
