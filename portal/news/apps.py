from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"
    demo_folder = "demo"

    def ready(self):
        from . import signals  # noqa: F401
