"""Receiving a cooperation inquiry: the one place that cleans, limits, stores and confirms it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.cache import counter_key, increment
from portal.text import clean_text, single_line

from .models import RETENTION_DAYS, Inquiry, new_reference

logger = logging.getLogger(__name__)

# Inquiries one client address may send per hour; an office behind one address shares them.
INQUIRIES_PER_HOUR = 5
RATE_WINDOW_SECONDS = 60 * 60

SINGLE_LINE_FIELDS = ("organisation", "contact_name", "topic")


class TooManyInquiries(Exception):
    """The client sent INQUIRIES_PER_HOUR inquiries within the last hour."""


def clean_message(raw):
    return clean_text(raw or "", multiline=True).strip()


def count_submission(client):
    """Count one inquiry from `client`; raise TooManyInquiries past the hourly limit.
    With the cache unreachable the form stays open (fail open)."""
    key = counter_key("inquiries", client or "")
    if increment(key, RATE_WINDOW_SECONDS) > INQUIRIES_PER_HOUR:
        raise TooManyInquiries


def submit_inquiry(
    *,
    client,
    language,
    organisation,
    contact_name,
    email,
    country,
    kind,
    topic,
    message,
    preferred_language,
    related_case=None,
):
    """Store an inquiry from a visitor, then e-mail them a confirmation once it is saved.

    `client` is the address from portal.clients (for the rate limit) and `language` the
    language the form was read in. Raises TooManyInquiries without storing anything.
    """
    count_submission(client)
    fields = {
        "organisation": single_line(organisation),
        "contact_name": single_line(contact_name),
        "email": single_line(email),
        "country": country,
        "kind": kind,
        "topic": single_line(topic),
        "message": clean_message(message),
        "preferred_language": preferred_language,
        "related_case": related_case,
        "language": language,
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                inquiry = Inquiry.objects.create(reference=new_reference(), **fields)
                # The requester hears about it only once it is safely stored.
                transaction.on_commit(lambda saved=inquiry: send_confirmation(saved), robust=True)
            return inquiry
        except IntegrityError:  # a reference drawn twice: draw again
            continue
    raise RuntimeError("Could not draw a free inquiry reference")


def send_confirmation(inquiry):
    """The confirmation e-mail, written in the requester's preferred language."""
    with translation.override(inquiry.preferred_language):
        context = {"inquiry": inquiry, "retention_years": RETENTION_DAYS // 365}
        subject = " ".join(
            render_to_string("inquiries/email/confirmation_subject.txt", context).split()
        )
        body = render_to_string("inquiries/email/confirmation_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [inquiry.email])
    except OSError:  # SMTP down: the inquiry is stored and staff see it; log, do not fail
        logger.exception("Could not send the confirmation for inquiry %s", inquiry.reference)


def purge_closed_inquiries(now=None):
    """Delete closed inquiries untouched for RETENTION_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
    deleted, _by_model = Inquiry.objects.filter(
        status=Inquiry.Status.CLOSED, updated_at__lt=cutoff
    ).delete()
    return deleted


def public_case(raw_id):
    """The live, public case study with this id (as typed in a URL), or None for anything else."""
    text = str(raw_id or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:  # page ids are 32-bit
        return None
    model = Inquiry._meta.get_field("related_case").related_model
    return model.objects.live().public().filter(pk=int(text)).first()
