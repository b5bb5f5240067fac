from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import load_demo_content


class Command(BaseCommand):
    help = "Create the demo site (pages in every language, partners, admin user). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Password for the demo admin if it is created (else DEMO_ADMIN_PASSWORD).",
        )

    def handle(self, *args, admin_password=None, **options):
        password = admin_password or settings.DEMO_ADMIN_PASSWORD
        if not password:
            raise CommandError(
                "No demo admin password: these settings have no default one. Give it with "
                "--admin-password or DEMO_ADMIN_PASSWORD; it is not printed."
            )
        created = load_demo_content(admin_password=password)
        # Apps add their own demo data through an optional AppConfig hook.
        for app_config in apps.get_app_configs():
            hook = getattr(app_config, "load_demo_content", None)
            if callable(hook):
                created.update(hook())
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(f"Demo content ready (created {summary}).")
        user = settings.DEMO_ADMIN_USERNAME
        if not created.get("admin"):
            self.stdout.write(
                f"Admin: /admin/  user: {user} (existing account, password unchanged)"
            )
        elif settings.DEMO_PRINT_CREDENTIALS:
            # The development demo password is published in the README; production never prints.
            self.stdout.write(f"Admin: /admin/  user: {user}  password: {password}")
        else:
            self.stdout.write(f"Admin: /admin/  user: {user}  password: the one you gave")
