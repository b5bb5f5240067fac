from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "portal.inquiries"
    label = "inquiries"
    verbose_name = _("Cooperation inquiries")
    default_auto_field = "django.db.models.BigAutoField"
