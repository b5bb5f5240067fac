"""Staff follow inquiries up in the Wagtail admin: list, filter, assign, never create."""

import pytest
from django.contrib.auth.models import Permission

from portal.inquiries.models import Inquiry, new_reference

INDEX = "/admin/cooperation_inquiries/"


def make_inquiry(**fields):
    values = {
        "reference": new_reference(),
        "organisation": "Agencia Nacional del Servicio Civil",
        "contact_name": "Ana Gómez",
        "email": "ana@example.org",
        "country": "CL",
        "kind": Inquiry.Kind.CONSULTATION,
        "topic": "Performance evaluation",
        "message": "We would like to learn how evaluations are run.",
        "preferred_language": "es",
        "language": "es",
        **fields,
    }
    return Inquiry.objects.create(**values)


@pytest.fixture
def desk_user(django_user_model):
    """A staff member with the inquiry change permission and nothing else about inquiries."""
    user = django_user_model.objects.create_user("desk", password="desk-pass-2026")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_inquiry"),
    )
    return user


@pytest.fixture
def inquiries(db):
    older = make_inquiry(organisation="Older Office", country="UY", kind=Inquiry.Kind.STUDY_VISIT)
    newer = make_inquiry(organisation="Newer Office", country="MN", status=Inquiry.Status.ANSWERED)
    return older, newer


def test_staff_see_inquiries_newest_first_with_status_kind_country_and_assignee(
    client, desk_user, inquiries
):
    older, newer = inquiries
    client.force_login(desk_user)
    dashboard = client.get("/admin/")
    assert "Cooperation inquiries" in dashboard.content.decode()
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer Office") < html.index("Older Office")
    for text in ["Answered", "New", "Study visit", "Consultation", "Mongolia", "Uruguay"]:
        assert text in html
    assert older.reference in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status": "answered"}, "Newer Office", "Older Office"),
        ({"kind": "study_visit"}, "Older Office", "Newer Office"),
        ({"country": "UY"}, "Older Office", "Newer Office"),
    ],
)
def test_list_filters_by_status_kind_and_country(
    client, desk_user, inquiries, params, shown, hidden
):
    client.force_login(desk_user)
    html = client.get(INDEX, params).content.decode()
    assert shown in html
    assert hidden not in html


def test_list_filters_by_assignee(client, desk_user, inquiries):
    older, _newer = inquiries
    older.assignee = desk_user
    older.save()
    client.force_login(desk_user)
    html = client.get(INDEX, {"assignee": desk_user.pk}).content.decode()
    assert "Older Office" in html
    assert "Newer Office" not in html


def test_staff_change_status_assignee_and_notes_but_not_what_was_sent(client, desk_user, inquiries):
    older, _newer = inquiries
    client.force_login(desk_user)
    edit = f"{INDEX}edit/{older.pk}/"
    form = client.get(edit)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="status"' in html
    assert 'name="assignee"' in html
    assert 'name="staff_notes"' in html
    assert 'name="organisation"' not in html
    assert "Older Office" in html  # shown, read-only

    response = client.post(
        edit,
        {
            "status": "in_progress",
            "assignee": desk_user.pk,
            "staff_notes": "Call the embassy first.",
            "organisation": "Hijacked",
            "email": "attacker@example.org",
        },
    )
    assert response.status_code == 302
    older.refresh_from_db()
    assert older.status == Inquiry.Status.IN_PROGRESS
    assert older.assignee == desk_user
    assert older.staff_notes == "Call the embassy first."
    assert older.organisation == "Older Office"
    assert older.email == "ana@example.org"


def test_a_bad_status_is_a_form_error(client, desk_user, inquiries):
    older, _newer = inquiries
    client.force_login(desk_user)
    response = client.post(f"{INDEX}edit/{older.pk}/", {"status": "deleted", "assignee": ""})
    assert response.status_code == 200
    older.refresh_from_db()
    assert older.status == Inquiry.Status.NEW


def test_nobody_adds_inquiries_from_the_admin(client, admin_user, desk_user, inquiries):
    for user in (admin_user, desk_user):
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        assert f'href="{INDEX}new/"' not in html
        assert client.get(f"{INDEX}new/").status_code in (302, 403)
        response = client.post(
            f"{INDEX}new/",
            {"organisation": "Forged", "status": "new"},
        )
        assert response.status_code in (302, 403)
    assert not Inquiry.objects.filter(organisation="Forged").exists()


def test_staff_without_the_permission_see_no_inquiries(client, django_user_model, inquiries):
    user = django_user_model.objects.create_user("editor2", password="editor-pass-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert "Cooperation inquiries" not in client.get("/admin/").content.decode()
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "Older Office" not in response.content.decode()


def test_staff_search_inquiries_and_read_one_in_full(client, desk_user, inquiries):
    older, _newer = inquiries
    client.force_login(desk_user)
    html = client.get(INDEX, {"q": "Older"}).content.decode()
    assert "Older Office" in html
    assert "Newer Office" not in html
    inspect = client.get(f"{INDEX}inspect/{older.pk}/")
    assert inspect.status_code == 200
    assert "We would like to learn how evaluations are run." in inspect.content.decode()
