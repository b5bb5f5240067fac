"""The middleware stacks in front of every WebSocket consumer and every event stream."""

import json
from importlib import import_module
from urllib.parse import urlparse

from channels.auth import AuthMiddleware, get_user
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from channels.sessions import CookieMiddleware
from django.conf import settings
from django.urls import re_path

from portal.db import on_read_threads


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


def websocket_stack(inner):
    """Origin check, then cookies, session and user, then the app's routes."""
    return AllowedHostsOriginValidator(
        CookieMiddleware(ReadOnlySessionMiddleware(AuthOnReadThreads(inner)))
    )


class CrossSiteRefusal:
    """Refuses an HTTP request whose Origin names another site, by the WebSocket rule.

    Browsers send Origin on every cross-origin request (EventSource included); a
    same-origin GET may carry none, and that passes.
    """

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        origin = dict(scope.get("headers", [])).get(b"origin")
        rule = AllowedHostsOriginValidator(None)
        if origin is not None and not rule.valid_origin(urlparse(origin.decode("latin-1"))):
            await send({"type": "http.response.start", "status": 403, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return None
        return await self.application(scope, receive, send)


def stream_stack(inner):
    """For long-lived HTTP responses (Server-Sent Events): the socket's checks, then its routes."""
    return CrossSiteRefusal(CookieMiddleware(ReadOnlySessionMiddleware(AuthOnReadThreads(inner))))


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
