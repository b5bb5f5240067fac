"""The webinar page's admin form: the start typed on the event's clock, languages as checkboxes.

Staff in Seoul schedule a webinar that starts at 10:00 in Santiago by typing 10:00 and choosing
America/Santiago, whatever their own admin time zone: the form shows and reads the start in the
zone chosen on the same form, and stores the UTC instant.

(webinars.models imports this module, so nothing here imports webinars.models at load time.)
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a zone (Django's field would read it in the admin
    user's zone and refuse ambiguous times): the form reads it in the event's zone."""

    widget = AdminDateTimeInput

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            # Each of the site's input formats in turn (BaseTemporalField), never a zone.
            result = super(forms.DateTimeField, self).to_python(value)
        return result


def _in_site_order(codes):
    return [code for code, _name in settings.LANGUAGES if code in set(codes or [])]


def staff_users():
    """Active users with access to the admin, by name."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    admin_access = Q(groups__permissions__codename="access_admin") | Q(
        user_permissions__codename="access_admin"
    )
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | admin_access, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class WebinarPageForm(WagtailAdminPageForm):
    starts_at = WallClockDateTimeField(
        label=capfirst(_("starts at")),
        help_text=_("Date and time in the event's time zone (below)."),
    )
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages spoken")),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages the speakers use."),
    )
    interpretation = forms.MultipleChoiceField(
        label=capfirst(_("interpretation into")),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Languages offered through simultaneous interpretation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.starts_at and instance.time_zone and "starts_at" in self.fields:
            # Shown on the event's clock, as staff typed it.
            local = instance.starts_at.astimezone(ZoneInfo(instance.time_zone))
            self.initial["starts_at"] = local.replace(tzinfo=None)
        if "organisers" in self.fields:
            # Only people who can use the admin can run a webinar.
            self.fields["organisers"].queryset = staff_users()

    def clean_languages(self):
        return _in_site_order(self.cleaned_data.get("languages"))

    def clean_interpretation(self):
        return _in_site_order(self.cleaned_data.get("interpretation"))

    def clean(self):
        cleaned_data = super().clean()
        wall = cleaned_data.get("starts_at")
        zone = cleaned_data.get("time_zone")
        if wall is None:
            return cleaned_data
        if not zone:  # the zone's own error is shown; never keep a time without its zone
            if wall.tzinfo is None:
                del cleaned_data["starts_at"]
            return cleaned_data
        if wall.tzinfo is not None:  # typed with an explicit offset: that instant
            cleaned_data["starts_at"] = wall.astimezone(UTC)
            return cleaned_data
        from .schedule import NonexistentTimeError, wall_time_to_utc

        try:
            cleaned_data["starts_at"] = wall_time_to_utc(wall, zone)
        except NonexistentTimeError:
            self.add_error(
                "starts_at",
                forms.ValidationError(
                    _(
                        "%(time)s does not exist in %(zone)s: the clocks skip that hour "
                        "(daylight saving time begins). Choose another time."
                    ),
                    code="nonexistent_time",
                    params={"time": wall.strftime("%Y-%m-%d %H:%M"), "zone": zone},
                ),
            )
        return cleaned_data
