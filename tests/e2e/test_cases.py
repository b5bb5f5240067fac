"""A Russian-speaking delegation filters the case library and opens a case, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations

DIGITAL_HRM_RU = "Цифровое управление кадрами"


def shown_count(option):
    return int(re.sub(r"\D", "", option.locator(".facet__count").inner_text()))


def test_reader_filters_by_theme_and_language_then_opens_a_case(portal_server, page):
    page.goto(f"{portal_server.url}/ru/cases/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    cards = page.get_by_test_id("case-card")
    total = cards.count()
    assert total >= 8

    theme = page.get_by_role("checkbox", name=re.compile(DIGITAL_HRM_RU))
    theme_count = shown_count(page.locator(".facet__option").filter(has=theme))
    theme.check()
    page.locator("#facet-translated").check()
    page.locator(".library-facets__form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"theme=digital-hrm.*translated=1"))
    expect(page.get_by_role("checkbox", name=re.compile(DIGITAL_HRM_RU))).to_be_checked()

    # One digital-HRM case has no Russian version: it drops out, the rest are in Russian.
    translated = shown_count(
        page.locator(".facet__option").filter(has=page.locator("#facet-translated"))
    )
    assert 0 < translated < theme_count
    expect(cards).to_have_count(translated)
    expect(cards.and_(page.locator("[lang=en]"))).to_have_count(0)

    # The back button restores the unfiltered library: the state lives in the URL.
    page.go_back()
    expect(page.get_by_test_id("case-card")).to_have_count(total)
    page.go_forward()
    expect(cards).to_have_count(translated)

    link = cards.first.locator(".case-card__title a")
    title = link.inner_text()
    with page.expect_response(lambda response: "/library/seen/" in response.url) as beacon:
        link.click()
    assert beacon.value.status == 204
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_test_id("fallback-notice")).to_have_count(0)
    toc_links = page.locator(".toc__list a")
    assert toc_links.count() >= 4
    toc_links.nth(1).click()
    expect(page).to_have_url(re.compile(r"#context$"))
    expect(page.locator(".case-tag", has_text=DIGITAL_HRM_RU).first).to_be_visible()


@pytest.mark.parametrize(
    "path",
    ["/ru/cases/", "/ko/cases/?theme=digital-hrm&translated=1", "/en/documentation/"],
    ids=["library-ru", "library-ko-filtered", "documentation"],
)
def test_library_pages_have_no_serious_accessibility_violations(portal_server, page, path):
    response = page.goto(f"{portal_server.url}{path}")
    assert response.status == 200
    assert serious_violations(page) == []


def test_case_and_documentation_pages_have_no_serious_accessibility_violations(portal_server, page):
    for code in ("en", "ko"):
        page.goto(f"{portal_server.url}/{code}/cases/")
        page.get_by_test_id("case-card").first.locator(".case-card__title a").click()
        expect(page.locator(".case-section").first).to_be_visible()
        assert serious_violations(page) == [], page.url
    page.goto(f"{portal_server.url}/en/documentation/")
    page.locator(".child-list__title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == [], page.url
