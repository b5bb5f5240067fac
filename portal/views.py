from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_safe
from wagtail.models import Page

from . import search as site_search
from .models import TranslatedPage
from .text import page_number, search_words

SEARCH_PAGE_SIZE = 10


def search_page_types():
    """The kinds of page a search can be narrowed to, by `?type=` key (e.g. news.newspage)."""
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if issubclass(model, TranslatedPage)
    }


def _type_name(model):
    return capfirst(model._meta.verbose_name)


def search_result(page, terms, code):
    """What one result shows: its kind, title and a passage, matched words highlighted."""
    default = settings.LANGUAGE_CODE
    title_language = code if getattr(page, f"title_{code}", "") else default
    passage, passage_language = "", code
    parts = [part for part in page.search_parts(code) if part[0] != "title"]
    for _name, language, text in parts:
        html, matched = site_search.snippet(text, terms, code)
        if matched or not passage:
            passage, passage_language = html, language
        if matched:
            break
    return {
        "page": page,
        "type_name": _type_name(page.specific_class or type(page)),
        "title": site_search.highlight(page.title, terms, code),
        "title_language": title_language if title_language != code else "",
        "passage": passage,
        "passage_language": passage_language if passage_language != code else "",
    }


@require_safe
def search(request):
    """Every public page holding all the words of `?q=` in the reader's language."""
    code = translation.get_language()
    query = search_words(request.GET.get("q", ""))
    page_types = search_page_types()
    selected_type = request.GET.get("type", "")
    if selected_type not in page_types:
        selected_type = ""  # an unknown kind narrows nothing

    pages = Page.objects.live().public()
    terms, type_counts = [], []
    results = Page.objects.none()
    if query:
        terms = site_search.query_terms(query, code)
        counts = site_search.search_pages(pages, query, code)
        if terms:
            by_type = counts.facet("content_type_id")
            for type_id, count in by_type.items():
                model = ContentType.objects.get_for_id(type_id).model_class()
                if model is not None and model._meta.label_lower in page_types:
                    key = model._meta.label_lower
                    type_counts.append({"key": key, "name": _type_name(model), "count": count})
        narrowed = pages.type(page_types[selected_type]) if selected_type else pages
        results = site_search.title_first(
            site_search.search_pages(narrowed, query, code), terms, code
        )

    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    # Only the pages shown are loaded as their own types (a query per type, not per page).
    shown = {
        found.pk: found for found in Page.objects.filter(pk__in=[p.pk for p in page]).specific()
    }
    filters = {key: value for key, value in (("q", query), ("type", selected_type)) if value}
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "results": page,
            "items": [search_result(shown[p.pk], terms, code) for p in page if p.pk in shown],
            "type_counts": type_counts,
            "total": sum(item["count"] for item in type_counts),
            "selected_type": selected_type,
            "filters": filters,
        },
    )


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page: no database, no context processors, the language from the URL alone.

    Whatever broke the request may break them too; all this needs is a template file.
    """
    code = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        stylesheet = static("portal/css/site.css")
    except Exception:  # a manifest storage without its manifest fails too
        stylesheet = f"{settings.STATIC_URL}portal/css/site.css"
    html = loader.get_template("500.html").render({"language": code, "stylesheet": stylesheet})
    return HttpResponseServerError(html)
