"""A Spanish-speaking partner reads a release and downloads its PDF, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.server import PortalServer

IDB_TITLE_ES = (
    "Corea y el BID celebran un seminario web internacional sobre gestión digital de RR. HH."
)


@pytest.fixture(scope="module")
def portal_server(tmp_path_factory):
    """This module watches the counts a reader sees go up. From the page cache they are up to
    PAGE_CACHE_SECONDS old (the counting itself stays exact: tests/portal/test_page_cache.py),
    so this server renders every page."""
    server = PortalServer(
        tmp_path_factory.mktemp("news-server"), extra_env={"PAGE_CACHE_SECONDS": "0"}
    ).start()
    yield server
    server.stop()


def views_on(page):
    text = page.get_by_test_id("hits").first.inner_text()
    return int(re.sub(r"\D", "", text))


def test_spanish_reader_opens_a_release_sees_spanish_and_downloads_its_pdf(portal_server, page):
    page.goto(f"{portal_server.url}/es/news/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sala de prensa")
    page.get_by_label("Año").select_option("2020")
    page.get_by_label("Categoría").select_option(label="Seminarios web y eventos")
    page.get_by_role("button", name="Mostrar comunicados").click()
    expect(page).to_have_url(re.compile(r"year=2020.*category=events"))
    item = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=IDB_TITLE_ES))
    expect(item.locator(".badge")).to_have_text(["English", "한국어", "Español", "Русский"])
    listed_views = views_on(item)

    with page.expect_response(lambda response: "/news/seen/" in response.url) as beacon:
        item.get_by_role("link", name=IDB_TITLE_ES).click()
    assert beacon.value.status == 204
    expect(page.get_by_role("heading", level=1)).to_have_text(IDB_TITLE_ES)
    expect(page.get_by_text("Banco Interamericano de Desarrollo").first).to_be_visible()
    expect(page.locator(".badge--current")).to_have_text("Español")
    expect(page.get_by_text("Administrador")).to_be_visible()

    spanish = page.get_by_test_id("attachment").filter(has_text="Español")
    expect(spanish).to_have_count(1)
    expect(page.get_by_test_id("attachment").first).to_have_attribute("data-language", "es")
    downloads_before = int(re.sub(r"\D", "", spanish.get_by_test_id("downloads").inner_text()))
    with page.expect_download() as download_info:
        spanish.get_by_role("link", name=re.compile("^Descargar")).click()
    download = download_info.value
    assert download.suggested_filename.endswith("-es.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    viewer_link = spanish.get_by_role("link", name=re.compile("navegador"))
    expect(viewer_link).to_have_attribute("target", "_blank")
    opened = page.request.get(portal_server.url + viewer_link.get_attribute("href"))
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.headers["content-disposition"].startswith("inline")

    page.reload()
    spanish = page.get_by_test_id("attachment").filter(has_text="Español")
    expect(spanish.get_by_test_id("downloads")).to_have_text(
        re.compile(rf"^{downloads_before + 2}\b")
    )
    page.goto(f"{portal_server.url}/es/news/?year=2020&category=events")
    item = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=IDB_TITLE_ES))
    assert views_on(item) == listed_views + 1  # the reload above was the same reader


@pytest.mark.parametrize(
    "path",
    [
        "/es/news/",
        "/ko/news/?year=2020",
        "/es/news/seminario-web-internacional-gestion-digital-rrhh/",
    ],
    ids=["list", "list-ko", "release"],
)
def test_newsroom_pages_have_no_serious_accessibility_violations(portal_server, page, path):
    response = page.goto(f"{portal_server.url}{path}")
    assert response.status == 200
    assert serious_violations(page) == []


def test_feed_is_advertised_in_the_head(portal_server, page):
    page.goto(f"{portal_server.url}/ko/news/")
    rss = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    href = rss.get_attribute("href")
    assert href == "/ko/news/feed/"
    feed = page.request.get(f"{portal_server.url}{href}")
    assert feed.status == 200
    assert "<language>ko</language>" in feed.text()


def test_korean_release_text_wraps_between_words(portal_server, browser):
    context = browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{portal_server.url}/ko/news/")
        page.get_by_role(
            "link", name="인사혁신처, 미주개발은행과 디지털 인사관리 국제 웨비나 개최"
        ).click()
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text("인사혁신처, 미주개발은행과 디지털 인사관리 국제 웨비나 개최")
        assert heading.evaluate("node => getComputedStyle(node).wordBreak") == "keep-all"
        # Every line of the wrapped title ends at a space: no word is cut in two.
        lines = heading.evaluate(
            """node => {
                const range = document.createRange(), text = node.firstChild, tops = [];
                for (let i = 0; i < text.length; i++) {
                    range.setStart(text, i); range.setEnd(text, i + 1);
                    tops.push([text.data[i], range.getBoundingClientRect().top]);
                }
                return tops;
            }"""
        )
        breaks = [index for index in range(1, len(lines)) if lines[index][1] > lines[index - 1][1]]
        assert breaks, "the title should wrap on a phone"
        assert all(lines[index - 1][0] == " " for index in breaks)
    finally:
        context.close()
