from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")
    default_auto_field = "django.db.models.BigAutoField"
    demo_folder = "demo"

    def ready(self):
        from . import signals  # noqa: F401
