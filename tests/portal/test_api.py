"""Partners' systems read published, public pages as JSON, one language per request."""

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from cases.models import (
    CaseIndexPage,
    CaseStudyPage,
    DocumentationIndexPage,
    DocumentationPage,
    System,
    Theme,
)
from portal.factories import StandardPageFactory
from portal.news.factories import NewsIndexPageFactory, NewsPageFactory

PAGES = "/api/v2/pages/"


def add_case(library, slug, title, *, live=True, **fields):
    page = CaseStudyPage(
        title=title,
        title_en=title,
        slug=slug,
        slug_en=slug,
        year=2021,
        intro=f"Summary of {title}.",
        intro_en=f"Summary of {title}.",
        live=live,
        **fields,
    )
    library.add_child(instance=page)
    return page


@pytest.fixture
def site_pages(home):
    library = home.add_child(
        instance=CaseIndexPage(title="Case library", title_en="Case library", slug="cases")
    )
    payroll = Theme.objects.create(
        name_en="Payroll automation", name_ko="급여 자동화", slug="payroll"
    )
    e_saram = System.objects.create(name_en="e-Saram", name_ko="전자인사관리시스템", slug="e-saram")
    published = add_case(
        library,
        "payroll-automation",
        "Payroll automation",
        title_ko="급여 자동화 사례",
        intro_ko="급여 계산을 자동화했습니다.",
        countries=["UY", "MN"],
    )
    published.themes.add(payroll)
    published.systems.add(e_saram)
    published.save()
    english_only = add_case(library, "english-only", "Only in English")
    draft = add_case(library, "draft-case", "Draft case", live=False)
    private = add_case(library, "private-case", "Private case")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    secret_section = StandardPageFactory(parent=home, title="Staff section", slug="staff")
    PageViewRestriction.objects.create(
        page=secret_section, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    below_secret = StandardPageFactory(parent=secret_section, title="Below the staff section")
    docs = home.add_child(
        instance=DocumentationIndexPage(
            title="Documentation", title_en="Documentation", slug="documentation"
        )
    )
    hr = docs.add_child(
        instance=DocumentationPage(
            title="HR records",
            title_en="HR records",
            title_ko="인사기록",
            slug="hr-records",
            system=e_saram,
        )
    )
    newsroom = NewsIndexPageFactory(parent=home)
    release = NewsPageFactory(parent=newsroom, title="A press release")
    return {
        "published": published,
        "english_only": english_only,
        "draft": draft,
        "private": private,
        "secret_section": secret_section,
        "below_secret": below_secret,
        "hr": hr,
        "release": release,
    }


def titles(response):
    return {item["title"] for item in response.json()["items"]}


def test_cases_listed_in_korean_with_english_fallback(client, site_pages):
    response = client.get(PAGES, {"type": "cases.CaseStudyPage", "lang": "ko", "fields": "*"})
    assert response.status_code == 200
    assert response["Content-Language"] == "ko"
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert set(items) == {"payroll-automation", "english-only"}
    korean = items["payroll-automation"]
    assert korean["title"] == "급여 자동화 사례"
    assert korean["intro"] == "급여 계산을 자동화했습니다."
    assert korean["meta"]["language"] == "ko"
    assert korean["meta"]["html_url"].endswith("/ko/cases/payroll-automation/")
    assert korean["themes"] == [
        {"id": korean["themes"][0]["id"], "name": "급여 자동화", "slug": "payroll"}
    ]
    assert korean["systems"][0]["name"] == "전자인사관리시스템"
    assert {"code": "UY", "name": "우루과이"} in korean["countries"]
    fallback = items["english-only"]
    assert fallback["title"] == "Only in English"
    assert fallback["meta"]["language"] == "en"
    assert fallback["meta"]["available_languages"] == ["en"]


def test_english_is_the_default_language(client, site_pages):
    response = client.get(PAGES, {"type": "cases.CaseStudyPage"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Payroll automation" in titles(response)


def test_detail_in_a_language(client, site_pages):
    hr = site_pages["hr"]
    response = client.get(f"{PAGES}{hr.pk}/", {"lang": "ko"})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "인사기록"
    assert data["system"]["name"] == "전자인사관리시스템"
    assert response["Content-Language"] == "ko"


def test_drafts_and_private_pages_never_appear(client, site_pages, admin_user):
    listed = titles(client.get(PAGES, {"limit": 20}))
    assert "Payroll automation" in listed
    assert "HR records" in listed
    assert "A press release" in listed
    for hidden in ["Draft case", "Private case", "Staff section", "Below the staff section"]:
        assert hidden not in listed
    for name in ["draft", "private", "secret_section", "below_secret"]:
        assert client.get(f"{PAGES}{site_pages[name].pk}/").status_code == 404
    assert client.get(PAGES, {"search": "Private"}).json()["items"] == []

    # Not even for a signed-in admin whose session could open restricted pages.
    client.force_login(admin_user)
    listed = titles(client.get(PAGES, {"limit": 20}))
    assert "Private case" not in listed
    assert client.get(f"{PAGES}{site_pages['private'].pk}/").status_code == 404


def test_only_partner_page_types_are_served(client, site_pages):
    response = client.get(PAGES, {"type": "news.NewsPage"})
    assert titles(response) == {"A press release"}
    response = client.get(PAGES, {"type": "wagtailcore.Page"})
    assert response.status_code == 400


def test_documents_and_images_endpoints_are_not_exposed(client, db):
    assert client.get("/api/v2/documents/").status_code == 404
    assert client.get("/api/v2/images/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nonsense"},
        {"type": "cases.Nonsense"},
        {"type": "qa.Room"},
        {"type": "auth.User"},
        {"limit": "abc"},
        {"limit": "-1"},
        {"limit": "1000"},
        {"offset": "x"},
        {"fields": "*,secret"},
        {"fields": "title,password"},
        {"lang": "xx"},
        {"lang": "ko\x00"},
        {"lang": ""},
        {"order": "nonsense"},
        {"order": "random", "offset": "1"},
        {"child_of": "abc"},
        {"child_of": "999999999"},
        {"descendant_of": "-1"},
        {"unknown": "1"},
        {"type": "cases.CaseStudyPage", "year": "abc"},
        {"site": "nonsense\x00"},
        {"search": "payroll\x00"},
        {"type": "cases.CaseStudyPage", "title": "x\x00"},
        {"fields": "title\x00"},
        {"lang\x00": "ko"},
        {"search": "payroll", "order": "title"},
    ],
)
def test_bad_parameters_get_400_not_500(client, site_pages, params):
    response = client.get(PAGES, params)
    if params == {"lang": ""}:  # no language asked for: the default
        assert response.status_code == 200
        return
    assert response.status_code in (400, 404)
    assert "message" in response.json()


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_every_portal_language_is_accepted(client, site_pages, lang):
    response = client.get(PAGES, {"lang": lang, "type": "cases.DocumentationPage"})
    assert response.status_code == 200
    assert response["Content-Language"] == lang


def test_unknown_language_on_a_detail_is_400(client, site_pages):
    response = client.get(f"{PAGES}{site_pages['hr'].pk}/", {"lang": "xx"})
    assert response.status_code == 400


@pytest.mark.parametrize("html_path", ["/cases/\x00", "/../../etc/passwd", "x" * 3000])
def test_find_by_path_never_fails(client, site_pages, html_path):
    response = client.get(f"{PAGES}find/", {"html_path": html_path})
    assert response.status_code in (400, 404)


def test_find_by_path_redirects_to_a_public_page(client, site_pages):
    response = client.get(f"{PAGES}find/", {"html_path": "/cases/payroll-automation/"})
    assert response.status_code == 302
    assert f"{PAGES}{site_pages['published'].pk}/" in response["Location"]
    private = client.get(f"{PAGES}find/", {"html_path": "/cases/private-case/"})
    assert private.status_code == 404


def test_search_uses_the_sites_analyser_in_the_requested_language(client, site_pages):
    def found(**params):
        response = client.get(PAGES, {"type": "cases.CaseStudyPage", **params})
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    published = site_pages["published"].pk
    assert found(search="automation") == [published]  # "automation" in "Payroll automation"
    assert found(search="자동화를", lang="ko") == [published]  # a particle attached
    assert found(search="automation", lang="ko") == []  # the Korean text does not say it
    assert found(search="은는이가", lang="ko") == []  # particles only: nothing to look for
    bad = client.get(PAGES, {"search": "payroll", "search_operator": "xor"})
    assert bad.status_code == 400


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_every_demo_page_type_comes_out_as_json(client, demo_site, lang):
    for page_type in ["cases.CaseStudyPage", "cases.DocumentationPage", "news.NewsPage", ""]:
        response = client.get(PAGES, {"type": page_type, "fields": "*", "lang": lang, "limit": 20})
        if not page_type:
            response = client.get(PAGES, {"lang": lang, "limit": 20})
        assert response.status_code == 200, page_type
        for item in response.json()["items"]:
            assert client.get(f"{PAGES}{item['id']}/", {"lang": lang}).status_code == 200
