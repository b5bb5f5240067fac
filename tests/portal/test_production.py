"""Operations: the demo admin's password, `make run`'s server, PostgreSQL's connection bound."""

import io
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.portal.test_settings import PRODUCTION, SECRETS
from tests.server import ROOT, PortalServer

OPERATOR_PASSWORD = "operator-chosen-Passw0rd-2026"


def test_the_demo_loader_refuses_production_without_a_password():
    env = {**PRODUCTION, **SECRETS, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_content"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "No demo admin password" in result.stderr
    assert "--admin-password" in result.stderr


@pytest.mark.django_db
def test_without_a_default_password_nothing_is_created(settings):
    settings.DEMO_ADMIN_PASSWORD = ""
    settings.DEMO_PRINT_CREDENTIALS = False
    with pytest.raises(CommandError, match="No demo admin password"):
        call_command("load_demo_content", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_password_given_by_the_operator_is_used_and_never_printed(settings):
    settings.DEMO_ADMIN_PASSWORD = ""
    settings.DEMO_PRINT_CREDENTIALS = False
    out = io.StringIO()
    call_command("load_demo_content", admin_password=OPERATOR_PASSWORD, stdout=out)
    admin = get_user_model().objects.get(username=settings.DEMO_ADMIN_USERNAME)
    assert admin.is_superuser
    assert admin.check_password(OPERATOR_PASSWORD)
    assert OPERATOR_PASSWORD not in out.getvalue()
    assert "the one you gave" in out.getvalue()


@pytest.mark.django_db
def test_development_prints_the_published_demo_credentials_once(settings):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert f"user: admin  password: {settings.DEMO_ADMIN_PASSWORD}" in out.getvalue()
    again = io.StringIO()
    call_command("load_demo_content", stdout=again)
    # The account exists: its password may have changed since, so it is not shown.
    assert settings.DEMO_ADMIN_PASSWORD not in again.getvalue()
    assert "password unchanged" in again.getvalue()


def fetch(url, method="GET"):
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def make_run_server(tmp_path_factory):
    """Daphne on the development settings with their defaults, as `make run` serves them."""
    assert "DEBUG" not in os.environ, "the test is about DEBUG's default"
    server = PortalServer(
        tmp_path_factory.mktemp("make-run"),
        extra_env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
    ).start()
    yield server
    server.stop()


def test_make_run_serves_static_files_and_answers_missing_ones_with_404(make_run_server):
    status, headers, body = fetch(f"{make_run_server.url}/static/qa/live.js")
    assert status == 200
    assert "javascript" in headers["Content-Type"]
    for path in ("/static/no-such-file.css", "/static/qa/no-such-module.js"):
        status, _, body = fetch(make_run_server.url + path)
        assert status == 404, path
        assert b"Traceback" not in body


def test_make_run_shows_no_debug_pages(make_run_server):
    status, _, body = fetch(f"{make_run_server.url}/en/no-such-page/")
    assert status == 404
    assert b"DEBUG = True" not in body
    assert b"Using the URLconf" not in body
    assert b'lang="en"' in body  # the site's own 404 page


def test_make_run_serves_uploaded_images(make_run_server):
    _, _, page = fetch(f"{make_run_server.url}/en/international-cooperation/")
    found = re.search(r'src="(/media/[^"]+)"', page.decode())
    assert found, "the page shows an uploaded image"
    status, headers, _ = fetch(make_run_server.url + found[1])
    assert status == 200
    assert headers["Content-Type"].startswith("image/")


def test_make_run_answers_head(make_run_server):
    for path in ("/en/", "/ko/", "/en/about-the-ministry/"):
        status, headers, body = fetch(make_run_server.url + path, method="HEAD")
        assert status == 200, path
        assert body == b""
        assert "Content-Security-Policy" in headers


def connections_to(database_url):
    """Client connections PostgreSQL holds open for the server's database right now."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        return admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()[0]


@pytest.mark.postgres
def test_postgresql_connections_stay_within_the_pool_under_load(tmp_path):
    bound = 4
    server = PortalServer(tmp_path, extra_env={"DB_POOL_MAX_SIZE": str(bound)}).start()
    try:
        database_url = server.env["DATABASE_URL"]
        statuses, peaks, done = [], [], threading.Event()

        def sample():
            while not done.is_set():
                peaks.append(connections_to(database_url))
                done.wait(0.01)  # sampling rate, not a wait for an outcome

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            with ThreadPoolExecutor(20) as pool:
                statuses = list(pool.map(lambda _: fetch(f"{server.url}/en/")[0], range(300)))
        finally:
            done.set()
            sampler.join()
        assert statuses.count(200) == 300, sorted(set(statuses))
        assert max(peaks) <= bound, max(peaks)
        assert max(peaks) >= 1  # the sampler saw the server's connections at all
        assert "too many clients" not in server.log_text()
    finally:
        server.stop()
