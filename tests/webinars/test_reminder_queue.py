"""Production queues reminders in the database; `manage.py db_worker` sends them."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from webinars import services
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.models import Registration


@pytest.mark.django_db(transaction=True)
def test_a_queued_reminder_is_sent_by_the_database_worker(home, settings):
    from webinars.factories import WebinarIndexPageFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    index = WebinarIndexPageFactory(parent=home)
    webinar = WebinarPageFactory(parent=index)
    seats = [RegistrationFactory(webinar=webinar) for _n in range(3)]
    RegistrationFactory(webinar=webinar, status=Registration.Status.WAITING)

    result = services.request_reminder(webinar)
    assert mail.outbox == []  # queued, not sent within the request

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in seats)
    webinar.refresh_from_db()
    assert webinar.reminder_sent_at is not None
