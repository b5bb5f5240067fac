"""With Redis unreachable, pages are served uncached and Q&A limits count per process."""

import pytest
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
