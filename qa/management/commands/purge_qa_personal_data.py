from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qa.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Anonymise the participants of live Q&A rooms closed more than QA_PERSONAL_DATA_DAYS "
        "days ago (name, organisation, country and account link removed; their questions "
        "stay, shown as anonymous) and delete those rooms' event logs. Run it daily from a "
        "scheduler; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.QA_PERSONAL_DATA_DAYS,
            help="Days after a room closes (default: QA_PERSONAL_DATA_DAYS).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        anonymised, deleted = purge_personal_data(days=days)
        self.stdout.write(f"Anonymised {anonymised} participant(s); deleted {deleted} event(s).")
