"""Who is asking: the client's address, believed from a proxy header only when a trusted
proxy sent it. Rate limits and per-client caps key on this, never on raw headers."""

import ipaddress

from django.conf import settings


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks())


def _trusted_networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def address_from(peer, forwarded_for):
    """The client behind `peer`: walk X-Forwarded-For from the right past trusted proxies."""
    address = peer or ""
    if not _trusted(address) or not forwarded_for:
        return address
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    while hops:
        address = hops.pop()
        if not _trusted(address):
            return address
    return address


def client_address(request):
    """The address of the client that sent this Django request."""
    return address_from(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"))


def scope_client_address(scope):
    """The same for an ASGI scope (WebSocket or SSE), read from the peer and its headers."""
    peer = (scope.get("client") or ("", 0))[0]
    forwarded = ",".join(
        value.decode("latin-1")
        for name, value in scope.get("headers", [])
        if name == b"x-forwarded-for"
    )
    return address_from(peer, forwarded)
