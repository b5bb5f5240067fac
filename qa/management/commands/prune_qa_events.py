from django.conf import settings
from django.core.management.base import BaseCommand

from qa.services import prune_events


class Command(BaseCommand):
    help = (
        "Delete live Q&A events further behind their room's latest than clients may resume "
        "from (QA_RESUME_WINDOW). Questions, votes and participants stay. Run it from a "
        "scheduler, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.QA_RESUME_WINDOW,
            help="Events to keep per room (default: QA_RESUME_WINDOW).",
        )

    def handle(self, *args, keep, **options):
        if keep < 0:
            self.stderr.write("--keep must be 0 or more.")
            return
        deleted = prune_events(keep=keep)
        self.stdout.write(f"Deleted {deleted} event(s).")
