"""A delegation browses the case library: facets, counts, combinations, sort, pages, bad input."""

import re

import pytest
from django.utils.html import escape

from cases.factories import CaseStudyPageFactory, SystemFactory, ThemeFactory
from cases.models import CASES_PER_PAGE
from portal.factories import PartnerOrganisationFactory
from portal.news.models import PageViewCount
from tests.cases.conftest import url_in


def card_titles(html):
    return re.findall(r'class="case-card__title" id="[^"]+"><a href="[^"]+">([^<]+)</a>', html)


def facet_count(html, facet, value):
    """The count shown beside one facet value."""
    match = re.search(
        rf'name="{facet}" value="{re.escape(value)}"[^>]*>\s*<label[^>]*>[^<]*'
        r'<span class="facet__count"[^>]*><span class="visually-hidden">\(</span>(\d+)',
        html,
    )
    assert match, f"no facet {facet}={value}"
    return int(match.group(1))


@pytest.fixture
def taxonomy(db):
    return {
        "digital": ThemeFactory(slug="digital-hrm", name="Digital HR management", name_ko="디지털"),
        "covid": ThemeFactory(slug="covid-19", name="COVID-19 response"),
        "ethics": ThemeFactory(slug="ethics", name="Ethics"),
        "esaram": SystemFactory(slug="e-saram", name="e-Saram"),
        "elearning": SystemFactory(slug="e-learning", name="E-learning platform"),
    }


@pytest.fixture
def cases(library, taxonomy):
    idb = PartnerOrganisationFactory(acronym="IDB", name="Inter-American Development Bank")
    hub = PartnerOrganisationFactory(acronym="ACSH", name="Astana Civil Service Hub")
    t = taxonomy
    return {
        "esaram": CaseStudyPageFactory(
            parent=library,
            title="e-Saram, the electronic HR system",
            title_ko="전자인사관리시스템 e-사람",
            slug_ko="e-사람",
            year=2020,
            themes=[t["digital"]],
            systems=[t["esaram"]],
            partners=[idb],
            countries=["UY", "DO"],
        ),
        "covid": CaseStudyPageFactory(
            parent=library,
            title="Training online during COVID-19",
            year=2021,
            themes=[t["covid"], t["digital"]],
            systems=[t["elearning"]],
            partners=[hub],
            countries=["MN", "UA"],
        ),
        "ethics": CaseStudyPageFactory(
            parent=library,
            title="Proactive administration",
            title_ko="적극행정",
            slug_ko="적극행정",
            year=2019,
            themes=[t["ethics"]],
            countries=["UY"],
        ),
    }


def test_library_lists_cases_newest_first_with_facets_and_counts(client, library, cases):
    html = client.get(url_in(library, "en")).content.decode()
    assert card_titles(html) == [
        "Training online during COVID-19",
        "e-Saram, the electronic HR system",
        "Proactive administration",
    ]
    assert "3 case studies" in html
    assert facet_count(html, "theme", "digital-hrm") == 2
    assert facet_count(html, "theme", "ethics") == 1
    assert facet_count(html, "system", "e-saram") == 1
    assert facet_count(html, "country", "UY") == 2
    assert facet_count(html, "year", "2021") == 1
    partner = cases["esaram"].partners.get()
    assert facet_count(html, "partner", str(partner.pk)) == 1
    assert "Uruguay" in html and "Inter-American Development Bank" in html
    # Each card: year, summary, themes and systems as filter links, language badges, a checkbox.
    assert 'href="/en/cases/?theme=digital-hrm"' in html
    assert 'href="/en/cases/?system=e-saram"' in html
    korean = url_in(cases["esaram"], "ko")
    assert re.search(rf'class="badge[^"]*" href="{korean}" hreflang="ko"', html)
    assert f'name="page" value="{cases["ethics"].pk}"' in html
    assert "Build a briefing pack from the selected" in html


def test_briefing_form_sits_beside_the_filter_form_never_inside_it(client, library, cases):
    html = client.get(url_in(library, "en")).content.decode()
    forms = re.findall(r"<form\b[^>]*>|</form>", html)
    # Header search, filters, briefing pack: three forms, each closed before the next opens.
    opened = 0
    for tag in forms:
        opened += 1 if tag.startswith("<form") else -1
        assert opened in (0, 1)
    assert 'action="/en/library/briefing/"' in html


def test_facets_combine_and_count_among_the_other_facets(client, library, cases):
    url = url_in(library, "en")
    html = client.get(url, {"theme": "digital-hrm"}).content.decode()
    assert card_titles(html) == [
        "Training online during COVID-19",
        "e-Saram, the electronic HR system",
    ]
    # Theme counts ignore the theme filter itself; other facets count within it.
    assert facet_count(html, "theme", "ethics") == 1
    assert facet_count(html, "country", "UY") == 1
    assert facet_count(html, "year", "2019") == 0

    html = client.get(url, {"theme": "digital-hrm", "country": "UY"}).content.decode()
    assert card_titles(html) == ["e-Saram, the electronic HR system"]

    # Several values of one facet are alternatives.
    html = client.get(url, {"theme": ["ethics", "covid-19"]}).content.decode()
    assert card_titles(html) == ["Training online during COVID-19", "Proactive administration"]
    assert 'value="ethics" checked' in html and 'value="covid-19" checked' in html

    html = client.get(url, {"system": "e-saram", "year": "2019"}).content.decode()
    assert card_titles(html) == []
    assert "No case study matches" in html


def test_active_filters_can_be_removed_one_by_one(client, library, cases):
    html = client.get(url_in(library, "en"), {"theme": "digital-hrm", "year": "2020"}).content
    html = html.decode()
    assert 'href="?year=2020"' in html  # removing the theme keeps the year
    assert 'href="?theme=digital-hrm"' in html


def test_available_in_my_language_keeps_cases_written_in_it(client, library, cases):
    html = client.get(url_in(library, "ko")).content.decode()
    assert facet_count(html, "translated", "1") == 2
    assert "전자인사관리시스템 e-사람" in html
    # An untranslated case is listed in English, marked as English.
    assert re.search(r'class="case-card" data-testid="case-card" lang="en"', html)
    html = client.get(url_in(library, "ko"), {"translated": "1"}).content.decode()
    assert card_titles(html) == ["전자인사관리시스템 e-사람", "적극행정"]
    # The language facet counts too: two of the digital-HRM cases? Only one is in Korean.
    html = client.get(url_in(library, "ko"), {"theme": "digital-hrm"}).content.decode()
    assert facet_count(html, "translated", "1") == 1
    # In English every case is available: no such filter.
    assert 'name="translated"' not in client.get(url_in(library, "en")).content.decode()


def test_sort_by_most_viewed(client, library, cases):
    PageViewCount.objects.create(page=cases["ethics"], count=500)
    PageViewCount.objects.create(page=cases["esaram"], count=20)
    html = client.get(url_in(library, "en"), {"sort": "views"}).content.decode()
    assert card_titles(html) == [
        "Proactive administration",
        "e-Saram, the electronic HR system",
        "Training online during COVID-19",
    ]
    assert "500 views" in html
    assert '<option value="views" selected>' in html


def test_pagination_keeps_the_filters(client, library, taxonomy):
    for number in range(CASES_PER_PAGE + 3):
        CaseStudyPageFactory(
            parent=library, title=f"Digital case {number:02d}", themes=[taxonomy["digital"]]
        )
    CaseStudyPageFactory(parent=library, title="Ethics case", themes=[taxonomy["ethics"]])
    url = url_in(library, "en")
    html = client.get(url, {"theme": "digital-hrm"}).content.decode()
    assert len(card_titles(html)) == CASES_PER_PAGE
    assert "Page 1 of 2" in html
    assert 'href="?theme=digital-hrm&amp;page=2" rel="next"' in html
    html = client.get(url, {"theme": "digital-hrm", "page": "2"}).content.decode()
    assert len(card_titles(html)) == 3
    assert "Ethics case" not in html


@pytest.mark.parametrize(
    ("params", "expected_page"),
    [
        ({"page": "abc"}, "Page 1 of 2"),
        ({"page": "0"}, "Page 1 of 2"),
        ({"page": "-3"}, "Page 1 of 2"),
        ({"page": "99999"}, "Page 2 of 2"),
        ({"page": "9" * 400}, "Page 2 of 2"),
    ],
)
def test_bad_page_numbers_show_the_first_or_last_page(client, library, params, expected_page):
    for number in range(CASES_PER_PAGE + 1):
        CaseStudyPageFactory(parent=library, title=f"Case {number}")
    response = client.get(url_in(library, "en"), params)
    assert response.status_code == 200
    assert expected_page in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"system": "<script>alert(1)</script>"},
        {"partner": "abc"},
        {"partner": "999999"},
        {"country": "ZZ"},
        {"year": "1850"},
        {"year": "2020' OR 1=1 --"},
        {"sort": "drop table"},
        {"sort": "<b>views</b>"},
        {"translated": "<i>yes</i>"},
        {"theme": "x" * 5000},
    ],
)
def test_unknown_facet_values_and_sort_keys_are_ignored(client, library, cases, params):
    response = client.get(url_in(library, "ko"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(card_titles(html)) == 3
    for value in params.values():
        assert value not in html or value == escape(value)
    assert "<script>alert(1)</script>" not in html
    assert "<b>views</b>" not in html


def test_html_in_a_known_looking_parameter_is_escaped_in_links(client, library, cases):
    html = client.get(
        url_in(library, "en"), {"theme": "digital-hrm", "q": '"><script>x()</script>'}
    ).content.decode()
    assert "<script>x()</script>" not in html


def test_filter_form_works_without_javascript(client, library, cases):
    html = client.get(url_in(library, "en")).content.decode()
    form = re.search(r'<form class="library-facets__form" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/en/cases/"
    assert '<button type="submit">Show case studies</button>' in html


def test_drafts_and_private_cases_are_neither_listed_nor_counted(client, library, cases, taxonomy):
    from wagtail.models import PageViewRestriction

    CaseStudyPageFactory(
        parent=library, title="Draft case", live=False, themes=[taxonomy["ethics"]]
    )
    private = CaseStudyPageFactory(
        parent=library, title="Private case", themes=[taxonomy["ethics"]]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(url_in(library, "en")).content.decode()
    assert "Draft case" not in html and "Private case" not in html
    assert facet_count(html, "theme", "ethics") == 1
    assert "3 case studies" in html


def _make_cases(library, taxonomy, count):
    partner = PartnerOrganisationFactory()
    for number in range(count):
        CaseStudyPageFactory(
            parent=library,
            title=f"Case {number}",
            title_ko=f"사례 {number}",
            year=2000 + number % 20,
            themes=[taxonomy["digital"], taxonomy["covid"]],
            systems=[taxonomy["esaram"]],
            partners=[partner],
            countries=["UY", "MN"],
        )


@pytest.mark.parametrize("count", [3, 20])
def test_listing_queries_do_not_grow_with_the_cases_shown(
    client, library, taxonomy, django_assert_max_num_queries, count
):
    _make_cases(library, taxonomy, count)
    url = url_in(library, "ko")
    client.get(url)  # warm the site-root cache, as any running site has it
    with django_assert_max_num_queries(25):
        response = client.get(url, {"theme": "digital-hrm", "sort": "views"})
    assert response.status_code == 200


def test_staff_edit_themes_and_systems_as_snippets(admin_client, taxonomy):
    response = admin_client.get("/admin/snippets/cases/theme/")
    assert response.status_code == 200
    assert "Digital HR management" in response.content.decode()
    assert admin_client.get("/admin/snippets/cases/system/").status_code == 200
    assert "Case library" in admin_client.get("/admin/").content.decode()
