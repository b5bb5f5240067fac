"""A visitor browses the portal in a real Chromium, through a real Daphne."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_visitor_switches_language_and_searches(portal_server, page):
    page.goto(f"{portal_server.url}/")
    expect(page).to_have_url(f"{portal_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name=re.compile("live", re.I)).first).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    expect(page).to_have_url(f"{portal_server.url}/ko/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("button", name="검색")).to_be_visible()

    about = page.get_by_role("navigation", name="주 메뉴").get_by_role("link").first
    about_title = about.inner_text()
    about.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(about_title)
    korean_url = page.url

    page.get_by_role("navigation", name="언어").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url != korean_url
    assert "/es/" in page.url
    expect(page.get_by_test_id("fallback-notice")).to_have_count(0)

    page.get_by_role("searchbox").fill("e-Saram")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"/es/search/\?q=e-Saram"))
    results = page.locator(".search-results li")
    expect(results.first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buscar")


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/ko/",
        "/en/about-the-ministry/",
        "/ru/search/?q=e-Saram",
        "/es/no-such-page/",
        "/ko/live/?code=NOPE22",
    ],
    ids=["home", "home-ko", "standard", "search", "not-found", "live-join"],
)
def test_every_page_type_has_no_serious_accessibility_violations(portal_server, page, path):
    page.goto(f"{portal_server.url}{path}")
    assert serious_violations(page) == []


def test_pages_load_nothing_from_other_hosts(portal_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["/en/", "/ko/live/DEMO/", "/es/search/?q=e-Saram"]:
        page.goto(f"{portal_server.url}{path}")
        page.wait_for_load_state("networkidle")
    foreign = [
        url for url in requested if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1"))
    ]
    assert foreign == []
    stylesheet = page.request.get(f"{portal_server.url}/static/portal/css/site.css")
    assert stylesheet.status == 200
    assert "text/css" in stylesheet.headers["content-type"]
