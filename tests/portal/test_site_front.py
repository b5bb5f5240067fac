"""The public site's frame as a reader meets it: where am I, what is below, what if it breaks."""

import re

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.html import escape

from portal.factories import StandardPageFactory
from portal.models import FooterLinks, StandardPage
from portal.views import server_error
from tests.conftest import LANGUAGES

BREADCRUMBS = re.compile(r'<nav class="breadcrumbs" aria-label="[^"]+">(.*?)</nav>', re.S)
MAIN_MENU = re.compile(r'<ul class="main-nav__list"[^>]*>(.*?)</ul>', re.S)


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def title_in(page, code):
    with translation.override(code):
        return page.title


def links(html):
    """(href, attributes, text) of every link in a fragment."""
    return [
        (href, attrs, re.sub(r"<[^>]+>", "", text).strip())
        for href, attrs, text in re.findall(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', html, re.S)
    ]


@pytest.mark.parametrize("code", ["en", "ko"])
def test_a_child_page_shows_where_it_sits(client, demo_site, code):
    systems = StandardPage.objects.get(slug_en="systems-we-share")
    esaram = StandardPage.objects.get(slug_en="e-saram")
    html = client.get(url_in(esaram, code)).content.decode()
    (trail,) = BREADCRUMBS.findall(html)
    home_label = {"en": "Home", "ko": "홈"}[code]
    crumbs = links(trail)
    assert [href for href, _attrs, _text in crumbs] == [
        f"/{code}/",
        url_in(systems, code),
        url_in(esaram, code),
    ]
    assert crumbs[1][2] == escape(title_in(systems, code))
    assert crumbs[2][2] == escape(title_in(esaram, code))
    # Only the last one is the current page.
    assert [' aria-current="page"' in attrs for _href, attrs, _text in crumbs] == [
        False,
        False,
        True,
    ]
    if code == "en":
        assert crumbs[0][2] == home_label


def test_the_home_page_has_no_breadcrumbs(client, demo_site):
    assert not BREADCRUMBS.findall(client.get("/ko/").content.decode())


def test_the_search_page_sits_under_the_home_page(client, demo_site):
    html = client.get("/ko/search/", {"q": "e-Saram"}).content.decode()
    (trail,) = BREADCRUMBS.findall(html)
    crumbs = links(trail)
    assert [href for href, _attrs, _text in crumbs] == ["/ko/", "/ko/search/?q=e-Saram"]
    assert ' aria-current="page"' in crumbs[1][1]
    assert crumbs[1][2] == "검색"


def test_the_main_menu_marks_the_section_the_reader_is_in(client, demo_site):
    systems = StandardPage.objects.get(slug_en="systems-we-share")
    esaram = StandardPage.objects.get(slug_en="e-saram")
    about = StandardPage.objects.get(slug_en="about-the-ministry")

    def marks(page):
        (menu,) = MAIN_MENU.findall(client.get(url_in(page, "es")).content.decode())
        return {
            href: re.search(r'aria-current="(\w+)"', attrs).group(1)
            for href, attrs, _text in links(menu)
            if "aria-current" in attrs
        }

    assert marks(esaram) == {url_in(systems, "es"): "true"}
    assert marks(systems) == {url_in(systems, "es"): "page"}
    assert marks(about) == {url_in(about, "es"): "page"}
    assert marks(demo_site) == {}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_section_page_lists_its_children_with_their_summaries(client, demo_site, code):
    systems = StandardPage.objects.get(slug_en="systems-we-share")
    html = client.get(url_in(systems, code)).content.decode()
    listing = html.split('class="child-list"', 1)[1].split("</ul>", 1)[0]
    children = list(systems.get_children().live().specific())
    assert len(children) == 2
    with translation.override(code):
        for child in children:
            assert f'<a href="{child.get_url()}">{escape(child.title)}</a>' in listing
            assert escape(child.intro) in listing


def test_a_draft_child_is_not_listed(client, demo_site):
    systems = StandardPage.objects.get(slug_en="systems-we-share")
    draft = StandardPageFactory(parent=systems, title="Draft system", live=False)
    html = client.get(url_in(systems, "en")).content.decode()
    assert "Draft system" not in html
    assert draft.get_url() not in html


def test_fallback_content_is_marked_as_english_inside_a_spanish_page(client, demo_site):
    page = StandardPageFactory(parent=demo_site, title="Only in English", intro="English words.")
    html = client.get(url_in(page, "es")).content.decode()
    assert '<html lang="es">' in html
    assert '<title lang="en">Only in English' in html
    content = html.split('<div class="page-content" lang="en">', 1)[1]
    assert "<h1>Only in English</h1>" in content
    assert "English words." in content
    # The notice is in the reader's language, outside the English part.
    notice = html.split('data-testid="fallback-notice"', 1)[1]
    assert notice.index("</p>") < notice.index('class="page-content"')
    translated = client.get("/es/").content.decode()
    assert '<div class="page-content">' in translated


@pytest.mark.parametrize("path", ["//other.host/x", "/en//other.host/x", "/\\other.host/x"])
def test_a_404_for_a_host_looking_path_links_only_to_this_host(client, demo_site, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    html = response.content.decode()
    targets = re.findall(r'(?:href|content)="([^"]*)"', html)
    assert targets
    for target in targets:
        assert not target.startswith(("//", "/\\", "http://other", "https://other")), target
        assert target.startswith(("/", "http://testserver/")) or "://" not in target, target
    assert 'rel="canonical"' not in html
    assert 'hreflang="' not in html.split("</head>")[0]
    switcher = html.split('aria-label="Language"', 1)[1].split("</nav>", 1)[0]
    hrefs = [href for href, _a, _t in links(switcher)]
    assert len(hrefs) == len(LANGUAGES) - 1
    for href, code in zip(hrefs, [code for code in LANGUAGES if code != "en"], strict=True):
        assert href.startswith(f"/{code}/") and href.endswith("other.host/x"), href


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_wrong_address_gets_the_sites_404_in_the_readers_language(client, demo_site, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    with translation.override(code):
        assert f"<h1>{escape(translation.gettext('Page not found'))}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "URLconf" not in html and "Using the URLconf" not in html
    # Switching language keeps the reader on the same (missing) address.
    assert 'href="/ko/no-such-page/"' in html or code == "ko"


@pytest.mark.parametrize(
    ("path", "code", "heading"),
    [
        ("/ko/news/", "ko", "죄송합니다. 포털에 문제가 생겼습니다"),
        ("/es/anything/", "es", "Lo sentimos, el portal tiene un problema"),
        ("/ru/", "ru", "Извините, на портале произошла ошибка"),
        ("/admin/", "en", "Sorry, there is a problem with the portal"),
    ],
)
def test_the_500_page_needs_no_database_and_speaks_the_urls_language(path, code, heading):
    # No `db` fixture: any query here would raise, as it does when the database is down.
    response = server_error(RequestFactory().get(path))
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert f"<h1>{heading}</h1>" in html
    # The other three languages are there too, each marked with its language.
    assert len(re.findall(r'<li lang="(en|ko|es|ru)">', html)) == 3
    assert 'href="/static/portal/css/site.css"' in html


def test_a_failing_page_answers_with_the_500_page_in_its_language(demo_site, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr(StandardPage, "get_context", broken)
    client = Client(raise_request_exception=False)
    about = StandardPage.objects.get(slug_en="about-the-ministry")
    response = client.get(url_in(about, "ko"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "<h1>죄송합니다. 포털에 문제가 생겼습니다</h1>" in html


@pytest.mark.parametrize(
    "path", ["/en/search/?q=e-Saram", "/robots.txt", "/ko/news/", "/ko/news/feed/", "/es/"]
)
def test_head_answers_like_get(client, demo_site, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_has_a_footer_with_contact_privacy_and_accessibility(client, demo_site, code):
    links_setting = FooterLinks.objects.get()
    expected = [
        links_setting.contact_page.specific,
        links_setting.privacy_page.specific,
        links_setting.accessibility_page.specific,
    ]
    assert [page.slug_en for page in expected] == ["contact", "privacy", "accessibility"]
    for path in ["/", "about-the-ministry/", "search/", "news/", "no-such-page/"]:
        html = client.get(f"/{code}/{path.lstrip('/')}").content.decode()
        footer = html.split('<footer class="site-footer">', 1)[1]
        hrefs = [href for href, _a, _t in links(footer)]
        for page in expected:
            assert url_in(page, code) in hrefs, (path, page.slug_en)
            assert client.get(url_in(page, code)).status_code == 200


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_contact_page_gives_email_post_telephone_and_hours(client, demo_site, code):
    contact = StandardPage.objects.get(slug_en="contact")
    html = client.get(url_in(contact, code)).content.decode()
    assert 'href="mailto:intl-cooperation@mpm.example"' in html
    assert 'href="tel:+82440000000"' in html
    assert "30102" in html  # the postcode of the postal address
    assert "UTC+9" in html  # office hours say in which time zone


def test_every_page_links_a_favicon_and_the_ico_address_finds_it(client, demo_site):
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/portal/favicon.svg"
    assert client.get(response["Location"]).status_code == 200


def test_a_missing_static_file_is_a_404_not_a_500(client, db):
    response = client.get("/static/portal/css/no-such-file.css")
    assert response.status_code == 404


def test_the_figures_draw_their_data_to_scale():
    """The bar chart's bars stand in the ratio of the numbers its caption gives (64 and 207)."""
    import io

    import yaml
    from PIL import Image

    from portal.demo.figures import draw_figure
    from portal.demo.loader import demo_folders

    specs = yaml.safe_load((demo_folders()[0] / "images.yaml").read_text(encoding="utf-8"))
    spec = specs["open-recruitment"]
    picture = Image.open(io.BytesIO(draw_figure(spec))).convert("RGB")
    width, height = picture.size
    white = (255, 255, 255)

    def bar_height(x):
        # Coloured pixels in one column, ignoring the one-pixel gridlines and the baseline.
        column = [picture.getpixel((x, y)) for y in range(height)]
        return sum(1 for pixel in column if pixel != white and max(pixel) - min(pixel) > 40)

    heights = [bar_height(round(width * share)) for share in (0.3, 0.7)]
    low, high = spec["values"]
    assert abs(heights[0] / heights[1] - low / high) < 0.02


def test_every_figure_has_a_caption_in_every_language():
    """No words are drawn into the pictures, so each page carries them, per language."""
    import yaml

    from portal.demo.loader import demo_folders

    figures = 0
    for path in sorted((demo_folders()[0] / "pages").glob("*.yaml")):
        body = yaml.safe_load(path.read_text(encoding="utf-8")).get("body", {})
        per_language = {
            code: [block["figure"] for block in body.get(code, []) if "figure" in block]
            for code in LANGUAGES
        }
        counts = {code: len(found) for code, found in per_language.items()}
        assert len(set(counts.values())) == 1, (path.name, counts)
        for found in per_language.values():
            figures += len(found)
            assert all(figure["caption"].strip() for figure in found), path.name
    assert figures >= 4 * len(LANGUAGES)
