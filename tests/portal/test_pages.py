import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Page, Revision

from portal.factories import StandardPageFactory
from portal.models import HomePage, PartnerOrganisation, StandardPage
from tests.conftest import LANGUAGES

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">')


def public_pages():
    return Page.objects.live().public().filter(depth__gt=1).specific()


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_demo_page_answers_in_every_language(client, demo_site, code):
    pages = list(public_pages())
    assert len(pages) >= 7
    for page in pages:
        url = url_in(page, code)
        assert url.startswith(f"/{code}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        # A page links the languages it is written in; the others show English with a notice.
        alternates = dict(HREFLANG.findall(html))
        assert set(alternates) == {*page.available_languages(), "x-default"}, url
        assert alternates["x-default"] == alternates["en"]
        with translation.override(code):
            assert f"<h1>{escape(page.title)}</h1>" in html
        assert ('data-testid="fallback-notice"' in html) == (not page.is_translated(code)), url


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("ko-KR,ko;q=0.9,en;q=0.5", "/ko/"),
        ("es-UY,es;q=0.8", "/es/"),
        ("ru", "/ru/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_lands_on_the_browsers_language(client, demo_site, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_links_the_same_page_with_translated_slugs(client, demo_site):
    about = StandardPage.objects.get(slug_en="about-the-ministry")
    html = client.get(url_in(about, "en")).content.decode()
    for code in ["ko", "es", "ru"]:
        assert f'href="{url_in(about, code)}" hreflang="{code}"' in html
    assert url_in(about, "es") != url_in(about, "en").replace("/en/", "/es/")


def test_missing_translation_shows_english_with_a_notice(client, demo_site):
    page = StandardPageFactory(parent=demo_site, title="Only in English", intro="English words.")
    response = client.get(url_in(page, "ko"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="fallback-notice"' in html
    assert "<h1>Only in English</h1>" in html
    assert "English words." in html
    alternates = dict(HREFLANG.findall(html))
    assert set(alternates) == {"en", "x-default"}
    english = client.get(url_in(page, "en")).content.decode()
    assert 'data-testid="fallback-notice"' not in english


def test_home_page_shows_purpose_partners_and_the_way_to_live_qa(client, demo_site):
    html = client.get("/es/").content.decode()
    with translation.override("es"):
        assert escape(demo_site.intro) in html
        for partner in PartnerOrganisation.objects.all():
            assert escape(partner.name) in html
    assert 'href="/es/live/"' in html


def test_sitemap_lists_every_page_in_every_language(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    for page in public_pages():
        for code in LANGUAGES:
            assert f"http://testserver{url_in(page, code)}" in locations
    assert 'hreflang="x-default"' in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_search_finds_pages_and_shows_them_in_the_current_language(client, demo_site):
    esaram = StandardPage.objects.get(slug_en="e-saram")
    response = client.get("/ko/search/", {"q": "e-Saram"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "<mark>Saram</mark>" in html
    html = re.sub(r"</?mark>", "", html)  # the matched words are highlighted
    with translation.override("ko"):
        assert escape(esaram.title) in html
        assert f'href="{esaram.get_url()}"' in html


def test_search_survives_odd_input(client, demo_site):
    for params in [
        {"q": "x" * 5000},
        {"q": "<script>alert(1)</script>"},
        {"q": "a", "page": "zz"},
        {"q": "a", "page": "999"},
        {"q": 'e-Saram "payroll'},  # an unbalanced quote is SQLite full-text syntax
        {"q": "e-Saram\x00"},  # NUL: PostgreSQL refuses it in a query
        {},
    ]:
        response = client.get("/en/search/", params)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_page_is_a_translated_404(client, demo_site):
    response = client.get("/ko/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ko">' in response.content.decode()


def test_demo_content_loads_twice_without_changing_anything(db, capsys):
    call_command("load_demo_content")
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        PartnerOrganisation.objects.count(),
        Document.objects.count(),
    )
    first = capsys.readouterr().out
    assert "password" in first
    call_command("load_demo_content")
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        PartnerOrganisation.objects.count(),
        Document.objects.count(),
    ) == counts
    assert HomePage.objects.count() == 1


META_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_demo_page_has_a_description_canonical_url_and_share_tags(client, demo_site, code):
    for page in public_pages():
        url = url_in(page, code)
        html = client.get(url).content.decode()
        descriptions = META_DESCRIPTION.findall(html)
        assert len(descriptions) == 1, url
        with translation.override(code):
            expected = page.meta_description()
        assert descriptions[0] == escape(expected), url
        assert 0 < len(expected) <= 160
        assert f'<link rel="canonical" href="http://testserver{url}">' in html
        assert f'<meta property="og:url" content="http://testserver{url}">' in html
        assert f'<meta property="og:description" content="{escape(expected)}">' in html
        assert '<meta name="twitter:card" content="summary">' in html
        with translation.override(code):
            assert f'<meta property="og:title" content="{escape(page.title)}">' in html


def test_meta_description_prefers_the_search_description_then_the_intro(client, demo_site):
    with translation.override("en"):
        page = StandardPageFactory(
            parent=demo_site, title="Described", intro="<b>Intro</b> text in English."
        )
    page.search_description_en = "What search engines show."
    page.intro_ko = "한국어 소개 문구입니다."
    page.save()
    english = client.get(url_in(page, "en")).content.decode()
    assert META_DESCRIPTION.findall(english) == ["What search engines show."]
    korean = client.get(url_in(page, "ko")).content.decode()
    assert META_DESCRIPTION.findall(korean) == ["한국어 소개 문구입니다."]
    page.search_description_ko = "검색 결과에 보이는 설명."
    page.save()
    korean = client.get(url_in(page, "ko")).content.decode()
    assert META_DESCRIPTION.findall(korean) == ["검색 결과에 보이는 설명."]


def test_pages_outside_the_page_tree_have_a_translated_description(client, demo_site):
    for path in ["/en/search/?q=e-Saram", "/ko/search/", "/es/live/"]:
        html = client.get(path).content.decode()
        assert len(META_DESCRIPTION.findall(html)) == 1, path


def test_demo_content_reads_every_registered_demo_folder():
    from portal.demo import demo_folders

    names = [(folder.parent.name, folder.name) for folder in demo_folders()]
    assert names[:2] == [("portal", "demo"), ("news", "demo")]


def test_each_language_keeps_its_own_alt_text_for_a_shared_figure(demo_site):
    """One image serves every language's figure; each language's block keeps its own words."""
    seen = 0
    for page in public_pages():
        for code in LANGUAGES:
            body = getattr(page, f"body_{code}", None)
            for raw in body.raw_data if body else []:
                if raw["type"] == "figure":
                    value = raw["value"]
                    assert value["image"]["alt_text"] == value["caption"], (page.url_path, code)
                    seen += 1
    assert seen >= 8
