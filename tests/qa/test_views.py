import csv
import io

import pytest
from openpyxl import load_workbook

from qa.models import CODE_ALPHABET, Participant, Question, Room, generate_room_code
from qa.services import participant_session_key
from tests.qa.helpers import join, make_room

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
    assert "sessionid" in page.cookies
    assert 'name="anonymous"' in page.content.decode()
    response = client.post(
        "/en/live/DEMO/",
        {"display_name": "Ana Pérez", "organisation": "ONSC", "country": "Uruguay"},
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
    assert "http://testserver/en/live/DEMO/" in presenter


def _questions(room):
    asker = join(room, name="Kim", organisation="MPM", country="Korea")
    published = Question.objects.create(
        room=room,
        author=asker,
        text='=HYPERLINK("x")',
        status="published",
        vote_count=3,
        answered=True,
    )
    Question.objects.create(room=room, author=asker, text="Не опубликован", status="pending")
    return published


def test_moderators_export_questions_as_csv(client, room, moderator):
    _questions(room)
    client.force_login(moderator)
    response = client.get("/en/live/DEMO/export.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="questions-DEMO-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Question", "Author"]
    assert rows[1][1] == '\'=HYPERLINK("x")'  # never a live formula in a spreadsheet
    assert rows[1][5:8] == ["Published", "3", "yes"]
    assert rows[2][1] == "Не опубликован"
    assert rows[2][5] == "Awaiting moderation"


def test_moderators_export_questions_as_xlsx(client, room, moderator):
    _questions(room)
    client.force_login(moderator)
    response = client.get("/ko/live/DEMO/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][6] == 3
    assert rows[2][1] == "Не опубликован"


def test_staff_create_rooms_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    form = client.get("/admin/snippets/qa/room/add/")
    assert form.status_code == 200
    response = client.post(
        "/admin/snippets/qa/room/add/",
        {"title": "Astana hub seminar", "code": "", "moderated": "on", "is_open": "on"},
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
