"""A page of another site cannot act as the visitor: the socket, the event stream and the
POST door accept the portal's own origin only, scheme, host and port compared."""

import pytest
from channels.testing import WebsocketCommunicator
from django.middleware.csrf import get_token
from django.test import AsyncClient, RequestFactory, override_settings

from portal.asgi import application
from tests.qa.helpers import adb, join, make_room, session_for
from tests.qa.test_sse import streaming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

PROXY = "10.0.0.5"


async def handshake(origin, host=b"testserver", client="127.0.0.1", headers=(), scheme="ws"):
    """Whether the server accepts a socket with this Origin and Host."""
    all_headers = [(b"host", host), *headers]
    if origin is not None:
        all_headers.append((b"origin", origin))
    communicator = WebsocketCommunicator(application, "/ws/qa/ORIGIN/", headers=all_headers)
    communicator.scope["client"] = (client, 50000)
    communicator.scope["scheme"] = scheme
    accepted, _ = await communicator.connect(timeout=5)
    await communicator.disconnect()
    return accepted


@pytest.fixture
def room():
    return make_room(code="ORIGIN")


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "accepted"),
    [
        (b"http://testserver", b"testserver", "ws", True),
        (b"HTTP://TestServer", b"testserver", "ws", True),
        (b"http://testserver:80", b"testserver", "ws", True),
        (b"http://testserver:8000", b"testserver:8000", "ws", True),
        (b"https://testserver", b"testserver", "wss", True),
        # Another port of the same host is another site.
        (b"http://testserver:8080", b"testserver", "ws", False),
        (b"http://testserver", b"testserver:8000", "ws", False),
        # Another scheme too.
        (b"https://testserver", b"testserver", "ws", False),
        (b"http://testserver", b"testserver", "wss", False),
        (b"http://evil.example", b"testserver", "ws", False),
        (b"http://testserver.evil.example", b"testserver", "ws", False),
        (b"null", b"testserver", "ws", False),
        (None, b"testserver", "ws", False),
        # A Host the portal does not serve.
        (b"http://evil.example", b"evil.example", "ws", False),
        (b"http://testserver:notaport", b"testserver", "ws", False),
    ],
)
async def test_the_socket_accepts_only_the_portals_own_origin(room, origin, host, scheme, accepted):
    assert await handshake(origin, host, scheme=scheme) is accepted


@override_settings(TRUSTED_PROXIES=[PROXY])
async def test_behind_a_trusted_tls_proxy_the_https_origin_is_the_portals(room):
    https = [(b"x-forwarded-proto", b"https")]
    assert await handshake(b"https://testserver", client=PROXY, headers=https) is True
    assert await handshake(b"http://testserver", client=PROXY, headers=https) is False
    # The same header from anyone else does not count.
    assert await handshake(b"https://testserver", client="203.0.113.7", headers=https) is False


@override_settings(CSRF_TRUSTED_ORIGINS=["https://portal.example.org"])
async def test_origins_trusted_for_csrf_are_the_portals_own(room):
    assert await handshake(b"https://portal.example.org") is True
    assert await handshake(b"https://portal.example.org:8443") is False


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        (None, 200),
        (b"http://testserver", 200),
        (b"http://testserver:8080", 403),
        (b"https://testserver", 403),
        (b"http://evil.example", 403),
    ],
)
async def test_the_event_stream_applies_the_same_rule(room, origin, status):
    headers = [] if origin is None else [(b"origin", origin)]
    async with streaming(room.code, headers=headers) as stream:
        assert stream.status == status


@pytest.mark.parametrize(
    ("origin", "status"), [("http://testserver", 200), ("http://testserver:8080", 403)]
)
async def test_a_post_from_another_port_is_refused_by_the_csrf_check(room, origin, status):
    participant = await adb(join)(room)
    client = AsyncClient(enforce_csrf_checks=True)
    client.cookies["sessionid"] = await adb(session_for)(room, participant)
    # The token and cookie pair a page of the portal would hand out.
    page_request = RequestFactory().get(f"/en/live/{room.code}/")
    token = get_token(page_request)
    client.cookies["csrftoken"] = page_request.META["CSRF_COOKIE"]
    response = await client.post(
        f"/en/live/{room.code}/send/",
        data='{"type": "ping", "ref": "p"}',
        content_type="application/json",
        headers={"X-CSRFToken": token, "Origin": origin},
    )
    assert response.status_code == status
    assert response.json()["type"] == ("pong" if status == 200 else "error")
