"""The site's own pages (home, standard pages) and partner organisations."""

from contextlib import contextmanager
from functools import partialmethod
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock
from .countries import COUNTRY_CHOICES
from .timezones import time_zone_choices

META_DESCRIPTION_LENGTH = 160


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


# Where wagtail-modeltranslation keeps one language's site root paths on the request it is given.
_ROOT_PATHS_LANGUAGE = "_wagtail_cached_site_root_paths_language"
_ROOT_PATHS = "_wagtail_cached_site_root_paths"


def request_memo(request, name):
    """A dict kept on the request for the rest of its response, where the lookups one page
    repeats (menu, breadcrumbs, URLs per language) are remembered; a fresh one without one."""
    return request.__dict__.setdefault(name, {}) if request is not None else {}


@contextmanager
def site_root_paths_in(code, page, request):
    """Inside: `code` active, and the request holding that language's site root paths.

    wagtail-modeltranslation keeps one language's paths on a request and fetches them from the
    cache again whenever the language changes, so a page linking itself in four languages made
    nine cache round trips; the request now remembers each language's paths once.
    """
    with translation.override(code):
        if request is None:
            yield
            return
        known = request_memo(request, "_site_root_paths_by_language")
        if code not in known:
            known[code] = page._get_site_root_paths(SimpleNamespace())
        saved = {
            name: request.__dict__.pop(name, None) for name in (_ROOT_PATHS_LANGUAGE, _ROOT_PATHS)
        }
        request.__dict__.update({_ROOT_PATHS_LANGUAGE: code, _ROOT_PATHS: known[code]})
        try:
            yield
        finally:
            request.__dict__.update({name: value for name, value in saved.items() if value})


def public_pages(queryset):
    """The pages of `queryset` no view restriction covers, as Wagtail's `public()` gives them,
    but in the same query: `public()` lists every restriction first, a query each time."""
    from wagtail.models import PageViewRestriction

    # A restriction covers its page and every page whose path starts with that page's path.
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(covering))


def written_in(page):
    """The languages a page (of any type, even loaded as a plain Page) has a title in; the
    default language always, since every other language falls back to it."""
    default = settings.LANGUAGE_CODE
    return [
        code for code in language_codes() if code == default or getattr(page, f"title_{code}", None)
    ]


def shown_language(page, code=None):
    """The language the reader sees a page's text in: theirs, or the default as a fallback."""
    code = code or translation.get_language()
    return code if code in written_in(page) else settings.LANGUAGE_CODE


def page_ancestors(page, request=None):
    """The page's ancestors from the tree root down, as plain pages (a link needs nothing of
    their own types); remembered on the request, since the menu, the breadcrumbs and the
    page's own context each ask."""
    known = request_memo(request, "_page_ancestors")
    if page.pk not in known:
        known[page.pk] = list(page.get_ancestors())
    return known[page.pk]


def menu_pages(root, request=None):
    """The root's live pages shown in menus, as plain pages, remembered on the request (the
    header's menu and the home page's section cards both list them)."""
    known = request_memo(request, "_menu_pages")
    if root.pk not in known:
        known[root.pk] = list(root.get_children().live().in_menu())
    return known[root.pk]


def page_intros(pages):
    """{page id: intro in the reader's language} for pages of any types that have an intro:
    one light query per type, where loading the pages as their own types would build every
    field of every page."""
    ids_by_model = {}
    for page in pages:
        model = page.specific_class
        if model is not None and any(f.name == "intro" for f in model._meta.concrete_fields):
            ids_by_model.setdefault(model, []).append(page.pk)
    intros = {}
    for model, ids in ids_by_model.items():
        intros.update(model.objects.filter(pk__in=ids).values_list("pk", "intro"))
    return intros


class TranslatedSearchField(index.SearchField):
    """One language's text of a page (the named fields, each in that language or its fallback),
    analysed for that language by portal.search; the value of `search_text_<code>()`."""

    def __init__(self, code, names):
        super().__init__(f"search_text_{code}")
        self.language = code
        self.source_names = tuple(names)

    def get_value(self, obj):
        return obj.search_text(self.language)


class TranslatedTitleField(index.SearchField):
    """Every language's title, analysed and tagged, in the index's own title column: both
    backends rank a match there above one in the body (SQLite's bm25 per column, PostgreSQL's
    weight), so a page about the words comes before a page that mentions them."""

    def __init__(self):
        super().__init__("title", boost=2)

    def get_value(self, obj):
        from .search import index_text

        default = getattr(obj, f"title_{settings.LANGUAGE_CODE}", "") or ""
        return " ".join(
            index_text(getattr(obj, f"title_{code}", "") or default, code)
            for code in language_codes()
        )


def translated_search_fields(*names):
    """Index every language's text, analysed for that language, so a search finds the page in
    the reader's language (see portal.search; `fields` are model fields, as before)."""
    fields = [TranslatedSearchField(code, names) for code in language_codes()]
    return [TranslatedTitleField(), *fields] if "title" in names else fields


class TranslatedPage(Page):
    """Behaviour every public page shares: its languages, hreflang and sitemap entries."""

    # The field that sums the page up, for link previews when it has no search description.
    summary_field = "intro"

    class Meta:
        abstract = True

    def available_languages(self):
        """Languages the page has been written in; others fall back to the default."""
        return written_in(self)

    def is_translated(self, code=None):
        return (code or translation.get_language()) in self.available_languages()

    def shown_in(self, code=None):
        """The language the reader sees the content in: theirs, or the default as a fallback."""
        return shown_language(self, code)

    def meta_description(self, code=None):
        """What search engines and link previews show: the search description, else the intro.

        The reader's language is tried first for both, so a translated intro wins over an
        English search description; a page shown in English falls back to English text.
        """
        code = code or translation.get_language()
        summary = self.summary_field
        candidates = [
            getattr(self, f"search_description_{code}", ""),
            getattr(self, f"{summary}_{code}", ""),
            self.search_description,
            getattr(self, summary, ""),
        ]
        text = next((text for text in candidates if text and text.strip()), "")
        return Truncator(" ".join(strip_tags(text).split())).chars(META_DESCRIPTION_LENGTH)

    # Search ---------------------------------------------------------------------------

    @classmethod
    def search_source_names(cls):
        """The fields given to `translated_search_fields`, in order (title first, usually)."""
        for field in cls.get_search_fields():
            if isinstance(field, TranslatedSearchField):
                return field.source_names
        return ()

    def search_parts(self, code=None):
        """(field name, language, plain text) of each searchable field as a reader of `code`
        sees it: in their language, or in the default one where that field is empty."""
        code = code or translation.get_language()
        parts = []
        for name in self.search_source_names():
            for language in dict.fromkeys([code, settings.LANGUAGE_CODE]):
                text = self._searchable_text(f"{name}_{language}")
                if text is None:  # not a translated field: one value for every language
                    text, language = self._searchable_text(name) or "", code
                if text.strip():
                    parts.append((name, language, text))
                    break
        return parts

    def _searchable_text(self, attname):
        try:
            field = self._meta.get_field(attname)
        except FieldDoesNotExist:
            return None
        value = field.value_from_object(self)
        if value is None:  # an untranslated column: nothing, not the word "None"
            return ""
        if hasattr(field, "get_searchable_content"):
            value = field.get_searchable_content(value)
        if isinstance(value, (list, tuple)):
            value = "\n".join(str(item) for item in value if item)
        # Rich text and StreamFields give plain text already; a TextField is shown as typed.
        return " ".join(str(value or "").split())

    def search_text(self, code):
        """What the index holds for readers of `code`: the analysed, tagged terms."""
        from .search import index_text

        return index_text(
            "\n".join(text for _name, _language, text in self.search_parts(code)), code
        )

    def local_url_in_language(self, code, request=None):
        """This page's URL in a language, as a link from a page of the same site; remembered
        on the request (the head, the language switcher and the badges all ask)."""
        known = request_memo(request, "_page_urls")
        if (self.pk, code) not in known:
            with site_root_paths_in(code, self, request):
                known[self.pk, code] = self.get_url(request)
        return known[self.pk, code]

    def url_in_language(self, code, request=None):
        """Absolute URL of this page in a language, on the host the request came to."""
        if request is None:
            with translation.override(code):
                return self.get_full_url()
        return request.build_absolute_uri(self.local_url_in_language(code, request))

    def get_sitemap_urls(self, request=None):
        alternates = [
            {"lang_code": code, "location": self.url_in_language(code, request)}
            for code in self.available_languages()
        ]
        alternates.append(
            {
                "lang_code": "x-default",
                "location": self.url_in_language(settings.LANGUAGE_CODE, request),
            }
        )
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [
            {
                "location": self.url_in_language(code, request),
                "lastmod": lastmod,
                "alternates": alternates,
            }
            for code in language_codes()
        ]


# `search_text_<code>()` for every language: what each TranslatedSearchField indexes.
for _code in language_codes():
    setattr(
        TranslatedPage, f"search_text_{_code}", partialmethod(TranslatedPage.search_text, _code)
    )


class PageAttachment(Orderable):
    """A document attached to a page, and the language it is written in.

    Concrete subclasses add `page = ParentalKey(TheirPage, related_name="attachments")`.
    """

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
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def downloads(self):
        counter = getattr(self.document, "download_count", None)
        return counter.count if counter else 0

    @property
    def is_pdf(self):
        return self.document.file_extension.lower() == "pdf"


class AttachmentsMixin:
    """For pages with `attachments` (a PageAttachment subclass)."""

    def attachments_for_reader(self, code=None):
        """Attachments in the reader's language (or for every language) first, then the rest."""
        code = code or translation.get_language()
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        attachments = (
            self.attachments.all()
            if "attachments" in prefetched
            else self.attachments.select_related("document__download_count")
        )
        return sorted(attachments, key=lambda a: (a.language not in ("", code), a.sort_order or 0))


class HomePage(TranslatedPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    live_heading = models.CharField(_("live Q&A heading"), max_length=200, blank=True)
    live_text = models.TextField(_("live Q&A invitation"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("live_heading"),
        FieldPanel("live_text"),
    ]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro", "body")]
    subpage_types = ["portal.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = PartnerOrganisation.objects.select_related("logo")
        sections = menu_pages(self, request)
        intros = page_intros(sections)
        context["sections"] = [{"page": page, "intro": intros.get(page.pk)} for page in sections]
        context["live_url"] = reverse("qa:join")
        return context


class StandardPage(TranslatedPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *translated_search_fields("title", "intro", "body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A section page leads to the pages below it, so none of them is reachable only by search.
        children = public_pages(self.get_children().live())
        context["children"] = children.specific().defer_streamfields()  # titles and intros
        return context

    def apply_demo_data(self, data, demo):
        """`footer_link` in a demo file is handled once the page exists (after_demo_publish)."""
        unknown = set(data) - {"footer_link"}
        if unknown:
            raise ValueError(f"unknown demo fields {sorted(unknown)}")

    def after_demo_publish(self, data, demo):
        if "footer_link" in data:
            links = FooterLinks.for_site(self.get_site())
            setattr(links, f"{data['footer_link']}_page", self)
            links.save()


@register_setting(icon="link")
class FooterLinks(BaseSiteSetting):
    """The pages every footer links to: chosen by editors, so a renamed slug breaks nothing."""

    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("contact_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("footer links")

    def pages(self):
        """The linked pages that are live, in footer order, in the reader's language."""
        chosen = [self.contact_page_id, self.privacy_page_id, self.accessibility_page_id]
        # A footer link shows only what every page has: plain pages, not their own types.
        found = public_pages(Page.objects.live()).filter(pk__in=[pk for pk in chosen if pk])
        by_pk = {page.pk: page for page in found}
        return [by_pk[pk] for pk in chosen if pk in by_pk]


class PartnerOrganisation(index.Indexed, models.Model):
    """An agency the ministry works with, shown on the home page and on partner lists."""

    class Kind(models.TextChoices):
        DEVELOPMENT_BANK = "bank", _("Development bank")
        INTERNATIONAL = "international", _("International organisation")
        GOVERNMENT = "government", _("Government agency")
        HUB = "hub", _("Civil service hub")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.CharField(_("country"), max_length=3, choices=COUNTRY_CHOICES)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        choices=time_zone_choices,
        help_text=_("Where the partner works: webinar times are shown in this zone too."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("country"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("time_zone"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(fields=["acronym", "country"], name="unique_partner_acronym")
        ]

    def __str__(self):
        return self.name

    # Django's get_FOO_display() hashes every choice, translating each name, on every call: a
    # home page listing eleven partners made some 400 translation look-ups for their labels.
    def get_kind_display(self):
        return str(PARTNER_KINDS.get(self.kind, self.kind))

    def get_country_display(self):
        return str(COUNTRY_NAMES.get(self.country, self.country))


PARTNER_KINDS = dict(PartnerOrganisation.Kind.choices)
COUNTRY_NAMES = dict(COUNTRY_CHOICES)
