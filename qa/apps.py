from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Live Q&A")

    def ready(self):
        from . import rights  # noqa: F401  (connects the moderator-rights signals in every process)

    def load_demo_content(self):
        from .demo import load_demo_room

        return load_demo_room()
