"""Settings shared by every environment.

Everything that differs between machines comes from the environment, read
through the one typed schema below. With nothing set, the portal runs on the
embedded default: SQLite, the in-memory channel layer and a local-memory cache.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, None),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    DB_POOL_MAX_SIZE=(int, 10),
    DB_POOL_TIMEOUT=(float, 10.0),
    REDIS_URL=(str, ""),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "MPM Global Partnership Portal <no-reply@portal.example.org>"),
    DEMO_ADMIN_USERNAME=(str, "admin"),
    DEMO_ADMIN_PASSWORD=(str, "portal-demo-2026"),
    SECURE_SSL_REDIRECT=(bool, True),
    TRUSTED_PROXIES=(list, []),
    SECURE_HSTS_SECONDS=(int, 31536000),
    ADMIN_LOGIN_MAX_FAILURES=(int, 5),
    ADMIN_LOGIN_LOCKOUT_SECONDS=(int, 15 * 60),
    PASSWORD_RESETS_PER_HOUR=(int, 5),
    SERVER_GC_TUNING=(bool, False),
    PAGE_CACHE_SECONDS=(int, 120),
    QA_QUESTIONS_PER_MINUTE=(int, 5),
    QA_VOTES_PER_MINUTE=(int, 30),
    QA_MAX_FRAME_BYTES=(int, 65536),
    QA_RESUME_WINDOW=(int, 5000),
    QA_HUB_CHECK_SECONDS=(float, 2.0),
    TASKS_BACKEND=(str, "django_tasks.backends.immediate.ImmediateBackend"),
    WEBINAR_CANCEL_LINK_DAYS=(int, 365),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
REDIS_URL = env("REDIS_URL")
# Confirmations to delegations go out by e-mail: printed to the console unless EMAIL_URL says
# otherwise (e.g. smtp+tls://user:password@mail.example.org:587).
vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Background work (webinar reminders): run at once unless TASKS_BACKEND names a queue, e.g.
# django_tasks_db.DatabaseBackend with `manage.py db_worker` running beside the servers.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND")}}
# How long a registrant's signed cancel link stays valid.
WEBINAR_CANCEL_LINK_DAYS = env("WEBINAR_CANCEL_LINK_DAYS")
EMAIL_TIMEOUT = 10
# Addresses or networks of reverse proxies whose X-Forwarded-For is believed (portal.clients).
TRUSTED_PROXIES = env("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "daphne",
    # modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "portal",
    "portal.news",
    "portal.inquiries",
    "cases",
    "webinars",
    "qa",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_countries",
    "taggit",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Compresses what Django renders; cached pages are compressed once, when stored.
    "portal.pagecache.CompressionMiddleware",
    # Outside every middleware that adds headers, so a stored page keeps them all.
    "portal.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let Daphne's threads and the demo loader share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# No persistent connections: under ASGI every request runs in a context of its own, so a kept
# connection is never reused and stays open until the garbage collector finds it. Each request
# and each consumer call closes its connection when it ends (Django's request_finished, Channels'
# database_sync_to_async).
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DB_POOL_MAX_SIZE = env("DB_POOL_MAX_SIZE")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX_SIZE > 0:
    # A bounded pool per process: "closing" a connection hands it back, and a burst of requests
    # waits up to DB_POOL_TIMEOUT seconds for one instead of exhausting max_connections.
    # DB_POOL_MAX_SIZE=0 turns it off.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DB_POOL_MAX_SIZE),
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env("DB_POOL_TIMEOUT"),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Daphne processes only (portal/asgi.py): freeze what start-up loaded out of the garbage
# collector and collect less often. Off by default; see README "Figures" before turning it on.
SERVER_GC_TUNING = env("SERVER_GC_TUNING")

# Anonymous public pages are kept this long in the default cache and answered in front of
# Django (portal/pagecache.py); publishing clears them sooner. 0 switches the page cache off.
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
SERVER_GC_THRESHOLDS = (50_000, 50, 100)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A Redis that does not answer costs a page a second at most, then it goes uncached.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "portal"},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Room for every page of the demo in four languages beside sessions and counters.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: adding one is an entry here, `makemigrations`, and a .po file.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The database store, refusing keys Django never issues (a NUL broke PostgreSQL).
SESSION_ENGINE = "portal.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

WAGTAIL_SITE_NAME = "MPM Global Partnership Portal"
# The admin would ask wagtail.org for news of releases: the CSP (connect-src self) refuses it.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAIL_I18N_ENABLED = False
# Gravatar is unreachable from many government networks: avatars are initials, not broken images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

DEMO_ADMIN_USERNAME = env("DEMO_ADMIN_USERNAME")
DEMO_ADMIN_PASSWORD = env("DEMO_ADMIN_PASSWORD")
# The demo password is published in the README, so printing it hides nothing; production never does.
DEMO_PRINT_CREDENTIALS = True

# Admin sign-in: after this many wrong passwords for one username from one client address, that
# pair is refused for the lockout time; password reset requests are counted per address and email.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.LockoutLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.security.LimitedPasswordResetForm"  # noqa: S105
ADMIN_LOGIN_MAX_FAILURES = env("ADMIN_LOGIN_MAX_FAILURES")
ADMIN_LOGIN_LOCKOUT_SECONDS = env("ADMIN_LOGIN_LOCKOUT_SECONDS")
PASSWORD_RESETS_PER_HOUR = env("PASSWORD_RESETS_PER_HOUR")

# Content-Security-Policy (portal.security.ContentSecurityPolicyMiddleware): no inline script or
# style on the public site. Wagtail's admin still uses inline styles and scripts, so /admin/
# alone gets those sources.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Where a webinar recording may be embedded from, once the reader clicks to play it
# (webinars.embeds turns a recording's address into a player on one of these).
RECORDING_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY["frame-src"] = ["'self'", *RECORDING_EMBED_ORIGINS]
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Newsroom: documents go through Django so every download is counted and access is checked.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A reader reloading a release within this many seconds counts as one view.
NEWS_VIEW_WINDOW_SECONDS = env.int("NEWS_VIEW_WINDOW_SECONDS", default=30 * 60)

# Live Q&A door checks; every limit can be tuned per deployment.
QA_QUESTIONS_PER_MINUTE = env("QA_QUESTIONS_PER_MINUTE")
QA_VOTES_PER_MINUTE = env("QA_VOTES_PER_MINUTE")
QA_MAX_FRAME_BYTES = env("QA_MAX_FRAME_BYTES")
QA_RESUME_WINDOW = env("QA_RESUME_WINDOW")
# How often each process compares its rooms with the database, catching events the layer lost.
QA_HUB_CHECK_SECONDS = env("QA_HUB_CHECK_SECONDS")
# Days after a room closes that its participants' names, organisations and countries are kept
# (manage.py purge_qa_personal_data removes them).
QA_PERSONAL_DATA_DAYS = env.int("QA_PERSONAL_DATA_DAYS", default=90)
# Per client address (portal.clients), across every identity it joins as: an office behind one
# NAT address shares these, so they sit well above one person's own limits.
QA_CLIENT_QUESTIONS_PER_MINUTE = env.int("QA_CLIENT_QUESTIONS_PER_MINUTE", default=30)
QA_CLIENT_VOTES_PER_MINUTE = env.int("QA_CLIENT_VOTES_PER_MINUTE", default=300)
# Open sockets and event streams per client address in one server process.
QA_STREAMS_PER_CLIENT = env.int("QA_STREAMS_PER_CLIENT", default=100)
# Frames one socket may send; a browser sends a ping every 25 s and a click now and then.
QA_FRAMES_PER_SECOND = env.int("QA_FRAMES_PER_SECOND", default=10)
QA_FRAMES_PER_MINUTE = env.int("QA_FRAMES_PER_MINUTE", default=240)
# A poll's results go out at most once per this many seconds per poll, however many answer.
QA_POLL_RESULTS_INTERVAL = env.float("QA_POLL_RESULTS_INTERVAL", default=0.1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.channels.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
LOGIN_URL = "wagtailadmin_login"
