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


def _scope_header(scope, name):
    return next((value for key, value in scope.get("headers", []) if key == name), None)


def scope_origin_scheme(scope):
    """The scheme a browser used to reach us ("http" or "https"), for comparing its Origin.

    TLS usually ends at the proxy: its X-Forwarded-Proto counts only when the peer is a
    trusted proxy; otherwise the connection's own scheme does.
    """
    peer = (scope.get("client") or ("", 0))[0]
    forwarded = _scope_header(scope, b"x-forwarded-proto")
    if forwarded is not None and _trusted(peer):
        scheme = forwarded.decode("latin-1").split(",")[0].strip().lower()
        if scheme in ("http", "https"):
            return scheme
    return "https" if scope.get("scheme") in ("https", "wss") else "http"
