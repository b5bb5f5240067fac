"""The middleware stacks in front of every WebSocket consumer and every event stream."""

import json
from importlib import import_module
from urllib.parse import urlsplit

from channels.auth import AuthMiddleware, get_user
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.middleware import BaseMiddleware
from channels.security.websocket import WebsocketDenier
from channels.sessions import CookieMiddleware
from django.conf import settings
from django.http.request import validate_host
from django.urls import re_path

from portal.clients import scope_origin_scheme
from portal.db import on_read_threads

DEFAULT_PORTS = {"http": 80, "https": 443}


class ReadOnlySessionMiddleware(BaseMiddleware):
    """Gives a socket the session its cookie names, loaded on first use.

    Unlike Channels' SessionMiddleware it does not wrap `send`: sockets never
    write the session, and every frame of a busy room passes through `send`.
    """

    async def __call__(self, scope, receive, send):
        engine = import_module(settings.SESSION_ENGINE)
        session_key = scope.get("cookies", {}).get(settings.SESSION_COOKIE_NAME)
        scope = dict(scope, session=engine.SessionStore(session_key))
        return await super().__call__(scope, receive, send)


class AuthOnReadThreads(AuthMiddleware):
    """Channels' AuthMiddleware, but the user is looked up on the pool of database threads.

    By default every database call of a process waits its turn on one thread; a
    thousand sockets reconnecting at once would keep handshakes and writes waiting.
    """

    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await on_read_threads(get_user.func)(scope)


def _origin_parts(scheme, netloc):
    """(scheme, host, port) with the scheme's default port filled in; None when malformed."""
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port
    except ValueError:
        return None
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname, port or DEFAULT_PORTS[scheme]


def _allowed_hosts():
    # As Django's own host check: with DEBUG and no ALLOWED_HOSTS, local names only.
    if settings.DEBUG and not settings.ALLOWED_HOSTS:
        return [".localhost", "127.0.0.1", "[::1]"]
    return settings.ALLOWED_HOSTS


def same_origin(scope, origin):
    """Whether a browser's Origin is the portal as this request reached it: scheme, host, port.

    The host comes from the Host header (an allowed host), the scheme from the connection or
    a trusted proxy's X-Forwarded-Proto (portal.clients). A page on another port or scheme of
    the same host is another site; origins in CSRF_TRUSTED_ORIGINS count as the portal's own.
    """
    host = next((v for k, v in scope.get("headers", []) if k == b"host"), None)
    try:
        origin_text = origin.decode("ascii").strip().lower()
        host_text = host.decode("ascii").strip().lower() if host is not None else None
    except UnicodeDecodeError:
        return False
    scheme, _sep, netloc = origin_text.partition("://")
    claimed = _origin_parts(scheme, netloc)
    if claimed is None:
        return False
    trusted = (
        _origin_parts(*entry.lower().split("://", 1))
        for entry in settings.CSRF_TRUSTED_ORIGINS
        if "://" in entry and "*" not in entry
    )
    if claimed in trusted:
        return True
    if host_text is None:
        return False
    expected = _origin_parts(scope_origin_scheme(scope), host_text)
    return (
        expected is not None
        and validate_host(expected[1], _allowed_hosts())
        and claimed == expected
    )


class SameOriginOnly:
    """Refuses a socket or stream opened by a page of another site (scheme, host and port).

    Browsers send Origin with every WebSocket handshake and every cross-origin request
    (EventSource included); a same-origin GET may carry none, so only sockets require it.
    """

    def __init__(self, application, origin_required):
        self.application = application
        self.origin_required = origin_required

    async def __call__(self, scope, receive, send):
        origin = next((v for k, v in scope.get("headers", []) if k == b"origin"), None)
        if origin is None and not self.origin_required:
            return await self.application(scope, receive, send)
        if origin is not None and same_origin(scope, origin):
            return await self.application(scope, receive, send)
        if scope["type"] == "websocket":
            return await WebsocketDenier()(scope, receive, send)
        await send({"type": "http.response.start", "status": 403, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return None


def websocket_stack(inner):
    """Origin check, then cookies, session and user, then the app's routes."""
    return SameOriginOnly(
        CookieMiddleware(ReadOnlySessionMiddleware(AuthOnReadThreads(inner))),
        origin_required=True,
    )


def stream_stack(inner):
    """For long-lived HTTP responses (Server-Sent Events): the socket's checks, then its routes."""
    return SameOriginOnly(
        CookieMiddleware(ReadOnlySessionMiddleware(AuthOnReadThreads(inner))),
        origin_required=False,
    )


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Answers a socket opened on a path nobody serves with an error frame, not a crash."""

    async def connect(self):
        await self.accept()
        await self.send(
            text_data=json.dumps(
                {"type": "error", "code": "not_found", "message": "No such socket.", "ref": None}
            )
        )
        await self.close(code=4404)


def with_fallback(patterns):
    return [*patterns, re_path(r"", UnknownPathConsumer.as_asgi())]
