"""Staff type a webinar's start on the event's clock, whatever their own admin time zone; the
page stores the UTC instant. Driven through Wagtail's add and edit views, as staff use them."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from webinars.factories import WebinarPageFactory
from webinars.models import WebinarPage

LANGUAGES = ["en", "ko", "es", "ru"]
GAP_ERROR = "2026-03-08 02:30 does not exist in America/New_York"


def webinar_form(starts_at, time_zone, languages=("en",), interpretation=(), **fields):
    data = {
        "starts_at": starts_at,
        "time_zone": time_zone,
        "duration": "90",
        "join_url": "",
        "registration_open": "on",
        "capacity": "",
        "recording_url": "",
        "go_live_at": "",
        "expire_at": "",
        "case_links": inline_formset([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    for code in LANGUAGES:
        english = code == "en"
        data.update(
            {
                f"title_{code}": "Digital HRM with the IDB" if english else "",
                f"slug_{code}": "digital-hrm-idb" if english else "",
                f"summary_{code}": "Officials compare e-HR systems." if english else "",
                f"location_{code}": "Online (Zoom)" if english else "",
                f"seo_title_{code}": "",
                f"search_description_{code}": "",
                f"agenda_{code}": streamfield([]),
                f"joining_instructions_{code}": rich_text(""),
            }
        )
    form = nested_form_data({**data, **fields})
    # Several values under one name, as the browser sends ticked checkboxes.
    form["languages"] = list(languages)
    form["interpretation"] = list(interpretation)
    return form


@pytest.fixture
def staff(admin_user):
    """A superuser whose own admin clock is in London, far from every event zone below."""
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "Europe/London"
    profile.save()
    return admin_user


def add(client, webinars_index, form):
    url = reverse("wagtailadmin_pages:add", args=("webinars", "webinarpage", webinars_index.pk))
    return client.post(url, {**form, "action-publish": "1"})


def field_errors(response, name):
    html = response.content.decode()
    block = re.search(rf'id="panel-child-[\w-]*{name}-errors".*?</div>', html, re.S)
    return block.group(0) if block else ""


@pytest.mark.parametrize(
    ("typed", "zone", "stored"),
    [
        ("2026-05-12 10:00", "Asia/Seoul", datetime(2026, 5, 12, 1, 0)),
        ("2026-05-12 10:00", "America/Montevideo", datetime(2026, 5, 12, 13, 0)),
        ("2026-05-12 10:00", "Asia/Almaty", datetime(2026, 5, 12, 5, 0)),
        # Santiago: summer time (UTC-3) in January, winter time (UTC-4) in July.
        ("2026-01-15 10:00", "America/Santiago", datetime(2026, 1, 15, 13, 0)),
        ("2026-07-15 10:00", "America/Santiago", datetime(2026, 7, 15, 14, 0)),
        # New York either side of the March change.
        ("2026-03-07 10:00", "America/New_York", datetime(2026, 3, 7, 15, 0)),
        ("2026-03-09 10:00", "America/New_York", datetime(2026, 3, 9, 14, 0)),
        # The hour New York lives twice in November: the first of the two (still EDT).
        ("2026-11-01 01:30", "America/New_York", datetime(2026, 11, 1, 5, 30)),
    ],
)
def test_the_start_is_read_on_the_events_clock(client, staff, webinars_index, typed, zone, stored):
    client.force_login(staff)
    response = add(client, webinars_index, webinar_form(typed, zone))
    assert response.status_code == 302, response.content.decode()[-3000:]
    webinar = WebinarPage.objects.get(slug_en="digital-hrm-idb")
    assert webinar.live
    assert webinar.starts_at == stored.replace(tzinfo=UTC)
    assert webinar.time_zone == zone
    assert webinar.local_start.strftime("%Y-%m-%d %H:%M") == typed


def test_a_time_that_does_not_exist_in_the_zone_is_a_form_error(client, staff, webinars_index):
    client.force_login(staff)
    response = add(client, webinars_index, webinar_form("2026-03-08 02:30", "America/New_York"))
    assert response.status_code == 200
    assert GAP_ERROR in field_errors(response, "starts_at")
    assert not WebinarPage.objects.exists()
    # Half an hour later the clocks show it: saved.
    response = add(client, webinars_index, webinar_form("2026-03-08 03:00", "America/New_York"))
    assert response.status_code == 302
    assert WebinarPage.objects.get().starts_at == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


def test_the_edit_form_shows_the_start_on_the_events_clock(client, staff, webinars_index):
    webinar = WebinarPageFactory(
        parent=webinars_index,
        starts_at=datetime(2026, 7, 1, 1, 0, tzinfo=UTC),
        time_zone="America/New_York",
    )
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).content.decode()
    field = re.search(r'<input[^>]*name="starts_at"[^>]*>', html).group(0)
    assert 'value="2026-06-30 21:00"' in field  # 01:00 UTC is 21:00 the evening before there


def test_moving_the_event_to_another_zone_keeps_the_typed_clock_time(client, staff, webinars_index):
    client.force_login(staff)
    add(client, webinars_index, webinar_form("2026-06-30 21:00", "America/New_York"))
    webinar = WebinarPage.objects.get()
    assert webinar.starts_at == datetime(2026, 7, 1, 1, 0, tzinfo=UTC)

    edit = reverse("wagtailadmin_pages:edit", args=[webinar.pk])
    form = webinar_form("2026-06-30 21:00", "Asia/Seoul")
    response = client.post(edit, {**form, "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    webinar.refresh_from_db()
    assert webinar.starts_at == datetime(2026, 6, 30, 12, 0, tzinfo=UTC)


def test_languages_are_ticked_from_the_sites_languages_and_kept_in_its_order(
    client, staff, webinars_index
):
    client.force_login(staff)
    add_url = reverse("wagtailadmin_pages:add", args=("webinars", "webinarpage", webinars_index.pk))
    html = client.get(add_url).content.decode()
    for name in ("languages", "interpretation"):
        boxes = re.findall(rf'<input type="checkbox" name="{name}" value="(\w+)"', html)
        assert boxes == LANGUAGES

    form = webinar_form(
        "2026-05-12 10:00", "Asia/Seoul", languages=["ko", "en"], interpretation=["ru", "es"]
    )
    assert add(client, webinars_index, form).status_code == 302
    webinar = WebinarPage.objects.get()
    assert webinar.languages == ["en", "ko"]
    assert webinar.interpretation == ["es", "ru"]
    assert webinar.followable_languages() == LANGUAGES

    html = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="languages" value="(\w+)"[^>]*checked', html)
    assert ticked == ["en", "ko"]


def test_a_language_the_site_does_not_have_is_refused(client, staff, webinars_index):
    client.force_login(staff)
    response = add(
        client, webinars_index, webinar_form("2026-05-12 10:00", "Asia/Seoul", languages=["fr"])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in field_errors(response, "languages")
    assert not WebinarPage.objects.exists()


def test_an_unknown_zone_is_a_form_error_and_nothing_is_saved(client, staff, webinars_index):
    client.force_login(staff)
    response = add(client, webinars_index, webinar_form("2026-05-12 10:00", "Mars/Olympus"))
    assert response.status_code == 200
    assert "Select a valid choice" in field_errors(response, "time_zone")
    assert not WebinarPage.objects.exists()
