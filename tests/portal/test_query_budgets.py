"""Query budgets of the uncached public pages (issue 13: fast public pages).

Each page type, rendered by Django with the page cache off, stays within the number of
database queries it makes today; a listing makes as many with three items as with fifteen.
Every count is taken on the second of two GETs: a running site has its renditions made and
its root paths cached, and only then is a page's own work what is measured.
"""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cases.factories import (
    CaseIndexPageFactory,
    CaseStudyPageFactory,
    SystemFactory,
    ThemeFactory,
)
from cases.factories import attach as attach_to_case
from cases.models import CASES_PER_PAGE, CaseIndexPage, CaseStudyPage
from portal.factories import PartnerOrganisationFactory
from portal.models import HomePage, StandardPage
from portal.news.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from portal.news.factories import attach as attach_to_release
from portal.news.models import NEWS_PAGE_SIZE, NewsIndexPage, NewsPage, PageViewCount

# Queries per page type, the same in every language; raise one only with a reason.
BUDGETS = {
    HomePage: 16,
    StandardPage: 11,
    NewsPage: 18,
    NewsIndexPage: 15,
    CaseIndexPage: 19,
    CaseStudyPage: 20,
}
FEW, MANY = 3, 15


@pytest.fixture(scope="class")
def demo_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for a class of tests and rolled back after its last."""
    from portal.demo import load_demo_content

    media = str(tmp_path_factory.mktemp("demo-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        load_demo_content()
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # Django renders every page; nothing is stored or served


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def second_get(client, url):
    """The HTML and the number of queries of the second GET of `url` (the first warms up)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def counted(html, testid):
    """The number a count line (`data-testid`) shows, in whatever language it is written."""
    return int(re.search(rf'data-testid="{testid}">\D*(\d+)', html).group(1))


class TestDemoPages:
    """Every page type of the demo, in English and Korean."""

    @pytest.mark.parametrize("code", ["en", "ko"])
    @pytest.mark.parametrize("model", list(BUDGETS), ids=lambda model: model.__name__)
    def test_stays_within_its_query_budget(
        self, client, db, demo_media, settings, uncached, django_assert_max_num_queries, model, code
    ):
        settings.MEDIA_ROOT = demo_media
        page = model.objects.live().order_by("path").first()
        url = url_in(page, code)
        client.get(url)  # renditions made, root paths cached, as on any running site
        with django_assert_max_num_queries(BUDGETS[model]):
            response = client.get(url)
        assert response.status_code == 200
        with translation.override(code):
            assert page.title in response.content.decode()


def _releases(newsroom, count):
    categories = [NewsCategoryFactory(), NewsCategoryFactory()]
    for number in range(count):
        release = NewsPageFactory(
            parent=newsroom,
            title_ko=f"보도자료 {number}",
            date=datetime.date(2020 + number % 3, 1 + number % 12, 1),
            category=categories[number % 2],
        )
        attach_to_release(release, language=("", "en", "ko")[number % 3])
        PageViewCount.objects.create(page=release, count=number)


def _cases(library, count):
    themes = [ThemeFactory(), ThemeFactory()]
    systems = [SystemFactory(), SystemFactory()]
    partner = PartnerOrganisationFactory()
    for number in range(count):
        case = CaseStudyPageFactory(
            parent=library,
            title_ko=f"사례 {number}",
            year=2015 + number % 6,
            themes=themes[: 1 + number % 2],
            systems=[systems[number % 2]],
            partners=[partner],
            countries=["UY", "MN"][: 1 + number % 2],
        )
        attach_to_case(case, language="ko" if number % 2 else "")
        PageViewCount.objects.create(page=case, count=number)


# A listing, how to fill it, the element counting its items, and what marks one shown item.
LISTINGS = {
    "newsroom": (
        NewsIndexPageFactory,
        _releases,
        "news-count",
        'class="release-item"',
        NEWS_PAGE_SIZE,
    ),
    "case library": (
        CaseIndexPageFactory,
        _cases,
        "case-count",
        'data-testid="case-card"',
        CASES_PER_PAGE,
    ),
}


@pytest.mark.parametrize("code", ["en", "ko"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_makes_as_many_queries_for_fifteen_items_as_for_three(
    client, home, uncached, code, listing
):
    factory, fill, count_id, item_marker, page_size = LISTINGS[listing]
    index = factory(parent=home)
    fill(index, FEW)
    html, few = second_get(client, url_in(index, code))
    assert counted(html, count_id) == FEW
    fill(index, MANY - FEW)
    html, many = second_get(client, url_in(index, code))
    assert counted(html, count_id) == MANY
    assert html.count(item_marker) == page_size
    assert many == few
