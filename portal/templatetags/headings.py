"""Anchors on headings: every heading block gets an id made from its text, unique on its page.

The ids are worked out once per page and language (``heading_anchors``), so the table of
contents and the heading blocks always agree, whatever order they are rendered in.
"""

from django import template
from django.utils import translation
from django.utils.text import slugify
from wagtail.fields import StreamField

register = template.Library()

# Ids the site's own layout and the case and documentation templates already use.
RESERVED_IDS = frozenset(
    {
        "main",
        "main-nav-list",
        "site-search-q",
        "toc-heading",
        "children-heading",
        "system-cases-heading",
        "attachments-heading",
        "related-heading",
        "summary",
    }
)
FALLBACK_ANCHOR = "section"


def slug_for(text):
    """Korean, Cyrillic and accented text keeps its letters: 공무원 인사 → 공무원-인사."""
    return slugify(text or "", allow_unicode=True) or FALLBACK_ANCHOR


def unique_anchor(text, taken):
    base = slug_for(text)
    anchor, number = base, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


def _stream_field_names(page):
    """The page's own StreamFields, not modeltranslation's per-language copies."""
    return [
        field.name
        for field in page._meta.concrete_fields
        if isinstance(field, StreamField) and not hasattr(field, "translated_field")
    ]


def heading_anchors(page):
    """The page's heading blocks in reading order: {"id", "text", "level", "anchor"} each."""
    code = translation.get_language()
    cache = page.__dict__.setdefault("_heading_anchors", {})
    if code not in cache:
        taken = set(RESERVED_IDS)
        headings = []
        for name in _stream_field_names(page):
            for child in getattr(page, name) or []:
                if child.block_type != "heading":
                    continue
                text = child.value.get("text", "")
                headings.append(
                    {
                        "id": child.id,
                        "text": text,
                        "level": child.value.get("level") or "h2",
                        "anchor": unique_anchor(text, taken),
                    }
                )
        cache[code] = headings
    return cache[code]


@register.simple_tag(takes_context=True)
def heading_anchor(context, value):
    """The id of the heading block being rendered (its StreamField child id is in `id`)."""
    page = context.get("page")
    block_id = context.get("id")
    if page is not None and block_id and hasattr(page, "_meta"):
        for heading in heading_anchors(page):
            if heading["id"] == block_id:
                return heading["anchor"]
    return slug_for(value.get("text", ""))
