"""Production: PostgreSQL, Redis, HTTPS; refuses to start without what it cannot guess."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def required(name, why):
    """The variable's value, or a stop at start-up naming it: production has no defaults."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set {name} in the environment to run the production settings: {why}."
        )
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY", "it signs sessions and CSRF tokens")
required("ALLOWED_HOSTS", "the host names the site answers to, comma-separated")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
required("DATABASE_URL", "production keeps its data in PostgreSQL, never in a local SQLite file")
REDIS_URL = required("REDIS_URL", "processes share cache, rate limits and rooms through Redis")
required("EMAIL_URL", "confirmations reach delegations by e-mail, e.g. smtp+tls://…:587")
WAGTAILADMIN_BASE_URL = required(
    "WAGTAILADMIN_BASE_URL",
    "links in notification emails point there, e.g. https://portal.example.org",
)
# Reminders to hundreds of registrants go to a queue in the database, not through a request:
# run `manage.py db_worker` beside the servers (TASKS_BACKEND may name another backend).
TASKS = {
    "default": {"BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend"}
}
# No demo password in production: load_demo_content needs one from the operator.
DEMO_ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "")
DEMO_PRINT_CREDENTIALS = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
