"""Webinars in the Wagtail admin: a "Webinars" menu with seats and reminders, registrants
(filters, CSV and XLSX export, cancelling a seat) and the scheduling helper; buttons on
webinar pages. Who sees what is decided in webinars.permissions."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from . import (
    admin_views,
    faq_admin,
    permissions,
    report_admin,  # noqa: F401  (registers the report's own admin hooks)
)
from .models import Registration, WebinarPage

# Registered before the viewset asks for a policy (Wagtail 8 warns otherwise).
register_permission_policy(Registration, permissions.RegistrationPermissionPolicy(Registration))


class RegistrantsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_use_admin_tools(request.user)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = admin_views.REGISTRANTS
    url_prefix = "webinars/registrants"
    icon = "group"
    menu_label = _("Registrants")
    index_view_class = admin_views.RegistrationIndexView
    inspect_view_class = admin_views.RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "email",
        "organisation",
        "country",
        "webinar",
        "status",
        admin_views.YesNoColumn("attended", label=_("Attended")),
        "created_at",
    ]
    filterset_class = admin_views.RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None  # database lookups: registrations are not in the search index
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "webinar",
        "name",
        "email",
        "organisation",
        "country",
        "role",
        "language",
        "status",
        "attended",
        "consent_at",
        "created_at",
        "status_changed_at",
    ]
    menu_item_class = RegistrantsMenuItem
    # A registration names its webinar, but is not content whose uses editors follow.
    add_to_reference_index = False

    @property
    def url_finder_class(self):
        # "View in the admin" links lead to the read-only page: there is no edit view.
        return type(
            "RegistrationAdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_urlpatterns(self):
        # Listing, export and inspection only: nobody adds, edits or deletes a registration
        # here; a seat is given up through webinars.services.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "cancel/<int:pk>/",
                admin_views.CancelRegistrationView.as_view(),
                name="cancel",
            ),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_permissions_to_register(self):
        # Group settings offer "view" (see every webinar's registrants) and "change" (run
        # every webinar); add and delete mean nothing here.
        content_type = ContentType.objects.get_for_model(Registration)
        return Permission.objects.filter(
            content_type=content_type, codename__in=["view_registration", "change_registration"]
        )


class WebinarToolsViewSet(ViewSet):
    name = admin_views.TOOLS
    url_prefix = "webinars"
    icon = "calendar"
    menu_label = _("Seats and reminders")
    menu_item_class = RegistrantsMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.WebinarListView.as_view(), name="index"),
            path("<int:pk>/attendance/", admin_views.AttendanceView.as_view(), name="attendance"),
            path("<int:pk>/reminder/", admin_views.ReminderView.as_view(), name="reminder"),
        ]


class ScheduleViewSet(ViewSet):
    name = "webinar_schedule"
    url_prefix = "webinars/schedule"
    icon = "time"
    menu_label = _("Scheduling helper")

    def get_urlpatterns(self):
        return [path("", admin_views.ScheduleView.as_view(), name="index")]


class WebinarsMenu(ViewSetGroup):
    menu_label = _("Webinars")
    menu_icon = "calendar"
    menu_order = 305
    items = (WebinarToolsViewSet, RegistrationViewSet, ScheduleViewSet, faq_admin.FaqMenuViewSet)


@hooks.register("register_admin_viewset")
def register_webinar_viewsets():
    return WebinarsMenu()


def _webinar_buttons(page, user, priority):
    """Registrants, attendance and reminder for a webinar page, to staff who may see them."""
    if not issubclass(page.specific_class or type(page), WebinarPage):
        return []
    webinar = page.specific_deferred
    if not permissions.can_view_registrants(user, webinar):
        return []
    buttons = [
        Button(
            _("Registrants"),
            url=admin_views.registrants_url(webinar),
            icon_name="group",
            priority=priority,
        )
    ]
    if permissions.can_manage(user, webinar):
        buttons.append(
            Button(
                _("Mark attendance"),
                url=admin_views.attendance_url(webinar),
                icon_name="tasks",
                priority=priority + 1,
            )
        )
        if not webinar.is_past():
            buttons.append(
                Button(
                    _("Send reminder"),
                    url=admin_views.reminder_url(webinar),
                    icon_name="mail",
                    priority=priority + 2,
                )
            )
    return buttons


@hooks.register("register_page_header_buttons")
def webinar_header_buttons(page, user, view_name=None, next_url=None):
    return _webinar_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def webinar_listing_buttons(page, user, next_url=None):
    return _webinar_buttons(page, user, priority=80)
