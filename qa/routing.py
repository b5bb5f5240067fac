from django.urls import re_path

from .consumers import RoomConsumer
from .models import ROOM_CODE_URL_PATTERN
from .sse import SseConsumer

websocket_urlpatterns = [
    re_path(rf"^ws/qa/(?P<code>{ROOM_CODE_URL_PATTERN})/$", RoomConsumer.as_asgi()),
]

# Paths under /sse/, where portal/asgi.py mounts them behind the session stack.
sse_urlpatterns = [
    re_path(rf"^qa/(?P<code>{ROOM_CODE_URL_PATTERN})/$", SseConsumer.as_asgi()),
]
