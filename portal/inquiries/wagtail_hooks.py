"""Cooperation inquiries in the Wagtail admin.

Who sees what, in one place: staff whose groups hold the inquiry model's change
permission (or superusers) see and follow up every inquiry; there is no
per-inquiry rule. Nobody adds an inquiry from the admin: inquiries come from the
public form only. Staff change the status, the assignee and their notes; what the
requester typed is shown read-only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Inquiry

# Actions that would create an inquiry from the admin ("copy" creates one too).
FORBIDDEN_ACTIONS = frozenset({"add", "copy"})


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, minus creating inquiries from the admin."""

    def user_has_permission(self, user, action):
        return action not in FORBIDDEN_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in FORBIDDEN_ACTIONS]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


# Registered before the viewset asks for a policy (Wagtail 8 warns otherwise).
register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))

REQUESTER_FIELDS = [
    "organisation",
    "contact_name",
    "email",
    "country",
    "kind",
    "topic",
    "message",
    "preferred_language",
    "related_case",
    "language",
    "created_at",
]


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    icon = "mail"
    menu_label = _("Cooperation inquiries")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "reference",
        "organisation",
        "status",
        "kind",
        "country",
        "assignee",
        "created_at",
    ]
    list_filter = ["status", "kind", "assignee", "country"]
    search_fields = ["reference", "organisation", "contact_name", "email", "topic"]
    search_backend_name = None  # plain database lookups: inquiries are not in the search index
    ordering = ["-created_at", "-pk"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("assignee")]),
                FieldPanel("staff_notes"),
            ],
            heading=_("Follow-up"),
        ),
        MultiFieldPanel(
            [FieldPanel(name, read_only=True) for name in REQUESTER_FIELDS],
            heading=_("What the requester sent"),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet("cooperation_inquiries")
