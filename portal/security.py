"""Site-wide protections: admin sign-in lockout, password reset limit, Content-Security-Policy.

Counters live in the cache (Redis in production, so every process shares them),
keyed by the client address from portal.clients, never by a raw header.
"""

import contextlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from portal.cache import UNREACHABLE, counter_key, increment
from portal.clients import client_address

logger = logging.getLogger(__name__)


def _key(kind, *parts):
    return counter_key(f"security-{kind}", *parts)


def _count(key):
    try:
        return int(cache.get(key, 0))
    except UNREACHABLE:
        return 0


def _login_key(request, username):
    return _key("login", (username or "").strip().casefold(), client_address(request) or "")


class LockoutLoginForm(LoginForm):
    """Wagtail's login form, refusing a username from an address after too many wrong passwords.

    The lockout is per username and client address: the rightful owner signing in
    from elsewhere, and other people from the same office network, are unaffected.
    """

    def clean(self):
        username = self.data.get("username", "")
        key = _login_key(self.request, username)
        if _count(key) >= settings.ADMIN_LOGIN_MAX_FAILURES:
            raise self.locked_out_error()
        try:
            return super().clean()
        except ValidationError:
            if increment(key, settings.ADMIN_LOGIN_LOCKOUT_SECONDS) >= (
                settings.ADMIN_LOGIN_MAX_FAILURES
            ):
                logger.warning("Admin sign-in locked for a username after repeated failures")
                raise self.locked_out_error() from None
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        with contextlib.suppress(*UNREACHABLE):
            cache.delete(_login_key(self.request, self.data.get("username", "")))

    def locked_out_error(self):
        minutes = max(1, round(settings.ADMIN_LOGIN_LOCKOUT_SECONDS / 60))
        message = ngettext(
            "Too many failed sign-in attempts for this username from your address. "
            "Try again in %(minutes)s minute.",
            "Too many failed sign-in attempts for this username from your address. "
            "Try again in %(minutes)s minutes.",
            minutes,
        )
        return ValidationError(message, code="locked_out", params={"minutes": minutes})


class LimitedPasswordResetForm(PasswordResetForm):
    """Sends at most PASSWORD_RESETS_PER_HOUR reset emails per client address and per email.

    Over the limit the page answers as usual (it never tells whether an account
    exists) but no email goes out, so the form cannot flood a mailbox.
    """

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().casefold()
        keys = [_key("reset-address", client_address(request) or "") if request else None]
        keys.append(_key("reset-email", email))
        over = [
            key
            for key in keys
            if key and increment(key, 60 * 60) > settings.PASSWORD_RESETS_PER_HOUR
        ]
        if over:
            logger.warning("Password reset limit reached; no email sent")
            return None
        return super().save(*args, request=request, **kwargs)


def _policy_header(policy):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header to every response that has none yet.

    Our own middleware rather than Django 6's, so that the same code and policy
    serve Django 5.2 and 6.x; the admin's relaxations apply under /admin/ only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = _policy_header(settings.CONTENT_SECURITY_POLICY)
        self.admin = _policy_header(settings.CONTENT_SECURITY_POLICY_ADMIN)
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        # DEBUG's technical error pages style themselves inline: leave them readable.
        technical = settings.DEBUG and response.status_code >= 400
        if "Content-Security-Policy" not in response and not technical:
            admin = request.path_info.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = self.admin if admin else self.public
        return response
