import pytest
from django.utils import translation

from cases.factories import CaseIndexPageFactory, DocumentationIndexPageFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.fixture
def library(home):
    return CaseIndexPageFactory(parent=home, title_ko="사례", slug_ko="사례")


@pytest.fixture
def docs(home):
    return DocumentationIndexPageFactory(parent=home)


def url_in(page, code):
    with translation.override(code):
        return page.get_url()
