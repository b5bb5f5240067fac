from django.core.management.base import BaseCommand

from portal.inquiries.models import RETENTION_DAYS
from portal.inquiries.services import purge_closed_inquiries


class Command(BaseCommand):
    help = f"Delete closed cooperation inquiries unchanged for {RETENTION_DAYS} days."

    def handle(self, *args, **options):
        deleted = purge_closed_inquiries()
        self.stdout.write(f"Deleted {deleted} closed inquiries.")
