"""Counters stay exact when many readers arrive at once (meaningful on PostgreSQL)."""

import threading

import pytest
from django.db import connections
from django.test import Client

from portal.news.factories import NewsPageFactory, attach
from portal.news.models import DocumentDownloadCount, PageViewCount
from tests.news.conftest import fetch

READERS = 12
REQUESTS_EACH = 3


def run_together(work):
    """Start every reader's thread on one barrier so their requests really overlap."""
    barrier = threading.Barrier(READERS)
    errors = []

    def reader(number):
        try:
            barrier.wait(timeout=30)
            work(number)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_and_downloads_are_all_counted(newsroom):
    """No counter row exists at the start: the first requests also race to create it."""
    release = NewsPageFactory(parent=newsroom)
    document = attach(release, language="en").document

    def read_and_download(number):
        for visit in range(REQUESTS_EACH):
            # Each visit is a different reader (address), so none is a reload.
            client = Client(REMOTE_ADDR=f"198.51.100.{number * REQUESTS_EACH + visit + 1}")
            agent = {"user-agent": "Mozilla/5.0 Firefox/133.0"}
            assert client.post(f"/en/news/seen/{release.pk}/", headers=agent).status_code == 204
            assert fetch(client, document.url, **agent).status_code == 200

    run_together(read_and_download)
    expected = READERS * REQUESTS_EACH
    assert PageViewCount.objects.get(page=release).count == expected
    assert DocumentDownloadCount.objects.get(document=document).count == expected
