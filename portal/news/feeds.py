"""RSS 2.0 and Atom feeds of the latest releases, one per language (the URL's language)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import NewsIndexPage, NewsPage

FEED_SIZE = 20


class LatestReleasesRss(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        self.request = request
        newsroom = NewsIndexPage.objects.live().public().first()
        if newsroom is None:
            raise Http404("No newsroom yet.")
        return newsroom

    def title(self, newsroom):
        return _("%(newsroom)s · Ministry of Personnel Management") % {"newsroom": newsroom.title}

    def link(self, newsroom):
        return newsroom.get_url(self.request)

    def description(self, newsroom):
        return newsroom.intro or _("Press releases from the Ministry of Personnel Management.")

    def items(self, newsroom):
        return (
            NewsPage.objects.child_of(newsroom)
            .live()
            .public()
            .select_related("category")
            .order_by("-date", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # The release's own date, as the ministry's board shows it, not the day it was entered.
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.writer or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class LatestReleasesAtom(LatestReleasesRss):
    feed_type = Atom1Feed
    subtitle = LatestReleasesRss.description
