"""The newsroom's listing logic and the view beacon; pages themselves are Wagtail's."""

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.search import search_pages
from portal.text import page_number, search_words

from . import services
from .models import NEWS_MAX_QUERY, NEWS_PAGE_SIZE, NewsCategory, NewsPage


def newsroom_context(newsroom, request):
    """Filters (year, category, search) and one page of releases; unknown filters are a 404."""
    releases = newsroom.releases()
    years = sorted(
        set(releases.annotate(year=ExtractYear("date")).values_list("year", flat=True)),
        reverse=True,
    )
    categories = list(NewsCategory.objects.filter(releases__in=releases).distinct())

    year = request.GET.get("year", "")
    if year:
        if not year.isdigit() or int(year) not in years:
            raise Http404("No releases in that year.")
        releases = releases.filter(date__year=int(year))
    category = None
    category_slug = request.GET.get("category", "")
    if category_slug:
        category = next((c for c in categories if c.slug == category_slug), None)
        if category is None:
            raise Http404("No such category.")
        releases = releases.filter(category=category)
    query = search_words(request.GET.get("q", ""), NEWS_MAX_QUERY)
    if query:
        # Search the releases, then keep the newsroom's order (newest first) and filters.
        found = search_pages(
            NewsPage.objects.child_of(newsroom).live(), query, translation.get_language()
        )
        releases = releases.filter(pk__in=[page.pk for page in found])

    paginator = Paginator(releases, NEWS_PAGE_SIZE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    filters = {
        key: value
        for key, value in (("year", year), ("category", category_slug), ("q", query))
        if value
    }
    return {
        "releases": page,
        "years": years,
        "categories": categories,
        "selected_year": int(year) if year else None,
        "selected_category": category,
        "query": query,
        "filters": filters,
    }


@csrf_exempt  # a beacon from a page that may come from a cache; it only ever adds one view
@require_POST
@never_cache
def record_view(request, page_id):
    counted = services.record_release_view(request, page_id)
    if counted is None:
        return HttpResponseNotFound()
    return HttpResponse(status=204)
