import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from cases.factories import CaseIndexPageFactory, DocumentationIndexPageFactory
from portal.models import HomePage

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


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
def library(home):
    return CaseIndexPageFactory(parent=home, title_ko="사례", slug_ko="사례")


@pytest.fixture
def docs(home):
    return DocumentationIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def url_in(page, code):
    with translation.override(code):
        return page.get_url()
