"""What staff write for a room in each language: its title, polls and opinion prompts
(wagtail-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import OpinionPrompt, Poll, PollOption, Room


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("title",)


@register(Poll)
class PollTranslation(TranslationOptions):
    fields = ("prompt",)


@register(PollOption)
class PollOptionTranslation(TranslationOptions):
    fields = ("text",)


@register(OpinionPrompt)
class OpinionPromptTranslation(TranslationOptions):
    fields = ("text",)
