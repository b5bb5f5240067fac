"""Staff who edit webinar pages: drafts, who chooses the organisers, downloads' names."""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from tests.webinars.test_admin import SCHEDULE, staff_member
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.services import registration_token


@pytest.fixture
def editor(django_user_model, webinars_index):
    """An editor who may edit and publish webinar pages, and organises one."""
    user = staff_member(django_user_model, "editor")
    group = user.groups.get()
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=webinars_index, permission=Permission.objects.get(codename=permission)
        )
    return user


def test_an_organiser_edits_a_webinar_with_a_draft_without_error(client, editor, webinars_index):
    webinar = WebinarPageFactory(parent=webinars_index, organisers=[editor])
    webinar.location = "Online (Zoom), second room"
    webinar.save_revision(user=editor)  # a draft: the edit view rebuilds the page from it
    client.force_login(editor)
    response = client.get(f"/admin/pages/{webinar.pk}/edit/")
    assert response.status_code == 200
    assert "Registrants" in response.content.decode()  # their header buttons are there


def test_only_staff_who_run_every_webinar_choose_its_organisers(
    client, editor, admin_user, webinars_index, django_user_model
):
    webinar = WebinarPageFactory(parent=webinars_index)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{webinar.pk}/edit/").content.decode()
    # An editor cannot make themselves an organiser (and so see registrants' personal data).
    assert 'name="organisers"' not in html

    django_user_model.objects.create_user("outsider", password="x")  # no admin access
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{webinar.pk}/edit/").content.decode()
    offered = set(re.findall(r'name="organisers" value="(\d+)"', html))
    assert offered == {str(editor.pk), str(admin_user.pk)}


def test_a_russian_calendar_file_keeps_its_name(client, webinars_index):
    from django.utils import translation

    webinar = WebinarPageFactory(
        parent=webinars_index, title_ru="Вебинар о кадрах", slug_ru="вебинар-о-кадрах"
    )
    registration = RegistrationFactory(webinar=webinar, language="ru")
    with translation.override("ru"):
        url = webinar.url + webinar.reverse_subpage(
            "registration_calendar", args=[registration_token(registration)]
        )
    response = client.get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.isascii()  # a header, not an encoded word
    assert "filename*=utf-8''%d0%b2%d0%b5%d0%b1" in disposition.lower()


def test_the_helper_offers_the_least_inconvenient_starts_when_none_suits_everyone(
    client, admin_user
):
    from portal.factories import PartnerOrganisationFactory

    client.force_login(admin_user)
    # Montevideo is twelve hours behind Seoul, all year: no working hour in common.
    uruguay = PartnerOrganisationFactory(
        name="Servicio Civil", country="UY", time_zone="America/Montevideo"
    )
    response = client.get(
        SCHEDULE,
        {
            "date": "2026-05-12",
            "time": "09:00",
            "zone": "Asia/Seoul",
            "duration": "60",
            "partners": [uruguay.pk],
            "working_days": "on",
        },
    )
    html = response.content.decode()
    assert "suits everyone" in html  # none does
    rows = re.findall(r'<tr data-testid="compromise">(.*?)</tr>', html, re.S)
    assert len(rows) == 5
    assert all(re.search(r"<td>\s*60\s*</td>", row) for row in rows)
