"""Webinars and the rest of the site: case pages name the webinars that presented them, the
partners' API lists webinars, and search finds them in the reader's language."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from cases.factories import CaseIndexPageFactory, CaseStudyPageFactory
from webinars.factories import WebinarPageFactory
from webinars.models import WebinarCaseLink


@pytest.fixture
def presented(home, webinars_index):
    library = CaseIndexPageFactory(parent=home)
    case = CaseStudyPageFactory(parent=library, title="e-Saram in the cloud")
    webinar = WebinarPageFactory(
        parent=webinars_index,
        title="Digital HRM with the IDB",
        title_ko="IDB와 함께하는 디지털 인사관리",
        starts_at=datetime(2020, 10, 29, 13, 0, tzinfo=UTC),
        time_zone="America/New_York",
    )
    webinar.case_links = [WebinarCaseLink(case=case)]
    webinar.save_revision().publish()
    return case, webinar


def test_a_case_page_names_the_webinars_where_it_was_presented(client, presented):
    case, webinar = presented
    assert case.presented_at() == [webinar]
    html = client.get("/ko" + case.url.removeprefix("/en")).content.decode()
    assert "IDB와 함께하는 디지털 인사관리" in html
    # An unpublished webinar is not named.
    webinar.unpublish()
    assert case.presented_at() == []
    assert "IDB와 함께하는 디지털 인사관리" not in client.get(case.url).content.decode()


def test_the_partners_api_lists_webinars_with_their_schedule(client, presented):
    _case, webinar = presented
    response = client.get(
        "/api/v2/pages/", {"type": "webinars.WebinarPage", "fields": "*", "lang": "ko"}
    )
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "IDB와 함께하는 디지털 인사관리"
    assert item["time_zone"] == "America/New_York"
    assert item["starts_at"].startswith("2020-10-29T")
    assert "join_url" not in item  # sent to registrants only


def test_search_finds_a_webinar_in_the_readers_language(client, presented):
    _case, webinar = presented
    response = client.get("/ko/search/", {"q": "인사관리"})
    assert response.status_code == 200
    with translation.override("ko"):
        assert f'href="{webinar.url}"' in response.content.decode()


def test_the_home_page_announces_the_next_webinars(client, webinars_index):
    from datetime import timedelta

    from django.utils import timezone

    soon = WebinarPageFactory(parent=webinars_index, title="Proactive public service clinic")
    WebinarPageFactory(
        parent=webinars_index,
        title="A webinar long past",
        starts_at=timezone.now() - timedelta(days=30),
    )
    html = client.get("/en/").content.decode()
    assert "Proactive public service clinic" in html and f'href="{soon.url}"' in html
    assert "A webinar long past" not in html


def test_the_list_counts_seats_in_one_query_whatever_the_number_of_webinars(
    client, webinars_index, django_assert_max_num_queries
):
    from webinars.factories import RegistrationFactory

    for _n in range(2):
        webinar = WebinarPageFactory(parent=webinars_index, capacity=1)
        RegistrationFactory(webinar=webinar)
    client.get("/en/webinars/")  # warm the site and locale caches
    with django_assert_max_num_queries(20) as few:
        assert client.get("/en/webinars/").status_code == 200
    for _n in range(6):
        webinar = WebinarPageFactory(parent=webinars_index, capacity=1)
        RegistrationFactory(webinar=webinar)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/en/webinars/").content.decode()
    assert html.count("Full: waiting list open") == 8
