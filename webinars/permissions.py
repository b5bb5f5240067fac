"""Who may see a webinar's registrants and run it (cancel seats, mark attendance, send the
reminder): the one place the admin's views, buttons and menus ask.

- Superusers, and staff whose groups hold `webinars.change_registration`, run every webinar.
- Staff holding `webinars.view_registration` see every webinar's registrants.
- A webinar's organisers (WebinarPage.organisers) see and run that webinar only.
- Nobody else sees any registrant.

Nobody adds, edits or deletes a registration in the admin: people register on the public
site, and a status changes only through webinars.services (a freed seat goes to the waiting
list). The live room's moderators are qa.services.can_moderate's business.
"""

from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Registration, WebinarPage

VIEW = "view"
MANAGE = "manage"
# The model permission that grants each action on every webinar.
CODENAMES = {VIEW: ("view_registration", "change_registration"), MANAGE: ("change_registration",)}


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def covers_all(user, action=VIEW):
    """Whether `user` may do `action` for every webinar (their groups' model permissions)."""
    return _active(user) and any(
        user.has_perm(f"webinars.{codename}") for codename in CODENAMES[action]
    )


def _codenames(actions):
    return {code for action in actions if action in CODENAMES for code in CODENAMES[action]}


def webinars_for(user, action=VIEW):
    """The webinars whose registrants `user` may see (VIEW) or whose seats they may manage."""
    if not _active(user):
        return WebinarPage.objects.none()
    if covers_all(user, action):
        return WebinarPage.objects.all()
    return WebinarPage.objects.filter(organisers=user)


def may(user, action, webinar):
    """Whether `user` may do `action` (VIEW or MANAGE) for this webinar."""
    if not _active(user):
        return False
    # Asked of the database: a page rebuilt from a draft holds its organisers in memory.
    return (
        covers_all(user, action)
        or WebinarPage.objects.filter(pk=webinar.pk, organisers=user).exists()
    )


def can_view_registrants(user, webinar):
    return may(user, VIEW, webinar)


def can_manage(user, webinar):
    return may(user, MANAGE, webinar)


def registrations_for(user, action=VIEW):
    """The registrations `user` may see (VIEW) or act on (MANAGE)."""
    if covers_all(user, action):
        return Registration.objects.all()
    return Registration.objects.filter(webinar__in=webinars_for(user, action))


def organises_any(user):
    return _active(user) and WebinarPage.objects.filter(organisers=user).exists()


def may_use_admin_tools(user):
    """The registrants menu: anyone who sees at least one webinar's registrants."""
    return covers_all(user, VIEW) or organises_any(user)


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """The rules above for Wagtail's generic views; "add", "change", "delete" and "copy" are
    refused to everyone, superusers included."""

    ACTIONS = (VIEW, MANAGE)

    @cached_property
    def _user_model(self):
        from django.contrib.auth import get_user_model

        return get_user_model()

    def user_has_permission(self, user, action):
        if action not in self.ACTIONS:
            return False
        return covers_all(user, action) or self._organises_any(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.ACTIONS and may(user, action, instance.webinar)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = Registration.objects.none()
        for action in set(actions) & set(self.ACTIONS):
            allowed = allowed | registrations_for(user, action)
        return allowed

    def users_with_any_permission(self, actions):
        codenames = _codenames(actions)
        if not codenames:
            return self._user_model.objects.none()
        by_permission = Q(pk__in=self._get_users_with_any_permission_codenames(codenames))
        organisers = Q(organised_webinars__isnull=False, is_active=True)
        return self._user_model.objects.filter(by_permission | organisers).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        codenames = _codenames(actions)
        if not codenames:
            return self._user_model.objects.none()
        by_permission = Q(pk__in=self._get_users_with_any_permission_codenames(codenames))
        organisers = Q(organised_webinars=instance.webinar_id, is_active=True)
        return self._user_model.objects.filter(by_permission | organisers).distinct()

    def _organises_any(self, user):
        # Asked once per row by the listing: remembered on the request's user object.
        if not _active(user):
            return False
        if not hasattr(user, "_webinars_organises_any"):
            user._webinars_organises_any = organises_any(user)
        return user._webinars_organises_any
