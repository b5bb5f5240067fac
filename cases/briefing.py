"""Briefing packs: a delegation ticks case studies and documentation pages and downloads
one PDF in its language, made by WeasyPrint from each page's own HTML.

Every page is rendered with its own template and context in the reader's language; the
`<main>` of each is put together behind a cover and a table of contents. WeasyPrint reads
stylesheets, images and media from disk only (BriefingFetcher): never from the network.
"""

import copy
import hashlib
import logging
import mimetypes
import re
import time
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from portal.clients import client_address

from .models import CaseStudyPage, DocumentationPage

logger = logging.getLogger(__name__)

BRIEFING_MAX_PAGES = 20
# PDFs one client may have made per window; a pack already in the cache costs nothing.
BRIEFING_RATE_LIMIT = 10
BRIEFING_RATE_WINDOW = 10 * 60  # seconds
BRIEFING_CACHE_SECONDS = 24 * 60 * 60
# Longer "ids" than this are not ids: refused before int() sees them.
MAX_ID_DIGITS = 12

PAGE_TYPES = (CaseStudyPage, DocumentationPage)
# Elements that mean nothing on paper; the pages' own print CSS hides the rest.
NOT_ON_PAPER = ("script", "noscript", "template", "form", "iframe", "video", "audio", "object")


class BriefingError(Exception):
    """A request the pack cannot be made from; the message is shown on the form."""


# Which pages can go in a pack --------------------------------------------------------------


def packable_pages(request):
    """Live, public case studies and documentation pages of this site, specific."""
    pages = Page.objects.live().public().type(*PAGE_TYPES)
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def briefing_choices(request):
    """What the form offers: the case studies (newest year first) and the documentation
    as a tree (each node: page, depth below its index, children)."""
    pages = list(packable_pages(request).specific().order_by("path"))
    cases = sorted(
        (page for page in pages if isinstance(page, CaseStudyPage)),
        key=lambda page: (-page.year, page.path),
    )
    docs = [page for page in pages if isinstance(page, DocumentationPage)]
    tree, open_nodes = [], []
    for page in docs:  # in tree order: a parent always comes before its children
        node = {"page": page, "children": []}
        while open_nodes and not page.path.startswith(open_nodes[-1]["page"].path):
            open_nodes.pop()
        (open_nodes[-1]["children"] if open_nodes else tree).append(node)
        open_nodes.append(node)
    return cases, tree, [*cases, *docs]


def parse_ids(raw_ids):
    """The distinct page ids asked for, in order; anything that is not a positive integer
    raises BriefingError."""
    ids = []
    for raw in raw_ids:
        value = raw.strip()
        if not value.isascii() or not value.isdigit() or len(value) > MAX_ID_DIGITS:
            raise BriefingError(_("The address asks for pages that do not exist."))
        number = int(value)
        if number not in ids:
            ids.append(number)
    return ids


def chosen_pages(request, ids):
    """The pages for these ids, in the form's order; every id must be a packable page."""
    if not ids:
        raise BriefingError(_("Choose at least one page for your briefing pack."))
    if len(ids) > BRIEFING_MAX_PAGES:
        raise BriefingError(
            ngettext(
                "A briefing pack holds at most %(max)d page; you chose %(count)d.",
                "A briefing pack holds at most %(max)d pages; you chose %(count)d.",
                BRIEFING_MAX_PAGES,
            )
            % {"max": BRIEFING_MAX_PAGES, "count": len(ids)}
        )
    found = {page.pk: page for page in packable_pages(request).filter(pk__in=ids).specific()}
    if len(found) != len(ids):
        raise BriefingError(
            _("Some of the chosen pages are not available any more. Choose again below.")
        )
    # Case studies first, then documentation in tree order: the order the form lists them.
    return sorted(
        found.values(),
        key=lambda page: (
            not isinstance(page, CaseStudyPage),
            -page.year if isinstance(page, CaseStudyPage) else 0,
            page.path,
        ),
    )


# Views -----------------------------------------------------------------------------------


def _form_response(request, *, selected=(), error="", status=200):
    cases, docs, _all = briefing_choices(request)
    context = {
        "cases": cases,
        "documentation": docs,
        "selected": set(selected),
        "error": error,
        "max_pages": BRIEFING_MAX_PAGES,
        "language_code": translation.get_language(),
    }
    return TemplateResponse(request, "cases/briefing.html", context, status=status)


def _ids_from_query(request):
    """The ids in ?page=, for ticking the boxes again; bad ones are left out."""
    try:
        return parse_ids(request.GET.getlist("page"))
    except BriefingError:
        return [
            int(raw)
            for raw in request.GET.getlist("page")
            if raw.isascii() and raw.isdigit() and len(raw) <= MAX_ID_DIGITS
        ]


def briefing_form(request):
    """The list of pages to tick; ?page=3&page=7 come ticked (links from the library)."""
    return _form_response(request, selected=_ids_from_query(request))


def briefing_pdf(request):
    """One PDF of the chosen pages in the reader's language, or the form again with why not."""
    try:
        pages = chosen_pages(request, parse_ids(request.GET.getlist("page")))
    except BriefingError as error:
        return _form_response(
            request, selected=_ids_from_query(request), error=str(error), status=400
        )

    language = translation.get_language()
    key = pack_cache_key(language, pages)
    pdf = cache.get(key)
    if pdf is None:
        retry_after = rate_limited(request)
        if retry_after:
            return too_many(request, retry_after)
        started = time.monotonic()
        pdf = render_pack(request, pages)
        logger.info(
            "Briefing pack of %d pages in %s: %.1f s",
            len(pages),
            language,
            time.monotonic() - started,
        )
        cache.set(key, pdf, BRIEFING_CACHE_SECONDS)
    return _pdf_response(pdf, language)


def _pdf_response(pdf, language):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="briefing-pack-{language}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, max-age=0"
    return response


# Cache and rate limit --------------------------------------------------------------------


def pack_cache_key(language, pages):
    """Language, the ids and when each was last published: a republished page makes a new
    pack. The date is in it too, since the cover prints it."""
    parts = [language, timezone.localdate().isoformat()]
    for page in sorted(pages, key=lambda page: page.pk):
        published = page.last_published_at.isoformat() if page.last_published_at else "-"
        parts.append(f"{page.pk}@{published}")
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"briefing:pdf:{digest}"


def rate_limited(request):
    """Count one PDF made for this client; seconds to wait once the window is used up, else 0.

    Fixed windows: the window's number is in the key, so its end (and the wait) is known.
    """
    now = time.time()
    window = int(now // BRIEFING_RATE_WINDOW)
    key = f"briefing:rate:{client_address(request)}:{window}"
    try:
        cache.add(key, 0, timeout=BRIEFING_RATE_WINDOW + 5)
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=BRIEFING_RATE_WINDOW + 5)
        count = 1
    except Exception:  # a cache that cannot count must not stop delegations from printing
        logger.warning("Briefing rate limit cache unreachable; not counting", exc_info=True)
        return 0
    if count <= BRIEFING_RATE_LIMIT:
        return 0
    return max(1, int((window + 1) * BRIEFING_RATE_WINDOW - now))


def too_many(request, retry_after):
    minutes = max(1, -(-retry_after // 60))
    response = render(
        request,
        "cases/briefing_too_many.html",
        {"minutes": minutes, "limit": BRIEFING_RATE_LIMIT, "window": BRIEFING_RATE_WINDOW // 60},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


# Rendering -------------------------------------------------------------------------------


def as_page_request(request, page):
    """The request as if the reader had opened the page itself: its path, no query string
    (the pack's ?page= ids mean nothing to the page, and might to its pagination)."""
    page_request = copy.copy(request)
    page_request.GET = QueryDict()
    page_request.path = page_request.path_info = page.get_url(request) or request.path
    page_request.META = {**request.META, "QUERY_STRING": ""}
    return page_request


def page_main(request, page):
    """The page's own HTML as its template renders it: the inside of its <main>, and the
    stylesheets its <head> links, in order."""
    request = as_page_request(request, page)
    template = page.get_template(request)
    context = page.get_context(request)
    html = render_to_string(template, context, request=request)
    soup = BeautifulSoup(html, "html.parser")
    stylesheets = [
        link["href"]
        for link in soup.select('head link[rel~="stylesheet"][href]')
        if link["href"].startswith(settings.STATIC_URL)
    ]
    main = soup.find("main") or soup.body or soup
    for element in main.find_all(NOT_ON_PAPER):
        element.decompose()
    # Pages share one document now: keep each page's ids (and links to them) its own.
    prefix = f"p{page.pk}-"
    for element in main.find_all(id=True):
        element["id"] = prefix + element["id"]
    for link in main.find_all("a", href=True):
        if link["href"].startswith("#") and len(link["href"]) > 1:
            link["href"] = "#" + prefix + link["href"][1:]
    for element in main.find_all(attrs={"aria-labelledby": True}):
        element["aria-labelledby"] = " ".join(
            prefix + ref for ref in str(element["aria-labelledby"]).split()
        )
    return "".join(str(child) for child in main.children), stylesheets


# A run of non-space characters holding at least one Hangul syllable or jamo: one Korean word.
KOREAN_WORD = re.compile(r"\S*[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]\S*")


def keep_korean_words_whole(soup, root):
    """Wrap each Korean word in a no-wrap span: on screen CSS `word-break: keep-all` does
    this, but WeasyPrint ignores it and would break lines inside words."""
    for text in list(root.find_all(string=KOREAN_WORD)):
        if text.parent is None or text.parent.name in ("style", "script"):
            continue
        pieces, last = [], 0
        for match in KOREAN_WORD.finditer(text):
            pieces.append(NavigableString(text[last : match.start()]))
            word = soup.new_tag("span", attrs={"class": "kw"})
            word.string = match.group()
            pieces.append(word)
            last = match.end()
        pieces.append(NavigableString(text[last:]))
        text.replace_with(*[piece for piece in pieces if piece != ""])


def pack_entries(request, pages):
    entries, stylesheets = [], []
    language = translation.get_language()
    for page in pages:
        body, links = page_main(request, page)
        stylesheets.extend(link for link in links if link not in stylesheets)
        entries.append(
            {
                "page": page,
                "anchor": f"briefing-page-{page.pk}",
                "kind": page._meta.verbose_name,
                "body": body,
                "shown_in": page.shown_in(language),
                "translated": page.is_translated(language),
            }
        )
    return entries, stylesheets


def pack_html(request, pages):
    """The whole pack as one HTML document: cover, contents, then each page."""
    entries, stylesheets = pack_entries(request, pages)
    language = translation.get_language()
    return render_to_string(
        "cases/briefing_pdf.html",
        {
            "entries": entries,
            "stylesheets": stylesheets,
            "language_code": language,
            "today": timezone.localdate(),
            "form_url": request.build_absolute_uri(reverse("cases:briefing")),
        },
        request=request,
    )


def weasyprint():
    """WeasyPrint, imported on first use: loading Pango costs every other request nothing.

    Without Debian's libharfbuzz-subset0 it warns and subsets fonts with fontTools (slower,
    same result); that warning must not break start-up or the test suite.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import weasyprint as module  # also loads weasyprint.urls
    return module


def render_pack(request, pages):
    soup = BeautifulSoup(pack_html(request, pages), "html.parser")
    keep_korean_words_whole(soup, soup.body or soup)
    html = str(soup)
    base_url = request.build_absolute_uri("/")
    return (
        weasyprint()
        .HTML(string=html, base_url=base_url, url_fetcher=briefing_fetcher(base_url))
        .write_pdf()
    )


def briefing_fetcher(site_root):
    """Static files and media from disk, nothing else: no HTTP, no file:// paths (SSRF)."""
    urls = weasyprint().urls

    class BriefingFetcher(urls.URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=())
            root = urlsplit(site_root)
            self.origin = (root.scheme, root.netloc)

        def fetch(self, url, headers=None):
            path = local_resource(url, self.origin)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

        def open(self, url, data=None, timeout=None):
            return self.fetch(getattr(url, "full_url", url))

    return BriefingFetcher()


def local_resource(url, origin):
    """The file on disk a static or media URL of this site names; ValueError for any other."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != origin:
        raise ValueError(f"briefing packs load nothing from {parts.scheme}://{parts.netloc}")
    path = local_file(unquote(parts.path))
    if path is None:
        raise ValueError(f"briefing packs load only static files and media, not {url}")
    return path


def local_file(path):
    if "\x00" in path:
        return None
    if path.startswith(settings.MEDIA_URL):
        return _inside(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL) :])
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path[len(settings.STATIC_URL) :]
    found = _inside(settings.STATIC_ROOT, relative)  # collected (production)
    if found is None:  # not collected yet (development, tests): the apps' own folders
        try:
            located = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        found = Path(located) if located and Path(located).is_file() else None
    return found


def _inside(root, relative):
    """root/relative if that is a file under root (no ../ escapes), else None."""
    if not root or not relative:
        return None
    base = Path(root).resolve()
    candidate = (base / relative).resolve()
    if candidate.is_relative_to(base) and candidate.is_file():
        return candidate
    return None
