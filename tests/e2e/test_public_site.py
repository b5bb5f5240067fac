"""A delegate reads the public site in a real Chromium, on a phone and at a desk."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import LANGUAGES
from tests.e2e.test_browse import serious_violations
from tests.server import DaphneProcess

PAGES = Path(__file__).resolve().parents[2] / "portal" / "demo" / "pages"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


def demo(name):
    return yaml.safe_load((PAGES / f"{name}.yaml").read_text(encoding="utf-8"))


def path_of(code, *names):
    """A demo page's address in a language, from the slugs in its YAML file (and its parents')."""
    slugs = [demo(name)["slug"][code] for name in names]
    return f"/{code}/" + "".join(f"{quote(slug)}/" for slug in slugs)


@pytest.fixture
def reader(browser):
    """A new page at a given size and locale; closed with its context."""
    opened = []

    def open_page(size, locale="en-GB"):
        context = browser.new_context(viewport=size, locale=locale)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context.new_page()

    yield open_page
    for context in opened:
        context.close()


def in_viewport(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


def test_korean_text_wraps_between_words(portal_server, reader):
    page = reader(PHONE, "ko-KR")
    page.goto(f"{portal_server.url}{path_of('ko', '30-systems-we-share')}")
    lead = page.locator(".lead")
    expect(lead).to_be_visible()
    style = lead.evaluate(
        "el => [getComputedStyle(el).wordBreak, getComputedStyle(el).overflowWrap]"
    )
    assert style == ["keep-all", "anywhere"]
    # The English page keeps the browser's normal breaking.
    page.goto(f"{portal_server.url}{path_of('en', '30-systems-we-share')}")
    assert page.locator(".lead").evaluate("el => getComputedStyle(el).wordBreak") == "normal"


@SIZES
@pytest.mark.parametrize("code", ["en", "ko"])
def test_from_a_section_to_a_child_with_breadcrumbs_and_the_section_marked(
    portal_server, reader, size, code
):
    page = reader(size, {"en": "en-GB", "ko": "ko-KR"}[code])
    page.goto(f"{portal_server.url}/{code}/")
    section_title = demo("30-systems-we-share")["title"][code]
    child_title = demo("31-e-saram")["title"][code]
    menu = page.locator(".main-nav")
    toggle = menu.locator("[data-menu-toggle]")
    if size is PHONE:
        toggle.click()
    menu.get_by_role("link", name=section_title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(section_title)
    children = page.locator(".child-list__item")
    expect(children).to_have_count(2)
    expect(children.first).to_contain_text(demo("31-e-saram")["intro"][code].split()[0])
    children.get_by_role("link", name=child_title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(child_title)
    trail = page.locator("nav.breadcrumbs")
    expect(trail).to_be_visible()
    assert in_viewport(page, trail)
    crumbs = trail.get_by_role("link")
    expect(crumbs).to_have_count(3)
    expect(crumbs.nth(1)).to_have_text(section_title)
    expect(crumbs.nth(2)).to_have_text(child_title)
    expect(crumbs.nth(2)).to_have_attribute("aria-current", "page")
    expect(crumbs.nth(0)).not_to_have_attribute("aria-current", re.compile(".*"))
    crumbs.nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(section_title)
    page.go_back()

    # The menu marks the section the reader is in, for screen readers and for the eye.
    if size is PHONE:
        toggle.click()
    current = menu.locator("a[aria-current]")
    expect(current).to_have_count(1)
    expect(current).to_have_text(section_title)
    expect(current).to_have_attribute("aria-current", "true")
    other = menu.get_by_role("link").filter(has_not_text=section_title).first
    bar = "el => getComputedStyle(el).borderBottomColor"
    assert current.evaluate(bar) != other.evaluate(bar)
    assert current.evaluate(bar) != "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def english_only_page(portal_server):
    """A page written only in English, as staff publish one before its translations."""
    script = (
        "from portal.factories import StandardPageFactory; from portal.models import HomePage; "
        "StandardPageFactory(parent=HomePage.objects.get(), title='Only in English yet', "
        "slug='only-in-english-yet', intro='This text has not been translated.')"
    )
    portal_server.manage("shell", "-c", script)
    yield "only-in-english-yet"
    portal_server.manage(
        "shell",
        "-c",
        "from wagtail.models import Page; Page.objects.filter(slug_en='only-in-english-yet')"
        ".delete()",
    )


def test_fallback_content_says_it_is_english_inside_a_spanish_page(
    portal_server, reader, english_only_page
):
    page = reader(DESKTOP, "es-ES")
    page.goto(f"{portal_server.url}/es/{english_only_page}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    notice = page.get_by_test_id("fallback-notice")
    expect(notice).to_be_visible()
    # The notice speaks the reader's language; the English text says it is English.
    assert notice.evaluate("el => el.closest('[lang]').lang") == "es"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Only in English yet")
    assert heading.evaluate("el => el.closest('[lang]').lang") == "en"
    assert (
        page.get_by_text("This text has not been translated.").evaluate(
            "el => el.closest('[lang]').lang"
        )
        == "en"
    )
    assert page.locator("header").evaluate("el => el.closest('[lang]').lang") == "es"


def test_phone_menu_starts_folded_and_opens(portal_server, reader):
    page = reader(PHONE)
    page.goto(f"{portal_server.url}/en/")
    toggle = page.get_by_role("button", name="Menu")
    first_section = page.locator(".main-nav").get_by_role(
        "link", name=demo("10-about-the-ministry")["title"]["en"]
    )
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_section).to_be_hidden()
    assert in_viewport(page, toggle)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(first_section).to_be_visible()
    assert first_section.bounding_box()["height"] >= 44
    page.keyboard.press("Escape")
    expect(first_section).to_be_hidden()
    expect(toggle).to_be_focused()

    # At a desk there is no button: the menu is always there.
    page.set_viewport_size(DESKTOP)
    expect(toggle).to_be_hidden()
    expect(first_section).to_be_visible()


@SIZES
def test_touch_targets_are_big_enough(portal_server, reader, size):
    page = reader(size)
    page.goto(f"{portal_server.url}{path_of('en', '30-systems-we-share', '31-e-saram')}")
    if size is PHONE:
        page.get_by_role("button", name="Menu").click()
    targets = page.locator(
        "header a, header button, .breadcrumbs a, .site-footer a, .child-list a, "
        ".language-switcher [aria-current]"
    )
    expect(targets.first).to_be_visible()
    small = []
    for index in range(targets.count()):
        target = targets.nth(index)
        box = target.bounding_box()
        if box is None:
            continue
        if box["height"] < 24 or box["width"] < 24:
            small.append((target.inner_text(), box["width"], box["height"]))
    assert small == []
    # Primary actions get 44 px.
    for primary in [page.get_by_role("button", name="Search", exact=True)]:
        assert primary.bounding_box()["height"] >= 44
    page.goto(f"{portal_server.url}/en/")
    assert page.locator(".live-cta .button").bounding_box()["height"] >= 44


CHARACTERS_PER_LINE = """
el => {
    const style = getComputedStyle(el);
    const canvas = document.createElement("canvas").getContext("2d");
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = el.textContent.replace(/\\s+/g, " ").trim();
    const average = canvas.measureText(text).width / text.length;
    return el.getBoundingClientRect().width / average;
}
"""


def test_body_text_keeps_to_about_75_characters_a_line_on_a_desk(portal_server, reader):
    page = reader(DESKTOP)
    page.goto(f"{portal_server.url}{path_of('en', '30-systems-we-share', '31-e-saram')}")
    paragraph = page.locator(".stream .rich-text p").first
    expect(paragraph).to_be_visible()
    per_line = paragraph.evaluate(CHARACTERS_PER_LINE)
    assert 45 <= per_line <= 75, per_line
    lead = page.locator(".lead")
    assert lead.evaluate(CHARACTERS_PER_LINE) <= 75


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_footer_leads_to_contact_privacy_and_accessibility(portal_server, reader, code):
    page = reader(PHONE)
    page.goto(f"{portal_server.url}/{code}/")
    footer = page.locator("footer")
    for name in ["40-contact", "50-privacy", "60-accessibility"]:
        link = footer.get_by_role("link", name=demo(name)["title"][code], exact=True)
        expect(link).to_have_attribute("href", path_of(code, name))
    footer.get_by_role("link", name=demo("50-privacy")["title"][code]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo("50-privacy")["title"][code])
    expect(page.locator("main")).to_contain_text("90")


NOT_FOUND = {
    "en": "Page not found",
    "ko": "페이지를 찾을 수 없습니다",
    "es": "Página no encontrada",
    "ru": "Страница не найдена",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_wrong_address_gets_a_styled_404_in_the_readers_language(portal_server, reader, code):
    page = reader(PHONE)
    response = page.goto(f"{portal_server.url}/{code}/no-such-page/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND[code])
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.locator("footer")).to_be_visible()
    expect(page.get_by_text("URLconf")).to_have_count(0)
    header_colour = page.locator(".site-header").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert header_colour == "rgb(11, 79, 138)"  # the site's stylesheet is applied


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory, portal_server):
    """The portal with its database gone: every page that needs it fails."""
    workdir = tmp_path_factory.mktemp("no-database")
    env = {
        **portal_server.env,
        "DATABASE_URL": f"sqlite:///{workdir / 'missing' / 'nowhere.sqlite3'}",
    }
    server = DaphneProcess(env, workdir / "daphne.log").start()
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("ko", "죄송합니다. 포털에 문제가 생겼습니다"),
        ("ru", "Извините, на портале произошла ошибка"),
    ],
)
def test_with_the_database_down_the_500_page_speaks_the_readers_language(
    broken_server, reader, code, heading
):
    page = reader(PHONE)
    response = page.goto(f"{broken_server.url}/{code}/")
    assert response.status == 500
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("li[lang]")).to_have_count(3)
    assert (
        page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
        == "rgb(11, 79, 138)"
    )
    assert serious_violations(page) == []


@pytest.mark.parametrize("code", ["en", "ko"])
@pytest.mark.parametrize(
    "pages",
    [(), ("10-about-the-ministry",), ("30-systems-we-share",), ("40-contact",), None, "news"],
    ids=["home", "standard", "section", "contact", "not-found", "news"],
)
def test_no_serious_accessibility_violations(portal_server, reader, code, pages):
    if pages is None:
        path = f"/{code}/no-such-page/"
    elif pages == "news":
        path = f"/{code}/news/"
    else:
        path = path_of(code, *pages)
    page = reader(DESKTOP)
    page.goto(f"{portal_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []
