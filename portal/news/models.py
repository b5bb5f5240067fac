"""Press releases: the newsroom page, releases, their attachments, and view/download counts."""

from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import (
    AttachmentsMixin,
    PageAttachment,
    TranslatedPage,
    public_pages,
    translated_search_fields,
)
from portal.text import SEARCH_MAX_QUERY

NEWS_PAGE_SIZE = 10
NEWS_MAX_QUERY = SEARCH_MAX_QUERY  # one cap for every search box


class NewsCategory(models.Model):
    """A kind of release (announcement, event, cooperation…), used to filter the newsroom."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsIndexPage(TranslatedPage):
    """The newsroom: the list of releases with filters, search and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("newsroom")

    def releases(self):
        return (
            public_pages(NewsPage.objects.child_of(self).live())
            .with_counts()
            .select_related("category")
            .defer_streamfields()  # a list shows summaries, never bodies
            # Documents and their counts joined to the attachments: one query, not three.
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=NewsPageAttachment.objects.select_related("document__download_count"),
                )
            )
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .views import newsroom_context

        context = super().get_context(request, *args, **kwargs)
        context.update(newsroom_context(self, request))
        return context


class NewsPageQuerySet(PageQuerySet):
    def with_counts(self):
        """Annotate `view_total` so a list shows hits without a query per release."""
        views = PageViewCount.objects.filter(page_id=OuterRef("pk")).values("count")
        return self.annotate(view_total=Coalesce(Subquery(views), Value(0)))


class NewsPage(AttachmentsMixin, TranslatedPage):
    """One press release, written in as many languages as the press office has ready."""

    date = models.DateField(_("release date"), default=timezone.localdate)
    writer = models.CharField(_("writer"), max_length=120, blank=True)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="releases",
    )
    intro = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences, shown in lists and feeds.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("writer")]), FieldPanel("category")],
            heading=_("Release"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
        InlinePanel("related_pages", heading=_("Related pages"), label=_("Related page")),
    ]
    search_fields = [
        *Page.search_fields,
        *translated_search_fields("title", "intro", "body", "writer"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("writer"),
        APIField("category"),
        APIField("intro"),
        APIField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    @property
    def hits(self):
        if not hasattr(self, "view_total"):  # counted once, however often the page shows it
            counts = PageViewCount.objects.filter(page_id=self.pk).values_list("count", flat=True)
            self.view_total = counts.first() or 0
        return self.view_total

    def siblings(self):
        return public_pages(NewsPage.objects.sibling_of(self, inclusive=False).live())

    def neighbours(self):
        """The releases dated before and after this one (the previous and the next release)."""
        siblings = self.siblings()
        earlier = models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk)
        later = models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk)
        return (
            siblings.filter(earlier).order_by("-date", "-pk").first(),
            siblings.filter(later).order_by("date", "pk").first(),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments_for_reader()
        # A related page shows a title and a link, which every page has: no query per page.
        context["related"] = [
            link.target
            for link in self.related_pages.select_related("target")
            if link.target and link.target.live
        ]
        context["previous_release"], context["next_release"] = self.neighbours()
        return context

    # Demo content (read by portal.demo) ------------------------------------------------

    def apply_demo_data(self, data, demo):
        from .demo import apply_release_demo_data

        apply_release_demo_data(self, data, demo)

    def after_demo_publish(self, data, demo):
        from .demo import seed_release_counts

        seed_release_counts(self, data)


class NewsPageAttachment(PageAttachment):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(PageAttachment.Meta):
        pass


class NewsPageRelatedPage(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


class PageViewCount(models.Model):
    """Views of a page, kept apart from the page so publishing a revision never resets them."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="view_count"
    )
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("page view count")

    def __str__(self):
        return f"{self.page_id}: {self.count}"


class DocumentDownloadCount(models.Model):
    """Downloads of a document, counted by Wagtail's document-serving hook."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="download_count",
    )
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("document download count")

    def __str__(self):
        return f"{self.document_id}: {self.count}"
