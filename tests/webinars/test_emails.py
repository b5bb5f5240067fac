"""The e-mails a registrant receives: what they registered for, when in the event's zone, a seat
or a waiting-list place, how to join and to cancel, and the calendar file."""

import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from webinars import services
from webinars.factories import WebinarIndexPageFactory, WebinarPageFactory
from webinars.models import Registration

JOIN_URL = "https://zoom.example.org/j/987654321"
NEXT_YEAR = timezone.now().year + 1


@pytest.fixture
def index(home):
    return WebinarIndexPageFactory(parent=home)


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """Register through the service, sending the e-mails its transaction queues."""

    def sign_up(webinar, n=1, **changes):
        fields = {
            "name": f"Ana Pérez {n}",
            "email": f"ana{n}@example.org",
            "organisation": "Oficina Nacional del Servicio Civil",
            "country": "UY",
            "role": "HR director",
            "language": "en",
            **changes,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return services.register(webinar, **fields)

    return sign_up


def new_york_webinar(index, **fields):
    defaults = {
        "title": "Digital HRM with the IDB",
        "starts_at": datetime(NEXT_YEAR, 7, 15, 9, 0, tzinfo=ZoneInfo("America/New_York")),
        "time_zone": "America/New_York",
        "duration": 90,
        "join_url": JOIN_URL,
    }
    return WebinarPageFactory(parent=index, **{**defaults, **fields})


def calendar_event(message):
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    [event] = Calendar.from_ical(content).events
    return event


def link_to(message, pattern):
    """The path of the one portal link in the body whose path matches `pattern`."""
    paths = [urlsplit(url).path for url in re.findall(r"https?://\S+", message.body)]
    [path] = [path for path in paths if re.search(pattern, path)]
    return path


def test_a_seat_is_confirmed_by_email_with_the_calendar_file_and_a_working_cancel_link(
    client, index, sign_up
):
    webinar = new_york_webinar(index)
    registration = sign_up(webinar)

    [message] = mail.outbox
    assert message.to == ["ana1@example.org"]
    assert "Digital HRM with the IDB" in message.subject
    assert "\n" not in message.subject
    body = message.body
    assert "Digital HRM with the IDB" in body
    assert "09:00–10:30 (New York, UTC−4)" in body
    assert JOIN_URL in body
    assert webinar.full_url in body
    assert "Online (Zoom)" in body
    assert "webinar.ics" in body
    # Nothing the registrant typed comes back: the address is not confirmed yet.
    for typed in (registration.name, registration.organisation, registration.role):
        assert typed not in body

    event = calendar_event(message)
    assert str(event["SUMMARY"]) == "Digital HRM with the IDB"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == JOIN_URL
    assert event.start.replace(tzinfo=None) == datetime(NEXT_YEAR, 7, 15, 9, 0)

    assert client.get(link_to(message, r"/registration/[^/]+/$")).status_code == 200
    cancel = client.get(link_to(message, r"/cancel/$"))
    assert cancel.status_code == 200


@pytest.mark.parametrize(
    ("zone", "month", "shown"),
    [
        ("America/New_York", 1, "09:00–10:30 (New York, UTC−5)"),
        ("America/New_York", 7, "09:00–10:30 (New York, UTC−4)"),
        ("America/Santiago", 1, "09:00–10:30 (Santiago, UTC−3)"),
        ("America/Santiago", 7, "09:00–10:30 (Santiago, UTC−4)"),
        ("Asia/Seoul", 7, "09:00–10:30 (Seoul, UTC+9)"),
        ("Asia/Kolkata", 7, "09:00–10:30 (Kolkata, UTC+5:30)"),
    ],
)
def test_the_email_gives_the_time_in_the_events_zone_with_its_offset_that_day(
    index, sign_up, zone, month, shown
):
    webinar = WebinarPageFactory(
        parent=index,
        starts_at=datetime(NEXT_YEAR, month, 15, 9, 0, tzinfo=ZoneInfo(zone)),
        time_zone=zone,
    )
    sign_up(webinar)
    [message] = mail.outbox
    assert shown in message.body


def test_a_full_webinar_puts_the_next_person_on_the_waiting_list_and_says_so(index, sign_up):
    webinar = new_york_webinar(index, capacity=1)
    sign_up(webinar, 1)
    second = sign_up(webinar, 2)
    assert second.status == Registration.Status.WAITING

    message = mail.outbox[-1]
    assert message.to == ["ana2@example.org"]
    assert "Waiting list" in message.subject
    assert "waiting list" in message.body
    assert "Your seat is confirmed" not in message.body
    assert JOIN_URL not in message.body
    assert "/cancel/" in message.body

    event = calendar_event(message)
    assert str(event["STATUS"]) == "TENTATIVE"
    assert JOIN_URL not in event.to_ical().decode()


def test_cancelling_a_seat_tells_both_people_and_gives_the_seat_to_the_next(
    client, index, sign_up, django_capture_on_commit_callbacks
):
    webinar = new_york_webinar(index, capacity=1)
    sign_up(webinar, 1)
    sign_up(webinar, 2)
    cancel_path = link_to(mail.outbox[0], r"/cancel/$")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_path)
    assert response.status_code == 302

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ana1@example.org", "ana2@example.org"]

    cancelled = by_address["ana1@example.org"]
    assert "Digital HRM with the IDB" in cancelled.subject
    assert "cancelled" in cancelled.body
    assert JOIN_URL not in cancelled.body
    assert cancelled.attachments == []

    promoted = by_address["ana2@example.org"]
    assert "Digital HRM with the IDB" in promoted.subject
    assert JOIN_URL in promoted.body
    event = calendar_event(promoted)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == JOIN_URL


def test_a_russian_registrant_reads_the_russian_title_and_russian_links(client, index, sign_up):
    webinar = new_york_webinar(index, title_ru="Цифровое управление кадрами с МБР")
    sign_up(webinar, language="ru")

    [message] = mail.outbox
    assert "Цифровое управление кадрами с МБР" in message.subject
    assert "Цифровое управление кадрами с МБР" in message.body
    assert "Digital HRM with the IDB" not in message.body
    assert str(calendar_event(message)["SUMMARY"]) == "Цифровое управление кадрами с МБР"
    cancel_path = link_to(message, r"/cancel/$")
    assert cancel_path.startswith("/ru/")
    assert client.get(cancel_path).status_code == 200


def test_the_reminder_reaches_seats_only_with_the_calendar_file(index, sign_up):
    webinar = new_york_webinar(index, capacity=1)
    sign_up(webinar, 1)
    sign_up(webinar, 2)
    mail.outbox.clear()

    services.request_reminder(webinar)

    [message] = mail.outbox
    assert message.to == ["ana1@example.org"]
    assert "Digital HRM with the IDB" in message.subject
    assert "09:00–10:30 (New York, UTC−4)" in message.body
    assert JOIN_URL in message.body
    assert "/cancel/" in message.body
    assert str(calendar_event(message)["STATUS"]) == "CONFIRMED"


def test_titles_reach_the_email_as_typed_never_as_markup(index, sign_up):
    webinar = new_york_webinar(index, title="R&D <pilot> in HR", location="Sejong & online")
    sign_up(webinar)
    [message] = mail.outbox
    assert "R&D <pilot> in HR" in message.subject
    assert "R&D <pilot> in HR" in message.body
    assert "Sejong & online" in message.body
    assert "&amp;" not in message.subject + message.body
