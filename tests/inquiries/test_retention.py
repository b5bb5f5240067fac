from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from portal.inquiries.models import RETENTION_DAYS, Inquiry
from tests.inquiries.test_admin import make_inquiry


def test_closed_inquiries_are_purged_after_the_retention_period(db):
    old = timezone.now() - timedelta(days=RETENTION_DAYS + 1)
    expired = make_inquiry(status=Inquiry.Status.CLOSED)
    still_open = make_inquiry(status=Inquiry.Status.IN_PROGRESS)
    recent = make_inquiry(status=Inquiry.Status.CLOSED)
    Inquiry.objects.filter(pk__in=[expired.pk, still_open.pk]).update(updated_at=old)
    output = StringIO()
    call_command("purge_inquiries", stdout=output)
    assert "Deleted 1 closed inquiries." in output.getvalue()
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {still_open.pk, recent.pk}
