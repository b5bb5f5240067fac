"""A room that belongs to a webinar: its title in each language, its organisers moderate it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from qa import services
from qa.models import Room
from webinars.factories import WebinarIndexPageFactory, WebinarPageFactory

ADD_URL = "/admin/snippets/qa/room/add/"


@pytest.fixture
def webinar(home):
    index = WebinarIndexPageFactory(parent=home)
    return WebinarPageFactory(
        parent=index,
        title="Digital HRM with the IDB",
        title_ko="IDB와 함께하는 디지털 인사관리",
        title_ru="Цифровое управление кадрами с МБР",
    )


def test_a_room_takes_its_title_from_its_webinar_in_the_readers_language(client, webinar):
    Room.objects.create(code="IDB26", webinar=webinar)
    for code, title in [
        ("ko", "IDB와 함께하는 디지털 인사관리"),
        ("ru", "Цифровое управление кадрами с МБР"),
        ("es", "Digital HRM with the IDB"),  # no Spanish title yet: the default language
    ]:
        html = client.get(f"/{code}/live/IDB26/").content.decode()
        assert f"<h1>{title}</h1>" in html


def test_a_rooms_own_title_in_a_language_wins_over_the_webinars(webinar):
    room = Room.objects.create(code="IDB27", webinar=webinar, title_ko="질의응답")
    with translation.override("ko"):
        assert room.display_title == "질의응답"
    with translation.override("ru"):
        assert room.display_title == "Цифровое управление кадрами с МБР"


def test_a_room_needs_a_title_or_a_webinar(client, admin_user, webinar):
    client.force_login(admin_user)
    form = {"code": "NOTITLE", "moderated": "on", "is_open": "on"}
    response = client.post(ADD_URL, form)
    assert response.status_code == 200
    assert "Give the room a title or choose its webinar." in response.content.decode()
    assert not Room.objects.exists()
    response = client.post(ADD_URL, {**form, "webinar": webinar.pk})
    assert response.status_code == 302
    assert Room.objects.get().webinar == webinar


def test_the_webinars_organisers_moderate_its_room_and_no_other(django_user_model, webinar):
    organiser = django_user_model.objects.create_user("organiser", password="x")
    organiser.groups.add(Group.objects.create(name="Webinar staff"))
    organiser.user_permissions.add(Permission.objects.get(codename="access_admin"))
    webinar.organisers.add(organiser)
    webinar.save_revision().publish()
    own = Room.objects.create(code="OWN1", webinar=webinar)
    other = Room.objects.create(code="OTHER1", title="Another seminar")
    assert services.can_moderate(organiser, own)
    assert not services.can_moderate(organiser, other)
    assert list(services.rooms_moderated_by(organiser)) == [own]


def test_the_room_leads_back_to_its_webinar_page(client, webinar):
    Room.objects.create(code="IDB28", webinar=webinar)
    html = client.get("/ko/live/IDB28/").content.decode()
    with translation.override("ko"):
        assert f'href="{webinar.url}"' in html
    webinar.unpublish()
    assert f'href="{webinar.url}"' not in client.get("/en/live/IDB28/").content.decode()
