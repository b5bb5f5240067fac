from django.urls import path, re_path

from . import views

app_name = "qa"

urlpatterns = [
    path("", views.join, name="join"),
    path("<str:code>/", views.room, name="room"),
    path("<str:code>/moderate/", views.moderate, name="moderate"),
    path("<str:code>/present/", views.present, name="present"),
    path("<str:code>/send/", views.send, name="send"),
    re_path(r"^(?P<code>[^/]+)/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
