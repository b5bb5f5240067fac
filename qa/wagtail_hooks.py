from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import services
from .models import Room


class LinksColumn(Column):
    cell_template_name = "qa/admin/links_cell.html"

    def get_value(self, instance):
        return {
            "moderate": reverse("qa:moderate", args=[instance.code]),
            "present": reverse("qa:present", args=[instance.code]),
            "csv": reverse("qa:export", args=[instance.code, "csv"]),
            "xlsx": reverse("qa:export", args=[instance.code, "xlsx"]),
        }


class RoomEditView(EditView):
    """Saves the form as Wagtail does, except the settings clients see: those go through
    the service, so connected participants get a `room.updated` event."""

    def save_instance(self):
        wanted = {
            name: self.form.cleaned_data[name]
            for name in services.ROOM_SETTINGS
            if name in self.form.cleaned_data
        }
        saved = Room.objects.get(pk=self.object.pk)
        for name in wanted:
            setattr(self.form.instance, name, getattr(saved, name))
        with transaction.atomic():
            instance = super().save_instance()
            room = services.update_room(instance.pk, self.request.user, **wanted)
        for name in wanted:
            setattr(instance, name, getattr(room, name))
        return instance


class RoomViewSet(SnippetViewSet):
    model = Room
    edit_view_class = RoomEditView
    icon = "help"
    menu_label = _("Live Q&A rooms")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "title",
        "code",
        "is_open",
        "moderated",
        LinksColumn("links", label=_("Live views and exports")),
    ]
    list_filter = ["is_open", "moderated"]
    search_fields = ["title", "code"]
    panels = [
        FieldPanel("title"),
        FieldPanel("code"),
        FieldPanel("webinar"),
        MultiFieldPanel(
            [FieldPanel("is_open"), FieldPanel("moderated"), FieldPanel("allow_anonymous")],
            heading=_("Rules"),
        ),
        FieldPanel("moderators", widget=forms.CheckboxSelectMultiple),
    ]


register_snippet(RoomViewSet)
