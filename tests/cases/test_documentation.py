"""A reader walks the system documentation: index, contents with anchors, previous/next, cases."""

import re

import pytest
from django.test import override_settings

from cases.factories import (
    CaseStudyPageFactory,
    DocumentationPageFactory,
    SystemFactory,
)
from portal.templatetags.headings import slug_for, unique_anchor
from tests.cases.conftest import url_in


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


@pytest.fixture
def esaram_system(db):
    return SystemFactory(slug="e-saram", name="e-Saram")


@pytest.fixture
def tree(docs, esaram_system):
    """e-Saram → (HR records, Payroll → Payroll automation); Online training."""
    esaram = DocumentationPageFactory(
        parent=docs,
        title="e-Saram",
        intro="The electronic HR system.",
        system=esaram_system,
        body=[
            heading("What it covers"),
            paragraph("Records, pay, evaluation, training and tasks."),
            heading("History", "h3"),
            paragraph("First version in 2000."),
            heading("What it covers"),
            heading("Main"),
        ],
        body_ko=[heading("주요 기능"), paragraph("인사 기록"), heading("공무원의 인사 기록", "h3")],
        title_ko="e-사람",
        slug_ko="e-사람",
    )
    records = DocumentationPageFactory(parent=esaram, title="HR records", system=esaram_system)
    payroll = DocumentationPageFactory(parent=esaram, title="Payroll", system=esaram_system)
    automation = DocumentationPageFactory(parent=payroll, title="Payroll automation")
    training = DocumentationPageFactory(parent=docs, title="Online training")
    return {
        "esaram": esaram,
        "records": records,
        "payroll": payroll,
        "automation": automation,
        "training": training,
    }


def test_index_lists_the_systems_with_their_introductions(client, docs, tree):
    html = client.get(url_in(docs, "en")).content.decode()
    assert "e-Saram" in html and "The electronic HR system." in html
    assert "Online training" in html
    assert "HR records" not in html  # only the systems, not their sub-pages


def test_table_of_contents_links_unique_anchors_on_the_headings(client, tree):
    html = client.get(url_in(tree["esaram"], "en")).content.decode()
    toc = re.search(r'data-testid="doc-toc">(.*?)</nav>', html, re.S).group(1)
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors == ["what-it-covers", "history", "what-it-covers-2", "main-2"]
    assert '<h2 id="what-it-covers">What it covers</h2>' in html
    assert '<h3 id="history">History</h3>' in html
    assert '<h2 id="what-it-covers-2">What it covers</h2>' in html
    # A heading called "Main" does not take the id of the page's <main>.
    assert html.count('id="main"') == 1
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'class="toc__item toc__item--h3"' in toc


def test_korean_headings_keep_their_letters_in_anchors(client, tree):
    html = client.get(url_in(tree["esaram"], "ko")).content.decode()
    assert '<h2 id="주요-기능">주요 기능</h2>' in html
    assert '<h3 id="공무원의-인사-기록">공무원의 인사 기록</h3>' in html
    assert 'href="#주요-기능"' in html


def test_anchor_helpers():
    assert slug_for("Как работает e-Saram?") == "как-работает-e-saram"
    assert slug_for("!!!") == "section"
    taken = set()
    assert [unique_anchor("Payroll", taken) for _ in range(3)] == [
        "payroll",
        "payroll-2",
        "payroll-3",
    ]


def test_previous_and_next_follow_the_tree_depth_first(client, tree):
    order = ["esaram", "records", "payroll", "automation", "training"]
    for index, name in enumerate(order):
        html = client.get(url_in(tree[name], "en")).content.decode()
        prev_link = re.search(r'<a href="([^"]+)" rel="prev">', html)
        next_link = re.search(r'<a href="([^"]+)" rel="next">', html)
        if index == 0:
            assert prev_link is None
        else:
            assert prev_link.group(1) == url_in(tree[order[index - 1]], "en")
        if index == len(order) - 1:
            assert next_link is None
        else:
            assert next_link.group(1) == url_in(tree[order[index + 1]], "en")


def test_previous_next_skip_drafts(client, docs, tree):
    tree["records"].unpublish()
    html = client.get(url_in(tree["esaram"], "en")).content.decode()
    assert re.search(r'<a href="([^"]+)" rel="next">', html).group(1) == url_in(
        tree["payroll"], "en"
    )


def test_children_breadcrumbs_cases_and_briefing_link(client, library, tree, esaram_system):
    CaseStudyPageFactory(
        parent=library, title="e-Saram in the COVID-19 response", systems=[esaram_system]
    )
    CaseStudyPageFactory(parent=library, title="Unrelated case")
    CaseStudyPageFactory(
        parent=library, title="Draft e-Saram case", live=False, systems=[esaram_system]
    )
    html = client.get(url_in(tree["payroll"], "en")).content.decode()
    assert "In this section" in html and "Payroll automation" in html
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert "Documentation" in crumbs and "e-Saram" in crumbs and 'aria-current="page"' in crumbs
    cases = re.search(r'data-testid="system-cases">(.*?)</ul>', html, re.S).group(1)
    assert "e-Saram in the COVID-19 response" in cases
    assert "Unrelated case" not in cases and "Draft e-Saram case" not in cases
    assert f'href="/en/library/briefing/?page={tree["payroll"].pk}"' in html


def test_news_and_standard_pages_keep_rendering_headings(client, home):
    from portal.factories import StandardPageFactory

    page = StandardPageFactory(parent=home, body=[heading("Who we are"), heading("Who we are")])
    html = client.get(url_in(page, "en")).content.decode()
    assert '<h2 id="who-we-are">Who we are</h2>' in html
    assert '<h2 id="who-we-are-2">Who we are</h2>' in html


@override_settings(LANGUAGE_CODE="en")
def test_documentation_page_in_russian_falls_back_with_notice(client, tree):
    html = client.get(url_in(tree["payroll"], "ru")).content.decode()
    assert 'data-testid="fallback-notice"' in html
