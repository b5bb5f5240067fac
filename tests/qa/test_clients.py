"""The client's address behind a proxy: believed from X-Forwarded-For only when a trusted
proxy sent it, and every per-client limit keys on it (portal.clients)."""

import pytest
from django.test import Client, RequestFactory, override_settings

from portal.clients import address_from, client_address, scope_client_address
from qa.models import Participant
from qa.views import JOINS_PER_MINUTE
from tests.qa.helpers import adb, connected, make_room
from tests.qa.test_limits import TOO_MANY

PROXY = "10.0.0.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])
def test_forwarded_for_counts_only_from_a_trusted_proxy():
    assert address_from(PROXY, "203.0.113.7") == "203.0.113.7"
    # A proxy that appends keeps what the client sent on the left: the rightmost address
    # no trusted proxy stands for is the client.
    assert address_from(PROXY, "1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert address_from(PROXY, "203.0.113.7, 10.0.0.9") == "203.0.113.7"
    assert address_from("203.0.113.7", "1.2.3.4") == "203.0.113.7"  # not a proxy: ignored
    assert address_from(PROXY, "") == PROXY
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert client_address(request) == "198.51.100.2"
    scope = {"client": (PROXY, 4000), "headers": [(b"x-forwarded-for", b"198.51.100.2")]}
    assert scope_client_address(scope) == "198.51.100.2"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "127.0.0.1"


def join_from(remote_addr, forwarded_for=None):
    """A new visitor (no session yet) joining the room as a browser would."""
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client().post("/en/live/LIMITS/", {"anonymous": "on"}, **extra)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_the_proxy_each_client_has_its_own_join_allowance():
    make_room(code="LIMITS")
    for _ in range(JOINS_PER_MINUTE):
        assert join_from(PROXY, "203.0.113.7").status_code == 302
    assert join_from(PROXY, "203.0.113.7").status_code == 429
    # Another participant behind the same proxy still gets in.
    assert join_from(PROXY, "198.51.100.2").status_code == 302
    assert Participant.objects.count() == JOINS_PER_MINUTE + 1


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_a_client_cannot_reset_its_allowance_with_its_own_header():
    make_room(code="LIMITS")
    for number in range(JOINS_PER_MINUTE):
        assert join_from("203.0.113.7", f"192.0.2.{number}").status_code == 302
    assert join_from("203.0.113.7", "192.0.2.200").status_code == 429
    assert join_from("198.51.100.2").status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@override_settings(TRUSTED_PROXIES=[PROXY], QA_STREAMS_PER_CLIENT=1)
async def test_sockets_through_the_proxy_count_per_forwarded_client():
    room = await adb(make_room)(code="LIMITS")

    def via_proxy(address):
        return {"client": PROXY, "headers": [(b"x-forwarded-for", address.encode())]}

    async with (
        connected(room.code, **via_proxy("203.0.113.7")) as first,
        connected(room.code, **via_proxy("198.51.100.2")) as second,
    ):
        assert (first.welcome["type"], second.welcome["type"]) == ("welcome", "welcome")
        async with connected(room.code, **via_proxy("203.0.113.7"), expect_welcome=False) as third:
            refusal = await third.receive()
            assert (refusal["type"], refusal["code"]) == ("error", "rate_limited")
            closed = await third.communicator.receive_output(timeout=5)
            assert closed == {"type": "websocket.close", "code": TOO_MANY}
