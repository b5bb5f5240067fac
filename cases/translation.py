"""Per-language columns for cases and documentation (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    CaseIndexPage,
    CaseStudyPage,
    DocumentationIndexPage,
    DocumentationPage,
    System,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(System)
class SystemTranslation(TranslationOptions):
    fields = ("name",)


@register(CaseIndexPage)
class CaseIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(CaseStudyPage)
class CaseStudyPageTranslation(TranslationOptions):
    fields = (
        "intro",
        "context",
        "solution",
        "timeline",
        "costs",
        "key_figures",
        "results",
        "success_factors",
        "lessons",
        "contacts",
    )


@register(DocumentationIndexPage)
class DocumentationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(DocumentationPage)
class DocumentationPageTranslation(TranslationOptions):
    fields = ("intro", "body")
