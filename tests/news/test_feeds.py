"""Each language has its own RSS 2.0 and Atom feed that a standard feed parser reads cleanly."""

import datetime

import feedparser
import pytest
from django.utils import translation

from portal.news.factories import NewsPageFactory

LANGUAGES = ["en", "ko", "es", "ru"]


@pytest.fixture
def translated_releases(newsroom):
    older = NewsPageFactory(
        parent=newsroom,
        date=datetime.date(2020, 10, 27),
        title="Webinar with the IDB",
        title_ko="미주개발은행과 웨비나 개최",
        title_es="Seminario web con el BID",
        title_ru="Вебинар с МБР",
        slug_ko="웨비나",
        slug_es="seminario",
        slug_ru="вебинар",
        intro="English summary & more.",
        intro_ko="한국어 요약입니다.",
        intro_es="Resumen en español.",
        intro_ru="Краткое содержание.",
    )
    newer = NewsPageFactory(parent=newsroom, date=datetime.date(2021, 5, 12), title="Only English")
    return older, newer


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize(("path", "version"), [("feed/", "rss20"), ("feed/atom/", "atom10")])
def test_feed_is_valid_and_in_the_readers_language(
    client, translated_releases, code, path, version
):
    older, _newer = translated_releases
    response = client.get(f"/{code}/news/{path}")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert parsed.feed.get("language") == code
    titles = [entry.title for entry in parsed.entries]
    with translation.override(code):
        assert titles == ["Only English", older.title]
        assert parsed.entries[1].summary == older.intro
        assert parsed.entries[1].link == f"http://testserver{older.get_url()}"
        assert parsed.feed.title.startswith(older.get_parent().title)
    assert parsed.entries[1].published_parsed[:3] == (2020, 10, 27)


def test_feed_leaves_out_drafts(client, translated_releases, newsroom):
    NewsPageFactory(parent=newsroom, title="Draft release", live=False)
    parsed = feedparser.parse(client.get("/en/news/feed/").content)
    assert "Draft release" not in [entry.title for entry in parsed.entries]


def test_feed_without_a_newsroom_is_a_404(client, home):
    assert client.get("/en/news/feed/").status_code == 404
