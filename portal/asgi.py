"""ASGI entry point served by Daphne: HTTP through Django; WebSockets and /sse/ through Channels."""

import gc
import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import re_path  # noqa: E402

from portal.pagecache import PageCacheApp  # noqa: E402
from portal.websocket import stream_stack, websocket_stack, with_fallback  # noqa: E402
from qa.routing import sse_urlpatterns, websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Only /sse/ pays for the Channels session stack; Django runs its own middleware.
        "http": URLRouter(
            [
                re_path(r"^sse/", stream_stack(URLRouter(sse_urlpatterns))),
                # Anonymous public pages are answered from the page cache before Django.
                re_path(r"", PageCacheApp(django_asgi_app)),
            ]
        ),
        "websocket": websocket_stack(URLRouter(with_fallback(websocket_urlpatterns))),
    }
)

# Opt-in collector tuning (SERVER_GC_TUNING=1), measured with bench/pages.py and bench/fanout.py:
# everything loaded so far leaves the collector, and full passes come less often. Off by default.
if settings.SERVER_GC_TUNING:
    gc.freeze()
    gc.set_threshold(*settings.SERVER_GC_THRESHOLDS)
