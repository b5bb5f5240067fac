"""Per-language columns for the newsroom (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import NewsCategory, NewsIndexPage, NewsPage


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("writer", "intro", "body")


@register(NewsCategory)
class NewsCategoryTranslation(TranslationOptions):
    fields = ("name",)
