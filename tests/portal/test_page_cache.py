"""The anonymous page cache: hits answered before Django, never stale after a change, and never
anything personal. Requests go through the real ASGI application (portal.asgi), as Daphne
would send them."""

import gzip

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.factories import PartnerOrganisationFactory, StandardPageFactory
from portal.news.factories import NewsIndexPageFactory, NewsPageFactory
from portal.news.models import PageViewCount

# Django's ASGI handler runs each request's view in a thread of its own, with a database
# connection of its own: the test's data must be committed for it to see.
pytestmark = pytest.mark.django_db(transaction=True)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


class Answer:
    def __init__(self, message):
        self.status = message["status"]
        self.headers = {}
        for name, value in message["headers"]:
            self.headers.setdefault(name.decode().lower(), value.decode("latin-1"))
        self.raw = message["body"]

    @property
    def cache(self):
        return self.headers.get("x-cache")

    @property
    def text(self):
        body = self.raw
        if self.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode()


@pytest.fixture
def asgi(settings):
    """GET (or any method) through portal.asgi's application, as Daphne hands requests to it."""
    settings.PAGE_CACHE_SECONDS = 120
    from portal.asgi import application

    def call(path, method="GET", headers=None, body=b""):
        headers = {"host": "localhost", "user-agent": BROWSER, **(headers or {})}
        communicator = HttpCommunicator(
            application,
            method,
            path,
            body=body,
            headers=[(name.encode(), value.encode()) for name, value in headers.items()],
        )
        return Answer(async_to_sync(communicator.get_response)())

    return call


@pytest.fixture
def about(home):
    return StandardPageFactory(
        parent=home,
        title="About the ministry",
        title_en="About the ministry",
        title_ko="부처 소개",
        slug="about",
        slug_en="about",
        slug_ko="about",
    )


def twice(asgi, path, **kwargs):
    first = asgi(path, **kwargs)
    return first, asgi(path, **kwargs)


def test_a_second_reader_is_answered_from_the_cache_without_the_database(
    asgi, about, django_db_blocker
):
    first = asgi("/en/about/")
    assert first.status == 200 and first.cache == "MISS"
    with django_db_blocker.block():  # any query now raises
        second = asgi("/en/about/")
    assert second.status == 200 and second.cache == "HIT"
    assert second.text == first.text
    assert "About the ministry" in second.text


def test_each_language_has_its_own_copy(asgi, about):
    twice(asgi, "/en/about/")
    korean, korean_again = twice(asgi, "/ko/about/")
    assert korean.cache == "MISS" and korean_again.cache == "HIT"
    assert "부처 소개" in korean_again.text and 'lang="ko"' in korean_again.text
    assert "About the ministry" in asgi("/en/about/").text


def test_a_query_string_is_a_page_of_its_own(asgi, about):
    twice(asgi, "/en/about/")
    assert asgi("/en/about/?page=2").cache == "MISS"


def test_hits_carry_the_headers_a_proxy_and_a_browser_need(asgi, about):
    miss, hit = twice(asgi, "/en/about/")
    for answer in (miss, hit):
        assert answer.headers["cache-control"] == "public, no-cache"
        vary = {part.strip().lower() for part in answer.headers["vary"].split(",")}
        assert {"accept-encoding", "cookie"} <= vary
        assert answer.headers["etag"].startswith('W/"')
        # The protections Django's middleware adds are kept on the stored copy.
        assert "default-src 'self'" in answer.headers["content-security-policy"]
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["content-language"] == "en"
    assert hit.headers["etag"] == miss.headers["etag"]


def test_a_revalidation_is_answered_304(asgi, about):
    miss = asgi("/en/about/")
    etag = miss.headers["etag"]
    from_django = asgi("/ko/about/")  # not stored yet: Django answers the revalidation itself
    again = asgi("/ko/about/", headers={"if-none-match": from_django.headers["etag"]})
    assert again.status == 304 and again.raw == b""
    hit = asgi("/en/about/", headers={"if-none-match": etag})
    assert hit.status == 304 and hit.cache == "HIT" and hit.raw == b""
    assert asgi("/en/about/", headers={"if-none-match": 'W/"other"'}).status == 200


def test_pages_are_compressed_for_readers_who_accept_it(asgi, about):
    rendered = asgi("/ko/about/", headers={"accept-encoding": "gzip"})
    assert rendered.cache == "MISS" and rendered.headers["content-encoding"] == "gzip"
    assert "부처 소개" in rendered.text
    plain = asgi("/en/about/")
    zipped = asgi("/en/about/", headers={"accept-encoding": "gzip, deflate, br"})
    assert zipped.cache == "HIT" and zipped.headers["content-encoding"] == "gzip"
    assert len(zipped.raw) < len(plain.raw) / 2
    assert zipped.text == plain.text
    refused = asgi("/en/about/", headers={"accept-encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers and refused.text == plain.text
    assert int(zipped.headers["content-length"]) == len(zipped.raw)


def test_head_is_answered_from_the_stored_get(asgi, about):
    get = asgi("/en/about/")
    head = asgi("/en/about/", method="HEAD")
    assert head.status == 200 and head.cache == "HIT" and head.raw == b""
    assert head.headers["content-length"] == str(len(get.raw))


# Invalidation: every language and every page that lists the change.


@pytest.fixture
def newsroom(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def release(newsroom):
    return NewsPageFactory(
        parent=newsroom,
        title="Payroll goes digital",
        title_en="Payroll goes digital",
        title_ko="급여 디지털화",
        slug="payroll",
        slug_en="payroll",
        slug_ko="payroll",
    )


def showing(release):
    return [
        f"/en/news/{release.slug}/",
        f"/ko/news/{release.slug}/",
        "/en/news/",
        "/ko/news/",
        "/en/news/feed/",
        "/en/",
        "/sitemap.xml",
    ]


def prime(asgi, paths):
    for path in paths:
        first, second = twice(asgi, path)
        assert second.cache == "HIT", (path, first.status, first.headers)


def test_publishing_a_change_updates_every_page_that_shows_it(asgi, home, release):
    prime(asgi, showing(release))
    revision = release.get_latest_revision_as_object()
    revision.title_en = "Payroll is now fully digital"
    revision.title_ko = "급여가 완전히 디지털화되었습니다"
    revision.save_revision().publish()
    for path in ("/en/news/payroll/", "/en/news/", "/en/news/feed/"):
        answer = asgi(path)
        assert answer.cache == "MISS", path
        assert "Payroll is now fully digital" in answer.text, path
    assert "급여가 완전히 디지털화되었습니다" in asgi("/ko/news/payroll/").text
    assert "급여가 완전히 디지털화되었습니다" in asgi("/ko/news/").text


def test_a_draft_changes_nothing_readers_see(asgi, release):
    prime(asgi, ["/en/news/payroll/"])
    draft = release.get_latest_revision_as_object()
    draft.title_en = "Not yet announced"
    draft.save_revision()
    answer = asgi("/en/news/payroll/")
    assert answer.cache == "HIT" and "Not yet announced" not in answer.text


def test_unpublishing_removes_the_page_and_its_listings(asgi, release):
    prime(asgi, showing(release))
    release.unpublish()
    assert asgi("/en/news/payroll/").status == 404
    assert asgi("/ko/news/payroll/").status == 404
    assert "Payroll goes digital" not in asgi("/en/news/").text
    assert "payroll" not in asgi("/sitemap.xml").text
    assert "Payroll goes digital" not in asgi("/en/news/feed/").text


def test_moving_a_page_moves_it_everywhere(asgi, home, newsroom, release):
    archive = StandardPageFactory(parent=home, slug="archive", slug_en="archive")
    prime(asgi, [*showing(release), "/en/archive/"])
    release.move(archive, pos="last-child")
    old_address = asgi("/en/news/payroll/")
    assert old_address.status == 301  # Wagtail leaves a redirect behind
    assert old_address.headers["location"].endswith("/en/archive/payroll/")
    assert asgi("/en/archive/payroll/").status == 200
    assert "Payroll goes digital" not in asgi("/en/news/").text
    assert "/en/archive/payroll/" in asgi("/sitemap.xml").text


def test_deleting_a_page_removes_it_everywhere(asgi, release):
    prime(asgi, showing(release))
    release.delete()
    assert asgi("/en/news/payroll/").status == 404
    assert "Payroll goes digital" not in asgi("/en/news/").text
    assert "Payroll goes digital" not in asgi("/en/news/feed/").text


def test_search_results_follow_a_publication(asgi, release):
    prime(asgi, ["/en/search/?q=payroll"])
    assert 'href="/en/news/payroll/"' in asgi("/en/search/?q=payroll").text
    revision = release.get_latest_revision_as_object()
    revision.title_en = "Salaries paid online"
    revision.save_revision().publish()
    answer = asgi("/en/search/?q=payroll")
    assert answer.cache == "MISS" and 'href="/en/news/payroll/"' not in answer.text


def test_a_partner_snippet_change_updates_the_pages_that_show_it(asgi, home):
    name = "Civil Service Agency"
    partner = PartnerOrganisationFactory(name=name, name_en=name)
    prime(asgi, ["/en/"])
    assert "Civil Service Agency" in asgi("/en/").text
    partner.name_en = "National Civil Service Agency"
    partner.save()
    answer = asgi("/en/")
    assert answer.cache == "MISS" and "National Civil Service Agency" in answer.text
    partner.delete()
    assert "National Civil Service Agency" not in asgi("/en/").text


def test_a_page_rendered_during_a_change_is_not_kept(asgi, about, settings):
    """A reader whose page began before a publication must not leave the old copy behind."""
    from django.core.cache import cache

    from portal import pagecache

    asgi("/en/about/")  # opens a generation
    seen = cache.get(pagecache.GENERATION_KEY)
    original_store = pagecache.PageCacheMiddleware._store

    def publish_while_rendering(state, *args):
        pagecache.new_generation()  # a publication commits while this page was rendered
        original_store(state, *args)

    pagecache.PageCacheMiddleware._store = staticmethod(publish_while_rendering)
    try:
        assert asgi("/ko/about/").cache == "MISS"
    finally:
        pagecache.PageCacheMiddleware._store = staticmethod(original_store)
    assert cache.get(pagecache.GENERATION_KEY) != seen
    assert asgi("/ko/about/").cache == "MISS"  # the copy stored under the old generation is dead
    assert asgi("/ko/about/").cache == "HIT"


# Never cached.


def test_a_signed_in_reader_is_never_served_nor_stored(asgi, client, about, django_user_model):
    prime(asgi, ["/en/about/"])
    staff = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    answer = asgi("/en/about/", headers={"cookie": cookie})
    assert answer.cache is None
    assert answer.headers["cache-control"] == "private, no-cache"
    assert "userbar" in answer.text  # staff get the Wagtail user bar, readers never do
    assert "userbar" not in asgi("/en/about/").text


def test_previews_are_never_stored(asgi, client, about, django_user_model):
    staff = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    preview = f"/admin/pages/{about.pk}/edit/preview/"
    answer = asgi(preview, headers={"cookie": cookie})
    assert answer.cache is None
    assert asgi(preview).cache is None  # without the session: the admin's sign-in redirect


def test_a_private_page_is_never_stored(asgi, about, client):
    prime(asgi, ["/en/about/"])  # public until now
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    first, second = twice(asgi, "/en/about/")
    assert second.cache is None and "About the ministry" not in second.text
    restriction = PageViewRestriction.objects.get()
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "s3cret", "return_url": "/en/about/"},
    )
    assert response.status_code == 302
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    unlocked = asgi("/en/about/", headers={"cookie": cookie})
    assert unlocked.cache is None and "About the ministry" in unlocked.text
    assert "About the ministry" not in asgi("/en/about/").text


def test_a_page_with_a_form_is_never_stored(asgi, home):
    """The cooperation inquiry form carries a CSRF token and sets its cookie."""
    first, second = twice(asgi, "/en/cooperation/")
    assert first.status == 200 and "csrfmiddlewaretoken" in first.text
    assert second.cache is None and "csrftoken" in second.headers.get("set-cookie", "")
    assert "private" in second.headers["cache-control"]


def test_error_pages_are_never_stored(asgi, home):
    first, second = twice(asgi, "/en/no-such-page/")
    assert first.status == second.status == 404
    assert second.cache is None


def test_live_room_pages_are_never_stored(asgi, home):
    first, second = twice(asgi, "/en/live/")
    assert first.status == 200 and second.cache is None
    assert "no-cache" in second.headers["cache-control"]


def test_a_reader_with_pending_messages_is_not_served_a_copy(asgi, about):
    prime(asgi, ["/en/about/"])
    assert asgi("/en/about/", headers={"cookie": "messages=anything"}).cache is None
    assert asgi("/en/about/", headers={"cookie": "csrftoken=abc; theme=dark"}).cache == "HIT"


def test_documents_are_left_to_django(client, release):
    """Every download is counted and access-checked: never public for caches."""
    from portal.news.factories import attach

    document = attach(release, language="en").document
    response = client.get(document.url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert response.get("Content-Encoding") != "gzip"  # its length and ranges stay
    response.close()


def test_the_cache_can_be_switched_off(asgi, about, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first, second = twice(asgi, "/en/about/")
    assert first.cache is None and second.cache is None
    assert second.headers["cache-control"] == "public, no-cache"  # a proxy may still keep it


def test_view_counts_stay_exact_when_the_page_comes_from_the_cache(asgi, release):
    """Views are counted by the reader's browser after the page loads, so cached pages count."""
    readers = [f"{BROWSER} reader/{n}" for n in range(5)]
    answers = [asgi("/en/news/payroll/", headers={"user-agent": agent}) for agent in readers]
    assert [answer.cache for answer in answers] == ["MISS", "HIT", "HIT", "HIT", "HIT"]
    beacon = f"/en/news/seen/{release.pk}/"
    assert f'data-news-seen="{beacon}"' in answers[-1].text
    for agent in readers:
        assert asgi(beacon, method="POST", headers={"user-agent": agent}).status == 204
    assert PageViewCount.objects.get(page_id=release.pk).count == len(readers)
