"""A delegation ticks case studies and documentation pages and downloads one PDF."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from cases import briefing
from cases.models import CaseIndexPage, CaseStudyPage, DocumentationIndexPage, DocumentationPage

# Until the case and documentation templates land, a minimal page of each kind stands in;
# once they exist, they come first in the template path and these are never read.
STAND_IN_TEMPLATES = {
    "cases/case_study_page.html": (
        '{% extends "base.html" %}{% block content %}<article><h1>{{ page.title }}</h1>'
        '<p class="lead">{{ page.intro }}</p></article>{% endblock %}'
    ),
    "cases/documentation_page.html": (
        '{% extends "base.html" %}{% block content %}<article><h1>{{ page.title }}</h1>'
        '<p class="lead">{{ page.intro }}</p></article>{% endblock %}'
    ),
}


@pytest.fixture(autouse=True)
def _stand_in_templates(settings, tmp_path):
    folder = tmp_path / "stand-in-templates"
    for name, text in STAND_IN_TEMPLATES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    templates = [dict(engine) for engine in django_settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], folder]
    settings.TEMPLATES = templates


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_case(parent, slug, title, title_ko="", year=2020):
    return publish(
        parent,
        CaseStudyPage(
            title=title,
            title_en=title,
            title_ko=title_ko or None,
            slug=slug,
            slug_en=slug,
            year=year,
            intro=f"Summary of {title}.",
            intro_en=f"Summary of {title}.",
            intro_ko=f"{title_ko} 요약입니다." if title_ko else "",
        ),
    )


def make_doc(parent, slug, title, title_ko=""):
    return publish(
        parent,
        DocumentationPage(
            title=title,
            title_en=title,
            title_ko=title_ko or None,
            slug=slug,
            slug_en=slug,
            intro=f"About {title}.",
            intro_en=f"About {title}.",
        ),
    )


@pytest.fixture
def library(home):
    cases_index = publish(
        home, CaseIndexPage(title="Case studies", title_en="Case studies", slug="cases")
    )
    docs_index = publish(
        home,
        DocumentationIndexPage(
            title="Documentation", title_en="Documentation", slug="documentation"
        ),
    )
    e_saram = make_doc(docs_index, "e-saram", "e-Saram", "이사람")
    payroll = make_doc(e_saram, "payroll", "Payroll", "보수")
    return {
        "cloud": make_case(
            cases_index, "cloud", "Moving e-Saram to the cloud", "이사람 클라우드 전환"
        ),
        "recruit": make_case(
            cases_index, "recruit", "Open recruitment", "개방형 직위 채용", year=2019
        ),
        # Written in English only: the fallback a Korean reader sees.
        "ethics": make_case(cases_index, "ethics", "Ethics and proactive administration"),
        "e_saram": e_saram,
        "payroll": payroll,
        "cases_index": cases_index,
        "docs_index": docs_index,
    }


def form_url(code="en"):
    with translation.override(code):
        return reverse("cases:briefing")


def pdf_url(code="en"):
    with translation.override(code):
        return reverse("cases:briefing_pdf")


def get_pdf(client, code, *pages, **extra):
    return client.get(pdf_url(code), {"page": [getattr(p, "pk", p) for p in pages]}, **extra)


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return reader, [page.extract_text() for page in reader.pages]


def embedded_fonts(reader):
    """Names of the fonts whose glyphs are inside the file (a font program in the PDF)."""
    names = set()
    for page in reader.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            font = font.get_object()
            described = [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]
            for part in described:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None and any(
                    key in descriptor.get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    names.add(str(font.get("/BaseFont")))
    return names


def squash(text):
    return " ".join(text.split())


# The form --------------------------------------------------------------------------------


def test_form_lists_cases_and_the_documentation_tree_with_boxes_and_language_badges(
    client, library
):
    response = client.get(form_url("ko"), {"page": [library["cloud"].pk, "nonsense"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/ko/library/briefing/pdf/"' in html
    assert 'method="get"' in html
    for key in ("cloud", "recruit", "ethics", "e_saram", "payroll"):
        assert f'name="page" value="{library[key].pk}"' in html
    assert "이사람 클라우드 전환" in html
    # Ticked because the address asked for it; the others are not.
    assert re.search(rf'value="{library["cloud"].pk}" id="[^"]+" checked', html)
    assert not re.search(rf'value="{library["recruit"].pk}" id="[^"]+" checked', html)
    # Payroll sits under e-Saram: a list nested inside e-Saram's item.
    e_saram_item = html.split(f'value="{library["e_saram"].pk}"')[1].split("</li>")[0]
    assert f'value="{library["payroll"].pk}"' in e_saram_item
    # Only the English-only case carries the badge, and its title says it is English.
    assert html.count('data-testid="fallback-badge"') == 1
    ethics = html.split(f'value="{library["ethics"].pk}"')[1].split("</li>")[0]
    assert 'data-testid="fallback-badge"' in ethics
    assert '<span lang="en">Ethics and proactive administration</span>' in ethics
    assert str(briefing.BRIEFING_MAX_PAGES) in html
    assert "Briefing pack" in html or "브리핑" in html  # the breadcrumb's title


def test_form_leaves_out_drafts_private_pages_and_other_page_types(client, library, home):
    draft = library["recruit"]
    draft.unpublish()
    PageViewRestriction.objects.create(
        page=library["payroll"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    html = client.get(form_url()).content.decode()
    assert f'value="{draft.pk}"' not in html
    assert f'value="{library["payroll"].pk}"' not in html
    assert f'value="{home.pk}"' not in html
    assert f'value="{library["cases_index"].pk}"' not in html
    assert f'value="{library["cloud"].pk}"' in html


# The PDF ---------------------------------------------------------------------------------


def test_english_pack_has_cover_contents_and_each_chosen_page(client, library):
    response = get_pdf(client, "en", library["cloud"], library["payroll"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="briefing-pack-en.pdf"'
    assert response.content.startswith(b"%PDF-")
    reader, pages = pdf_text(response)
    assert len(pages) == 4  # cover, contents, one sheet per page
    cover, contents, first, second = (squash(text) for text in pages)
    assert "Briefing pack" in cover
    assert "MPM Global Partnership Portal" in cover
    assert "English" in cover
    assert "Moving e-Saram to the cloud" in cover and "Payroll" in cover
    assert "Contents" in contents
    # The contents give each page's sheet number, in the order of the pack.
    assert re.search(r"Moving e-Saram to the cloud\W*3\b", contents)
    assert re.search(r"Payroll\W*4\b", contents)
    assert "Moving e-Saram to the cloud" in first and "Summary of Moving" in first
    assert "Payroll" in second and "About Payroll" in second
    # The pages' own HTML, without the site's header and footer around it.
    assert "Skip to content" not in " ".join(pages)


def test_korean_pack_embeds_korean_glyphs_and_falls_back_to_english(client, library):
    response = get_pdf(client, "ko", library["ethics"], library["cloud"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="briefing-pack-ko.pdf"'
    reader, pages = pdf_text(response)
    text = squash(" ".join(pages))
    assert "이사람 클라우드 전환" in text
    assert "이사람 클라우드 전환 요약입니다." in text
    assert "한국어" in squash(pages[0])  # the pack's language on the cover
    # A case with no Korean version is there, in English, with the site's fallback notice.
    assert "Ethics and proactive administration" in text
    assert "Summary of Ethics and proactive administration." in text
    fonts = embedded_fonts(reader)
    assert any("Noto-Sans-CJK-KR" in name for name in fonts), fonts


def test_pack_follows_the_form_order_whatever_the_address_order(client, library):
    response = get_pdf(client, "en", library["payroll"], library["recruit"], library["cloud"])
    _reader, pages = pdf_text(response)
    titles = [squash(text) for text in pages[2:]]
    assert "Moving e-Saram to the cloud" in titles[0]  # 2020 before 2019
    assert "Open recruitment" in titles[1]
    assert "Payroll" in titles[2]


# Refusals --------------------------------------------------------------------------------


def test_no_page_chosen_shows_the_form_again_with_an_error(client, library):
    response = client.get(pdf_url())
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="briefing-error"' in html
    assert "Choose at least one page" in html
    assert 'name="page"' in html


@pytest.mark.parametrize(
    "raw",
    ["abc", "-1", "1.5", "", " ", "٣", "1" * 40, "0x10", "\x00", "<script>alert(1)</script>"],
)
def test_ids_that_are_not_ids_are_a_400_not_a_500(client, library, raw):
    response = client.get(pdf_url(), {"page": [library["cloud"].pk, raw]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'data-testid="briefing-error"' in html
    # The good id stays ticked so the reader does not start again.
    assert re.search(rf'value="{library["cloud"].pk}" id="[^"]+" checked', html)


def test_unknown_draft_private_and_other_pages_are_refused(client, library, home):
    library["recruit"].unpublish()
    PageViewRestriction.objects.create(
        page=library["payroll"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for refused in (
        999_999,
        library["recruit"].pk,
        library["payroll"].pk,
        home.pk,
        library["cases_index"].pk,
    ):
        response = get_pdf(client, "en", library["cloud"], refused)
        assert response.status_code == 400, refused
        assert response["Content-Type"].startswith("text/html")
        assert "not available" in response.content.decode()


def test_more_pages_than_a_pack_holds_is_refused(client, library):
    ids = list(range(1, briefing.BRIEFING_MAX_PAGES + 2))
    response = client.get(pdf_url(), {"page": ids})
    assert response.status_code == 400
    assert f"at most {briefing.BRIEFING_MAX_PAGES} pages" in response.content.decode()


def test_the_same_id_twice_counts_once(client, library, monkeypatch):
    monkeypatch.setattr(
        briefing, "render_pack", lambda request, pages: b"%PDF-" + bytes(len(pages))
    )
    response = get_pdf(client, "en", library["cloud"], library["cloud"])
    assert response.status_code == 200
    assert response.content == b"%PDF-\x00"


# Cache and rate limit --------------------------------------------------------------------


def test_a_repeated_request_is_served_from_the_cache_until_a_page_is_republished(
    client, library, monkeypatch
):
    rendered = []
    real_render = briefing.render_pack

    def counting_render(request, pages):
        rendered.append([page.pk for page in pages])
        return real_render(request, pages)

    monkeypatch.setattr(briefing, "render_pack", counting_render)
    first = get_pdf(client, "en", library["cloud"], library["e_saram"])
    again = get_pdf(client, "en", library["e_saram"], library["cloud"])
    assert again.content == first.content
    assert len(rendered) == 1
    # Another language is another pack.
    get_pdf(client, "ko", library["cloud"], library["e_saram"])
    assert len(rendered) == 2

    cloud = library["cloud"]
    cloud.title_en = "Moving e-Saram to a government cloud"
    cloud.save_revision().publish()
    changed = get_pdf(client, "en", library["cloud"], library["e_saram"])
    assert len(rendered) == 3
    assert "Moving e-Saram to a government cloud" in squash(" ".join(pdf_text(changed)[1]))


def test_too_many_new_packs_from_one_client_get_a_429_that_says_when(client, library, monkeypatch):
    monkeypatch.setattr(briefing, "BRIEFING_RATE_LIMIT", 2)
    monkeypatch.setattr(briefing, "render_pack", lambda request, pages: b"%PDF-fake")
    assert get_pdf(client, "en", library["cloud"]).status_code == 200
    assert get_pdf(client, "en", library["recruit"]).status_code == 200
    # A pack already made costs nothing and still comes.
    assert get_pdf(client, "en", library["cloud"]).status_code == 200

    refused = get_pdf(client, "en", library["payroll"])
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= briefing.BRIEFING_RATE_WINDOW
    html = refused.content.decode()
    assert 'data-testid="retry-after"' in html
    assert re.search(r"Try again in \d+ minutes?\.", html)

    # Another client has its own allowance.
    other = get_pdf(client, "en", library["payroll"], REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 200


def test_a_client_behind_a_trusted_proxy_is_counted_by_its_own_address(
    client, library, monkeypatch, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    monkeypatch.setattr(briefing, "BRIEFING_RATE_LIMIT", 1)
    monkeypatch.setattr(briefing, "render_pack", lambda request, pages: b"%PDF-fake")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = get_pdf(client, "en", library["cloud"], HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    second = get_pdf(client, "en", library["recruit"], HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    third = get_pdf(client, "en", library["payroll"], HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)


# What WeasyPrint may read ----------------------------------------------------------------


@pytest.fixture
def fetcher():
    return briefing.briefing_fetcher("http://testserver/")


def test_fetcher_reads_static_files_and_media_from_disk(fetcher, settings):
    css = fetcher.fetch("http://testserver/static/cases/briefing.css")
    assert css.content_type == "text/css"
    assert b".briefing-pack" in css.read()
    media = Path(settings.MEDIA_ROOT) / "images"
    media.mkdir(parents=True)
    (media / "chart.png").write_bytes(b"\x89PNG fake")
    image = fetcher.fetch("http://testserver/media/images/chart.png")
    assert image.content_type == "image/png"
    assert image.read() == b"\x89PNG fake"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/static/cases/briefing.css",
        "http://testserver.evil/static/cases/briefing.css",
        "file:///etc/passwd",
        "http://testserver/etc/passwd",
        "http://testserver/static/../../../../etc/passwd",
        "http://testserver/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/static//etc/passwd",
        "http://testserver/media/../../../../etc/passwd",
        "http://testserver/media/%00.png",
        "http://testserver/en/cases/",
        "ftp://testserver/static/cases/briefing.css",
    ],
)
def test_fetcher_refuses_everything_else(fetcher, url):
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_korean_words_are_kept_whole_on_paper():
    """WeasyPrint ignores `word-break: keep-all`; each Korean word becomes one unbreakable box."""
    from bs4 import BeautifulSoup

    from cases.briefing import keep_korean_words_whole

    soup = BeautifulSoup(
        "<body><p>공무원의 인사 기록을 e-사람이 관리합니다. Payroll &amp; HR</p>"
        "<style>p::before { content: '가' }</style></body>",
        "html.parser",
    )
    keep_korean_words_whole(soup, soup.body)
    words = [span.get_text() for span in soup.select("p span.kw")]
    assert words == ["공무원의", "인사", "기록을", "e-사람이", "관리합니다."]
    assert soup.p.get_text() == "공무원의 인사 기록을 e-사람이 관리합니다. Payroll & HR"
    assert not soup.style.find("span")
