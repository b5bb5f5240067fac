"""Wagtail's API v2 for partners' systems: published, public pages, one language per request.

Only the pages endpoint is exposed. Wagtail's documents and images endpoints list
every file, including those attached to private or draft pages, so they stay off.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils import translation
from django_countries.fields import CountryField
from rest_framework import serializers
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from . import search as site_search
from .models import language_codes
from .text import search_words

# The page types partners may read, as "app_label.ModelName". Other types (and anything
# added later) stay private until they are listed here.
PARTNER_PAGE_TYPES = (
    "portal.HomePage",
    "portal.StandardPage",
    "cases.CaseIndexPage",
    "cases.CaseStudyPage",
    "cases.DocumentationIndexPage",
    "cases.DocumentationPage",
    "news.NewsIndexPage",
    "news.NewsPage",
    "webinars.WebinarIndexPage",
    "webinars.WebinarPage",
)

LANGUAGE_PARAMETER = "lang"


def partner_page_models():
    return page_models_from_string(",".join(PARTNER_PAGE_TYPES))


# Serialisers for fields Wagtail's defaults would give as bare ids or fail to encode ----------
# Chosen by field type (see default_serializer), so api_fields need not name them; an
# APIField(..., serializer=...) declared on a model still wins.

SNIPPET_ATTRIBUTES = ("slug", "acronym", "country")


def describe_snippet(item):
    """A taxonomy entry or partner as {id, name, slug…}, the name in the request's language."""
    described = {"id": item.pk, "name": str(item)}
    for attribute in SNIPPET_ATTRIBUTES:
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            described[attribute] = value
    return described


class SnippetSerializer(serializers.Field):
    """A foreign key to a snippet (a documentation page's system, a release's category)."""

    def to_representation(self, value):
        return describe_snippet(value)


class SnippetListSerializer(serializers.Field):
    """A many-to-many of snippets (a case's themes, systems, partners)."""

    def to_representation(self, value):
        return [describe_snippet(item) for item in value.all()]


class CountryListSerializer(serializers.Field):
    """django-countries values as [{code, name}], names in the request's language."""

    def to_representation(self, value):
        countries = [value] if hasattr(value, "code") else list(value)
        return [
            {"code": country.code, "name": str(country.name)} for country in countries if country
        ]


def page_languages(page):
    """The languages a page is written in (TranslatedPage.available_languages)."""
    if not hasattr(page, "available_languages"):
        page = page.specific_deferred
    if hasattr(page, "available_languages"):
        return page.available_languages()
    return [settings.LANGUAGE_CODE]


class ShownLanguageField(serializers.Field):
    """meta.language: the language the content comes out in (the requested one or English)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        code = translation.get_language()
        return code if code in page_languages(page) else settings.LANGUAGE_CODE


class AvailableLanguagesField(serializers.Field):
    """meta.available_languages: the languages the page is written in."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page_languages(page)


def default_serializer(model, name):
    """The serialiser a field needs to come out usefully, or None for Wagtail's default."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(field, CountryField):
        return CountryListSerializer(read_only=True)
    related = field.related_model if field.is_relation else None
    if related is None or issubclass(related, Page):
        return None
    if field.many_to_many:
        return SnippetListSerializer(read_only=True)
    if field.many_to_one and not issubclass(related, AbstractImage | AbstractDocument):
        return SnippetSerializer(read_only=True)
    return None


class ReaderLanguageSearchFilter(SearchFilter):
    """`?search=` through the site's analyser in the `?lang=` language: the index holds
    analysed, language-tagged terms (portal.search), so raw words would find almost nothing."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator") or "and"
        if operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        code = translation.get_language()
        terms = site_search.query_terms(search_words(request.GET["search"]), code)
        if not terms:
            return queryset.none()
        tagged = " ".join(site_search.tag(term, code) for term in terms)
        try:
            return get_search_backend().search(
                tagged, queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError("cannot filter or order by that while searching") from error


class PartnerPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, narrowed to published, public pages of the partner types,
    with the language chosen by ?lang= (modeltranslation falls back to English)."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER])
    filter_backends = [
        ReaderLanguageSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, "language", "available_languages"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "language"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        declared = super().get_field_serializer_overrides(model)
        declared.setdefault("language", ShownLanguageField())
        declared.setdefault("available_languages", AvailableLanguagesField())
        for field in cls.get_body_fields(model):
            if field.name not in declared:
                serializer = default_serializer(model, field.name)
                if serializer is not None:
                    declared[field.name] = serializer
        return declared

    def requested_language(self):
        return self.request.GET.get(LANGUAGE_PARAMETER) or settings.LANGUAGE_CODE

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL in any text it is asked to compare (site, html_path, search…).
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            raise BadRequestError("null characters are not allowed")
        if self.requested_language() not in language_codes():
            raise BadRequestError(f"lang must be one of: {', '.join(language_codes())}")

    def dispatch(self, request, *args, **kwargs):
        code = request.GET.get(LANGUAGE_PARAMETER) or settings.LANGUAGE_CODE
        language = code if code in language_codes() else settings.LANGUAGE_CODE
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            # Render now, while the language is active: lazy strings come out in it.
            if hasattr(response, "render"):
                response.render()
        response["Content-Language"] = language
        answer_not_found_here(request, response)
        response.setdefault("Vary", "Accept")
        return response

    def get_base_queryset(self):
        # Strictly public: Wagtail's own check would let a signed-in visitor see restricted
        # pages their session unlocks; partners' systems get no such pages.
        return super().get_base_queryset().public().type(*partner_page_models())

    def get_queryset(self):
        requested = self.request.GET.get("type")
        if requested:
            try:
                models = page_models_from_string(requested)
            except (LookupError, ValueError) as error:
                raise BadRequestError("type doesn't exist") from error
            allowed = set(partner_page_models())
            if not all(model in allowed for model in models):
                raise BadRequestError("type doesn't exist")
        return super().get_queryset()


def answer_not_found_here(request, response):
    """Keep an API 404 a JSON 404: without this, LocaleMiddleware would redirect any
    unprefixed 404 to /en/…, where the site's HTML 404 page answers. It reads the
    request's URLconf, so this request gets the API's own, which has no language prefix."""
    if response.status_code == 404:
        request.urlconf = __name__


def api_not_found(request, *args, **kwargs):
    response = JsonResponse({"message": "not found"}, status=404)
    answer_not_found_here(request, response)
    return response


class PartnerAPIRouter(WagtailAPIRouter):
    def get_urlpatterns(self):
        # Anything else under /api/v2/ (documents, images, typos) is a JSON 404.
        return [*super().get_urlpatterns(), re_path(r"", api_not_found)]


api_router = PartnerAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PartnerPagesAPIViewSet)

# The API's own URLconf (see answer_not_found_here); the site mounts api_router.urls itself.
urlpatterns = [path("api/v2/", api_router.urls)]
