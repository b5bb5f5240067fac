"""Development: the embedded default `make run` serves.

DEBUG is off unless asked (`DEBUG=1 make run`): a portal served on a network
must not show tracebacks and settings to whoever finds an error.
"""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SERVESTATIC_AUTOREFRESH = True
SERVESTATIC_USE_FINDERS = True
# Uploads served by Django with or without DEBUG (in production the proxy serves them).
MIDDLEWARE = [*MIDDLEWARE, "portal.middleware.DevMediaMiddleware"]
