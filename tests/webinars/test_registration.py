"""Registering, the waiting list, cancelling through a signed link: the rules in services."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import close_old_connections
from django.utils import timezone

from webinars import services
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.models import Registration

Status = Registration.Status


def person(n=1, **changes):
    fields = {
        "name": f"Ana Pérez {n}",
        "email": f"ana{n}@example.org",
        "organisation": "Oficina Nacional del Servicio Civil",
        "country": "UY",
        "role": "HR director",
        "language": "es",
    }
    return {**fields, **changes}


@pytest.fixture
def webinar(webinars_index):
    return WebinarPageFactory(parent=webinars_index, capacity=2)


def test_seats_then_the_waiting_list_then_promotion_on_cancel(
    webinar, django_capture_on_commit_callbacks
):
    first = services.register(webinar, **person(1))
    second = services.register(webinar, **person(2))
    third = services.register(webinar, **person(3))
    fourth = services.register(webinar, **person(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = services.cancel(second)
    assert cancelled.status == Status.CANCELLED
    # The first in line gets the seat, and hears about it; the next one keeps waiting.
    assert promoted == [third]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == (Status.CONFIRMED, Status.WAITING)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana2@example.org",
        "ana3@example.org",
    ]
    assert webinar.seats_taken() == 2
    # Cancelling twice changes nothing and promotes no one.
    assert services.cancel(second) == (cancelled, [])


def test_raising_the_capacity_gives_the_new_seats_to_the_waiting_list(webinar):
    for n in range(4):
        services.register(webinar, **person(n))
    webinar.capacity = 3
    webinar.save_revision().publish()
    statuses = list(
        Registration.objects.filter(webinar=webinar).order_by("pk").values_list("status", flat=True)
    )
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_one_registration_per_address_and_webinar_whatever_its_case(webinar):
    services.register(webinar, **person(1))
    with pytest.raises(services.RegistrationError) as refused:
        services.register(webinar, **person(1, email="ANA1@Example.org", name="Ana again"))
    assert refused.value.code == "duplicate" and refused.value.field == "email"
    assert Registration.objects.count() == 1
    # Once cancelled, the same person may register again.
    services.cancel(Registration.objects.get())
    again = services.register(webinar, **person(1))
    assert again.status == Status.CONFIRMED


@pytest.mark.parametrize("closed", ["flag", "started", "draft"])
def test_closed_registration_saves_nothing(
    webinars_index, closed, django_capture_on_commit_callbacks
):
    fields = {"capacity": None}
    if closed == "flag":
        fields["registration_open"] = False
    elif closed == "started":
        fields["starts_at"] = timezone.now() - timedelta(minutes=5)
    else:
        fields["live"] = False
    webinar = WebinarPageFactory(parent=webinars_index, **fields)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RegistrationError) as refused,
    ):
        services.register(webinar, **person())
    assert refused.value.code == "closed"
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_names_are_cleaned_before_they_are_saved(webinar):
    registration = services.register(
        webinar, **person(name="  Ana\u202e  Pérez \n", organisation="ONSC\x00 Uruguay")
    )
    assert registration.name == "Ana Pérez"
    assert registration.organisation == "ONSC Uruguay"


def test_the_cancel_link_is_signed_for_one_registration_of_one_webinar(webinar, webinars_index):
    registration = services.register(webinar, **person())
    token = services.registration_token(registration)
    assert services.registration_from_token(webinar, token) == registration

    other = WebinarPageFactory(parent=webinars_index)
    for bad_webinar, bad_token in [
        (webinar, token[:-2] + ("aa" if not token.endswith("aa") else "bb")),
        (webinar, "not-a-token"),
        (webinar, "1-2-3"),
        (webinar, token.replace(f"{registration.pk}-", f"{registration.pk + 1}-", 1)),
        (other, token),  # a valid link, but for another webinar's page
    ]:
        with pytest.raises(services.RegistrationError) as refused:
            services.registration_from_token(bad_webinar, bad_token)
        assert refused.value.code == "invalid_link"


def test_an_old_cancel_link_has_expired(webinar, settings, monkeypatch):
    registration = services.register(webinar, **person())
    token = services.registration_token(registration)
    settings.WEBINAR_CANCEL_LINK_DAYS = 30
    real_time = services.time.time
    monkeypatch.setattr(services.time, "time", lambda: real_time() + 31 * 24 * 3600)
    with pytest.raises(services.RegistrationError) as refused:
        services.registration_from_token(webinar, token)
    assert refused.value.code == "expired"


def test_nothing_to_cancel_after_the_webinar(webinar):
    registration = RegistrationFactory(webinar=webinar)
    later = webinar.ends_at + timedelta(minutes=1)
    with pytest.raises(services.RegistrationError) as refused:
        services.cancel(registration, now=later)
    assert refused.value.code == "past"
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_a_failing_mail_server_loses_no_registration(
    webinar, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.webinars.test_registration.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        registration = services.register(webinar, **person())
    assert len(callbacks) == 1  # the confirmation was attempted, and failed quietly
    assert Registration.objects.get().pk == registration.pk


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_attendance_counts_only_seats(webinar):
    seat = RegistrationFactory(webinar=webinar)
    waiting = RegistrationFactory(webinar=webinar, status=Status.WAITING)
    assert services.set_attendance([seat.pk, waiting.pk], True) == 1
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.attended, waiting.attended) == (True, False)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_place(home):
    from webinars.factories import WebinarIndexPageFactory

    index = WebinarIndexPageFactory(parent=home)
    webinar = WebinarPageFactory(parent=index, capacity=3)
    for n in range(2):
        services.register(webinar, **person(n))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def take_last_seat(n):
        try:
            barrier.wait(timeout=10)
            results.append(services.register(webinar, **person(n)).status)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=take_last_seat, args=(n,)) for n in (10, 11)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [Status.CONFIRMED, Status.WAITING]
    assert webinar.seats_taken() == 3
