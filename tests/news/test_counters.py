"""Views and downloads are counted once per reader: not for bots, previews, reloads or drafts."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction

from portal.news.factories import DocumentFactory, NewsPageFactory, attach
from portal.news.models import DocumentDownloadCount, PageViewCount
from portal.news.workflow import EDITORS
from tests.news.conftest import fetch

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def views_of(page):
    return PageViewCount.objects.filter(page=page).values_list("count", flat=True).first() or 0


def downloads_of(document):
    counter = DocumentDownloadCount.objects.filter(document=document).first()
    return counter.count if counter else 0


def seen(client, page, **headers):
    return client.post(f"/en/news/seen/{page.pk}/", headers={"user-agent": BROWSER, **headers})


@pytest.fixture
def release(newsroom):
    return NewsPageFactory(parent=newsroom, title="Counted release")


def test_rendering_the_page_counts_nothing_the_browser_beacon_counts_once(client, release):
    with translation.override("en"):
        url = release.get_url()
    html = client.get(url, headers={"user-agent": BROWSER}).content.decode()
    assert views_of(release) == 0  # counting does not depend on Django rendering the page
    assert f'data-news-seen="/en/news/seen/{release.pk}/"' in html
    assert seen(client, release).status_code == 204
    assert views_of(release) == 1
    assert "1 view" in client.get(url).content.decode()


def test_a_reload_within_the_window_counts_once_other_readers_count(client, release):
    seen(client, release)
    seen(client, release)
    assert views_of(release) == 1
    seen(client, release, **{"accept-language": "ko"})
    seen(Client(REMOTE_ADDR="203.0.113.9"), release)
    assert views_of(release) == 3


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_bots_are_not_counted(client, release, agent):
    assert client.post(f"/en/news/seen/{release.pk}/", headers={"user-agent": agent}).status_code
    assert views_of(release) == 0


def test_drafts_and_unknown_pages_are_not_counted(client, newsroom):
    draft = NewsPageFactory(parent=newsroom, live=False)
    assert seen(client, draft).status_code == 404
    assert client.post("/en/news/seen/999999/", headers={"user-agent": BROWSER}).status_code == 404
    assert client.get(f"/en/news/seen/{newsroom.pk}/").status_code == 405
    assert views_of(draft) == 0


def test_staff_preview_has_no_beacon_and_counts_nothing(admin_client, release):
    revision = release.save_revision()
    response = admin_client.get(f"/admin/pages/{release.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Counted release" in html
    assert "data-news-seen" not in html
    assert "news/seen.js" not in html
    assert views_of(release) == 0


def test_downloads_count_for_download_and_inline_viewing_but_not_for_bots_or_ranges(
    client, release
):
    document = attach(release, language="en").document
    assert fetch(client, document.url, **{"user-agent": BROWSER}).status_code == 200
    inline = fetch(client, document.url, **{"user-agent": BROWSER})
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert inline.body.startswith(b"%PDF")
    assert downloads_of(document) == 2
    fetch(client, document.url, **{"user-agent": "Googlebot/2.1"})
    fetch(client, document.url, **{"user-agent": BROWSER, "range": "bytes=1024-2047"})
    assert downloads_of(document) == 2


def test_document_of_a_draft_release_is_hidden_from_anonymous_readers(client, newsroom):
    draft = NewsPageFactory(parent=newsroom, live=False)
    document = attach(draft).document
    assert fetch(client, document.url).status_code == 404
    assert downloads_of(document) == 0
    draft.save_revision().publish()
    assert fetch(client, document.url).status_code == 200


def test_staff_can_open_the_document_of_a_draft(admin_client, newsroom):
    draft = NewsPageFactory(parent=newsroom, live=False)
    document = attach(draft).document
    assert fetch(admin_client, document.url).status_code == 200


def test_private_collection_document_is_not_served_to_anonymous_readers(client, db):
    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    ).groups.add(Group.objects.get(name=EDITORS))
    document = DocumentFactory(collection=private)
    response = fetch(client, document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert downloads_of(document) == 0
