import pytest
from django.contrib.auth.models import Group, Permission

from portal.models import PartnerOrganisation, StandardPage


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="editor-pass-2026")
    group = Group.objects.get(name="Editors")
    user.groups.add(group)
    return user


def test_staff_edit_pages_with_a_field_per_language(client, demo_site, admin_user):
    client.force_login(admin_user)
    about = StandardPage.objects.get(slug_en="about-the-ministry")
    response = client.get(f"/admin/pages/{about.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in ["en", "ko", "es", "ru"]:
        assert f'name="title_{code}"' in html
        assert f'name="slug_{code}"' in html
        assert f'name="intro_{code}"' in html


def test_staff_manage_partner_organisations(client, db, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(codename__endswith="partnerorganisation")
    )
    client.force_login(editor)
    form = client.get("/admin/snippets/portal/partnerorganisation/add/")
    assert form.status_code == 200
    assert 'name="name_ko"' in form.content.decode()
    response = client.post(
        "/admin/snippets/portal/partnerorganisation/add/",
        {
            "name_en": "National Civil Service Office",
            "name_ko": "국가공무원청",
            "name_es": "Oficina Nacional del Servicio Civil",
            "name_ru": "Национальное управление госслужбы",
            "acronym": "ONSC",
            "country": "UY",
            "kind": "government",
            "website": "https://example.org/",
            "sort_order": "5",
        },
    )
    assert response.status_code == 302
    partner = PartnerOrganisation.objects.get(acronym="ONSC")
    assert partner.name_es == "Oficina Nacional del Servicio Civil"


PARTNER_ADD = "/admin/snippets/portal/partnerorganisation/add/"


def test_partner_form_rejects_bad_input_with_a_message(client, db, admin_user):
    client.force_login(admin_user)
    response = client.post(
        PARTNER_ADD,
        {"name_en": "", "country": "XX", "kind": "nope", "website": "not a url", "sort_order": "1"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name_en", "country", "kind", "website"}
    html = response.content.decode()
    # What the person filling the form reads beside the fields, and the banner above them.
    assert "This field is required." in html
    assert "Select a valid choice. XX is not one of the available choices." in html
    assert "Enter a valid URL." in html
    assert "The partner organisation could not be created due to errors." in html
    assert PartnerOrganisation.objects.count() == 0


def test_people_without_permission_cannot_reach_partners(client, db, editor):
    client.force_login(editor)
    response = client.get(PARTNER_ADD)
    # Wagtail sends staff without the permission back to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get(response["Location"])
    assert "Sorry, you do not have permission to access this area." in dashboard.content.decode()
    posted = client.post(PARTNER_ADD, {"name_en": "Sneaky", "country": "UY", "kind": "hub"})
    assert posted.status_code == 302
    assert posted["Location"] == "/admin/"
    assert PartnerOrganisation.objects.count() == 0
    # Listing needs the permission too.
    assert client.get("/admin/snippets/portal/partnerorganisation/").status_code == 302
