"""The case library's taxonomy in the admin: themes and systems, under one "Case library" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import System, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]


class SystemViewSet(SnippetViewSet):
    model = System
    icon = "cogs"
    menu_label = _("Systems")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]


class CaseLibraryViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, SystemViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Case library")
    menu_name = "case-library"


register_snippet(CaseLibraryViewSetGroup)
