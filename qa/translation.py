"""A room's title in each language (wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Room


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("title",)
