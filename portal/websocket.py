"""The middleware stack in front of every WebSocket consumer."""

import json
from importlib import import_module

from channels.auth import AuthMiddleware
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from channels.sessions import CookieMiddleware
from django.conf import settings
from django.urls import re_path


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


def websocket_stack(inner):
    """Origin check, then cookies, session and user, then the app's routes."""
    return AllowedHostsOriginValidator(
        CookieMiddleware(ReadOnlySessionMiddleware(AuthMiddleware(inner)))
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
