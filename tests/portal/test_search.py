"""A foreign reader searches the portal in their language: Korean particles, Spanish and Russian
inflections, highlights, page kinds and bad input. Runs on SQLite and on PostgreSQL."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseIndexPage, CaseStudyPage
from portal.factories import StandardPageFactory
from portal.news.factories import NewsIndexPageFactory, NewsPageFactory
from portal.search import (
    highlight,
    index_text,
    query_terms,
    search_pages,
    snippet,
    terms_of,
)

# The analyser, on sentences of the kind the portal publishes --------------------------------


@pytest.mark.parametrize(
    ("code", "query", "text"),
    [
        ("ko", "공무원", "공무원의 인사 기록은 전자인사관리시스템에서 관리됩니다."),
        ("ko", "공무원", "코로나19 때 공무원들이 집에서 일했습니다."),
        ("ko", "인사혁신처", "인사혁신처가 2014년 11월 19일 문을 열었다."),
        ("ko", "공무원들의 재택근무", "재택근무를 하는 공무원이 늘었다."),
        ("ko", "e-Saram", "인사 기록은 e-Saram에서 관리한다."),
        ("ko", "개방형 채용", "민간 출신 관리자를 개방형으로 채용했다."),
        ("es", "funcionario", "Los funcionarios públicos aprenden en línea."),
        ("es", "gestiones públicas", "La gestión pública de recursos humanos."),
        ("ru", "служащий", "Обучение государственных служащих идёт онлайн."),
        ("ru", "системы", "Система e-Saram ведёт кадровый учёт."),
        ("en", "civil servant", "Civil servants moved to working from home."),
        ("es", "인사혁신처", "El Ministerio (인사혁신처가 lo dirige) publica casos."),
        ("ko", "служащих", "러시아어 자료: служащий 교육 과정"),
    ],
)
def test_a_query_reduces_to_terms_the_text_holds(code, query, text):
    assert query_terms(query, code)
    assert set(query_terms(query, code)) <= set(terms_of(text, code))


def test_korean_keeps_content_morphemes_and_drops_particles_and_endings():
    terms = terms_of("공무원들이 인사혁신처가 운영하는 e-Saram을 썼다.", "ko")
    assert terms == ["공무원", "인사", "혁신처", "운영", "e", "saram", "쓰다"]


def test_an_unrelated_korean_query_matches_nothing():
    assert not set(query_terms("공무원", "ko")) & set(terms_of("인사혁신처가 출범했다.", "ko"))
    assert not set(query_terms("날씨", "ko")) & set(terms_of("공무원들이 일한다", "ko"))


def test_a_query_of_particles_or_punctuation_has_no_terms():
    assert query_terms("!!! ... ---", "en") == []
    assert query_terms("「」 … ·", "ko") == []


def test_indexed_terms_carry_their_language():
    assert index_text("공무원들이", "ko") == "ko0공무원"
    assert index_text("Funcionarios", "es") == "es0funcionari"


def test_highlight_marks_the_whole_word_and_escapes_the_rest():
    html = str(highlight("<b>공무원들이</b> & 인사혁신처가", ["공무원"], "ko"))
    assert html == "&lt;b&gt;<mark>공무원들이</mark>&lt;/b&gt; &amp; 인사혁신처가"


def test_snippet_centres_on_the_matches_and_cuts_at_words():
    text = "Lorem ipsum dolor sit amet. " * 30 + "Los funcionarios públicos. " + "Fin. " * 60
    html, matched = snippet(text, query_terms("funcionario", "es"), "es")
    assert matched
    assert "<mark>funcionarios</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(re.sub(r"<[^>]+>", "", html)) < 260
    plain, matched = snippet("Nothing to see here.", ["funcionari"], "es")
    assert not matched
    assert str(plain) == "Nothing to see here."


# The search page ------------------------------------------------------------------------------


@pytest.fixture
def pages(home):
    library = home.add_child(
        instance=CaseIndexPage(title="Cases", title_en="Cases", slug="cases", slug_en="cases")
    )
    case = library.add_child(
        instance=CaseStudyPage(
            title="Digital HR records",
            title_en="Digital HR records",
            title_ko="전자 인사 기록",
            slug="digital-hr-records",
            slug_en="digital-hr-records",
            year=2012,
            intro="How the HR records moved to the cloud.",
            intro_en="How the HR records moved to the cloud.",
            intro_ko="인사 기록을 클라우드로 옮긴 사례입니다.",
            context_ko="<p>예전에는 <b>공무원의</b> 기록이 종이에 있었습니다.</p>",
        )
    )
    return {
        "case": case,
        "servants": StandardPageFactory(
            parent=home,
            title="Staff rules",
            title_ko="복무 규정",
            intro="Rules every official keeps.",
            intro_ko="모든 공무원들이 지켜야 할 규정입니다.",
        ),
        "ministry": StandardPageFactory(
            parent=home,
            title="The ministry",
            title_ko="부처 소개",
            intro="The ministry was launched in 2014.",
            intro_ko="인사혁신처가 2014년에 출범했습니다.",
        ),
        "weather": StandardPageFactory(
            parent=home,
            title="Weather",
            title_ko="날씨",
            intro="Unrelated.",
            intro_ko="내일은 맑겠습니다. 인사 담당자도 쉽니다.",
        ),
        "spanish": StandardPageFactory(
            parent=home,
            title="Training",
            title_es="Formación",
            intro="Training for officials.",
            intro_es="Los funcionarios públicos estudian en línea.",
        ),
        "russian": StandardPageFactory(
            parent=home,
            title="Learning",
            title_ru="Обучение",
            intro="Learning online.",
            intro_ru="Обучение государственных служащих идёт онлайн.",
        ),
        "english_only": StandardPageFactory(
            parent=home,
            title="Payroll automation",
            intro="Robots now prepare the payroll.",
        ),
    }


def result_titles(html):
    titles = re.findall(r'class="search-result__title"><a href="[^"]+"[^>]*>(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def search(client, code, **params):
    response = client.get(f"/{code}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_korean_noun_finds_pages_that_only_attach_particles_to_it(client, pages):
    html = search(client, "ko", q="공무원")
    assert sorted(result_titles(html)) == ["복무 규정", "전자 인사 기록"]
    assert "<mark>공무원들이</mark>" in html
    assert "<mark>공무원의</mark>" in html
    assert "2" in re.search(r'data-testid="search-count">([^<]+)', html)[1]


def test_the_ministrys_name_finds_it_with_a_subject_particle(client, pages):
    html = search(client, "ko", q="인사혁신처")
    assert result_titles(html) == ["부처 소개"]
    assert "<mark>인사혁신처가</mark>" in html


def test_a_korean_query_leaves_unrelated_pages_out(client, pages):
    assert "날씨" not in result_titles(search(client, "ko", q="공무원"))
    assert result_titles(search(client, "ko", q="날씨")) == ["날씨"]


def test_spanish_and_russian_find_inflected_forms(client, pages):
    html = search(client, "es", q="funcionario público")
    assert result_titles(html) == ["Formación"]
    assert "<mark>funcionarios</mark> <mark>públicos</mark>" in html
    html = search(client, "ru", q="служащий")
    assert result_titles(html) == ["Обучение"]
    assert "<mark>служащих</mark>" in html


def test_each_language_searches_its_own_text(client, pages):
    assert result_titles(search(client, "en", q="funcionario")) == []
    assert result_titles(search(client, "ko", q="служащий")) == []
    assert set(result_titles(search(client, "en", q="official"))) == {"Training", "Staff rules"}


def test_an_untranslated_page_is_found_by_its_english_text_and_marked_english(client, pages):
    html = search(client, "ko", q="payroll")
    assert result_titles(html) == ["Payroll automation"]
    assert re.search(r'<a href="/ko/[^"]+" lang="en"><mark>Payroll</mark> automation</a>', html)
    assert '<p class="search-result__passage" lang="en">' in html


def test_results_name_their_kind_and_can_be_narrowed_to_one(client, pages):
    html = search(client, "en", q="records")
    assert result_titles(html) == ["Digital HR records"]
    assert '<p class="search-result__type release-meta">Case study</p>' in html
    html = search(client, "en", q="rules official")
    assert '<p class="search-result__type release-meta">Standard page</p>' in html

    html = search(client, "ko", q="인사")
    assert set(result_titles(html)) == {"전자 인사 기록", "부처 소개", "날씨"}
    assert 'data-type="cases.casestudypage"' in html
    assert 'data-type="portal.standardpage"' in html
    narrowed = search(client, "ko", q="인사", type="cases.casestudypage")
    assert result_titles(narrowed) == ["전자 인사 기록"]
    assert 'aria-current="true" data-type="cases.casestudypage"' in narrowed
    assert set(result_titles(search(client, "ko", q="인사", type="no.such"))) == {
        "전자 인사 기록",
        "부처 소개",
        "날씨",
    }


def test_unpublished_and_private_pages_stay_out(client, pages):
    pages["servants"].unpublish()
    PageViewRestriction.objects.create(
        page=pages["ministry"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert result_titles(search(client, "ko", q="공무원")) == ["전자 인사 기록"]
    assert result_titles(search(client, "ko", q="인사혁신처")) == []


def test_the_number_of_queries_does_not_grow_with_the_results(client, home):
    for number in range(10):
        StandardPageFactory(parent=home, title=f"Payroll note {number}", intro="Payroll.")
    StandardPageFactory(parent=home, title="Robots", intro="Robots run the payroll.")
    search(client, "ko", q="warm")  # the site's own caches fill on the first request
    with CaptureQueriesContext(connection) as one:
        assert len(result_titles(search(client, "ko", q="robots"))) == 1
    with CaptureQueriesContext(connection) as ten:
        assert len(result_titles(search(client, "ko", q="payroll"))) == 10
    assert len(ten.captured_queries) <= len(one.captured_queries)


def test_results_are_paged_and_keep_the_query(client, home):
    for number in range(12):
        StandardPageFactory(parent=home, title=f"Payroll note {number}", intro="Payroll.")
    first = search(client, "en", q="payroll")
    assert len(result_titles(first)) == 10
    assert 'href="?q=payroll&amp;page=2" rel="next"' in first
    second = search(client, "en", q="payroll", page="2")
    assert len(result_titles(second)) == 2
    assert len(result_titles(search(client, "en", q="payroll", page="999"))) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"q": "공무원" * 500},
        {"q": "x" * 5000},
        {"q": "<script>alert(1)</script>"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": 'e-Saram "payroll'},
        {"q": "payroll OR 1=1 NOT x* NEAR(a b)"},
        {"q": "공무원\x00\x1b[31m"},
        {"q": "!!! ---"},
        {"q": "payroll", "page": "zz"},
        {"q": "payroll", "page": "-3"},
        {"q": "payroll", "type": "<b>"},
        {"type": "cases.casestudypage"},
        {},
    ],
)
def test_bad_input_gives_a_clean_page(client, pages, params):
    for code in ("en", "ko"):
        html = search(client, code, **params)
        assert "<script>alert(1)</script>" not in html
        assert "<b>" not in html.split("<main", 1)[-1]


def test_sql_like_words_are_only_words(client, pages):
    html = search(client, "en", q="payroll OR rules")
    assert result_titles(html) == []  # every word must match: OR is a word, not an operator
    assert result_titles(search(client, "en", q="payroll robots")) == ["Payroll automation"]


def test_the_newsroom_search_uses_the_same_analyser(client, home):
    newsroom = NewsIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=newsroom, title="Open recruitment", title_ko="개방형 채용", intro_ko="공무원들이"
    )
    NewsPageFactory(parent=newsroom, title="Weather", title_ko="날씨")
    with translation.override("ko"):
        url = newsroom.get_url()
    html = client.get(url, {"q": "공무원"}).content.decode()
    assert "개방형 채용" in html
    assert "날씨" not in html


def test_update_index_rebuilds_what_the_search_finds(pages):
    call_command("update_index", verbosity=0)
    found = search_pages(Page.objects.live().specific(), "공무원", "ko")
    assert {page.pk for page in found} == {pages["servants"].pk, pages["case"].pk}


def test_publishing_a_new_revision_reindexes_the_page(client, pages):
    page = pages["weather"]
    page.intro_ko = "이제 공무원들이 날씨를 알립니다."
    page.save_revision().publish()
    assert "날씨" in result_titles(search(client, "ko", q="공무원"))


def test_every_language_has_its_search_field():
    from portal.models import StandardPage

    names = {field.field_name for field in StandardPage.get_searchable_search_fields()}
    assert {f"search_text_{code}" for code, _ in settings.LANGUAGES} <= names


@pytest.mark.parametrize(
    ("code", "query", "about", "mentions"),
    [
        ("en", "covid", "The COVID-19 response", "Payroll rules, and once COVID-19 changed them."),
        ("ko", "인사혁신처", "인사혁신처 소개", "보수 규정은 인사혁신처가 정합니다."),
    ],
)
def test_a_page_about_the_words_comes_before_one_that_mentions_them(
    client, home, code, query, about, mentions
):
    filler = " ".join(["Routine records of the civil service."] * 3)
    StandardPageFactory(
        parent=home,
        title="Payroll",
        **{f"title_{code}": "Payroll", f"intro_{code}": f"{mentions} {filler}"},
    )
    StandardPageFactory(
        parent=home,
        title=about,
        **{f"title_{code}": about, f"intro_{code}": f"{filler} {filler}"},
    )
    assert result_titles(search(client, code, q=query)) == [about, "Payroll"]
