"""Staff run webinars from the admin: registrants (filters, search, CSV and XLSX), attendance,
cancelling a seat, the reminder, page buttons and the scheduling helper. A webinar's
organisers see its registrants only; staff without a part in it see none."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.factories import PartnerOrganisationFactory
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.models import Registration

REGISTRANTS = "/admin/webinars/registrants/"
SCHEDULE = "/admin/webinars/schedule/"
WAITING = Registration.Status.WAITING
CONFIRMED = Registration.Status.CONFIRMED
CANCELLED = Registration.Status.CANCELLED


def staff_member(django_user_model, username, *codenames):
    """A staff member in a group of their own holding admin access and `codenames`."""
    user = django_user_model.objects.create_user(username, password="staff-pass-2026")
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *(Permission.objects.get(codename=codename) for codename in codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def organiser(django_user_model):
    return staff_member(django_user_model, "organiser")


@pytest.fixture
def bystander(django_user_model):
    """Staff with admin access who run no webinar."""
    return staff_member(django_user_model, "bystander")


@pytest.fixture
def idb(webinars_index, organiser):
    """The webinar the organiser runs: two seats taken, one person waiting."""
    webinar = WebinarPageFactory(
        parent=webinars_index,
        title="Digital HRM with the IDB",
        slug="digital-hrm-idb",
        capacity=2,
        organisers=[organiser],
    )
    RegistrationFactory(
        webinar=webinar, name="Ana Gómez", email="ana@example.org", country="UY", language="es"
    )
    RegistrationFactory(
        webinar=webinar, name="Ben Ortiz", email="ben@example.org", country="CL", language="en"
    )
    RegistrationFactory(
        webinar=webinar, name="Chen Li", email="chen@example.org", country="UY", status=WAITING
    )
    return webinar


@pytest.fixture
def astana(webinars_index):
    """A webinar the organiser has no part in."""
    webinar = WebinarPageFactory(
        parent=webinars_index, title="Astana hub seminar", slug="astana-hub-seminar"
    )
    RegistrationFactory(
        webinar=webinar, name="Dina Sadykova", email="dina@example.org", country="KZ"
    )
    return webinar


def refused(response):
    """Wagtail answers a refusal with the dashboard and an error message (403 to scripts)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def not_found(response):
    """An admin address that matches nothing ends on the site's 404 page (the language
    middleware first tries the address under /en/)."""
    while response.status_code == 302:
        response = response.client.get(response["Location"])
    return response.status_code == 404


def person(name):
    return Registration.objects.get(name=name)


def listed_names(response):
    html = response.content.decode()
    names = ["Ana Gómez", "Ben Ortiz", "Chen Li", "Dina Sadykova"]
    return sorted(name for name in names if name in html)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


# Who sees whom -----------------------------------------------------------------------------


def test_superusers_see_every_registrant_with_its_webinar_status_and_country(
    client, admin_user, idb, astana
):
    client.force_login(admin_user)
    response = client.get(REGISTRANTS)
    assert response.status_code == 200
    assert listed_names(response) == ["Ana Gómez", "Ben Ortiz", "Chen Li", "Dina Sadykova"]
    html = response.content.decode()
    for text in ["Digital HRM with the IDB", "Astana hub seminar", "On the waiting list"]:
        assert text in html
    for text in ["Uruguay", "Chile", "Kazakhstan", "ana@example.org"]:
        assert text in html


def test_an_organiser_sees_the_registrants_of_their_webinar_only(client, organiser, idb, astana):
    client.force_login(organiser)
    assert "Registrants" in client.get("/admin/").content.decode()
    response = client.get(REGISTRANTS)
    assert response.status_code == 200
    assert listed_names(response) == ["Ana Gómez", "Ben Ortiz", "Chen Li"]
    # Nor can they reach another webinar's people by address or by filter.
    dina = person("Dina Sadykova")
    assert not_found(client.get(f"{REGISTRANTS}inspect/{dina.pk}/"))
    assert not_found(client.get(f"{REGISTRANTS}cancel/{dina.pk}/"))
    assert not_found(client.post(f"{REGISTRANTS}cancel/{dina.pk}/"))
    assert person("Dina Sadykova").status == CONFIRMED
    assert "Dina" not in client.get(REGISTRANTS, {"webinar": astana.pk}).content.decode()
    ana = person("Ana Gómez")
    inspect = client.get(f"{REGISTRANTS}inspect/{ana.pk}/")
    assert inspect.status_code == 200
    assert "ana@example.org" in inspect.content.decode()


def test_staff_who_run_no_webinar_see_no_registrant(client, bystander, idb, astana):
    client.force_login(bystander)
    assert "Registrants" not in client.get("/admin/").content.decode()
    for url in [REGISTRANTS, f"{REGISTRANTS}?export=csv", f"{REGISTRANTS}?export=xlsx"]:
        response = client.get(url)
        assert refused(response)
        assert "Ana" not in response.content.decode()
    ana = person("Ana Gómez")
    inspect = client.get(f"{REGISTRANTS}inspect/{ana.pk}/")
    assert not_found(inspect) or refused(inspect)
    for url in [
        f"{REGISTRANTS}cancel/{ana.pk}/",
        f"/admin/webinars/{idb.pk}/attendance/",
        f"/admin/webinars/{idb.pk}/reminder/",
    ]:
        assert not_found(client.get(url)) or refused(client.get(url))
        response = client.post(url, {"attended": [ana.pk]})
        assert not_found(response) or refused(response)
    assert Registration.objects.get(pk=ana.pk).status == CONFIRMED
    assert not Registration.objects.filter(attended=True).exists()
    assert mail.outbox == []


def test_the_view_permission_shows_everyone_but_gives_no_say(
    client, django_user_model, idb, astana
):
    viewer = staff_member(django_user_model, "viewer", "view_registration")
    client.force_login(viewer)
    assert listed_names(client.get(REGISTRANTS)) == [
        "Ana Gómez",
        "Ben Ortiz",
        "Chen Li",
        "Dina Sadykova",
    ]
    ana = person("Ana Gómez")
    assert refused(client.post(f"{REGISTRANTS}cancel/{ana.pk}/"))
    assert refused(client.post(f"/admin/webinars/{idb.pk}/reminder/"))
    assert Registration.objects.get(pk=ana.pk).status == CONFIRMED
    assert mail.outbox == []


def test_the_change_permission_runs_every_webinar(client, django_user_model, idb, astana):
    runner = staff_member(django_user_model, "runner", "change_registration")
    client.force_login(runner)
    assert len(listed_names(client.get(REGISTRANTS))) == 4
    dina = person("Dina Sadykova")
    assert client.post(f"{REGISTRANTS}cancel/{dina.pk}/").status_code == 302
    assert person("Dina Sadykova").status == CANCELLED
    response = client.post(f"/admin/webinars/{astana.pk}/attendance/", {"attended": []})
    assert response.status_code == 302
    assert client.get(f"/admin/webinars/{idb.pk}/reminder/").status_code == 200


def test_group_settings_offer_seeing_and_running_every_webinar(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/groups/new/").content.decode()
    offered = {
        permission.codename
        for permission in Permission.objects.filter(
            content_type__app_label="webinars", content_type__model="registration"
        )
        if f'name="permissions" value="{permission.pk}"' in html
    }
    assert offered == {"view_registration", "change_registration"}


def test_nobody_adds_edits_or_deletes_a_registration_in_the_admin(client, admin_user, idb):
    ana = person("Ana Gómez")
    client.force_login(admin_user)
    html = client.get(REGISTRANTS).content.decode()
    assert f"{REGISTRANTS}new/" not in html
    assert f"{REGISTRANTS}edit/" not in html
    for url in [f"{REGISTRANTS}new/", f"{REGISTRANTS}edit/{ana.pk}/"]:
        response = client.post(url, {"status": "cancelled", "name": "Forged"})
        assert not_found(response)
    assert not_found(client.post(f"{REGISTRANTS}delete/{ana.pk}/"))
    assert Registration.objects.get(pk=ana.pk).status == CONFIRMED


# Filters, search, exports ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"status": "waiting"}, ["Chen Li"]),
        ({"status": "confirmed"}, ["Ana Gómez", "Ben Ortiz", "Dina Sadykova"]),
        ({"country": "CL"}, ["Ben Ortiz"]),
        ({"language": "es"}, ["Ana Gómez"]),
        ({"attended": "true"}, ["Ben Ortiz"]),
        ({"q": "ortiz"}, ["Ben Ortiz"]),
    ],
)
def test_staff_filter_and_search_registrants(client, admin_user, idb, astana, params, shown):
    Registration.objects.filter(name="Ben Ortiz").update(attended=True)
    client.force_login(admin_user)
    assert listed_names(client.get(REGISTRANTS, params)) == shown


def test_filtering_by_webinar_offers_only_the_webinars_one_may_see(
    client, admin_user, organiser, idb, astana
):
    client.force_login(admin_user)
    assert listed_names(client.get(REGISTRANTS, {"webinar": astana.pk})) == ["Dina Sadykova"]
    client.force_login(organiser)
    html = client.get(REGISTRANTS).content.decode()
    assert f'value="{idb.pk}"' in html
    assert "Astana hub seminar" not in html


def test_unknown_filter_values_and_pages_answer_without_error(client, admin_user, idb):
    client.force_login(admin_user)
    for params in [
        {"webinar": "999999"},
        {"webinar": "x"},
        {"status": "deleted"},
        {"country": "ZZ"},
        {"attended": "maybe"},
        {"p": "99"},
        {"p": "-1"},
    ]:
        assert client.get(REGISTRANTS, params).status_code == 200


def test_an_organiser_exports_their_webinars_registrants_as_csv(client, organiser, idb, astana):
    RegistrationFactory(
        webinar=idb, name='=HYPERLINK("http://evil.example")', status=CANCELLED, country="UY"
    )
    Registration.objects.filter(name="Ben Ortiz").update(attended=True)
    client.force_login(organiser)
    response = client.get(REGISTRANTS, {"export": "csv", "ordering": "name"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="registrants.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == [
        "Name",
        "E-mail",
        "Organisation",
        "Country",
        "Role",
        "Preferred language",
        "Webinar",
        "Status",
        "Attended",
        "Registered (Seoul)",
    ]
    assert [row[0] for row in rows] == [
        '\'=HYPERLINK("http://evil.example")',  # text, never a formula
        "Ana Gómez",
        "Ben Ortiz",
        "Chen Li",
    ]
    ana = rows[1]
    assert ana[1:9] == [
        "ana@example.org",
        "Civil Service Commission",
        "Uruguay",
        "",
        "Spanish",
        "Digital HRM with the IDB",
        "Confirmed",
        "no",
    ]
    assert rows[2][8] == "yes"
    assert rows[3][7] == "On the waiting list"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", ana[9])


def test_an_xlsx_export_holds_the_filtered_rows(client, admin_user, idb, astana):
    client.force_login(admin_user)
    response = client.get(REGISTRANTS, {"export": "xlsx", "webinar": astana.pk})
    assert response.status_code == 200
    assert 'filename="registrants-astana-hub-seminar.xlsx"' in response["Content-Disposition"]
    header, *rows = xlsx_rows(response)
    assert header[0] == "Name" and header[-1] == "Registered (Seoul)"
    assert len(rows) == 1
    dina = rows[0]
    assert dina[:8] == [
        "Dina Sadykova",
        "dina@example.org",
        "Civil Service Commission",
        "Kazakhstan",
        None,
        "English",
        "Astana hub seminar",
        "Confirmed",
    ]
    registered = person("Dina Sadykova").created_at
    local = timezone.localtime(registered).replace(tzinfo=None, second=0, microsecond=0)
    assert dina[9] == local


def test_the_xlsx_export_of_an_organiser_leaves_other_webinars_out(client, organiser, idb, astana):
    client.force_login(organiser)
    response = client.get(REGISTRANTS, {"export": "xlsx"})
    names = [row[0] for row in xlsx_rows(response)[1:]]
    assert sorted(names) == ["Ana Gómez", "Ben Ortiz", "Chen Li"]


# Cancelling, attendance ---------------------------------------------------------------------


def test_cancelling_a_seat_gives_it_to_the_first_person_waiting(
    client, organiser, idb, django_capture_on_commit_callbacks
):
    ana = person("Ana Gómez")
    client.force_login(organiser)
    listing = client.get(REGISTRANTS, {"webinar": idb.pk}).content.decode()
    assert f"{REGISTRANTS}cancel/{ana.pk}/" in listing

    confirm = client.get(f"{REGISTRANTS}cancel/{ana.pk}/")
    assert confirm.status_code == 200
    assert "first person on the waiting list" in confirm.content.decode()
    assert person("Ana Gómez").status == CONFIRMED  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{REGISTRANTS}cancel/{ana.pk}/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The registration of Ana Gómez is cancelled." in html
    assert "Chen Li moved from the waiting list to a seat." in html
    assert person("Ana Gómez").status == CANCELLED
    assert person("Chen Li").status == CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "chen@example.org",
    ]


def test_a_past_webinars_seats_are_not_cancelled(client, organiser, webinars_index):
    past = WebinarPageFactory(
        parent=webinars_index,
        starts_at=timezone.now() - timedelta(days=2),
        organisers=[organiser],
    )
    eve = RegistrationFactory(webinar=past, name="Eve Park")
    client.force_login(organiser)
    assert "cancel/" not in client.get(REGISTRANTS).content.decode()
    response = client.post(f"{REGISTRANTS}cancel/{eve.pk}/", follow=True)
    assert "This webinar has ended" in response.content.decode()
    assert person("Eve Park").status == CONFIRMED


def test_an_organiser_marks_who_attended(client, organiser, idb, astana):
    url = f"/admin/webinars/{idb.pk}/attendance/"
    client.force_login(organiser)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    # A checkbox per seat taken, with the person's name as its label; nobody waiting.
    ana, ben = person("Ana Gómez"), person("Ben Ortiz")
    assert f'<label for="attended-{ana.pk}">Ana Gómez</label>' in html
    assert f'<label for="attended-{ben.pk}">Ben Ortiz</label>' in html
    assert "Chen Li" not in html

    response = client.post(url, {"attended": [ana.pk]}, follow=True)
    assert "Attendance saved: 1 of 2 registrants attended." in response.content.decode()
    assert (person("Ana Gómez").attended, person("Ben Ortiz").attended) == (True, False)

    client.post(url, {"attended": [ben.pk]})
    assert (person("Ana Gómez").attended, person("Ben Ortiz").attended) == (False, True)
    checked = client.get(url).content.decode()
    assert re.search(rf'value="{ben.pk}" id="attended-{ben.pk}" checked', checked)

    # Someone else's registrant, or a made-up one, is refused and nothing changes.
    dina = person("Dina Sadykova")
    response = client.post(url, {"attended": [ana.pk, dina.pk]})
    assert response.status_code == 200
    assert "Attendance could not be saved" in response.content.decode()
    assert not person("Dina Sadykova").attended and not person("Ana Gómez").attended
    assert refused(client.get(f"/admin/webinars/{astana.pk}/attendance/"))


# Reminder --------------------------------------------------------------------------------------


def test_the_reminder_goes_to_every_seat_on_confirmation_only(client, organiser, idb):
    url = f"/admin/webinars/{idb.pk}/reminder/"
    client.force_login(organiser)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Send reminder to 2 registrants" in html
    assert "No reminder has been sent for this webinar yet." in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert mail.outbox == []  # looking never sends
    idb.refresh_from_db()
    assert idb.reminder_sent_at is None

    response = client.post(url, follow=True)
    assert "The reminder is on its way to 2 registrants." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
    ]
    idb.refresh_from_db()
    assert idb.reminder_sent_at is not None
    assert "A reminder was already sent:" in client.get(url).content.decode()


def test_the_reminder_needs_the_csrf_token(organiser, idb):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    response = client.post(f"/admin/webinars/{idb.pk}/reminder/")
    assert response.status_code == 403
    assert mail.outbox == []
    idb.refresh_from_db()
    assert idb.reminder_sent_at is None


def test_no_reminder_for_a_webinar_that_has_ended(client, organiser, webinars_index):
    past = WebinarPageFactory(
        parent=webinars_index,
        starts_at=timezone.now() - timedelta(days=2),
        organisers=[organiser],
    )
    RegistrationFactory(webinar=past)
    url = f"/admin/webinars/{past.pk}/reminder/"
    client.force_login(organiser)
    html = client.get(url).content.decode()
    assert "This webinar has ended" in html
    assert "Send reminder to" not in html
    client.post(url)
    assert mail.outbox == []
    past.refresh_from_db()
    assert past.reminder_sent_at is None


# Where staff find it -----------------------------------------------------------------------------


def test_webinar_pages_carry_registrants_attendance_and_reminder_buttons(
    client, admin_user, webinars_index, idb
):
    client.force_login(admin_user)
    links = [
        f"{REGISTRANTS}?webinar={idb.pk}",
        f"/admin/webinars/{idb.pk}/attendance/",
        f"/admin/webinars/{idb.pk}/reminder/",
    ]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[idb.pk])).content.decode()
    explorer = client.get(
        reverse("wagtailadmin_explore", args=[webinars_index.pk])
    ).content.decode()
    for html in (edit, explorer):
        for link in links:
            assert link in html
    index_edit = client.get(reverse("wagtailadmin_pages:edit", args=[webinars_index.pk]))
    assert "/attendance/" not in index_edit.content.decode()


def test_the_seats_page_lists_the_webinars_one_runs_with_their_counts(
    client, organiser, idb, astana
):
    Registration.objects.filter(name="Ana Gómez").update(attended=True)
    client.force_login(organiser)
    response = client.get("/admin/webinars/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Digital HRM with the IDB" in html and "Astana hub seminar" not in html
    row = re.search(r"<tr>\s*<td[^>]*>.*?Digital HRM with the IDB.*?</tr>", html, re.S).group(0)
    assert "2 / 2" in row  # seats taken of capacity
    assert f"/admin/webinars/{idb.pk}/reminder/" in row
    assert "(Seoul)" in row


def test_the_menu_shows_each_staff_member_what_they_may_use(
    client, admin_user, organiser, bystander, idb
):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    for label in ["Webinars", "Seats and reminders", "Registrants", "Scheduling helper"]:
        assert label in html
    client.force_login(bystander)
    html = client.get("/admin/").content.decode()
    assert "Scheduling helper" in html
    assert "Registrants" not in html and "Seats and reminders" not in html
    assert refused(client.get("/admin/webinars/"))


# Scheduling helper -------------------------------------------------------------------------------


@pytest.fixture
def partners(db):
    return {
        "IDB": PartnerOrganisationFactory(
            name="Inter-American Development Bank", time_zone="America/New_York"
        ),
        "Chile": PartnerOrganisationFactory(
            name="Servicio Civil de Chile", country="CL", time_zone="America/Santiago"
        ),
        "Astana": PartnerOrganisationFactory(
            name="Astana Civil Service Hub", country="KZ", time_zone="Asia/Almaty"
        ),
        "Nowhere": PartnerOrganisationFactory(name="Partner without a zone", time_zone=""),
    }


def schedule_rows(html, heading_id):
    section = re.search(rf'id="{heading_id}".*?</section>', html, re.S).group(0)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr>.*?</tr>", section, re.S)[1:]
    ]


def test_the_helper_shows_a_proposed_time_on_every_clock_with_warnings(client, bystander, partners):
    client.force_login(bystander)
    form = client.get(SCHEDULE).content.decode()
    assert "Partner without a zone" not in form  # only partners with a zone are offered
    assert 'value="Asia/Seoul" selected' in form

    response = client.get(
        SCHEDULE,
        {
            "date": "2026-03-10",
            "time": "09:00",
            "zone": "Asia/Seoul",
            "duration": "90",
            "partners": [partners["IDB"].pk, partners["Astana"].pk],
            "working_days": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    rows = schedule_rows(html, "proposed-heading")
    assert rows[0].startswith("Ministry (Seoul) Asia/Seoul 09:00–10:30 Within")
    # New York is a day behind, on summer time since 8 March: the date is shown.
    assert rows[1] == "Astana Civil Service Hub Asia/Almaty 05:00–06:30 Outside"
    # New York is a day behind, on summer time since 8 March: the date is shown.
    assert rows[2] == (
        "Inter-American Development Bank America/New_York Mon March 9, 20:00–21:30 Outside"
    )
    assert (
        "Outside working hours (08:00–20:00) for: "
        "Astana Civil Service Hub, Inter-American Development Bank." in html
    )

    suggestions = schedule_rows(html, "suggestions-heading")
    assert len(suggestions) == 0  # Seoul, New York and Almaty share no working hour
    assert "No start in the next 14 days suits everyone." in html


def test_the_helper_suggests_the_next_starts_that_suit_everyone(client, bystander, partners):
    client.force_login(bystander)
    response = client.get(
        SCHEDULE,
        {
            "date": "2026-03-30",
            "time": "08:00",
            "zone": "Asia/Seoul",
            "duration": "60",
            "partners": [partners["Chile"].pk],
            "working_days": "on",
        },
    )
    html = response.content.decode()
    suggestions = schedule_rows(html, "suggestions-heading")
    # Santiago leaves summer time on 5 April: from then Seoul's 08:00 is 19:00 there.
    # Monday 13 April in Seoul is a Sunday in Santiago; the next Tuesday is past the horizon.
    assert suggestions == [
        "Tue April 7, 08:00–09:00 Mon April 6, 19:00–20:00",
        "Wed April 8, 08:00–09:00 Tue April 7, 19:00–20:00",
        "Thu April 9, 08:00–09:00 Wed April 8, 19:00–20:00",
        "Fri April 10, 08:00–09:00 Thu April 9, 19:00–20:00",
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"date": "2026-03-08", "time": "02:30", "zone": "America/New_York"},
            "02:30 does not exist in America/New_York",
        ),
        ({"date": "not a date", "time": "10:00"}, "Enter a valid date."),
        ({"date": "2026-05-12", "time": "25:00"}, "Enter a valid time."),
        ({"date": "9999-12-31", "time": "23:00"}, "Choose a date within 5 years of today."),
        ({"date": "2026-05-12", "time": "10:00", "duration": "0"}, "greater than or equal to 15"),
        ({"date": "2026-05-12", "time": "10:00", "zone": "Mars/Olympus"}, "Select a valid choice"),
        ({"date": "2026-05-12", "time": "10:00", "partners": "999999"}, "Select a valid choice"),
        ({"date": "2026-05-12", "time": "10:00", "partners": "x"}, "is not a valid value"),
    ],
)
def test_bad_input_to_the_helper_is_a_form_error(client, bystander, partners, params, message):
    client.force_login(bystander)
    data = {"zone": "Asia/Seoul", "duration": "90", **params}
    response = client.get(SCHEDULE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="proposed-heading"' not in html
