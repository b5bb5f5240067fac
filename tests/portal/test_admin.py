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


def test_partner_form_rejects_bad_input_with_a_message(client, db, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/snippets/portal/partnerorganisation/add/",
        {"name_en": "", "country": "XX", "kind": "nope", "website": "not a url", "sort_order": "1"},
    )
    assert response.status_code == 200
    assert PartnerOrganisation.objects.count() == 0
    assert "error" in response.content.decode()


def test_people_without_permission_cannot_reach_partners(client, db, editor):
    client.force_login(editor)
    response = client.get("/admin/snippets/portal/partnerorganisation/add/")
    assert response.status_code in (302, 403)
    assert PartnerOrganisation.objects.count() == 0
