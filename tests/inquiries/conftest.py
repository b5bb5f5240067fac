import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from cases.models import CaseIndexPage, CaseStudyPage
from portal.models import HomePage


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request leaves its language active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


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
    return home.add_child(
        instance=CaseIndexPage(title="Case library", title_en="Case library", slug="cases")
    )


def add_case(library, slug, title, *, live=True, **fields):
    page = CaseStudyPage(
        title=title,
        title_en=title,
        slug=slug,
        slug_en=slug,
        year=2020,
        intro=f"Summary of {title}.",
        intro_en=f"Summary of {title}.",
        live=live,
        **fields,
    )
    library.add_child(instance=page)
    if not live:
        page.save_revision()
    return page


@pytest.fixture
def case(library):
    return add_case(
        library, "e-saram-payroll", "Payroll automation in e-Saram", title_es="Nómina en e-Saram"
    )


@pytest.fixture
def draft_case(library):
    return add_case(library, "draft-case", "A case still in draft", live=False)


@pytest.fixture
def private_case(library):
    page = add_case(library, "private-case", "A case for staff only")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page
