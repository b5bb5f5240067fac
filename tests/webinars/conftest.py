import pytest

from webinars.factories import WebinarIndexPageFactory


@pytest.fixture
def webinars_index(home):
    return WebinarIndexPageFactory(parent=home, title_ko="웨비나", slug_ko="webinars")
