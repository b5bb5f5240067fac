import pytest

from portal.news.factories import NewsIndexPageFactory


@pytest.fixture
def newsroom(home):
    return NewsIndexPageFactory(parent=home)


def fetch(client, url, **headers):
    """GET a file the way a browser does: read it to the end (the test client then closes it)."""
    response = client.get(url, headers=headers)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response
