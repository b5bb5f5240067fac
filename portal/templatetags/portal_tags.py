from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

register = template.Library()

# Each language is offered under its own name, so a reader finds it whatever page they are on.
LANGUAGE_SELF_NAMES = {"en": "English", "ko": "한국어", "es": "Español", "ru": "Русский"}


def _page_of(context):
    page = context.get("page")
    return page if page is not None and hasattr(page, "available_languages") else None


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
            with translation.override(code):
                url = page.get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
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
            {"code": code, "url": request.build_absolute_uri(translate_url(request.path, code))}
            for code, _ in settings.LANGUAGES
        ]
        default_url = request.build_absolute_uri(
            translate_url(request.path, settings.LANGUAGE_CODE)
        )
    links.append({"code": "x-default", "url": default_url})
    return links


@register.simple_tag(takes_context=True)
def site_root(context):
    site = Site.find_for_request(context["request"])
    return site.root_page.specific if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    root = site_root(context)
    if root is None:
        return []
    return root.get_children().live().in_menu().specific()


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
        canonical = request.build_absolute_uri(request.path)
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
        with translation.override(code):
            url = page.get_url(request)
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
