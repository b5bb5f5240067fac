"""The case page's "Questions from webinars" section (templates/cases/includes/faq.html):
the questions in the reader's language, each with the webinar it was asked at."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from webinars import faq

register = template.Library()


@register.simple_tag
def case_faq(page):
    """The page's questions from webinars as the reader sees them (webinars.faq)."""
    return faq.page_questions(page)


@register.simple_tag(takes_context=True)
def webinar_link(context, webinar):
    """The webinar's title in the reader's language, linked while its page is live; marked
    `lang` when the title is shown in the default language instead."""
    shown = webinar.shown_in()
    lang = format_html(' lang="{}"', shown) if shown != get_language() else ""
    if not webinar.live:
        return format_html("<span{}>{}</span>", lang, webinar.title)
    url = webinar.get_url(request=context.get("request"))
    return format_html('<a href="{}"{}>{}</a>', url, lang, webinar.title)
