"""Case studies, system documentation and the taxonomy that files them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import (
    AttachmentsMixin,
    PageAttachment,
    TranslatedPage,
    page_ancestors,
    public_pages,
    translated_search_fields,
)

from .blocks import ContactsBlock, KeyFiguresBlock, TimelineBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# The sections of a case study, in reading order: (field, heading). The page, its print
# layout, the briefing pack and the API all walk this one list.
CASE_SECTIONS = (
    ("context", _("Context and problem")),
    ("solution", _("Solution")),
    ("timeline", _("Implementation timeline")),
    ("costs", _("Costs")),
    ("results", _("Results")),
    ("success_factors", _("Success factors")),
    ("lessons", _("Lessons and implications")),
    ("contacts", _("Contacts")),
)

CASES_PER_PAGE = 12
RELATED_CASES = 3


class Theme(models.Model):
    """What a case is about (digital HRM, payroll automation, ethics…): a facet of the library."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class System(models.Model):
    """A system the ministry runs and shares (e-Saram, the e-learning platform…)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("system")
        verbose_name_plural = _("systems")

    def __str__(self):
        return self.name


class CaseIndexPage(TranslatedPage):
    """The case library: every case study, with facets, sorting and pages."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case library")
        verbose_name_plural = _("case libraries")

    def cases(self):
        """The library's readable cases: live and public."""
        return public_pages(CaseStudyPage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        from .views import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(self, request))
        return context


class CaseStudyPageQuerySet(PageQuerySet):
    def with_counts(self):
        """Annotate `view_total` so a list shows and sorts by views without a query per case."""
        from portal.news.models import PageViewCount

        views = PageViewCount.objects.filter(page_id=OuterRef("pk")).values("count")
        return self.annotate(view_total=Coalesce(Subquery(views), Value(0)))


class CaseStudyPage(AttachmentsMixin, TranslatedPage):
    """One case study, told in the same sections every time (see CASE_SECTIONS)."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the case took place or was presented."),
    )
    intro = models.TextField(_("summary"), help_text=_("Two or three sentences, shown in lists."))
    context = RichTextField(_("context and problem"), blank=True, features=RICH_TEXT_FEATURES)
    solution = RichTextField(_("solution"), blank=True, features=RICH_TEXT_FEATURES)
    timeline = StreamField(TimelineBlock(), blank=True, verbose_name=_("implementation timeline"))
    costs = RichTextField(_("costs"), blank=True, features=RICH_TEXT_FEATURES)
    key_figures = StreamField(KeyFiguresBlock(), blank=True, verbose_name=_("key figures"))
    results = RichTextField(_("results"), blank=True, features=RICH_TEXT_FEATURES)
    success_factors = RichTextField(_("success factors"), blank=True, features=RICH_TEXT_FEATURES)
    lessons = RichTextField(_("lessons and implications"), blank=True, features=RICH_TEXT_FEATURES)
    contacts = StreamField(ContactsBlock(), blank=True, verbose_name=_("contacts"))

    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="cases"
    )
    systems = ParentalManyToManyField(
        System, verbose_name=_("systems"), blank=True, related_name="cases"
    )
    partners = ParentalManyToManyField(
        "portal.PartnerOrganisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="cases",
    )
    countries = CountryField(
        _("partner countries"),
        multiple=True,
        blank=True,
        help_text=_("Countries that took part in or asked for this case."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldPanel("themes"),
                FieldPanel("systems"),
                FieldPanel("partners"),
                FieldPanel("countries"),
            ],
            heading=_("Filing"),
        ),
        FieldPanel("context"),
        FieldPanel("solution"),
        FieldPanel("timeline"),
        FieldPanel("costs"),
        FieldPanel("key_figures"),
        FieldPanel("results"),
        FieldPanel("success_factors"),
        FieldPanel("lessons"),
        FieldPanel("contacts"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
        # Questions from webinars answered here (webinars.CaseQuestion: "Asked at <webinar>").
        InlinePanel("faq", heading=_("Questions asked at webinars"), label=_("Question")),
    ]
    search_fields = [
        *Page.search_fields,
        *translated_search_fields(
            "title",
            "intro",
            "context",
            "solution",
            "timeline",
            "costs",
            "key_figures",
            "results",
            "success_factors",
            "lessons",
        ),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("year"),
        APIField("intro"),
        *(APIField(name) for name, _heading in CASE_SECTIONS),
        APIField("key_figures"),
        APIField("themes"),
        APIField("systems"),
        APIField("partners"),
        APIField("countries"),
    ]
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(CaseStudyPageQuerySet)()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def sections(self):
        """The filled sections in CASE_SECTIONS order: name, heading and value (reader's language).

        Key figures belong to the results, so results show when either is filled.
        """
        shown = []
        for name, heading in CASE_SECTIONS:
            value = getattr(self, name)
            filled = bool(value) and (not isinstance(value, str) or value.strip())
            if name == "results" and self.key_figures:
                filled = True
            if filled:
                shown.append({"name": name, "heading": heading, "value": value})
        return shown

    def _cached(self, name, load):
        """A relation loaded once per page object: the page template and its links share it."""
        cache = self.__dict__.setdefault("_relation_cache", {})
        if name not in cache:
            cache[name] = load()
        return cache[name]

    def remember_relations(self, **loaded):
        """Relations a caller has loaded already (the library's listing), so none is queried."""
        self.__dict__.setdefault("_relation_cache", {}).update(loaded)

    def theme_list(self):
        return self._cached("themes", lambda: list(self.themes.all()))

    def system_list(self):
        return self._cached("systems", lambda: list(self.systems.all()))

    def partner_list(self):
        return self._cached("partners", lambda: list(self.partners.all()))

    def related_cases(self, limit=RELATED_CASES):
        """Other readable cases sharing the most themes and systems (one query, any library)."""
        theme_ids = [theme.pk for theme in self.theme_list()]
        system_ids = [system.pk for system in self.system_list()]
        if not theme_ids and not system_ids:
            return []
        shared = Count("themes", filter=Q(themes__in=theme_ids), distinct=True) + Count(
            "systems", filter=Q(systems__in=system_ids), distinct=True
        )
        return list(
            public_pages(CaseStudyPage.objects.live())
            .exclude(pk=self.pk)
            .annotate(shared=shared)
            .filter(shared__gt=0)
            .defer_streamfields()  # shown as links
            .order_by("-shared", "-year", "-first_published_at", "pk")[:limit]
        )

    def mentioned_in(self):
        """Live press releases that list this case among their related pages, newest first."""
        from portal.news.models import NewsPage

        return list(
            public_pages(NewsPage.objects.live())
            .filter(related_pages__target=self)
            .defer_streamfields()
            .distinct()
            .order_by("-date", "-pk")
        )

    def presented_at(self):
        """Live, public webinars where the case was presented, newest first."""
        from webinars.models import WebinarPage

        return list(
            public_pages(WebinarPage.objects.live())
            .filter(case_links__case=self)
            .defer_streamfields()
            .distinct()
            .order_by("-starts_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The library is only linked to: the breadcrumbs' ancestors serve, no query of its own.
        context["library"] = page_ancestors(self, request)[-1]
        context["sections"] = self.sections()
        context["attachments"] = self.attachments_for_reader()
        context["related_cases"] = self.related_cases()
        context["press_releases"] = self.mentioned_in()
        context["webinars"] = self.presented_at()
        return context

    # Demo content (read by portal.demo) ------------------------------------------------

    def apply_demo_data(self, data, demo):
        from .demo import apply_case_demo_data

        apply_case_demo_data(self, data, demo)

    def after_demo_publish(self, data, demo):
        from .demo import after_case_publish

        after_case_publish(self, data, demo)


class CaseStudyAttachment(PageAttachment):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(PageAttachment.Meta):
        pass


class DocumentationIndexPage(TranslatedPage):
    """The root of the system documentation: one child per system."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.DocumentationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("documentation index")
        verbose_name_plural = _("documentation indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            public_pages(self.get_children().live()).specific().select_related("system")
        )
        return context


class DocumentationPage(TranslatedPage):
    """A page of system documentation; pages nest (e-Saram → payroll → …)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    system = models.ForeignKey(
        System,
        verbose_name=_("system"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documentation",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("system"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro", "body")]
    api_fields = [APIField("intro"), APIField("body"), APIField("system")]
    parent_page_types = ["cases.DocumentationIndexPage", "cases.DocumentationPage"]
    subpage_types = ["cases.DocumentationPage"]

    class Meta:
        verbose_name = _("documentation page")
        verbose_name_plural = _("documentation pages")

    def table_of_contents(self):
        """The body's headings with their anchors, as the heading blocks render them."""
        from portal.templatetags.headings import heading_anchors

        return heading_anchors(self)

    def documentation_root(self):
        return DocumentationIndexPage.objects.ancestor_of(self).first()

    def tree_neighbours(self):
        """The pages before and after this one, reading the documentation tree depth first.

        Wagtail's materialised path sorts a tree depth first, so "previous" is the last
        readable page with a smaller path under the same documentation root.
        """
        root = self.documentation_root()
        if root is None:
            return None, None
        pages = public_pages(DocumentationPage.objects.descendant_of(root).live())
        previous = pages.filter(path__lt=self.path).order_by("-path").first()
        following = pages.filter(path__gt=self.path).order_by("path").first()
        return previous, following

    def system_cases(self):
        if self.system_id is None:
            return []
        return list(
            public_pages(CaseStudyPage.objects.live())
            .filter(systems=self.system_id)
            .defer_streamfields()  # shown as links
            .order_by("-year", "-first_published_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toc"] = self.table_of_contents()
        context["children"] = public_pages(self.get_children().live()).specific()
        context["previous_page"], context["next_page"] = self.tree_neighbours()
        context["system_cases"] = self.system_cases()
        return context

    def apply_demo_data(self, data, demo):
        from .demo import apply_documentation_demo_data

        apply_documentation_demo_data(self, data, demo)
