import os

import pytest
from django.conf import settings
from django.utils import translation

from tests.server import PortalServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LANGUAGES = ["en", "ko", "es", "ru"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Files a test writes (documents, images, renditions) never land in the checkout."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def home(db):
    """An empty site: a home page as the default site's root, Wagtail's welcome page gone."""
    from wagtail.models import Locale, Page, Site

    from portal.demo.loader import ensure_root
    from portal.models import HomePage

    # A transactional test before this one may have emptied the tables, the default locale,
    # the root page and the root collection included (all made by migrations).
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = ensure_root()
    home = root.add_child(instance=HomePage(title="Home", title_en="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    root.get_children().exact_type(Page).delete()
    return home


@pytest.fixture
def demo_site(db):
    """The demo content, loaded exactly as `make run` loads it (once per test process, then
    copied into each test's database and media: tests/demo_template.py)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from portal.models import HomePage
    from tests.demo_template import load_demo_site

    load_demo_site()
    # Copied rows bypass the ORM: forget content types and site root paths cached before.
    ContentType.objects.clear_cache()
    clear_test_cache(cache)
    return HomePage.objects.get()


@pytest.fixture(scope="module")
def portal_server(tmp_path_factory):
    """A real Daphne serving the demo portal, shared by the tests of one module.

    Per module, not per session: no module depends on what another left in the server, and
    a fresh copy of the migrated template costs seconds."""
    server = PortalServer(tmp_path_factory.mktemp("portal-server")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """Per module: Playwright's sync API keeps an event loop in this thread while it runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def clear_test_cache(cache):
    """Delete the tests' own keys only: Django's clear() on Redis would flush the whole database."""
    from django.conf import settings
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.TEST_CACHE_KEY_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    clear_test_cache(cache)
    yield


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` prove something only PostgreSQL shows: the SQLite pass leaves them
    out (deselected, not skipped; CI runs the PostgreSQL pass too)."""
    if on_postgres():
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, end the test database's other sessions before it is dropped.

    A live test's event loop closes when the test ends; a database call still running on a
    thread of that loop (the hub's check, a poll's results) finishes after it and leaves its
    connection checked out of the pool, where nothing returns it. The drop would then fail.
    """
    yield
    if not on_postgres():
        return
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
