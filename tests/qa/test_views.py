import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory

from qa.models import CODE_ALPHABET, Participant, Room, generate_room_code
from qa.services import participant_session_key
from tests.qa.helpers import make_room, session_for

pytestmark = pytest.mark.django_db


def test_room_codes_are_readable_and_unique():
    codes = {generate_room_code() for _ in range(500)}
    assert len(codes) > 490
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("0O1I")
        assert set(code) <= set(CODE_ALPHABET)
    first, second = Room.objects.create(title="A"), Room.objects.create(title="B")
    assert first.code and second.code and first.code != second.code


def test_joining_by_code_ignores_case_and_spaces(client, room):
    response = client.get("/ko/live/", {"code": " de mo "})
    assert response.status_code == 302
    assert response["Location"] == "/ko/live/DEMO/"


def test_an_unknown_code_is_a_form_error(client, room):
    response = client.get("/es/live/", {"code": "NOPE22"})
    assert response.status_code == 200
    assert "No existe ninguna sala con este código" in response.content.decode()


def test_participants_join_with_name_or_anonymously(client, room):
    page = client.get("/en/live/DEMO/")
    assert page.status_code == 200
    assert "sessionid" not in page.cookies  # watching needs no session; joining starts one
    assert 'name="anonymous"' in page.content.decode()
    response = client.post(
        "/en/live/DEMO/",
        {"display_name": "Ana Pérez", "organisation": "ONSC", "country": "UY"},
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert client.session[participant_session_key(room.pk)] == participant.pk
    assert participant.display_name == "Ana Pérez"
    html = client.get("/en/live/DEMO/").content.decode()
    assert "You take part as Ana Pérez." in html
    assert 'data-ws-path="/ws/qa/DEMO/?lang=en"' in html


def test_anonymous_joining_where_the_room_allows_it(client, room):
    client.post("/en/live/DEMO/", {"anonymous": "on", "display_name": "ignored"})
    assert Participant.objects.get().display_name == ""


def test_a_named_room_requires_a_name(client):
    make_room(code="NAMED2", allow_anonymous=False)
    form = client.get("/en/live/NAMED2/").content.decode()
    assert 'name="anonymous"' not in form
    response = client.post("/en/live/NAMED2/", {"display_name": ""})
    assert response.status_code == 200
    assert Participant.objects.count() == 0
    assert "field__error" in response.content.decode()


def test_user_text_is_escaped_on_the_room_page(client, room):
    client.post("/en/live/DEMO/", {"display_name": "<img src=x onerror=alert(1)>"})
    html = client.get("/en/live/DEMO/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_moderation_and_presenter_views_need_the_rooms_moderator(
    client, room, moderator, django_user_model
):
    assert client.get("/en/live/DEMO/moderate/").status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    client.force_login(outsider)
    assert client.get("/en/live/DEMO/moderate/").status_code == 403
    assert client.get("/en/live/DEMO/present/").status_code == 403
    assert client.get("/en/live/DEMO/export.csv").status_code == 403
    client.force_login(moderator)
    assert client.get("/ru/live/DEMO/moderate/").status_code == 200
    presenter = client.get("/en/live/DEMO/present/").content.decode()
    assert "<svg" in presenter
    # The language-neutral address: each participant lands in their own language.
    assert "http://testserver/live/DEMO/" in presenter
    assert "http://testserver/en/live/DEMO/" not in presenter


def test_staff_create_rooms_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    form = client.get("/admin/snippets/qa/room/add/")
    assert form.status_code == 200
    response = client.post(
        "/admin/snippets/qa/room/add/",
        {"title_en": "Astana hub seminar", "code": "", "moderated": "on", "is_open": "on"},
    )
    assert response.status_code == 302
    room = Room.objects.get(title="Astana hub seminar")
    assert len(room.code) == 6
    assert room.allow_anonymous is False
    listing = client.get("/admin/snippets/qa/room/").content.decode()
    assert f"/en/live/{room.code}/moderate/" in listing


@pytest.mark.parametrize("code", ["en", "ko", "es", "ru"])
def test_live_pages_work_in_every_language(client, room, moderator, code):
    for path in [f"/{code}/live/", f"/{code}/live/DEMO/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()
    client.force_login(moderator)
    for path in [f"/{code}/live/DEMO/moderate/", f"/{code}/live/DEMO/present/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()


def test_joining_is_rate_limited_per_connection(client, room):
    for _ in range(20):
        client.cookies.clear()
        assert client.post("/en/live/DEMO/", {"anonymous": "on"}).status_code == 302
    client.cookies.clear()
    response = client.post("/es/live/DEMO/", {"anonymous": "on"})
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()
    assert Participant.objects.count() == 20


def test_the_join_form_offers_countries_by_name_in_the_page_language(client, room):
    html = client.get("/ko/live/DEMO/").content.decode()
    assert '<select name="country"' in html
    assert '<option value="KR">대한민국</option>' in html
    html = client.get("/es/live/DEMO/").content.decode()
    assert '<option value="UY">Uruguay</option>' in html
    response = client.post(
        "/en/live/DEMO/", {"display_name": "Aigerim", "organisation": "ACSH", "country": "KZ"}
    )
    assert response.status_code == 302
    assert Participant.objects.get().country == "KZ"


def test_a_country_not_on_the_list_is_a_form_error(client, room):
    response = client.post("/en/live/DEMO/", {"display_name": "Ana", "country": "Atlantis"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Participant.objects.count() == 0


def test_names_are_cleaned_at_the_door(client, room):
    typed = "Ana\x08 \u202ePérez\u202c\x07"
    client.post("/en/live/DEMO/", {"display_name": typed, "organisation": "ONSC\u2066\x1b"})
    participant = Participant.objects.get()
    assert (participant.display_name, participant.organisation) == ("Ana Pérez", "ONSC")
    client.cookies.clear()
    response = client.post("/en/live/DEMO/", {"display_name": "Ana\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert Participant.objects.count() == 1


@pytest.mark.parametrize("field", ["display_name", "organisation"])
def test_a_name_with_nothing_printable_left_is_a_form_error(client, room, field):
    fields = {"display_name": "Ana", "organisation": "ONSC", field: "\u202e\x01\u2066"}
    response = client.post("/en/live/DEMO/", fields)
    assert response.status_code == 200
    assert "This has no letters we can show. Type it again." in response.content.decode()
    assert Participant.objects.count() == 0


def test_the_room_page_states_how_long_personal_data_is_kept(client, room, settings):
    settings.QA_PERSONAL_DATA_DAYS = 45
    html = client.get("/en/live/DEMO/").content.decode()
    assert "45 days after this room closes" in html


def test_watching_a_room_leaves_no_session_behind_joining_does(client, room):
    for _ in range(5):
        client.cookies.clear()
        page = client.get("/en/live/DEMO/")
        assert page.status_code == 200
        assert "sessionid" not in page.cookies
        assert "csrftoken" in page.cookies  # the SSE/POST fallback still gets its token
    client.get("/en/live/", {"code": "DEMO"})
    assert Session.objects.count() == 0
    client.post("/en/live/DEMO/", {"anonymous": "on"})
    assert Session.objects.count() == 1


def test_the_presenters_link_lands_each_participant_in_their_language(client, room):
    response = client.get("/live/DEMO/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 302
    assert response["Location"] == "/ko/live/DEMO/"
    response = client.get("/live/DEMO/", HTTP_ACCEPT_LANGUAGE="es-UY,es;q=0.9")
    assert response["Location"] == "/es/live/DEMO/"


@pytest.mark.parametrize(
    "path",
    [
        "/en/live/",
        "/en/live/DEMO/",
        "/ko/live/DEMO/moderate/",
        "/ko/live/DEMO/present/",
        "/en/live/DEMO/export.csv",
        "/en/live/DEMO/export.xlsx",
    ],
)
def test_every_page_answers_head_like_get_without_a_body(room, moderator, path):
    # Through the whole middleware stack, but not Django's test client, which drops the
    # body of a HEAD answer by itself (Daphne sends whatever body the view returns).
    handler = BaseHandler()
    handler.load_middleware()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_for(user=moderator)}"
    factory = RequestFactory(HTTP_COOKIE=cookie)
    got = handler.get_response(factory.get(path))
    head = handler.get_response(factory.head(path))
    assert (got.status_code, head.status_code) == (200, 200)
    assert got.content and head.content == b""
    assert head["Content-Type"] == got["Content-Type"]


def test_the_send_url_still_takes_only_post(client, room):
    assert client.head("/en/live/DEMO/send/").status_code == 405
    assert client.get("/en/live/DEMO/send/").status_code == 405
