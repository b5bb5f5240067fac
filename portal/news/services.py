"""Counting views and downloads: exact under concurrency, blind to bots, previews and reloads.

Each count is one atomic ``UPDATE … SET count = count + 1`` on a counter row kept
apart from the page, so concurrent requests never read-modify-write and
publishing a revision never resets a count. Views are reported by the reader's
browser after the page loads (see ``views.record_view``), so they stay exact
when the page itself comes from a cache.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import DocumentDownloadCount, NewsPage, PageViewCount

# Crawlers, link-preview fetchers and command-line clients: their requests are not readers.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|monitor|"
    r"python-requests|python-urllib|curl|wget|httpclient|feed|scrapy|lighthouse",
    re.IGNORECASE,
)


def view_window():
    """Seconds during which the same visitor reloading a page counts once."""
    return getattr(settings, "NEWS_VIEW_WINDOW_SECONDS", 30 * 60)


def is_bot(request):
    agent = request.headers.get("user-agent", "")
    return not agent.strip() or bool(BOT_USER_AGENT.search(agent))


def visitor_key(request):
    """A short-lived fingerprint of the visitor: no cookie needed, nothing personal kept."""
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.headers.get("user-agent", "")
    language = request.headers.get("accept-language", "")
    raw = f"{settings.SECRET_KEY}|{address}|{agent}|{language}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _increment(model, key_field, key):
    with transaction.atomic():
        updated = model.objects.filter(**{key_field: key}).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            model.objects.create(**{key_field: key, "count": 1})
    except IntegrityError:
        # Another request created the row first: add ours to it.
        with transaction.atomic():
            model.objects.filter(**{key_field: key}).update(count=F("count") + 1)


def count_page_view(page_id):
    _increment(PageViewCount, "page_id", page_id)


def count_download(document_id):
    _increment(DocumentDownloadCount, "document_id", document_id)


def record_page_view(request, pages, page_id, kind="news"):
    """Count a reader's view of a live, public page among `pages`; return whether it counted.

    None when the page is not among them (a draft, a private page, another kind of page).
    `kind` keeps each section's reload window apart in the cache.
    """
    if is_bot(request):
        return False
    if not pages.live().public().filter(pk=page_id).exists():
        return None
    # cache.add is atomic: of two reloads inside the window, only the first gets through.
    if not cache.add(f"{kind}:seen:{page_id}:{visitor_key(request)}", 1, view_window()):
        return False
    count_page_view(page_id)
    return True


def record_release_view(request, page_id):
    """Count a reader's view of a live release; return whether it counted."""
    return record_page_view(request, NewsPage.objects.all(), page_id, kind="news")


def is_first_request_for_file(request):
    """PDF viewers fetch ranges of a file they already opened; only the start counts."""
    byte_range = request.headers.get("range", "")
    return not byte_range or re.match(r"bytes=0-", byte_range) is not None


def record_download(request, document):
    if is_bot(request) or not is_first_request_for_file(request):
        return False
    count_download(document.pk)
    return True


def pages_using(document):
    """Ids of the pages whose content or attachments refer to the document."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    return list(
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    )


def may_serve_document(document, user):
    """Staff see everything; others only documents that no page uses or a live page uses.

    Wagtail's collection privacy is checked before this, by its own hook.
    """
    from wagtail.admin.auth import user_has_any_page_permission
    from wagtail.models import Page

    if user.is_authenticated and (user.is_superuser or user_has_any_page_permission(user)):
        return True
    page_ids = pages_using(document)
    if not page_ids:
        return True
    return Page.objects.live().public().filter(pk__in=page_ids).exists()
