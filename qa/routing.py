from django.urls import re_path

from .consumers import RoomConsumer
from .sse import SseConsumer

websocket_urlpatterns = [
    re_path(r"^ws/qa/(?P<code>[A-Za-z0-9]{1,12})/$", RoomConsumer.as_asgi()),
]

# Paths under /sse/, where portal/asgi.py mounts them behind the session stack.
sse_urlpatterns = [
    re_path(r"^qa/(?P<code>[A-Za-z0-9]{1,12})/$", SseConsumer.as_asgi()),
]
