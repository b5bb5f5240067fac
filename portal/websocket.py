"""The middleware stack in front of every WebSocket consumer."""

from importlib import import_module

from channels.auth import AuthMiddleware
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from channels.sessions import CookieMiddleware
from django.conf import settings


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
