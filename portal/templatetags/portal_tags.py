import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal.models import menu_pages, page_ancestors, shown_language

register = template.Library()

# Each language is offered under its own name, so a reader finds it whatever page they are on.
LANGUAGE_SELF_NAMES = {"en": "English", "ko": "한국어", "es": "Español", "ru": "Русский"}


def _page_of(context):
    page = context.get("page")
    return page if page is not None and hasattr(page, "available_languages") else None


# "//other.host/x" (or "/\\other.host") is a path to us but a link to another host.
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def local_path(path):
    """The request path as a link that stays on this host, whatever slashes it started with."""
    return _LEADING_SLASHES.sub("/", path) or "/"


def path_in_language(path, code):
    """The same path in another language: through the URLconf, else by swapping the prefix."""
    path = local_path(path)
    translated = translate_url(path, code)
    if translated == path:  # an address the URLconf does not know, such as a 404
        current = get_language_from_path(path)
        if current is None:
            translated = f"/{code}{path}"
        elif current != code:
            translated = f"/{code}/" + path[len(current) + 2 :]
    return local_path(translated)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: url, own name, and whether it is translated."""
    request = context["request"]
    page = _page_of(context)
    current = translation.get_language()
    available = page.available_languages() if page else [code for code, _ in settings.LANGUAGES]
    links = []
    for code, _name in settings.LANGUAGES:
        if page is not None:
            url = page.local_url_in_language(code, request)
        else:
            url = path_in_language(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": LANGUAGE_SELF_NAMES.get(code, code),
                "url": url,
                "current": code == current,
                "available": code in available,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """Alternates for the languages the page exists in, plus x-default."""
    request = context["request"]
    page = _page_of(context)
    if page is not None:
        links = [
            {"code": code, "url": page.url_in_language(code, request)}
            for code in page.available_languages()
        ]
        default_url = page.url_in_language(settings.LANGUAGE_CODE, request)
    else:
        links = [
            {"code": code, "url": request.build_absolute_uri(path_in_language(request.path, code))}
            for code, _ in settings.LANGUAGES
        ]
        default_url = request.build_absolute_uri(
            path_in_language(request.path, settings.LANGUAGE_CODE)
        )
    links.append({"code": "x-default", "url": default_url})
    return links


@register.simple_tag(takes_context=True)
def site_root(context):
    site = Site.find_for_request(context["request"])
    return site.root_page.specific if site else None


def _trail(context):
    """The current page's ancestors from the site's home page down, without the page itself."""
    page = context.get("page")
    root = site_root(context)
    if page is None or root is None or not hasattr(page, "path"):
        return root, []
    if page.pk == root.pk or not page.path.startswith(root.path):
        return root, []
    ancestors = page_ancestors(page, context.get("request"))
    return root, [ancestor for ancestor in ancestors if ancestor.depth >= root.depth]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's menu children; the one the reader is in carries `current`.

    `current` is "page" on the section's own page and "true" on a page below it, as
    aria-current wants.
    """
    root, trail = _trail(context)
    if root is None:
        return []
    page = context.get("page")
    section_ids = {ancestor.pk for ancestor in trail}
    items = []
    for item in menu_pages(root, context.get("request")):
        if page is not None and item.pk == page.pk:
            current = "page"
        elif item.pk in section_ids:
            current = "true"
        else:
            current = ""
        items.append({"page": item, "current": current})
    return items


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The pages above the current one, from the home page; empty on the home page itself.

    A view outside the page tree (search, the live Q&A) sets `breadcrumb_title` to sit
    under the home page.
    """
    root, trail = _trail(context)
    if context.get("page") is None and context.get("breadcrumb_title") and root is not None:
        return [root]
    return trail


@register.simple_tag
def fallback_lang(page):
    """` lang="en"` where a page's text is shown in the default language, else nothing.

    Any page will do, its own type or a plain Page (menus and breadcrumbs load those)."""
    if not isinstance(page, Page):
        return ""
    shown = shown_language(page)
    if shown == translation.get_language():
        return ""
    return format_html(' lang="{}"', shown)


# OpenGraph wants a territory with each language.
OPEN_GRAPH_LOCALES = {"en": "en_GB", "ko": "ko_KR", "es": "es_ES", "ru": "ru_RU"}


def site_description():
    return _(
        "Korea's Ministry of Personnel Management shares its civil-service experience with "
        "partner agencies worldwide: case studies, systems, webinars and news."
    )


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Description, canonical URL and locales for the head: every page has a description."""
    request = context["request"]
    page = _page_of(context)
    current = translation.get_language()
    if page is not None:
        description = page.meta_description() or site_description()
        canonical = page.url_in_language(current, request)
        title = page.seo_title or page.title
        others = [code for code in page.available_languages() if code != current]
    else:
        description = site_description()
        canonical = request.build_absolute_uri(local_path(request.path))
        title = ""
        others = [code for code, _name in settings.LANGUAGES if code != current]
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "locale": OPEN_GRAPH_LOCALES.get(current, current),
        "alternate_locales": [OPEN_GRAPH_LOCALES.get(code, code) for code in others],
    }


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    """The languages a page is written in, each with its own name and the page's URL in it."""
    request = context["request"]
    links = []
    for code in page.available_languages():
        url = page.local_url_in_language(code, request)
        links.append(
            {
                "code": code,
                "name": LANGUAGE_SELF_NAMES.get(code, code),
                "url": url,
                "current": code == translation.get_language(),
            }
        )
    return links


@register.filter
def language_name(code):
    """A language's own name ("한국어"), for attachment and badge labels."""
    return LANGUAGE_SELF_NAMES.get(code, code)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Contact, privacy notice and accessibility statement, as the site's editors chose them."""
    from portal.models import FooterLinks

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    # Read only: a page view never creates the settings row (for_request would).
    links = FooterLinks.objects.filter(site=site).first() if site is not None else None
    return links.pages() if links is not None else []
