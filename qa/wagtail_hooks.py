from django import forms
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from portal.models import language_codes

from . import services
from .models import REACTIONS, Question, Room

# Rooms listed on the dashboard; the rooms list in the admin has them all.
DASHBOARD_ROOMS = 10


class LinksColumn(Column):
    cell_template_name = "qa/admin/links_cell.html"

    def get_value(self, instance):
        return {
            "moderate": reverse("qa:moderate", args=[instance.code]),
            "present": reverse("qa:present", args=[instance.code]),
            "csv": reverse("qa:export", args=[instance.code, "csv"]),
            "xlsx": reverse("qa:export", args=[instance.code, "xlsx"]),
        }


class YesNoColumn(BooleanColumn):
    """A flag as an icon with a translated Yes or No, not Python's True/False."""

    cell_template_name = "qa/admin/flag_cell.html"

    def __init__(self, name, **kwargs):
        # "아니오" must not break inside the word in a narrow column.
        super().__init__(name, classname="w-whitespace-nowrap", **kwargs)


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


class RoomForm(WagtailAdminModelForm):
    """The room's settings; reactions as a choice of the ones the portal offers."""

    reactions = forms.MultipleChoiceField(
        label=_("Reactions allowed"),
        required=False,
        choices=[(key, f"{symbol} {label}") for key, (symbol, label) in REACTIONS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Participants may add these to published questions. None by default."),
    )

    def clean_reactions(self):
        chosen = set(self.cleaned_data.get("reactions") or [])
        return [key for key in REACTIONS if key in chosen]


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
        YesNoColumn("is_open", label=_("Open")),
        YesNoColumn("moderated", label=_("Moderated")),
        YesNoColumn("allow_anonymous", label=_("Anonymous allowed")),
        LinksColumn("links", label=_("Live views and exports")),
    ]
    list_filter = ["is_open", "moderated"]
    search_fields = ["title", "code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel(f"title_{code}") for code in language_codes()],
                heading=_("Title in each language"),
                help_text=_("Leave empty to use the webinar's title in that language."),
            ),
            FieldPanel("code"),
            FieldPanel("webinar"),
            MultiFieldPanel(
                [
                    FieldPanel("is_open"),
                    FieldPanel("moderated"),
                    FieldPanel("allow_anonymous"),
                    FieldPanel("opinions_moderated"),
                    FieldPanel("reactions"),
                ],
                heading=_("Rules"),
            ),
            FieldPanel("moderators", widget=forms.CheckboxSelectMultiple),
            FieldPanel("interpreters", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=RoomForm,
    )


register_snippet(RoomViewSet)


class LiveRoomsPanel(Component):
    """The dashboard's open rooms that the user may moderate, with what awaits them."""

    name = "qa_live_rooms"
    template_name = "qa/admin/live_rooms_panel.html"
    order = 90  # above Wagtail's own panels: a live room cannot wait

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        pending = Count("questions", filter=Q(questions__status=Question.Status.PENDING))
        rooms = (
            services.rooms_moderated_by(self.user)
            .filter(is_open=True)
            .annotate(pending_count=pending)
            .order_by("-pending_count", "-created_at")
        )
        return {"rooms": list(rooms[:DASHBOARD_ROOMS])}


@hooks.register("construct_homepage_panels")
def add_live_rooms_panel(request, panels):
    panels.append(LiveRoomsPanel(request.user))
