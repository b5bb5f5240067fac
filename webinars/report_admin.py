"""Staff tools for the post-webinar report (registered by webinars/wagtail_hooks.py): on a
webinar's page in the admin, "Close the event and publish the report", a confirmation, then
webinars.report.close_event."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from .models import WebinarPage, WebinarReportPage
from .report import CANNOT_PUBLISH, can_close_event, close_event

CLOSE_EVENT = "webinar_close_event"


def close_event_url(webinar):
    return reverse(CLOSE_EVENT, args=[webinar.pk])


class CloseEventView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then close the webinar's rooms and publish its report; on to the report's
    edit view, where staff write the introduction."""

    template_name = "webinars/admin/report_close.html"
    page_title = _("Close the event and publish the report")
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        self.webinar = get_object_or_404(WebinarPage, pk=pk)
        if not can_close_event(request.user, self.webinar):
            # Said on the page, with a 403 (Wagtail would send staff to the dashboard instead).
            return self.render_to_response(
                self.get_context_data(refusal=str(CANNOT_PUBLISH)), status=403
            )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.webinar.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.webinar.pk]),
                "label": self.webinar.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = WebinarReportPage.objects.child_of(self.webinar).first()
        context.update(
            webinar=self.webinar,
            open_rooms=list(self.webinar.qa_rooms.filter(is_open=True).order_by("pk")),
            report=report,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.webinar.pk]),
        )
        return context

    def post(self, request, pk):
        try:
            report = close_event(self.webinar, request.user)
        except PermissionDenied as refusal:
            return self.render_to_response(self.get_context_data(refusal=str(refusal)), status=403)
        messages.success(
            request,
            gettext("The event is closed and its report is published. Add an introduction here."),
        )
        return redirect("wagtailadmin_pages:edit", report.pk)


@hooks.register("register_admin_urls")
def register_report_admin_urls():
    return [
        path("webinars/<int:pk>/close/", CloseEventView.as_view(), name=CLOSE_EVENT),
    ]


@hooks.register("register_page_header_buttons")
def close_event_button(page, user, view_name=None, next_url=None):
    """On a webinar's admin page, while a room is open or the report is not published."""
    if not issubclass(page.specific_class or type(page), WebinarPage):
        return []
    webinar = page.specific_deferred
    if not can_close_event(user, webinar):
        return []
    done = (
        not webinar.qa_rooms.filter(is_open=True).exists()
        and WebinarReportPage.objects.child_of(webinar).live().exists()
    )
    if done:
        return []
    return [
        Button(
            _("Close the event and publish the report"),
            url=close_event_url(webinar),
            icon_name="doc-full",
            priority=90,
        )
    ]
