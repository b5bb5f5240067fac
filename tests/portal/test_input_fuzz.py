"""Whatever a client sends over HTTP, the portal answers with a page or a 4xx, never a 5xx.

Raw bytes go into every public query parameter, form field, path and cookie: invalid UTF-8,
encoded lone surrogates, NUL, other control characters, bidi controls, very long values.
The same test runs on SQLite and, in CI's second pass, on PostgreSQL (where NUL used to
break queries). The WebSocket and SSE doors have their own property test in tests/qa.
"""

from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.models import Participant

NASTY = [
    b"\x00",
    b"\xed\xa0\x80",  # a lone surrogate, as UTF-8 would encode it
    b"\xff\xfe",
    b"\x01\x1b[31m",
    "\u202eevil\u2066".encode(),
    b'"',
    b"'; --",
    b"//evil.example/",
    b"\\\\evil.example",
    b"%00",
    "공무원의".encode(),
    b"x" * 5000,
]

raw_values = st.one_of(
    st.binary(max_size=60),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map(b"".join),
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def q(value):
    return quote_from_bytes(value, safe="")


@pytest.fixture
def client(demo_site):
    return Client(raise_request_exception=False)


def assert_not_server_error(response):
    assert response.status_code < 500, response.status_code


@pytest.mark.django_db
@FUZZ
@given(query=raw_values, page=raw_values)
def test_search_answers_every_query(client, query, page):
    for lang in ("en", "ko"):
        assert_not_server_error(client.get(f"/{lang}/search/?q={q(query)}&page={q(page)}"))


@pytest.mark.django_db
@FUZZ
@given(year=raw_values, category=raw_values, query=raw_values, page=raw_values)
def test_newsroom_filters_answer_every_value(client, year, category, query, page):
    response = client.get(
        f"/en/news/?year={q(year)}&category={q(category)}&q={q(query)}&page={q(page)}"
    )
    assert_not_server_error(response)


@pytest.mark.django_db
@FUZZ
@given(code=raw_values)
def test_join_by_code_answers_every_code(client, code):
    assert_not_server_error(client.get(f"/en/live/?code={q(code)}"))
    assert_not_server_error(client.get(f"/en/live/{q(code)}/"))


@pytest.mark.django_db
@FUZZ
@given(name=raw_values, organisation=raw_values, country=raw_values)
def test_join_form_stores_only_clean_text(client, name, organisation, country):
    body = f"display_name={q(name)}&organisation={q(organisation)}&country={q(country)}"
    response = client.post("/en/live/DEMO/", body, content_type="application/x-www-form-urlencoded")
    assert_not_server_error(response)
    for participant in Participant.objects.all():
        for value in (participant.display_name, participant.organisation):
            # What was stored can be written to every export and page as it is.
            assert value.isprintable(), repr(value)
            assert not set(value) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.django_db
@FUZZ
@given(segment=raw_values)
def test_every_path_answers(client, segment):
    assert_not_server_error(client.get(f"/en/{q(segment)}/"))
    assert_not_server_error(client.get(f"/{q(segment)}"))


@pytest.mark.django_db
@FUZZ
@given(session=raw_values, csrf=raw_values)
def test_every_cookie_answers(client, session, csrf):
    # A cookie header is Latin-1 on the wire; anything a browser or a script can put there.
    cookie = (
        (f"sessionid={session.decode('latin-1')}; csrftoken={csrf.decode('latin-1')}")
        .replace("\r", "")
        .replace("\n", "")
    )
    assert_not_server_error(client.get("/en/", HTTP_COOKIE=cookie))
    assert_not_server_error(client.get("/en/live/DEMO/", HTTP_COOKIE=cookie))
