from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    # The site's demo content: YAML files read by portal.demo, like every app's demo/.
    demo_folder = "demo"

    def ready(self):
        from portal.pagecache import connect_invalidation

        connect_invalidation()
