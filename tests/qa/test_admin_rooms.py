"""Q&A rooms in the Wagtail admin: codes that work everywhere, readable flags, the dashboard."""

import re

import pytest
from django.contrib.auth.models import Permission

from qa import services
from qa.models import Room
from tests.qa.helpers import join, make_room

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/qa/room/add/"
CODE_ERROR = "Use 3 to 12 letters (A–Z) and digits, nothing else."


def room_form(**fields):
    return {
        "title_en": "Astana hub seminar",
        "code": "",
        "moderated": "on",
        "is_open": "on",
        **fields,
    }


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("A/B", CODE_ERROR),
        ("AB:CD", CODE_ERROR),
        ("Q-A", CODE_ERROR),
        ("AB", CODE_ERROR),
        ("서울1", CODE_ERROR),
        ("ABCDEFGHJKLMN", "Ensure this value has at most 12 characters (it has 13)."),
    ],
)
def test_a_code_that_would_break_a_link_or_an_export_is_refused(client, admin_user, code, message):
    client.force_login(admin_user)
    response = client.post(ADD_URL, room_form(code=code))
    assert response.status_code == 200
    # The message sits on the code field, where the staff member typed.
    shown = re.search(
        r'id="panel-child-code-errors".*?<p class="error-message">\s*(.*?)\s*</p>',
        response.content.decode(),
        re.S,
    )
    assert shown.group(1) == message
    assert not Room.objects.exists()


def test_a_code_in_lower_case_is_saved_in_upper_case(client, admin_user):
    client.force_login(admin_user)
    response = client.post(ADD_URL, room_form(code=" astana26 "))
    assert response.status_code == 302
    assert Room.objects.get().code == "ASTANA26"
    assert client.get("/en/live/ASTANA26/").status_code == 200


def test_the_rooms_list_shows_translated_yes_and_no(client, admin_user):
    make_room(code="OPEN1", is_open=True, moderated=False, allow_anonymous=True)
    client.force_login(admin_user)
    html = client.get("/admin/snippets/qa/room/").content.decode()
    assert "True" not in html and "False" not in html
    row = re.search(r"<td >\s*OPEN1\s*</td>.*?</tr>", html, re.S).group(0)
    cells = re.findall(r"class=\"icon icon-(check|cross)", row)
    assert cells == ["check", "cross", "check"]  # open, not moderated, anonymous allowed
    assert row.count("Yes") == 2 and row.count("No") == 1


def test_closing_a_room_in_the_admin_goes_through_the_service(client, admin_user):
    room = make_room(code="CLOSE1")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/snippets/qa/room/edit/{room.pk}/",
        {"title_en": room.title, "code": "CLOSE1", "moderated": "on"},
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.is_open is False and room.closed_at is not None
    assert list(room.events.values_list("type", flat=True)) == ["room.updated"]


@pytest.fixture
def staff_moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw-mod-2026", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return django_user_model.objects.get(pk=user.pk)


def test_the_dashboard_lists_open_rooms_i_moderate_with_what_awaits(client, staff_moderator):
    busy = make_room(code="BUSY1", title="Digital HRM with the IDB")
    quiet = make_room(code="QUIET1", title="Proactive service clinic")
    closed = make_room(code="SHUT1", title="Closed seminar", is_open=False)
    others = make_room(code="OTHER1", title="Somebody else's room")
    for room in (busy, quiet, closed):
        room.moderators.add(staff_moderator)
    asker = join(busy)
    for n in range(3):
        services.ask_question(busy.pk, asker.pk, f"Question {n}", False, "en")
    services.ask_question(others.pk, join(others).pk, "Elsewhere", False, "en")
    client.force_login(staff_moderator)
    html = client.get("/admin/").content.decode()
    panel = re.search(r'id="qa-live-rooms-section".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>.*?</tr>", panel, re.S)[1:]
    assert [re.search(r"<code>(\w+)</code>", row).group(1) for row in rows] == ["BUSY1", "QUIET1"]
    assert "3 questions" in rows[0] and "0 questions" in rows[1]
    assert 'href="/en/live/BUSY1/moderate/"' in rows[0]
    assert 'href="/en/live/BUSY1/present/"' in rows[0]
    assert "SHUT1" not in panel and "OTHER1" not in panel


def test_no_rooms_no_panel(client, staff_moderator):
    make_room(code="OTHER1")
    client.force_login(staff_moderator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'id="qa-live-rooms-section"' not in response.content.decode()


def test_staff_choose_the_reactions_a_room_allows(client, admin_user):
    room = make_room(code="REACT1")
    assert room.reactions == []  # none by default
    client.force_login(admin_user)
    edit = client.get(f"/admin/snippets/qa/room/edit/{room.pk}/")
    assert "🙏 Thanks" in edit.content.decode()
    response = client.post(
        f"/admin/snippets/qa/room/edit/{room.pk}/",
        room_form(code="REACT1", reactions=["plus_one", "thanks"], opinions_moderated="on"),
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.reactions == ["thanks", "plus_one"]
    announced = room.events.get(type="room.updated").payload["room"]
    assert announced["reactions"] == ["thanks", "plus_one"]
    refused = client.post(
        f"/admin/snippets/qa/room/edit/{room.pk}/", room_form(code="REACT1", reactions=["kiss"])
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
