"""Registration for webinars: the one place that takes seats, keeps the waiting list,
cancels, marks attendance and sends the e-mails about it.

Seats are counted under a lock on the webinar's page row, so two people taking the last
seat at once end as one seat and one waiting-list place (PostgreSQL and SQLite alike).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.cache import counter_key, increment
from portal.text import single_line

from .models import Registration, WebinarPage

logger = logging.getLogger(__name__)

# Registrations one client address may make per hour: a partner ministry behind one address
# may register dozens of its staff, while a robot filling the form stops here.
REGISTRATIONS_PER_HOUR = 100
RATE_WINDOW_SECONDS = 60 * 60
TOKEN_SALT = "webinars.registration"  # noqa: S105 (a salt, not a secret)


class RegistrationError(Exception):
    """A refusal the registrant should see; `code` is stable, `message` is translated."""

    def __init__(self, code, message, field=None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field


# Tokens in links -----------------------------------------------------------------------


def _token_mac(value):
    return salted_hmac(TOKEN_SALT, value, algorithm="sha256").hexdigest()[:32]


def registration_token(registration):
    """The signed reference to a registration in its confirmation and cancel links.

    Only letters, digits and hyphens, as a page's sub-path allows: registration, webinar,
    time signed (base 62) and the signature, joined by hyphens.
    """
    stamp = signing.b62_encode(int(time.time()))
    value = f"{registration.pk}-{registration.webinar_id}-{stamp}"
    return f"{value}-{_token_mac(value)}"


def _invalid_link():
    return RegistrationError(
        "invalid_link", _("This link is not valid. Please use the link from your e-mail.")
    )


def registration_from_token(webinar, token):
    """The registration a link names, or RegistrationError for a tampered or expired link."""
    parts = str(token).split("-")
    if len(parts) != 4 or not constant_time_compare(parts[3], _token_mac("-".join(parts[:3]))):
        raise _invalid_link()
    registration_id, webinar_id, stamp = parts[:3]
    if webinar_id != str(webinar.pk):
        raise _invalid_link()
    age = time.time() - signing.b62_decode(stamp)
    if age > timedelta(days=settings.WEBINAR_CANCEL_LINK_DAYS).total_seconds():
        raise RegistrationError(
            "expired", _("This link has expired. Please contact the organisers.")
        )
    registration = Registration.objects.filter(pk=registration_id, webinar=webinar).first()
    if registration is None:
        raise RegistrationError("invalid_link", _("This registration no longer exists."))
    return registration


# Rate limit ------------------------------------------------------------------------------


def count_registration(client):
    """Count one registration attempt from `client`; refuse past the hourly limit."""
    key = counter_key("webinars-register", client or "")
    if increment(key, RATE_WINDOW_SECONDS) > REGISTRATIONS_PER_HOUR:
        raise RegistrationError(
            "rate_limited",
            _("Too many registrations from your network. Please try again in an hour."),
        )


# Registering -----------------------------------------------------------------------------


def _locked_webinar(webinar_id):
    """Lock the webinar's page row for the transaction: seat counts are taken one at a time."""
    Page.objects.select_for_update().filter(pk=webinar_id).values_list("pk", flat=True).first()
    return WebinarPage.objects.get(pk=webinar_id)


def _has_seat(webinar):
    return webinar.capacity is None or webinar.seats_taken() < webinar.capacity


def register(webinar, *, name, email, organisation, country, role, language, now=None):
    """Register a person: a seat if one is free, else the waiting list. Saved, then e-mailed."""
    now = now or timezone.now()
    email = (email or "").strip()
    fields = {
        "name": single_line(name),
        "email": email,
        "organisation": single_line(organisation),
        "country": country,
        "role": single_line(role),
        "language": language,
    }
    try:
        with transaction.atomic():
            webinar = _locked_webinar(webinar.pk)
            if not webinar.live or not webinar.registration_is_open(now):
                raise RegistrationError("closed", _("Registration for this webinar is closed."))
            if _active(webinar).filter(email__iexact=email).exists():
                raise _already_registered()
            status = (
                Registration.Status.CONFIRMED if _has_seat(webinar) else Registration.Status.WAITING
            )
            registration = Registration.objects.create(
                webinar=webinar, status=status, consent_at=now, status_changed_at=now, **fields
            )
            _email_after_commit(registration.pk, "confirmation")
    except IntegrityError:  # the same address registered in a parallel request
        raise _already_registered() from None
    return registration


def _already_registered():
    return RegistrationError(
        "duplicate",
        _("This e-mail address is already registered for this webinar."),
        field="email",
    )


def _active(webinar):
    return Registration.objects.filter(webinar=webinar, status__in=Registration.ACTIVE)


def cancel(registration, now=None):
    """Cancel a registration; a freed seat goes to the first person waiting. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        webinar = _locked_webinar(registration.webinar_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration, []
        if webinar.is_past(now):
            raise RegistrationError("past", _("This webinar has ended; nothing to cancel."))
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        promoted = fill_free_seats(webinar, now=now)
        _email_after_commit(registration.pk, "cancelled")
    return registration, promoted


def fill_free_seats(webinar, now=None):
    """Give free seats to the waiting list, first come first served (caller holds the lock or
    this takes it). Called on cancelling and when staff raise the capacity."""
    now = now or timezone.now()
    with transaction.atomic():
        webinar = _locked_webinar(webinar.pk)
        if webinar.is_past(now):
            return []
        waiting = Registration.objects.filter(
            webinar=webinar, status=Registration.Status.WAITING
        ).order_by("created_at", "pk")
        if webinar.capacity is not None:
            free = max(webinar.capacity - webinar.seats_taken(), 0)
            waiting = waiting[:free]
        promoted = list(waiting)
        for registration in promoted:
            registration.status = Registration.Status.CONFIRMED
            registration.status_changed_at = now
            registration.save(update_fields=["status", "status_changed_at"])
            _email_after_commit(registration.pk, "promoted")
    return promoted


def set_attendance(registration_ids, attended, webinar_ids=None):
    """Mark who attended (or not); only seats taken count. Returns how many changed."""
    registrations = Registration.objects.filter(
        pk__in=registration_ids, status=Registration.Status.CONFIRMED
    ).exclude(attended=attended)
    if webinar_ids is not None:
        registrations = registrations.filter(webinar_id__in=webinar_ids)
    return registrations.update(attended=attended)


# Reminders ---------------------------------------------------------------------------------


def request_reminder(webinar):
    """Queue the reminder to every confirmed registrant (a background task)."""
    from .tasks import send_reminders

    return send_reminders.enqueue(webinar.pk)


def send_reminder_emails(webinar_id, now=None):
    """Send the reminder to everyone with a seat; returns how many were sent."""
    webinar = WebinarPage.objects.get(pk=webinar_id)
    confirmed = Registration.objects.filter(
        webinar=webinar, status=Registration.Status.CONFIRMED
    ).values_list("pk", flat=True)
    sent = sum(send_registration_email(pk, "reminder") for pk in confirmed)
    if sent:  # a reminder nobody received was not sent: staff may try again
        WebinarPage.objects.filter(pk=webinar.pk).update(reminder_sent_at=now or timezone.now())
    return sent


# E-mail ------------------------------------------------------------------------------------


def _email_after_commit(registration_id, kind):
    """E-mail once the change is saved; a failure is logged and loses nothing."""

    def send():
        send_registration_email(registration_id, kind)

    transaction.on_commit(send, robust=True)


# What each e-mail is about: its subject template and whether it carries the calendar file.
EMAILS = {
    "confirmation": True,
    "promoted": True,
    "reminder": True,
    "cancelled": False,
}


def send_registration_email(registration_id, kind):
    """One e-mail about a registration, in the registrant's language; True if it went out.

    A failing mail server is logged, never raised: the registration is saved already."""
    from .calendar import registration_ics
    from .views import absolute_route_url

    registration = Registration.objects.select_related("webinar").filter(pk=registration_id).first()
    if registration is None:
        return False
    with translation.override(registration.language):
        webinar = WebinarPage.objects.get(pk=registration.webinar_id)
        token = registration_token(registration)
        context = {
            "registration": registration,
            "webinar": webinar,
            "page_url": webinar.full_url,
            "detail_url": absolute_route_url(webinar, "registration", token),
            "cancel_url": absolute_route_url(webinar, "cancel", token),
        }
        subject = " ".join(render_to_string(f"webinars/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"webinars/email/{kind}.txt", context)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
        if EMAILS[kind]:
            message.attach("webinar.ics", registration_ics(registration), "text/calendar")
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the %s e-mail for registration %s", kind, registration_id)
        return False
    return True
