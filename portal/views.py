from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .text import search_words

SEARCH_PAGE_SIZE = 10


@require_safe
def search(request):
    query = search_words(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(request, "portal/search.html", {"query": query, "results": page})


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
