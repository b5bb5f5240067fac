"""The case library's faceted listing and the case pages' view beacon; pages are Wagtail's.

The listing reads the library once as plain rows (ids, years, languages, countries and the
theme/system/partner links) and filters, counts and sorts them in Python, so the number of
queries stays the same whether the library holds three cases or three hundred; only the
twelve cases of the page shown are then loaded as pages.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotFound, QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_countries import countries as country_names

from portal.models import PartnerOrganisation
from portal.news import services
from portal.news.models import PageViewCount
from portal.text import page_number

from .models import CASES_PER_PAGE, CaseStudyPage, System, Theme

# Facets in the order the filter form shows them: (query parameter, legend).
FACETS = (
    ("theme", _("Theme")),
    ("system", _("System")),
    ("partner", _("Partner organisation")),
    ("country", _("Partner country")),
    ("year", _("Year")),
)
SORTS = (("newest", _("Newest first")), ("views", _("Most viewed")))
DEFAULT_SORT = "newest"
# "Available in my language": a checkbox, on when the parameter is "1".
TRANSLATED_PARAM = "translated"
# Longest facet value anyone could mean; longer ones are ignored before any lookup.
MAX_VALUE_LENGTH = 100


@dataclass
class CaseRow:
    """What the listing needs to filter, count and sort one case, without loading the page."""

    pk: int
    year: int
    published: object
    translated: bool
    values: dict = field(default_factory=dict)  # facet → set of values
    views: int = 0


def _library_rows(library):
    """Every readable case of the library as a CaseRow: five queries, whatever its size."""
    code = translation.get_language()
    is_default = code == settings.LANGUAGE_CODE
    cases = library.cases()
    title_column = "title" if is_default else f"title_{code}"
    rows = {}
    for pk, year, published, title, countries in cases.values_list(
        "pk", "year", "first_published_at", title_column, "countries"
    ):
        rows[pk] = CaseRow(
            pk=pk,
            year=year,
            published=published,
            translated=is_default or bool(title),
            values={
                "theme": set(),
                "system": set(),
                "partner": set(),
                "country": {c for c in (countries or "").split(",") if c},
                "year": {str(year)},
            },
        )
    ids = cases.values("pk")
    links = (
        ("theme", CaseStudyPage.themes.through, "theme__slug"),
        ("system", CaseStudyPage.systems.through, "system__slug"),
        ("partner", CaseStudyPage.partners.through, "partnerorganisation_id"),
    )
    for facet, through, value_column in links:
        for page_id, value in through.objects.filter(casestudypage_id__in=ids).values_list(
            "casestudypage_id", value_column
        ):
            if page_id in rows:
                rows[page_id].values[facet].add(str(value))
    for page_id, count in PageViewCount.objects.filter(page_id__in=ids).values_list(
        "page_id", "count"
    ):
        if page_id in rows:
            rows[page_id].views = count
    return list(rows.values())


def _selected(request, facet, known):
    """The facet's values from the query string that the library knows; others are ignored."""
    chosen = []
    for value in request.GET.getlist(facet):
        value = value.strip()
        if len(value) <= MAX_VALUE_LENGTH and value in known and value not in chosen:
            chosen.append(value)
    return chosen


def _matches(row, selection, translated_only, skip=None):
    """AND across facets, OR among one facet's values; `skip` leaves one facet out."""
    if translated_only and skip != TRANSLATED_PARAM and not row.translated:
        return False
    return all(
        not chosen or row.values[facet] & set(chosen)
        for facet, chosen in selection.items()
        if facet != skip
    )


def _option_labels(known, themes, systems):
    """Each known value's label in the reader's language, in a stable order per facet."""
    partners = PartnerOrganisation.objects.filter(pk__in=[int(pk) for pk in known["partner"]])
    return {
        "theme": [(t.slug, t.name) for t in themes],  # in Meta.ordering: the editors' sort order
        "system": [(s.slug, s.name) for s in systems],
        "partner": [(str(p.pk), p.name) for p in partners],
        "country": sorted(
            ((code, str(country_names.name(code) or code)) for code in known["country"]),
            key=lambda item: item[1],
        ),
        "year": [(year, year) for year in sorted(known["year"], reverse=True)],
    }


def _query_string(state, **changes):
    """The listing's URL query for `state` with `changes` (None removes a key)."""
    query = QueryDict(mutable=True)
    merged = {**state, **changes}
    for key, value in merged.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query.urlencode()


def library_context(library, request):
    """Facets with counts, the active filters, the sort and one page of cases."""
    rows = _library_rows(library)
    known = {facet: set() for facet, _legend in FACETS}
    for row in rows:
        for facet, values in row.values.items():
            known[facet] |= values

    selection = {facet: _selected(request, facet, known[facet]) for facet, _legend in FACETS}
    offer_translated = translation.get_language() != settings.LANGUAGE_CODE
    translated_only = offer_translated and request.GET.get(TRANSLATED_PARAM) == "1"
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in dict(SORTS):
        sort = DEFAULT_SORT

    state = dict(selection)
    if translated_only:
        state[TRANSLATED_PARAM] = "1"
    if sort != DEFAULT_SORT:
        state["sort"] = sort

    themes = list(Theme.objects.filter(slug__in=known["theme"]))
    systems = list(System.objects.filter(slug__in=known["system"]))
    labels = _option_labels(known, themes, systems)
    facets = []
    for facet, legend in FACETS:
        # Counted among the cases that match every OTHER selected facet.
        others = [row for row in rows if _matches(row, selection, translated_only, skip=facet)]
        counts = Counter(value for row in others for value in row.values[facet])
        facets.append(
            {
                "name": facet,
                "legend": legend,
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "count": counts.get(value, 0),
                        "selected": value in selection[facet],
                    }
                    for value, label in labels[facet]
                ],
            }
        )
    translated_count = sum(1 for row in rows if row.translated and _matches(row, selection, False))

    matching = [row for row in rows if _matches(row, selection, translated_only)]
    newest = sorted(
        matching,
        key=lambda row: (row.year, row.published.timestamp() if row.published else 0, row.pk),
        reverse=True,
    )
    ordered = sorted(newest, key=lambda row: row.views, reverse=True) if sort == "views" else newest

    paginator = Paginator([row.pk for row in ordered], CASES_PER_PAGE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    loaded = {
        case.pk: case
        for case in CaseStudyPage.objects.filter(pk__in=list(page.object_list))
        .with_counts()
        .defer_streamfields()
    }
    cases = [loaded[pk] for pk in page.object_list if pk in loaded]
    # Each card's tags are among the facets' themes and systems, loaded above: no query per case.
    values_of = {row.pk: row.values for row in matching}
    for case in cases:
        case.remember_relations(
            themes=[theme for theme in themes if theme.slug in values_of[case.pk]["theme"]],
            systems=[system for system in systems if system.slug in values_of[case.pk]["system"]],
        )

    label_of = {
        facet["name"]: {o["value"]: o["label"] for o in facet["options"]} for facet in facets
    }
    active = [
        {
            "label": label_of[facet][value],
            "remove": _query_string(state, **{facet: [v for v in selection[facet] if v != value]}),
        }
        for facet, _legend in FACETS
        for value in selection[facet]
    ]
    if translated_only:
        active.append(
            {
                "label": _("Available in my language"),
                "remove": _query_string(state, **{TRANSLATED_PARAM: None}),
            }
        )
    return {
        "cases": cases,
        "cases_page": page,
        "facets": facets,
        "sorts": SORTS,
        "sort": sort,
        "offer_translated": offer_translated,
        "translated_only": translated_only,
        "translated_count": translated_count,
        "active_filters": active,
        "state_query": _query_string(state),
        "is_filtered": bool(active),
    }


@csrf_exempt  # a beacon from a page that may come from a cache; it only ever adds one view
@require_POST
@never_cache
def record_view(request, page_id):
    counted = services.record_page_view(request, CaseStudyPage.objects.all(), page_id, kind="cases")
    if counted is None:
        return HttpResponseNotFound()
    return HttpResponse(status=204)
