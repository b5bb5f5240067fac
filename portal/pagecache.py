"""The anonymous page cache: whole public pages kept in the shared cache, answered before Django.

Two halves, one key:
- `PageCacheMiddleware` (Django, outermost but for compression) stores a response when it is
  the same for every anonymous reader: a 200 GET without a session or messages cookie, no
  cookie set in return, no CSRF token used, no `Cache-Control` of its own, of a public type.
- `PageCacheApp` (ASGI, in front of Django in portal/asgi.py) answers the next cookie-less GET
  or HEAD for the same URL from the stored copy: no database, no Django middleware, no view.
  It answers `If-None-Match` with 304 and sends the gzip copy to readers who accept it.

What a reader without credentials receives is public by definition, so nothing private,
personal, draft or preview can be stored: those need a signed-in session, and a request with
a session cookie is never stored nor answered from the cache.

Invalidation is by generation: every entry records the generation current when its request
began; publishing, unpublishing, moving or deleting a page, and saving a snippet, document,
image, site or setting start a new one (after the transaction commits), so every language,
listing, feed, sitemap and search page is rebuilt at its next request. A request that began
before the change stores under the old generation, which is never served. Entries also expire
after PAGE_CACHE_SECONDS, which bounds what changes with time alone (a webinar going live, the
view counts shown on listings). PAGE_CACHE_SECONDS=0 switches the cache off.
"""

import asyncio
import functools
import gzip
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import transaction
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "page:generation"
ENTRY_PREFIX = "page:entry:"
# Served types: pages, feeds, the sitemap and the JSON API. Documents are not: every download
# is counted and access-checked by Django.
STORED_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
)
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_QUERY_BYTES = 512
# Headers the cache sets per answer, or that describe one encoding of the body only.
NOT_REPLAYED = {"content-length", "content-encoding", "set-cookie", "date", "x-cache", "etag"}
CACHE_CONTROL = "public, no-cache"
SCOPE_STATE = "portal.page_cache"


@functools.cache
def _process_cache():
    """The default cache as one object for the whole process.

    `django.core.cache.cache` is a different object in each asyncio context, so each hit
    would build a backend (and, for Redis, a connection pool) of its own."""
    return caches.create_connection(DEFAULT_CACHE_ALIAS)


def _forget_process_cache(*, setting, **kwargs):
    if setting == "CACHES":
        _process_cache.cache_clear()


setting_changed.connect(_forget_process_cache)


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def _cookie_names(cookie_header):
    return {part.split("=", 1)[0].strip() for part in cookie_header.split(";") if part.strip()}


def _personal_cookies():
    """Cookies that make a response the reader's own: a session (signed in, joined a room,
    passed a page password) or pending messages."""
    from django.contrib.messages.storage.cookie import CookieStorage

    return {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}


def entry_key(scope, headers):
    """The entry's cache key from the ASGI scope: scheme as the proxy saw it, host, language,
    path and query string. `headers` is the scope's headers as a dict of lowercase bytes."""
    path = scope["path"]
    language = path.split("/", 2)[1] if path.count("/") > 1 else ""
    parts = [
        headers.get(b"x-forwarded-proto", scope.get("scheme", "http").encode()).decode("latin-1"),
        headers.get(b"host", b"").decode("latin-1").lower(),
        language,
        path,
        scope.get("query_string", b"").decode("latin-1"),
    ]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return ENTRY_PREFIX + digest


def cacheable_request(scope, headers):
    """Whether this request may be answered from, and stored in, the page cache."""
    if scope["method"] not in ("GET", "HEAD") or b"authorization" in headers:
        return False
    if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
        return False
    cookies = headers.get(b"cookie")
    return not (cookies and _cookie_names(cookies.decode("latin-1")) & _personal_cookies())


def new_generation():
    """Start a new generation: every stored page is out of date from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate():
    """Out-of-date every stored page once the current transaction commits (at once outside one)."""
    if enabled():
        transaction.on_commit(new_generation)


def _media_type(response):
    return response.get("Content-Type", "").split(";")[0].strip().lower()


def _accepts_gzip(value):
    for part in value.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            return not params or quality.replace("0", "").strip(".") != ""
    return False


def _etag_matches(if_none_match, etag):
    if if_none_match.strip() == "*":
        return True
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return etag.removeprefix("W/") in tags


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation) for rendered pages only: downloads and
    streams keep their length and byte ranges, and are mostly compressed already."""

    def process_response(self, request, response):
        if response.streaming or _media_type(response) not in STORED_TYPES:
            return response
        return super().process_response(request, response)


class PageCacheMiddleware:
    """Marks public answers for shared caches (validators, Vary) and stores them for the
    ASGI layer; marks every other answer as private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self._public(request, response):
            # Not the same for everyone: no proxy or shared cache may keep it either.
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        body = response.content
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        response["Cache-Control"] = CACHE_CONTROL
        response["ETag"] = etag
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        state = getattr(request, "scope", {}).get(SCOPE_STATE) if enabled() else None
        if state is not None:
            self._store(state, response, body, etag)
            response["X-Cache"] = "MISS"
        return get_conditional_response(request, etag=etag, response=response)

    @staticmethod
    def _public(request, response):
        """Whether this answer is the same for every anonymous reader of this URL."""
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if request.COOKIES.keys() & _personal_cookies() or "HTTP_AUTHORIZATION" in request.META:
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # it sets a cookie, or carries a CSRF token for a form
        if response.has_header("Cache-Control") or response.has_header("Content-Encoding"):
            return False  # the view chose its own caching (never_cache, private, …)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return False
        return _media_type(response) in STORED_TYPES and len(response.content) <= MAX_BODY_BYTES

    @staticmethod
    def _store(state, response, body, etag):
        generation = state["generation"]
        if generation is None:
            # The first page since the cache started or lost it: open a generation, unless a
            # change opened one while this page was rendered (then this copy may be stale).
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, None):
                return
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": [
                (name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ],
            "etag": etag.encode("latin-1"),
            # Compressed only: half the bytes to fetch and unpickle on every hit.
            "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        }
        cache.set(state["key"], entry, settings.PAGE_CACHE_SECONDS)


class PageCacheApp:
    """ASGI: answer cacheable GETs from the page cache, pass everything else to Django."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not enabled():
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        if not cacheable_request(scope, headers):
            return await self.app(scope, receive, send)
        key = entry_key(scope, headers)
        found = await self._lookup(key)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and generation is not None and entry["generation"] == generation:
            return await self._answer(scope, headers, entry, send)
        scope = {**scope, SCOPE_STATE: {"key": key, "generation": generation}}
        return await self.app(scope, receive, send)

    @staticmethod
    async def _lookup(key):
        keys = [GENERATION_KEY, key]
        backend = _process_cache()
        try:
            if isinstance(backend, LocMemCache):
                return backend.get_many(keys)  # this process's memory: nothing to wait for
            # A network round trip: on a worker thread, not the single thread Django's sync
            # code shares, and not blocking the event loop.
            return await asyncio.get_running_loop().run_in_executor(None, backend.get_many, keys)
        except Exception:  # a cache that fails is a miss, never an error page
            logger.warning("Page cache lookup failed; serving uncached", exc_info=True)
            return {}

    @staticmethod
    async def _answer(scope, headers, entry, send):
        etag = entry["etag"]
        common = [
            *entry["headers"],
            (b"etag", etag),
            (b"x-cache", b"HIT"),
        ]
        if_none_match = headers.get(b"if-none-match")
        if if_none_match and _etag_matches(if_none_match.decode("latin-1"), etag.decode()):
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        body = entry["gzip"]
        if _accepts_gzip(headers.get(b"accept-encoding", b"").decode("latin-1")):
            common.append((b"content-encoding", b"gzip"))
        else:
            body = gzip.decompress(body)  # rare: browsers and proxies all accept gzip
        common.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": entry["status"], "headers": common})
        if scope["method"] == "HEAD":
            body = b""
        await send({"type": "http.response.body", "body": body})


@functools.cache
def _invalidating_models():
    """Models whose rows public pages show besides pages (snippets: partners, taxonomy; site
    settings: footer links; documents, images, sites, locales), and the restrictions that
    make a page or a collection private."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    )
    from wagtail.snippets.models import get_snippet_models

    return {
        *get_snippet_models(),
        *settings_registry,
        get_document_model(),
        get_image_model(),
        Site,
        Locale,
        Collection,
        PageViewRestriction,
        CollectionViewRestriction,
    }


def _on_page_change(sender, **kwargs):
    invalidate()


def _on_row_change(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or sender in _invalidating_models():
        invalidate()


def connect_invalidation():
    """Called once from PortalConfig.ready()."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"pagecache-{id(signal)}")
    # A page's own save() is a draft until published; deleting one is a change at once.
    post_delete.connect(_on_row_change, dispatch_uid="pagecache-delete")
    post_save.connect(_on_saved, dispatch_uid="pagecache-save")


# Wagtail fills these in on first use of an image or document (a page render): no reader
# sees them, and a render must not clear the cache it is about to fill.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def _on_saved(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page

    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if not isinstance(instance, Page) and sender in _invalidating_models():
        invalidate()
