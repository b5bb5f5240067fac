from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo import load_demo_content


class Command(BaseCommand):
    help = "Create the demo site (pages in every language, partners, admin user). Idempotent."

    def handle(self, *args, **options):
        created = load_demo_content()
        # Apps add their own demo data through an optional AppConfig hook.
        for app_config in apps.get_app_configs():
            hook = getattr(app_config, "load_demo_content", None)
            if callable(hook):
                created.update(hook())
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(f"Demo content ready (created {summary}).")
        self.stdout.write(
            f"Admin: /admin/  user: {settings.DEMO_ADMIN_USERNAME}  "
            f"password: {settings.DEMO_ADMIN_PASSWORD}"
        )
