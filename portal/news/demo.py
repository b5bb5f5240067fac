"""The newsroom's part of the demo: extra keys a release file may carry (read by portal.demo).

- ``category``: a news category slug (``snippets/categories.yaml``);
- ``related``: English slug paths of pages below the home page;
- ``pdf``: attach the release as a PDF in each of its languages, written from its own text;
- ``hits`` / ``downloads``: counts the ministry's old board showed, carried over.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    DocumentDownloadCount,
    NewsCategory,
    NewsPageAttachment,
    NewsPageRelatedPage,
    PageViewCount,
)


def _release_text(page, code):
    from portal.demo.loader import html_paragraphs

    paragraphs = [getattr(page, f"intro_{code}") or ""]
    for block in getattr(page, f"body_{code}") or []:
        value = block.value
        if block.block_type == "heading":
            paragraphs.append(("heading", value["text"]))
        elif block.block_type == "quote":
            attribution = f" ({value['attribution']})" if value.get("attribution") else ""
            paragraphs.append(f"“{value['text']}”{attribution}")
        elif isinstance(value, str) or hasattr(value, "source"):
            paragraphs.extend(html_paragraphs(str(getattr(value, "source", value))))
    return [paragraph for paragraph in paragraphs if paragraph]


def apply_release_demo_data(page, data, demo):
    unknown = set(data) - {"category", "related", "pdf", "hits", "downloads"}
    if unknown:
        raise ValueError(f"unknown release fields {sorted(unknown)}")
    if data.get("category"):
        page.category = NewsCategory.objects.get(slug=data["category"])
    page.related_pages = [
        NewsPageRelatedPage(target=demo.page_at(path), sort_order=number)
        for number, path in enumerate(data.get("related", []))
        if demo.page_at(path) is not None
    ]
    if data.get("pdf"):
        attachments = []
        for number, code in enumerate(page.available_languages()):
            title = getattr(page, f"title_{code}")
            with translation.override(code):
                footer = _("Ministry of Personnel Management · Press release of %(date)s") % {
                    "date": page.date.isoformat()
                }
            document = demo.pdf_document(
                f"{page.date.isoformat()}-{page.slug}-{code}",
                title,
                _release_text(page, code),
                code,
                footer=footer,
            )
            attachments.append(
                NewsPageAttachment(document=document, language=code, sort_order=number)
            )
        page.attachments = attachments


def seed_release_counts(page, data):
    if data.get("hits"):
        PageViewCount.objects.get_or_create(page_id=page.pk, defaults={"count": data["hits"]})
    if data.get("downloads"):
        for attachment in page.attachments.all():
            if attachment.language == settings.LANGUAGE_CODE:
                DocumentDownloadCount.objects.get_or_create(
                    document_id=attachment.document_id, defaults={"count": data["downloads"]}
                )
