"""Calendar files: what a calendar application reads from a webinar's .ics, a registrant's .ics
and the feed of upcoming webinars (parsed with icalendar, a standard parser)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from webinars import services
from webinars.calendar import feed_ics, registration_ics, webinar_ics
from webinars.factories import RegistrationFactory, WebinarIndexPageFactory, WebinarPageFactory
from webinars.models import Registration

JOIN_URL = "https://zoom.example.org/j/123456789"


@pytest.fixture
def index(home):
    return WebinarIndexPageFactory(parent=home, title_ru="Вебинары")


def at(zone, *args):
    """A local wall-clock time in an IANA zone."""
    return datetime(*args, tzinfo=ZoneInfo(zone))


def the_event(content):
    calendar = Calendar.from_ical(content)
    [event] = calendar.events
    return calendar, event


def zone_offset_from_file(calendar, tzid, local):
    """The UTC offset the file's own VTIMEZONE gives at a local time: what an application that
    does not know IANA names (Outlook) goes by."""
    [vtimezone] = [tz for tz in calendar.timezones if tz.tz_name == tzid]
    return local.replace(tzinfo=vtimezone.to_tz(lookup_tzid=False)).utcoffset()


def calendar_path(page, route="calendar", *args, language="en"):
    with translation.override(language):
        return page.url + page.reverse_subpage(route, args=args)


# One webinar -----------------------------------------------------------------------------------


def test_a_webinar_is_one_event_in_its_own_zone_with_an_alarm(index):
    webinar = WebinarPageFactory(
        parent=index,
        title="Digital HRM with the IDB",
        summary="How the e-HR system keeps records.\nQuestions welcome.",
        starts_at=at("America/Santo_Domingo", 2026, 10, 29, 9, 0),
        time_zone="America/Santo_Domingo",
        duration=120,
        location="Online (Zoom)",
    )
    calendar, event = the_event(webinar_ics(webinar))

    assert str(calendar["VERSION"]) == "2.0"
    assert "MPM Global Partnership Portal" in str(calendar["PRODID"])
    assert str(event["SUMMARY"]) == "Digital HRM with the IDB"
    assert event["DTSTART"].params["TZID"] == "America/Santo_Domingo"
    assert event.start.replace(tzinfo=None) == datetime(2026, 10, 29, 9, 0)
    assert event.start.astimezone(UTC) == datetime(2026, 10, 29, 13, 0, tzinfo=UTC)
    assert event["DTEND"].params["TZID"] == "America/Santo_Domingo"
    assert event.end - event.start == timedelta(minutes=120)
    assert [tz.tz_name for tz in calendar.timezones] == ["America/Santo_Domingo"]
    assert zone_offset_from_file(
        calendar, "America/Santo_Domingo", datetime(2026, 10, 29, 9)
    ) == timedelta(hours=-4)
    assert "DTSTAMP" in event

    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    assert "Digital HRM with the IDB" in str(alarm["DESCRIPTION"])

    assert str(event["LOCATION"]) == "Online (Zoom)"
    assert str(event["URL"]) == webinar.full_url
    description = str(event["DESCRIPTION"])
    assert "How the e-HR system keeps records.\nQuestions welcome." in description
    assert webinar.full_url in description


def test_the_public_file_never_carries_the_join_link(index):
    webinar = WebinarPageFactory(parent=index, join_url=JOIN_URL)
    assert JOIN_URL.encode() not in webinar_ics(webinar)


def test_the_uid_is_the_same_in_every_download_and_unique_per_webinar(client, index):
    webinar = WebinarPageFactory(parent=index)
    other = WebinarPageFactory(parent=index)

    first = client.get(calendar_path(webinar))
    second = client.get(calendar_path(webinar))
    uid = the_event(first.content)[1]["UID"]
    assert uid == the_event(second.content)[1]["UID"]
    assert uid != the_event(client.get(calendar_path(other)).content)[1]["UID"]


def test_a_published_webinar_downloads_as_the_same_bytes(client, index):
    """A calendar application that polls does not see a change where there is none."""
    webinar = WebinarPageFactory(
        parent=index, last_published_at=datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    )
    assert client.get(calendar_path(webinar)).content == client.get(calendar_path(webinar)).content


def test_the_webinar_calendar_answers_as_a_calendar_file(client, index):
    webinar = WebinarPageFactory(parent=index, slug="digital-hrm", slug_en="digital-hrm")
    response = client.get(calendar_path(webinar))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="digital-hrm.ics"' in response["Content-Disposition"]


def test_the_calendar_speaks_the_readers_language(client, index):
    webinar = WebinarPageFactory(
        parent=index,
        title="Digital HRM",
        title_ru="Цифровое управление кадрами",
        summary="English summary.",
        summary_ru="Краткое описание.",
    )
    path = calendar_path(webinar, language="ru")
    assert path.startswith("/ru/webinars/")
    response = client.get(path)
    assert response.status_code == 200
    event = the_event(response.content)[1]
    assert str(event["SUMMARY"]) == "Цифровое управление кадрами"
    assert "Краткое описание." in str(event["DESCRIPTION"])
    assert str(event["URL"]).startswith("http://localhost/ru/webinars/")


def test_rich_text_and_markup_reach_the_calendar_as_plain_text(index):
    webinar = WebinarPageFactory(parent=index, title="R&D <in> HR", summary="Staff & <b>pay</b>")
    event = the_event(webinar_ics(webinar))[1]
    assert str(event["SUMMARY"]) == "R&D <in> HR"
    assert str(event["DESCRIPTION"]).startswith("Staff & <b>pay</b>")


# Daylight-saving time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "local", "utc"),
    [
        # New York leaves standard time (UTC−5) on 8 March 2026.
        ("America/New_York", (2026, 3, 1, 9, 0), (2026, 3, 1, 14, 0)),
        ("America/New_York", (2026, 3, 15, 9, 0), (2026, 3, 15, 13, 0)),
        # Santiago leaves summer time (UTC−3) on 5 April 2026 and returns on 6 September.
        ("America/Santiago", (2026, 3, 20, 10, 0), (2026, 3, 20, 13, 0)),
        ("America/Santiago", (2026, 4, 20, 10, 0), (2026, 4, 20, 14, 0)),
        ("America/Santiago", (2026, 9, 1, 10, 0), (2026, 9, 1, 14, 0)),
        ("America/Santiago", (2026, 9, 20, 10, 0), (2026, 9, 20, 13, 0)),
    ],
)
def test_the_same_local_hour_is_a_different_instant_across_daylight_saving(index, zone, local, utc):
    webinar = WebinarPageFactory(parent=index, starts_at=at(zone, *local), time_zone=zone)
    webinar.refresh_from_db()  # stored in UTC, read back as the database gives it
    calendar, event = the_event(webinar_ics(webinar))

    assert event["DTSTART"].params["TZID"] == zone
    assert event.start.replace(tzinfo=None) == datetime(*local)
    assert event.start.astimezone(UTC) == datetime(*utc, tzinfo=UTC)
    expected_offset = datetime(*local) - datetime(*utc)
    assert zone_offset_from_file(calendar, zone, datetime(*local)) == expected_offset
    assert event.end.astimezone(UTC) == datetime(*utc, tzinfo=UTC) + timedelta(minutes=90)


@pytest.mark.parametrize(
    ("zone", "offset"),
    [("Asia/Seoul", 9), ("America/Montevideo", -3), ("Asia/Almaty", 5)],
)
def test_zones_without_daylight_saving_keep_their_offset_all_year(index, zone, offset):
    for month in (1, 7):
        webinar = WebinarPageFactory(
            parent=index, starts_at=at(zone, 2026, month, 15, 10, 0), time_zone=zone
        )
        webinar.refresh_from_db()
        calendar, event = the_event(webinar_ics(webinar))
        assert event.start.replace(tzinfo=None) == datetime(2026, month, 15, 10, 0)
        assert event.start.astimezone(UTC) == datetime(
            2026, month, 15, 10, 0, tzinfo=UTC
        ) - timedelta(hours=offset)
        assert zone_offset_from_file(calendar, zone, datetime(2026, month, 15, 10)) == timedelta(
            hours=offset
        )
        [vtimezone] = calendar.timezones
        assert vtimezone.daylight == []


# A registrant's file ---------------------------------------------------------------------------


def test_a_confirmed_registrant_gets_the_join_link_and_their_own_links(index):
    webinar = WebinarPageFactory(
        parent=index,
        join_url=JOIN_URL,
        joining_instructions=(
            '<p>Read the <a href="https://zoom.example.org/help">Zoom help</a> first.</p>'
            "<ul><li>Mute on entry</li><li>Camera optional</li></ul>"
        ),
    )
    registration = RegistrationFactory(webinar=webinar)
    token = services.registration_token(registration)
    event = the_event(registration_ics(registration))[1]

    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == JOIN_URL
    assert str(event["URL"]) == JOIN_URL
    description = str(event["DESCRIPTION"])
    assert JOIN_URL in description
    assert f"/registration/{token}/" in description
    assert f"/registration/{token}/cancel/" in description
    assert "Read the Zoom help (https://zoom.example.org/help) first." in description
    assert "- Mute on entry\n- Camera optional" in description
    assert "<" not in description
    # Nobody answers RSVPs, and the file repeats nothing the registrant typed.
    assert "ORGANIZER" not in event
    assert "ATTENDEE" not in event
    assert registration.name not in registration_ics(registration).decode()


def test_a_registrants_event_replaces_the_public_one_in_their_calendar(index):
    webinar = WebinarPageFactory(parent=index, last_published_at=timezone.now() - timedelta(days=3))
    registration = RegistrationFactory(webinar=webinar)
    public = the_event(webinar_ics(webinar))[1]
    own = the_event(registration_ics(registration))[1]
    assert own["UID"] == public["UID"]
    assert own.DTSTAMP > public.DTSTAMP
    assert own.start == public.start


def test_a_waiting_list_place_is_a_tentative_event_without_the_join_link(index):
    webinar = WebinarPageFactory(parent=index, join_url=JOIN_URL, capacity=1)
    registration = RegistrationFactory(webinar=webinar, status=Registration.Status.WAITING)
    content = registration_ics(registration)
    event = the_event(content)[1]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "waiting list" in str(event["DESCRIPTION"])
    assert JOIN_URL.encode() not in content
    assert str(event["LOCATION"]) == "Online (Zoom)"


def test_a_registrants_file_is_in_their_language_whatever_the_site_language(index):
    webinar = WebinarPageFactory(
        parent=index, title="Digital HRM", title_ru="Цифровое управление кадрами"
    )
    registration = RegistrationFactory(webinar=webinar, language="ru")
    event = the_event(registration_ics(registration))[1]
    assert str(event["SUMMARY"]) == "Цифровое управление кадрами"
    assert "http://localhost/ru/webinars/" in str(event["DESCRIPTION"])


def test_the_registration_calendar_route_answers_and_refuses_a_tampered_link(client, index):
    webinar = WebinarPageFactory(parent=index, join_url=JOIN_URL)
    registration = RegistrationFactory(webinar=webinar)
    token = services.registration_token(registration)

    response = client.get(calendar_path(webinar, "registration_calendar", token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert JOIN_URL in str(the_event(response.content)[1]["LOCATION"])

    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for bad in (tampered, "not-a-token", token + "x"):
        response = client.get(calendar_path(webinar, "registration_calendar", bad))
        assert response.status_code == 404
        assert JOIN_URL not in response.content.decode()

    # A link to another webinar's registration does not open this one's file.
    other = WebinarPageFactory(parent=index)
    assert client.get(calendar_path(other, "registration_calendar", token)).status_code == 404


# The feed --------------------------------------------------------------------------------------


def test_the_feed_lists_only_upcoming_live_public_webinars(client, index):
    now = timezone.now()
    soon = WebinarPageFactory(parent=index, title="Soon", starts_at=now + timedelta(days=2))
    later = WebinarPageFactory(parent=index, title="Later", starts_at=now + timedelta(days=30))
    running = WebinarPageFactory(
        parent=index, title="Running now", starts_at=now - timedelta(minutes=30)
    )
    WebinarPageFactory(parent=index, title="Ended", starts_at=now - timedelta(days=1))
    WebinarPageFactory(parent=index, title="Draft", starts_at=now + timedelta(days=3), live=False)
    private = WebinarPageFactory(parent=index, title="Private", starts_at=now + timedelta(days=4))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )

    response = client.get(calendar_path(index, "feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.events] == [
        "Running now",
        "Soon",
        "Later",
    ]
    assert len({event["UID"] for event in calendar.events}) == 3
    assert "Webinars" in str(calendar["X-WR-CALNAME"])
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert calendar.get_missing_tzids() == set()
    for webinar in (soon, later, running):
        assert JOIN_URL.encode() not in response.content
        assert webinar.full_url.encode() in response.content


def test_the_feed_names_itself_in_the_readers_language(client, index):
    WebinarPageFactory(parent=index, title="Digital HRM", title_ru="Цифровое управление кадрами")
    response = client.get(calendar_path(index, "feed", language="ru"))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert "Вебинары" in str(calendar["X-WR-CALNAME"])
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Цифровое управление кадрами"]


def test_the_feed_carries_a_timezone_for_each_zone_it_uses(index):
    now = timezone.now()
    for zone in ("Asia/Seoul", "America/Santiago", "Asia/Ulaanbaatar", "Asia/Seoul"):
        WebinarPageFactory(parent=index, starts_at=now + timedelta(days=9), time_zone=zone)
    calendar = Calendar.from_ical(feed_ics(index))
    assert sorted(tz.tz_name for tz in calendar.timezones) == [
        "America/Santiago",
        "Asia/Seoul",
        "Asia/Ulaanbaatar",
    ]


def test_an_empty_feed_is_still_a_calendar(client, index):
    response = client.get(calendar_path(index, "feed"))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar.events == []
    assert "X-WR-CALNAME" in calendar
