from django.urls import path, re_path, register_converter

from . import views
from .models import ROOM_CODE_URL_PATTERN

app_name = "qa"


class RoomCodeConverter:
    """Only what can be a room code reaches the views (a NUL in a path broke PostgreSQL)."""

    regex = ROOM_CODE_URL_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RoomCodeConverter, "roomcode")

urlpatterns = [
    path("", views.join, name="join"),
    path("<roomcode:code>/", views.room, name="room"),
    path("<roomcode:code>/moderate/", views.moderate, name="moderate"),
    path("<roomcode:code>/present/", views.present, name="present"),
    path("<roomcode:code>/send/", views.send, name="send"),
    re_path(
        rf"^(?P<code>{ROOM_CODE_URL_PATTERN})/export\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="export",
    ),
]
