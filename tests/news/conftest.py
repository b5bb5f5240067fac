import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from portal.models import HomePage
from portal.news.factories import NewsIndexPageFactory


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", title_en="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    root.get_children().exact_type(Page).delete()
    return home


@pytest.fixture
def newsroom(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def fetch(client, url, **headers):
    """GET a file the way a browser does: read it to the end (the test client then closes it)."""
    response = client.get(url, headers=headers)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response
