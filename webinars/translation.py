"""Per-language columns for webinars (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CaseQuestion, WebinarIndexPage, WebinarPage, WebinarReportPage


@register(WebinarIndexPage)
class WebinarIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(WebinarPage)
class WebinarPageTranslation(TranslationOptions):
    fields = ("summary", "agenda", "joining_instructions", "location")


@register(WebinarReportPage)
class WebinarReportPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(CaseQuestion)
class CaseQuestionTranslation(TranslationOptions):
    fields = ("question", "answer")
