"""StreamField blocks of a case study's structured sections: timeline, key figures, contacts."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks


class TimelineEventBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        label=_("When"), max_length=40, help_text=_("A year or a span, e.g. 2000 or 2011–2012.")
    )
    text = blocks.TextBlock(label=_("What happened"))

    class Meta:
        icon = "time"
        label = _("Milestone")


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("What is measured"), max_length=200)
    before = blocks.CharBlock(
        label=_("Before"),
        max_length=40,
        required=False,
        help_text=_("Leave empty for a single figure."),
    )
    value = blocks.CharBlock(label=pgettext_lazy("key figure", "Figure"), max_length=40)
    unit = blocks.CharBlock(label=_("Unit"), max_length=60, required=False)

    class Meta:
        icon = "order"
        label = _("Key figure")


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name or office"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Telephone"), max_length=40, required=False)

    class Meta:
        icon = "user"
        label = _("Contact")


class TimelineBlock(blocks.StreamBlock):
    event = TimelineEventBlock()


class KeyFiguresBlock(blocks.StreamBlock):
    key_figure = KeyFigureBlock()


class ContactsBlock(blocks.StreamBlock):
    contact = ContactBlock()
