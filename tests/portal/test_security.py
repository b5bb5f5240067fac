"""Admin sign-in lockout, password reset limit, Content-Security-Policy, HEAD on pages."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RIGHT = "the-right-password-2026"
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture
def staff(django_user_model):
    django_user_model.objects.create_superuser("ana", "ana@example.org", RIGHT)
    return django_user_model.objects.create_superuser("ben", "ben@example.org", RIGHT)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def signed_in(client):
    return client.get("/admin/").status_code == 200


def fail_until_locked(client, username, address="203.0.113.7"):
    for attempt in range(settings.ADMIN_LOGIN_MAX_FAILURES):
        response = sign_in(client, username, f"wrong-{attempt}", address)
        assert response.status_code == 200
    return response


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, staff):
    last = fail_until_locked(client, "ana")
    assert LOCKED in last.content.decode()
    response = sign_in(client, "ana", RIGHT)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert not signed_in(client)


def test_a_few_wrong_passwords_do_not_lock_and_a_success_starts_counting_again(client, staff):
    for attempt in range(settings.ADMIN_LOGIN_MAX_FAILURES - 1):
        sign_in(client, "ana", f"wrong-{attempt}")
    assert sign_in(client, "ana", RIGHT).status_code == 302
    client.logout()
    for attempt in range(settings.ADMIN_LOGIN_MAX_FAILURES - 1):
        sign_in(client, "ana", f"wrong-again-{attempt}")
    assert sign_in(client, "ana", RIGHT).status_code == 302


def test_the_lockout_holds_one_username_at_one_address(client, staff):
    fail_until_locked(client, "ana", address="203.0.113.7")
    # Another person at the same address, and the owner from elsewhere, still sign in.
    assert sign_in(client, "ben", RIGHT, address="203.0.113.7").status_code == 302
    client.logout()
    assert sign_in(client, "ana", RIGHT, address="198.51.100.20").status_code == 302
    assert signed_in(client)


def test_the_lockout_counts_usernames_regardless_of_case_and_spaces(client, staff):
    for attempt in range(settings.ADMIN_LOGIN_MAX_FAILURES):
        sign_in(client, "ANA " if attempt % 2 else "ana", f"wrong-{attempt}")
    assert LOCKED in sign_in(client, "ana", RIGHT).content.decode()


def test_password_reset_emails_are_limited(client, staff, mailoutbox):
    limit = settings.PASSWORD_RESETS_PER_HOUR
    for _ in range(limit + 3):
        response = client.post(
            "/admin/password_reset/", {"email": "ana@example.org"}, REMOTE_ADDR="203.0.113.7"
        )
        # The page never tells whether an account exists or the limit was reached.
        assert response.status_code == 302
    assert len(mailoutbox) == limit
    # The same address cannot spread its requests over other mailboxes either.
    client.post("/admin/password_reset/", {"email": "ben@example.org"}, REMOTE_ADDR="203.0.113.7")
    assert len(mailoutbox) == limit
    # Someone else asking for their own account is not held back.
    client.post("/admin/password_reset/", {"email": "ben@example.org"}, REMOTE_ADDR="198.51.100.20")
    assert len(mailoutbox) == limit + 1
    assert mailoutbox[-1].to == ["ben@example.org"]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", ["/en/", "/ko/", "/en/live/", "/en/no-such-page/"])
def test_public_pages_forbid_inline_and_foreign_scripts(client, demo_site, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_the_live_room_has_the_public_policy(client, demo_site):
    from django.apps import apps

    apps.get_app_config("qa").load_demo_content()  # the DEMO room, as `make run` has it
    response = client.get("/en/live/DEMO/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]


def test_only_the_admin_allows_inline_code(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]
    assert policy(client.get("/en/"))["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/en/", "/ko/", "/en/about-the-ministry/", "/en/news/"])
def test_pages_answer_head(client, demo_site, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
