"""The agenda of a webinar: sessions in order, each with its speakers."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(
        label=pgettext_lazy("speaker", "Position"), max_length=200, required=False
    )
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200, required=False)
    photo = ImageChooserBlock(label=_("Photo"), required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")


class SessionBlock(blocks.StructBlock):
    starts = blocks.TimeBlock(
        label=_("Starts"),
        required=False,
        help_text=_("Local time in the event's time zone."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"), default=[])

    class Meta:
        icon = "time"
        label = _("Session")
        template = "blocks/session_block.html"


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock()

    class Meta:
        block_counts = {}
