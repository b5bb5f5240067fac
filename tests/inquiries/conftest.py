import pytest
from wagtail.models import PageViewRestriction

from cases.models import CaseIndexPage, CaseStudyPage


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
