"""Background work for webinars (django-tasks): run at once by default, by `manage.py db_worker`
when TASKS_BACKEND is django_tasks_db.DatabaseBackend."""

from django_tasks import task


@task()
def send_reminders(webinar_id):
    from .services import send_reminder_emails

    return send_reminder_emails(webinar_id)
