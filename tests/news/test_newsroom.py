"""A foreign reader browses the newsroom: list, filters, search, a release, bad input."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.html import escape

from portal.news.factories import NewsCategoryFactory, NewsPageFactory, attach
from portal.news.models import NEWS_PAGE_SIZE, NewsPageRelatedPage, PageViewCount
from portal.news.services import count_download


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def release_titles(html):
    return re.findall(r'class="release-item__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def releases(newsroom):
    events = NewsCategoryFactory(slug="events", name="Events", name_ko="행사")
    policy = NewsCategoryFactory(slug="policy", name="Policy")
    webinar = NewsPageFactory(
        parent=newsroom,
        title="Webinar with the IDB",
        title_ko="미주개발은행 웨비나",
        slug_ko="웨비나",
        intro_ko="한국어 요약입니다.",
        writer="Administrator",
        writer_ko="관리자",
        date=datetime.date(2020, 10, 27),
        category=events,
    )
    recruitment = NewsPageFactory(
        parent=newsroom,
        title="Open recruitment results",
        date=datetime.date(2020, 11, 19),
        category=policy,
    )
    proactive = NewsPageFactory(
        parent=newsroom,
        title="Proactive public service",
        date=datetime.date(2019, 8, 20),
        category=policy,
    )
    PageViewCount.objects.create(page=webinar, count=1070)
    return {"webinar": webinar, "recruitment": recruitment, "proactive": proactive}


def test_list_shows_releases_newest_first_with_writer_date_hits_and_languages(
    client, newsroom, releases
):
    pdf = attach(releases["webinar"], language="en")
    for _ in range(14):
        count_download(pdf.document_id)
    html = client.get(url_in(newsroom, "en")).content.decode()
    assert release_titles(html) == [
        "Open recruitment results",
        "Webinar with the IDB",
        "Proactive public service",
    ]
    assert "Administrator" in html
    assert '<time datetime="2020-10-27">' in html
    assert "1,070 views" in html
    assert "14 downloads" in html
    assert ">PDF<" in html
    assert re.search(r'class="badge[^"]*" href="/ko/news/[^"]+" hreflang="ko" lang="ko"', html)
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_list_in_korean_shows_korean_titles_and_falls_back_to_english(client, newsroom, releases):
    html = client.get(url_in(newsroom, "ko")).content.decode()
    assert "미주개발은행 웨비나" in html
    assert "관리자" in html
    assert "Open recruitment results" in html  # not translated yet: shown in English


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2019"}, ["Proactive public service"]),
        ({"category": "events"}, ["Webinar with the IDB"]),
        ({"year": "2020", "category": "policy"}, ["Open recruitment results"]),
        ({"q": "IDB"}, ["Webinar with the IDB"]),
        ({"q": "recruitment", "year": "2020"}, ["Open recruitment results"]),
    ],
)
def test_filters_and_search_narrow_the_list(client, newsroom, releases, params, expected):
    response = client.get(url_in(newsroom, "en"), params)
    assert response.status_code == 200
    assert release_titles(response.content.decode()) == expected


def test_search_in_korean_finds_the_korean_text(client, newsroom, releases):
    html = client.get(url_in(newsroom, "ko"), {"q": "웨비나"}).content.decode()
    assert release_titles(html) == ["미주개발은행 웨비나"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"year": "1999"}, 404),
        ({"year": "abc"}, 404),
        ({"year": "-2020"}, 404),
        ({"category": "no-such-category"}, 404),
        ({"page": "abc"}, 200),
        ({"page": "-1"}, 200),
        ({"page": "0"}, 200),
        ({"page": "999999"}, 200),
        ({"page": "9" * 40}, 200),
        ({"q": "x" * 2000}, 200),
        ({"q": "<script>alert(1)</script>"}, 200),
        ({"q": "\x00"}, 200),
    ],
)
def test_bad_input_gives_a_clean_page_or_a_404(client, newsroom, releases, params, status):
    response = client.get(url_in(newsroom, "en"), params)
    assert response.status_code == status
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert '<html lang="en">' in html


def test_list_is_paginated_and_keeps_filters_in_page_links(client, newsroom):
    for number in range(NEWS_PAGE_SIZE + 2):
        NewsPageFactory(parent=newsroom, date=datetime.date(2021, 1, 1 + number))
    first = client.get(url_in(newsroom, "en"), {"year": "2021"}).content.decode()
    assert len(release_titles(first)) == NEWS_PAGE_SIZE
    assert 'href="?year=2021&amp;page=2" rel="next"' in first
    second = client.get(url_in(newsroom, "en"), {"year": "2021", "page": "2"}).content.decode()
    assert len(release_titles(second)) == 2
    assert "Page 2 of 2" in second


def test_release_page_shows_everything_a_reader_needs(client, newsroom, releases, home):
    webinar = releases["webinar"]
    english = attach(webinar, language="en")
    attach(webinar, language="ko")
    for _ in range(3):
        count_download(english.document_id)
    NewsPageRelatedPage.objects.create(page=webinar, target=home)
    response = client.get(url_in(webinar, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Webinar with the IDB</h1>" in html
    assert "Writer:</span> Administrator" in html
    assert "1,070 views" in html
    assert english.document.title in html
    assert re.search(r"PDF · 31\sbytes · English", html)
    assert "3 downloads" in html
    assert f'href="{english.document.url}" download' in html
    assert f'href="{english.document.url}" target="_blank"' in html
    assert ">Open in browser<" in html
    # the reader's language comes first
    assert html.index('data-language="en"') < html.index('data-language="ko"')
    assert 'id="related-heading"' in html and f'href="{home.url}"' in html
    # previous is older, next is newer
    assert re.search(
        r'rel="prev"><span[^>]*>Previous release</span> Proactive public service', html
    )
    assert re.search(r'rel="next"><span[^>]*>Next release</span> Open recruitment results', html)
    assert f'data-news-seen="/en/news/seen/{webinar.pk}/"' in html


def test_release_shares_well_with_description_canonical_and_open_graph(client, releases):
    webinar = releases["webinar"]
    html = client.get(url_in(webinar, "ko")).content.decode()
    assert '<meta name="description" content="한국어 요약입니다.">' in html
    canonical = f"http://testserver{url_in(webinar, 'ko')}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="미주개발은행 웨비나">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:locale" content="ko_KR">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta name="twitter:description" content="한국어 요약입니다.">' in html
    assert '<meta property="article:published_time" content="2020-10-27">' in html


def test_titles_and_text_are_escaped(client, newsroom):
    release = NewsPageFactory(
        parent=newsroom, title="<script>alert('t')</script>", intro="<b>bold</b> & co"
    )
    for url in (url_in(newsroom, "en"), url_in(release, "en")):
        html = client.get(url).content.decode()
        assert "<script>alert('t')</script>" not in html
        assert escape("<script>alert('t')</script>") in html
        assert "<b>bold</b>" not in html


def test_draft_release_is_not_listed_or_served(client, newsroom, releases):
    draft = NewsPageFactory(parent=newsroom, title="Not yet public", live=False)
    assert "Not yet public" not in client.get(url_in(newsroom, "en")).content.decode()
    assert client.get(url_in(draft, "en")).status_code == 404
