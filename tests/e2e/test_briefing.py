"""A Korean delegation builds a briefing pack in a real Chromium and downloads the PDF."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.test_browse import serious_violations


def squash(text):
    return " ".join(text.split())


def test_korean_delegation_ticks_two_cases_and_downloads_one_pdf(portal_server, page):
    page.goto(f"{portal_server.url}/ko/library/briefing/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    cases = page.locator(".briefing-form__group").first.get_by_role("checkbox")
    expect(cases.first).to_be_visible()
    assert cases.count() >= 2
    chosen = []
    for index in (0, 1):
        box = cases.nth(index)
        box.check()
        label = page.locator(f'label[for="{box.get_attribute("id")}"] > span').first
        chosen.append(squash(label.inner_text()))
    assert all(re.search(r"[\uac00-\ud7a3]", title) for title in chosen), chosen

    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("PDF")).click()
    download = download_info.value
    assert download.suggested_filename == "briefing-pack-ko.pdf"
    reader = PdfReader(download.path())
    text = squash(" ".join(sheet.extract_text() for sheet in reader.pages))
    for title in chosen:
        assert title in text
    assert "한국어" in squash(reader.pages[0].extract_text())  # the cover names the language


def test_a_pack_with_nothing_ticked_says_so_on_the_form(portal_server, page):
    page.goto(f"{portal_server.url}/es/library/briefing/")
    page.get_by_role("button", name=re.compile("PDF")).click()
    expect(page.get_by_test_id("briefing-error")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")


@pytest.mark.parametrize("language", ["ko", "ru"])
def test_briefing_page_has_no_serious_accessibility_violations(portal_server, page, language):
    response = page.goto(f"{portal_server.url}/{language}/library/briefing/")
    assert response.status == 200
    assert serious_violations(page) == []
