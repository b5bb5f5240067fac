"""Webinars: the schedule (UTC with an explicit event zone), their pages and registrations."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.models import (
    AttachmentsMixin,
    PageAttachment,
    TranslatedPage,
    language_codes,
    public_pages,
    translated_search_fields,
)
from portal.timezones import MINISTRY_TIME_ZONE, time_zone_choices

from .admin_forms import WebinarPageForm
from .blocks import AgendaBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# The Q&A room opens on the webinar page this long before the start.
LIVE_EARLY = timedelta(minutes=30)
DEFAULT_DURATION_MINUTES = 90
MAX_DURATION_MINUTES = 12 * 60
PAST_WEBINARS_PER_PAGE = 10
# Local hours in which a partner can reasonably attend (the scheduling helper warns outside).
WORKING_HOURS = (8, 20)


class WebinarIndexPage(RoutablePageMixin, TranslatedPage):
    """All webinars: upcoming first, then past; filters; a calendar feed of upcoming ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["webinars.WebinarPage"]
    max_count = 1

    class Meta:
        verbose_name = _("webinar list")
        verbose_name_plural = _("webinar lists")

    def webinars(self):
        """The readable webinars: live and public."""
        return public_pages(WebinarPage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        from .views import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    # Routes ------------------------------------------------------------------------

    @route("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @route("calendar/", name="feed")
    def feed(self, request):
        from .views import calendar_feed

        return calendar_feed(request, self)


class WebinarPage(RoutablePageMixin, AttachmentsMixin, TranslatedPage):
    """One webinar: when and where, who speaks, registration, and its live room."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences, shown in lists."))
    starts_at = models.DateTimeField(
        _("starts at"),
        help_text=_("Date and time in the event's time zone (below)."),
    )
    time_zone = models.CharField(
        _("event time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=MINISTRY_TIME_ZONE,
        help_text=_("The zone the start time is given in; readers also see their own."),
    )
    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=DEFAULT_DURATION_MINUTES,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    co_hosts = ParentalManyToManyField(
        "portal.PartnerOrganisation",
        verbose_name=_("co-hosts"),
        blank=True,
        related_name="webinars",
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("The languages the speakers use."),
    )
    interpretation = models.JSONField(
        _("interpretation into"),
        default=list,
        blank=True,
        help_text=_("Languages offered through simultaneous interpretation."),
    )
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    joining_instructions = RichTextField(
        _("joining instructions"), blank=True, features=RICH_TEXT_FEATURES
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Where it takes place, e.g. “Online (Zoom)” or a venue."),
    )
    join_url = models.URLField(
        _("link to join"),
        blank=True,
        help_text=_("The video-conference link; sent to registrants only, never shown publicly."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Seats; later registrations join the waiting list. Empty: no limit."),
    )
    registration_open = models.BooleanField(
        _("registration open"),
        default=True,
        help_text=_("Registration also closes by itself when the webinar starts."),
    )
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_(
            "A YouTube or Vimeo address; readers load it only when they choose to play it."
        ),
    )
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_webinars",
        help_text=_(
            "Staff who run this webinar: they moderate its Q&A room and see its registrants."
        ),
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("time_zone"),
                FieldPanel("duration"),
            ],
            heading=_("Schedule"),
        ),
        FieldPanel("co_hosts", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpretation")], heading=_("Languages")
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("joining_instructions"),
                FieldPanel("join_url"),
            ],
            heading=_("Joining"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_open"), FieldPanel("capacity")],
            heading=_("Registration"),
        ),
        InlinePanel("case_links", heading=_("Case studies presented"), label=_("Case study")),
        InlinePanel("attachments", heading=_("Materials"), label=_("Document")),
        FieldPanel("recording_url"),
        # Organisers see the registrants' personal data: only staff who may manage every
        # webinar's registrations choose them (webinars.permissions).
        FieldPanel(
            "organisers",
            widget=forms.CheckboxSelectMultiple,
            permission="webinars.change_registration",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *translated_search_fields("title", "summary", "agenda", "joining_instructions"),
        index.FilterField("starts_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("starts_at"),
        APIField("time_zone"),
        APIField("duration"),
        APIField("co_hosts"),
        APIField("languages"),
        APIField("interpretation"),
        APIField("agenda"),
        APIField("location"),
    ]
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = ["webinars.WebinarReportPage"]
    base_form_class = WebinarPageForm
    summary_field = "summary"

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    # Time ----------------------------------------------------------------------------

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    def is_past(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    def is_live(self, now=None):
        """The window in which the page offers the live room: shortly before start to the end."""
        now = now or timezone.now()
        return self.starts_at - LIVE_EARLY <= now < self.ends_at

    def registration_is_open(self, now=None):
        return self.registration_open and (now or timezone.now()) < self.starts_at

    # Languages -----------------------------------------------------------------------

    def followable_languages(self):
        """Site languages a participant can follow the webinar in: spoken or interpreted."""
        offered = set(self.languages or []) | set(self.interpretation or [])
        return [code for code in language_codes() if code in offered]

    # Relations -----------------------------------------------------------------------

    def room(self):
        """The webinar's live Q&A room (qa links rooms to webinars), newest first."""
        return self.qa_rooms.order_by("-created_at").first()

    def presented_cases(self):
        from cases.models import CaseStudyPage

        return list(
            public_pages(CaseStudyPage.objects.live())
            .filter(webinar_links__page=self)
            .order_by("webinar_links__sort_order")
        )

    def report(self):
        """The post-webinar report page below the webinar, once published (issue 12's page)."""
        return public_pages(self.get_children().live()).specific().first()

    def seats_taken(self):
        """Seats taken; a list sets `confirmed_count` for all its webinars in one query."""
        counted = getattr(self, "confirmed_count", None)
        if counted is not None:
            return counted
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def get_context(self, request, *args, **kwargs):
        from .views import webinar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(webinar_context(self, request))
        return context

    # Routes ------------------------------------------------------------------------

    @route("")
    def page_route(self, request, *args, **kwargs):
        return self.render(request)

    @route("register/", name="register")
    def register_route(self, request):
        from .views import register

        return register(request, self)

    @route("registration/<str:token>/", name="registration")
    def registration_route(self, request, token):
        from .views import registration_detail

        return registration_detail(request, self, token)

    @route("registration/<str:token>/calendar/", name="registration_calendar")
    def registration_calendar_route(self, request, token):
        from .views import registration_calendar

        return registration_calendar(request, self, token)

    @route("registration/<str:token>/cancel/", name="cancel")
    def cancel_route(self, request, token):
        from .views import cancel_registration

        return cancel_registration(request, self, token)

    @route("calendar/", name="calendar")
    def calendar_route(self, request):
        from .views import webinar_calendar

        return webinar_calendar(request, self)

    # Demo content (read by portal.demo) ------------------------------------------------

    def apply_demo_data(self, data, demo):
        from .demo import apply_webinar_demo_data

        apply_webinar_demo_data(self, data, demo)

    def after_demo_publish(self, data, demo):
        from .demo import after_webinar_publish

        after_webinar_publish(self, data, demo)


class WebinarCaseLink(Orderable):
    """A case study presented at the webinar; the case page lists its webinars."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey(
        "cases.CaseStudyPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="webinar_links",
    )

    panels = [FieldPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = _("case study presented")
        verbose_name_plural = _("case studies presented")


class WebinarReportPage(RoutablePageMixin, TranslatedPage):
    """What came of a webinar, below its page: who took part, the questions, polls and
    opinions of its live room, in every language; also as a spreadsheet (webinars/report.py)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences on how the webinar went, shown above the figures."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro")]
    parent_page_types = ["webinars.WebinarPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("webinar report")
        verbose_name_plural = _("webinar reports")

    @property
    def webinar(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        from .report import report_context

        return {**super().get_context(request, *args, **kwargs), **report_context(self)}

    @route("")
    def report_page(self, request):
        return self.render(request)

    @route("xlsx/")
    def spreadsheet(self, request):
        from .report import xlsx_response

        return xlsx_response(self, request)


class CaseQuestion(Orderable):
    """A question from a webinar's Q&A answered on a case study page: its FAQ, "Asked at"."""

    page = ParentalKey("cases.CaseStudyPage", on_delete=models.CASCADE, related_name="faq")
    question = models.TextField(_("question"))
    answer = RichTextField(_("answer"), features=RICH_TEXT_FEATURES)
    webinar = models.ForeignKey(
        WebinarPage,
        verbose_name=_("asked at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The live question it came from (qa), so the same question is not offered twice.
    source_question = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("webinar")]

    class Meta(Orderable.Meta):
        verbose_name = _("question asked")
        verbose_name_plural = _("questions asked")


class WebinarAttachment(PageAttachment):
    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(PageAttachment.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class Registration(models.Model):
    """One person's place at a webinar: a seat, a place on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    webinar = models.ForeignKey(
        WebinarPage,
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"))
    role = models.CharField(_("role"), max_length=200, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "webinar",
                condition=Q(status__in=["confirmed", "waiting"]),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["webinar", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def language_name(self):
        with translation.override(self.language):
            return self.get_language_display()
