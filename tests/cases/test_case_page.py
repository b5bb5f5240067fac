"""A reader opens a case study: sections in order, key figures, links out, fallback, view count."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import translation

from cases.factories import CaseStudyPageFactory, SystemFactory, ThemeFactory, attach
from cases.models import CASE_SECTIONS, CaseStudyPage
from portal.factories import PartnerOrganisationFactory
from portal.news.factories import NewsIndexPageFactory, NewsPageFactory
from portal.news.models import NewsPageRelatedPage, PageViewCount
from tests.cases.conftest import BROWSER, url_in

TIMELINE = [
    {"type": "event", "value": {"when": "2000", "text": "First version of e-Saram."}},
    {"type": "event", "value": {"when": "2011–2012", "text": "Moved to the cloud."}},
]
KEY_FIGURES = [
    {
        "type": "key_figure",
        "value": {
            "label": "Managers recruited from the private sector",
            "before": "64",
            "value": "207",
            "unit": "managers",
        },
    },
    {
        "type": "key_figure",
        "value": {"label": "Specialized officials in 11 fields", "before": "", "value": "225"},
    },
]
CONTACTS = [
    {
        "type": "contact",
        "value": {
            "name": "International Cooperation Division",
            "role": "Study visits",
            "organisation": "Ministry of Personnel Management",
            "email": "cooperation@example.org",
            "phone": "+82 44 000 0000",
        },
    }
]


@pytest.fixture
def digital(db):
    return ThemeFactory(slug="digital-hrm", name="Digital HR management")


@pytest.fixture
def esaram_system(db):
    return SystemFactory(slug="e-saram", name="e-Saram")


@pytest.fixture
def case(library, digital, esaram_system):
    return CaseStudyPageFactory(
        parent=library,
        title="e-Saram, the electronic HR system",
        title_ko="전자인사관리시스템 e-사람",
        slug_ko="e-사람",
        intro_ko="한국어 요약입니다.",
        context_ko="<p>한국어 배경입니다.</p>",
        title_es="e-Saram, el sistema electrónico",
        slug_es="e-saram",
        year=2020,
        intro="A single system for the working life of every official.",
        context="<p>Paper records slowed every decision.</p>",
        solution="<p>One electronic HR system.</p>",
        timeline=TIMELINE,
        costs="",
        key_figures=KEY_FIGURES,
        results="<p>Faster, more open HR.</p>",
        lessons="<p>Start with the records.</p>",
        contacts=CONTACTS,
        themes=[digital],
        systems=[esaram_system],
        partners=[
            PartnerOrganisationFactory(acronym="IDB", name="Inter-American Development Bank")
        ],
        countries=["UY"],
    )


def section_ids(html):
    return re.findall(r'id="(\w+)" aria-labelledby="\w+-heading" data-testid="case-section"', html)


def test_sections_follow_the_case_order_and_skip_empty_ones(client, case):
    html = client.get(url_in(case, "en")).content.decode()
    order = [name for name, _heading in CASE_SECTIONS]
    shown = section_ids(html)
    assert shown == ["context", "solution", "timeline", "results", "lessons", "contacts"]
    assert shown == [name for name in order if name in shown]
    assert 'id="costs"' not in html and "success_factors" not in html
    # An on-page table of contents links every section shown.
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#(\w+)"', toc) == ["summary", *shown]
    assert "A single system for the working life of every official." in html


def test_timeline_key_figures_and_contacts_are_structured(client, case):
    html = client.get(url_in(case, "en")).content.decode()
    assert '<ol class="timeline">' in html
    assert '<time class="timeline__when" datetime="2000">2000</time>' in html
    assert '<span class="timeline__when">2011–2012</span>' in html
    figure = re.search(r'<li class="key-figure".*?</li>', html, re.S).group(0)
    assert '<span class="key-figure__before">64</span>' in figure
    assert '<span class="key-figure__value">207</span>' in figure
    assert "→" in figure
    assert "from 64 to 207 managers" in figure  # what a screen reader says
    assert "Managers recruited from the private sector" in figure
    assert '<span class="key-figure__value">225</span>' in html
    assert "International Cooperation Division" in html
    assert 'href="mailto:cooperation@example.org"' in html
    assert "<dt>Role</dt>" in html


def test_facets_link_back_to_the_filtered_library(client, case, esaram_system):
    html = client.get(url_in(case, "en")).content.decode()
    assert 'href="/en/cases/?theme=digital-hrm"' in html
    assert 'href="/en/cases/?system=e-saram"' in html
    assert 'href="/en/cases/?country=UY"' in html
    assert 'href="/en/cases/?year=2020"' in html
    assert f'href="/en/library/briefing/?page={case.pk}"' in html
    assert f'href="/en/cooperation/?case={case.pk}"' in html


def test_attachments_show_type_size_and_language(client, case):
    attach(case, language="es")
    attach(case, language="")
    html = client.get(url_in(case, "es")).content.decode()
    items = re.findall(r'<li class="attachment" data-testid="attachment"[^>]*>', html)
    assert len(items) == 2
    assert 'data-language="es"' in items[0]  # the reader's language first
    assert ">PDF<" in html and "Español" in html and "bytes" in html


def test_related_cases_share_most_themes_and_systems_live_ones_only(
    client, library, case, digital, esaram_system
):
    other = ThemeFactory(slug="ethics", name="Ethics")
    both = CaseStudyPageFactory(
        parent=library, title="Both shared", themes=[digital], systems=[esaram_system]
    )
    one = CaseStudyPageFactory(parent=library, title="Theme shared", themes=[digital])
    CaseStudyPageFactory(parent=library, title="Nothing shared", themes=[other])
    CaseStudyPageFactory(
        parent=library, title="Draft shared", live=False, themes=[digital], systems=[esaram_system]
    )
    for number in range(3):
        CaseStudyPageFactory(parent=library, title=f"Also shared {number}", themes=[digital])
    assert [page.title for page in case.related_cases()][:1] == [both.title]
    html = client.get(url_in(case, "en")).content.decode()
    related = re.search(r'data-testid="related-cases">(.*?)</ul>', html, re.S).group(1)
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', related)
    assert len(titles) == 3
    assert titles[0] == "Both shared"
    assert "Nothing shared" not in related and "Draft shared" not in related
    assert one.title in [p.title for p in CaseStudyPage.objects.filter(themes=digital)]


def test_press_releases_that_mention_the_case(client, home, case):
    newsroom = NewsIndexPageFactory(parent=home)
    release = NewsPageFactory(
        parent=newsroom, title="Webinar on digital HRM", date=datetime.date(2020, 10, 27)
    )
    NewsPageRelatedPage.objects.create(page=release, target=case)
    draft = NewsPageFactory(parent=newsroom, title="Draft release", live=False)
    NewsPageRelatedPage.objects.create(page=draft, target=case)
    NewsPageFactory(parent=newsroom, title="Unrelated release")
    html = client.get(url_in(case, "en")).content.decode()
    listed = re.search(r'data-testid="case-press-releases">(.*?)</ul>', html, re.S).group(1)
    assert "Webinar on digital HRM" in listed
    assert '<time class="case-links__meta" datetime="2020-10-27">' in listed
    assert "Draft release" not in html and "Unrelated release" not in html
    assert case.presented_at() == []  # webinars link cases once their app exists


def test_missing_russian_shows_english_with_the_fallback_notice_and_badges(client, case):
    html = client.get(url_in(case, "ru")).content.decode()
    assert 'data-testid="fallback-notice"' in html
    assert '<div class="page-content" lang="en">' in html
    assert "e-Saram, the electronic HR system" in html
    assert "Paper records slowed every decision." in html
    badges = re.search(r'<p class="badges">.*?</p>', html, re.S).group(0)
    assert re.findall(r'hreflang="(\w+)"', badges) == ["en", "ko", "es"]

    html = client.get(url_in(case, "ko")).content.decode()
    assert 'data-testid="fallback-notice"' not in html
    assert "한국어 배경입니다." in html
    assert "Paper records slowed every decision." not in html
    # A section not yet translated falls back to English rather than disappearing.
    assert "One electronic HR system." in html


def seen(client, case, **headers):
    return client.post(f"/en/library/seen/{case.pk}/", headers={"user-agent": BROWSER, **headers})


def views_of(page):
    return PageViewCount.objects.filter(page=page).values_list("count", flat=True).first() or 0


def test_the_browser_beacon_counts_a_view_once_per_reader(client, case, library):
    html = client.get(url_in(case, "en"), headers={"user-agent": BROWSER}).content.decode()
    assert f'data-case-seen="/en/library/seen/{case.pk}/"' in html
    assert "cases/seen.js" in html
    assert views_of(case) == 0
    assert seen(client, case).status_code == 204
    assert seen(client, case).status_code == 204
    assert views_of(case) == 1
    seen(Client(REMOTE_ADDR="203.0.113.9"), case)
    assert views_of(case) == 2
    assert "2 views" in client.get(url_in(library, "en")).content.decode()


def test_beacon_ignores_bots_drafts_other_pages_and_gets(client, library, case):
    assert client.post(f"/en/library/seen/{case.pk}/", headers={"user-agent": "curl/8"})
    assert views_of(case) == 0
    draft = CaseStudyPageFactory(parent=library, live=False)
    assert seen(client, draft).status_code == 404
    assert seen(client, library).status_code == 404
    assert (
        client.post("/en/library/seen/999999/", headers={"user-agent": BROWSER}).status_code == 404
    )
    assert client.get(f"/en/library/seen/{case.pk}/").status_code == 405


def test_a_draft_case_is_not_served(client, library):
    draft = CaseStudyPageFactory(parent=library, live=False, title="Unpublished case")
    with translation.override("en"):
        assert client.get(f"/en/cases/{draft.slug}/").status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_case_page_queries_are_bounded(
    client, home, library, case, digital, django_assert_max_num_queries, extra
):
    newsroom = NewsIndexPageFactory(parent=home)
    for number in range(extra):
        related = CaseStudyPageFactory(parent=library, title=f"Related {number}", themes=[digital])
        attach(case, language="en")
        release = NewsPageFactory(parent=newsroom, title=f"Release {number}")
        NewsPageRelatedPage.objects.create(page=release, target=case)
        NewsPageRelatedPage.objects.create(page=release, target=related)
    url = url_in(case, "ko")
    client.get(url)
    # 29: the webinars where the case was presented cost two (view restrictions, webinars),
    # the questions from webinars one (with their webinars), however many there are.
    with django_assert_max_num_queries(29):
        response = client.get(url)
    assert response.status_code == 200


def test_every_demo_case_and_documentation_page_renders_its_parts(client, demo_site):
    from cases.models import DocumentationPage

    cases = list(CaseStudyPage.objects.live().public())
    assert len(cases) >= 8
    missing_russian = [case for case in cases if not case.is_translated("ru")]
    assert missing_russian
    for case in cases:
        for code in ("en", "ko", "es", "ru"):
            html = client.get(url_in(case, code)).content.decode()
            assert 'data-testid="case-section"' in html, url_in(case, code)
            assert ('data-testid="fallback-notice"' in html) == (
                case in missing_russian and code == "ru"
            )
    for page in DocumentationPage.objects.live().public():
        assert client.get(url_in(page, "ko")).status_code == 200
    # The demo's releases link the cases they speak of; the case pages name them back.
    mentioned = [case for case in cases if case.mentioned_in()]
    assert len(mentioned) >= 5
    html = client.get(url_in(mentioned[0], "es")).content.decode()
    assert 'data-testid="case-press-releases"' in html
