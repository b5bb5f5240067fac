import os

import pytest

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


@pytest.fixture
def demo_site(db):
    """The demo content, loaded exactly as `make run` loads it."""
    from portal.demo import load_demo_content

    load_demo_content()
    from portal.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    """A real Daphne serving the demo portal, shared by the browser and live tests."""
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
