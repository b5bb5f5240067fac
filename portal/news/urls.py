from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("feed/", feeds.LatestReleasesRss(), name="rss"),
    path("feed/atom/", feeds.LatestReleasesAtom(), name="atom"),
    path("seen/<int:page_id>/", views.record_view, name="seen"),
]
