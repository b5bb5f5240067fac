from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    add_to_admin_menu = False
    list_display = ["name", "slug"]


register_snippet(NewsCategoryViewSet)


# After Wagtail's own check of collection privacy (registered with the default order 0).
@hooks.register("before_serve_document", order=100)
def guard_and_count_document(document, request):
    if not services.may_serve_document(document, request.user):
        raise Http404
    services.record_download(request, document)
