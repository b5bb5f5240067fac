"""Case studies, system documentation and the taxonomy that files them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import TranslatedPage, translated_search_fields

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


class CaseStudyPage(TranslatedPage):
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

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    # Demo content (read by portal.demo) ------------------------------------------------

    def apply_demo_data(self, data, demo):
        from .demo import apply_case_demo_data

        apply_case_demo_data(self, data, demo)

    def after_demo_publish(self, data, demo):
        from .demo import seed_case_views

        seed_case_views(self, data)


class CaseStudyAttachment(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the document is written in; leave empty if it has none."),
    )

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


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

    def apply_demo_data(self, data, demo):
        from .demo import apply_documentation_demo_data

        apply_documentation_demo_data(self, data, demo)
