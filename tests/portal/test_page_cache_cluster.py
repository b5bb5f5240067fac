"""The page cache in the production shape: two Daphne processes sharing one database and one
Redis. A page stored by one process is answered by the other; a publication made by any
process (here a third one, as a scheduled publication would be) reaches both; a Redis that
goes away and comes back costs speed only."""

import json
import urllib.request

import pytest

from tests.server import PortalCluster

CHANGE_TITLE = """
from portal.news.models import NewsPage
page = NewsPage.objects.live().order_by("pk").first()
revision = page.get_latest_revision_as_object()
revision.title_en = "A corrected headline for every reader"
revision.save_revision().publish()
"""
FIRST_RELEASE = """
import json
from django.utils import translation
from portal.news.models import NewsPage
translation.activate("en")
page = NewsPage.objects.live().order_by("pk").first()
print(json.dumps({"url": page.get_url(), "title": page.title_en}))
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = PortalCluster(tmp_path_factory.mktemp("page-cache-cluster"), processes=2).start()
    yield cluster
    cluster.stop()


def get(node, path):
    """GET as the proxy in front of the processes sends it: with the site's own Host."""
    headers = {"User-Agent": "Mozilla/5.0", "Host": "localhost"}
    request = urllib.request.Request(node.url + path, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 -- loopback
        return response.headers.get("X-Cache"), response.read().decode()


def test_processes_share_pages_and_every_publication_reaches_them_all(cluster):
    release = json.loads(cluster.manage("shell", "-c", FIRST_RELEASE).splitlines()[-1])
    first, second = cluster.nodes
    assert get(first, release["url"])[0] == "MISS"
    cache, html = get(second, release["url"])
    assert cache == "HIT" and release["title"] in html  # stored by the other process

    cluster.manage("shell", "-c", CHANGE_TITLE)
    cache, html = get(first, release["url"])
    assert cache == "MISS" and "A corrected headline for every reader" in html
    cache, html = get(second, release["url"])
    assert cache == "HIT" and "A corrected headline for every reader" in html


def test_pages_are_served_while_redis_is_away_and_cached_again_when_it_is_back(cluster):
    first, second = cluster.nodes
    get(first, "/ko/")
    cluster.redis.stop()
    try:
        for node in (first, second):
            cache, html = get(node, "/ko/")
            assert cache == "MISS" and 'lang="ko"' in html  # rendered by Django, not lost
    finally:
        cluster.redis.start()
    assert get(second, "/ko/")[0] == "MISS"  # the emptied Redis gets a new generation
    assert get(first, "/ko/")[0] == "HIT"
