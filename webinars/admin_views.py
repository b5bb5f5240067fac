"""Staff views for running webinars: registrants (list, export, cancel), attendance, the
reminder, and the scheduling helper. Thin: parse, ask webinars.permissions, call
webinars.services or webinars.schedule, render."""

from datetime import datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_tasks.base import TaskResultStatus
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from portal.models import PartnerOrganisation
from portal.text import csv_safe
from portal.timezones import MINISTRY_TIME_ZONE, time_zone_choices, zone_label

from . import permissions, schedule, services
from .models import DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES, Registration, WebinarPage

CSV_DATE_FORMAT = "%Y-%m-%d %H:%M"
# The scheduling helper accepts dates this close to today (further out, nobody plans yet).
SCHEDULE_YEARS = 5

# URL names (namespaces are the viewsets' names in webinars/wagtail_hooks.py).
REGISTRANTS = "webinar_registrants"
TOOLS = "webinar_tools"


def registrants_url(webinar=None):
    url = reverse(f"{REGISTRANTS}:index")
    return f"{url}?webinar={webinar.pk}" if webinar else url


def attendance_url(webinar):
    return reverse(f"{TOOLS}:attendance", args=[webinar.pk])


def reminder_url(webinar):
    return reverse(f"{TOOLS}:reminder", args=[webinar.pk])


def cancel_url(registration, next_url=None):
    url = reverse(f"{REGISTRANTS}:cancel", args=[quote(registration.pk)])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def local_when(moment, zone_name):
    """ "Tue, 12 May 2026, 10:00 (Seoul)": a moment on the clocks of one zone."""
    local = moment.astimezone(ZoneInfo(zone_name))
    return gettext("%(day)s, %(date)s, %(time)s (%(zone)s)") % {
        "day": formats.date_format(local, "D"),
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": local.strftime("%H:%M"),
        "zone": zone_label(zone_name),
    }


def webinar_when(webinar):
    return local_when(webinar.starts_at, webinar.time_zone)


def _portal_clock(moment):
    """A naive datetime on the portal's clock, to the minute (spreadsheets have no zones)."""
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).replace(
        tzinfo=None, second=0, microsecond=0
    )


# Registrants ----------------------------------------------------------------------------------


class WebinarChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, webinar):
        return f"{webinar.title} ({webinar.local_start:%Y-%m-%d})"


class WebinarFilter(django_filters.ModelChoiceFilter):
    field_class = WebinarChoiceField


def visible_webinars(request):
    if request is None:
        return WebinarPage.objects.none()
    return permissions.webinars_for(request.user).order_by("-starts_at")


class RegistrationFilterSet(WagtailFilterSet):
    webinar = WebinarFilter(queryset=visible_webinars, label=_("Webinar"))
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All"))

    class Meta:
        model = Registration
        fields = ["webinar", "status", "attended", "country", "language"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the countries the staff member's registrants come from, not every country.
        user = getattr(request, "user", None)
        codes = (
            permissions.registrations_for(user)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        names = {code: str(Registration(country=code).country.name) for code in codes}
        self.filters["country"].extra["choices"] = sorted(names.items(), key=lambda item: item[1])


class YesNoColumn(BooleanColumn):
    """A flag as an icon with a translated Yes or No for screen readers."""

    cell_template_name = "webinars/admin/flag_cell.html"


class RegistrationIndexView(IndexView):
    any_permission_required = [permissions.VIEW]
    list_export = [
        "name",
        "email",
        "organisation",
        "country",
        "role",
        "language",
        "webinar",
        "status",
        "attended",
        "created_at",
    ]
    custom_field_preprocess = {
        "created_at": {"csv": lambda value: value.strftime(CSV_DATE_FORMAT)},
    }

    def get_base_queryset(self):
        return permissions.registrations_for(self.request.user).select_related("webinar")

    @cached_property
    def managed_webinar_ids(self):
        return set(
            permissions.webinars_for(self.request.user, permissions.MANAGE).values_list(
                "pk", flat=True
            )
        )

    @cached_property
    def filtered_webinar(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("webinar")
        return None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        webinar = self.filtered_webinar
        if webinar is not None and webinar.pk in self.managed_webinar_ids:
            buttons.append(
                HeaderButton(_("Mark attendance"), url=attendance_url(webinar), icon_name="tasks")
            )
            if not webinar.is_past():
                buttons.append(
                    HeaderButton(_("Send reminder"), url=reminder_url(webinar), icon_name="mail")
                )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if (
            instance.status in Registration.ACTIVE
            and instance.webinar_id in self.managed_webinar_ids
            and not instance.webinar.is_past()
        ):
            buttons.append(
                Button(
                    _("Cancel registration"),
                    url=cancel_url(instance, self.request.get_full_path()),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    # Export ---------------------------------------------------------------------------------

    def get_filename(self):
        webinar = self.filtered_webinar
        # The English slug: an ASCII name every browser saves as is, whatever the admin language.
        return f"registrants-{webinar.slug_en or webinar.pk}" if webinar else "registrants"

    def get_heading(self, queryset, field):
        if field == "created_at":
            return gettext("Registered (%(zone)s)") % {"zone": zone_label(settings.TIME_ZONE)}
        return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        return {
            "name": item.name,
            "email": item.email,
            "organisation": item.organisation,
            "country": str(item.country.name),
            "role": item.role,
            "language": str(item.get_language_display()),
            "webinar": item.webinar.title,
            "status": str(item.get_status_display()),
            "attended": gettext("yes") if item.attended else gettext("no"),
            "created_at": _portal_clock(item.created_at),
        }

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: csv_safe(value) for field, value in row_dict.items()}
        )

    def stream_csv(self, queryset):
        yield "\ufeff".encode()  # the BOM lets Excel read UTF-8 (Korean, Cyrillic)
        yield from super().stream_csv(queryset)


class RegistrationInspectView(InspectView):
    any_permission_required = [permissions.VIEW]

    def get_object(self, queryset=None):
        return get_object_or_404(
            permissions.registrations_for(self.request.user), pk=unquote(str(self.pk))
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        registration = self.object
        if (
            registration.status in Registration.ACTIVE
            and not registration.webinar.is_past()
            and permissions.can_manage(self.request.user, registration.webinar)
        ):
            buttons.append(
                Button(_("Cancel registration"), url=cancel_url(registration), icon_name="cross")
            )
        return buttons


class CancelRegistrationView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then cancel through webinars.services: the first person waiting gets the seat."""

    template_name = "webinars/admin/cancel_registration.html"
    page_title = _("Cancel registration")
    header_icon = "cross"

    def dispatch(self, request, pk):
        self.registration = get_object_or_404(
            permissions.registrations_for(request.user).select_related("webinar"), pk=pk
        )
        if not permissions.can_manage(request.user, self.registration.webinar):
            raise PermissionDenied
        self.next_url = get_valid_next_url_from_request(request) or registrants_url(
            self.registration.webinar
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.registration.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": registrants_url(), "label": capfirst(Registration._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.registration
        context.update(
            registration=registration,
            webinar=registration.webinar,
            when=webinar_when(registration.webinar),
            can_cancel=registration.status in Registration.ACTIVE
            and not registration.webinar.is_past(),
            frees_seat=registration.status == Registration.Status.CONFIRMED,
            next_url=self.next_url,
        )
        return context

    def post(self, request, pk):
        try:
            registration, promoted = services.cancel(self.registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect(self.next_url)
        messages.success(
            request,
            gettext("The registration of %(name)s is cancelled.") % {"name": registration.name},
        )
        if promoted:
            messages.success(
                request,
                ngettext(
                    "%(names)s moved from the waiting list to a seat.",
                    "%(names)s moved from the waiting list to seats.",
                    len(promoted),
                )
                % {"names": ", ".join(person.name for person in promoted)},
            )
        return redirect(self.next_url)


# One webinar: overview, attendance, reminder ---------------------------------------------------


class WebinarToolsMixin:
    """Views about one webinar, for staff who may run it (403 for anyone else)."""

    def dispatch(self, request, pk):
        self.webinar = get_object_or_404(WebinarPage, pk=pk)
        if not permissions.can_manage(request.user, self.webinar):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.webinar.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{TOOLS}:index"), "label": WebinarListView.page_title},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def confirmed(self):
        return self.webinar.registrations.filter(status=Registration.Status.CONFIRMED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            webinar=self.webinar,
            when=webinar_when(self.webinar),
            registrants_url=registrants_url(self.webinar),
        )
        return context


class LinksColumn(Column):
    cell_template_name = "webinars/admin/links_cell.html"


class WebinarListView(BaseListingView):
    """The webinars a staff member runs or follows: seats, waiting list, attendance, reminder."""

    page_title = _("Seats and reminders")
    header_icon = "calendar"
    paginate_by = 20
    index_url_name = f"{TOOLS}:index"
    verbose_name_plural = _("webinars")

    def dispatch(self, request, *args, **kwargs):
        if not permissions.may_use_admin_tools(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def managed_ids(self):
        return set(
            permissions.webinars_for(self.request.user, permissions.MANAGE).values_list(
                "pk", flat=True
            )
        )

    def get_queryset(self):
        def counted(status):
            return Count("registrations", filter=Q(registrations__status=status))

        return (
            permissions.webinars_for(self.request.user)
            .annotate(
                confirmed_count=counted(Registration.Status.CONFIRMED),
                waiting_count=counted(Registration.Status.WAITING),
                attended_count=Count(
                    "registrations",
                    filter=Q(
                        registrations__status=Registration.Status.CONFIRMED,
                        registrations__attended=True,
                    ),
                ),
            )
            .order_by("-starts_at")
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Webinar"), get_url=registrants_url),
            Column("when", label=_("Starts (event time)"), accessor=webinar_when),
            Column("seats", label=_("Seats taken"), accessor=self.seats),
            NumberColumn("waiting_count", label=_("Waiting list")),
            NumberColumn("attended_count", label=_("Attended")),
            DateColumn("reminder_sent_at", label=_("Reminder sent")),
            LinksColumn("links", label=_("Actions"), accessor=self.links),
        ]

    def seats(self, webinar):
        if webinar.capacity is None:
            return str(webinar.confirmed_count)
        return f"{webinar.confirmed_count} / {webinar.capacity}"

    def links(self, webinar):
        links = [(_("Registrants"), registrants_url(webinar))]
        if webinar.pk in self.managed_ids:
            links.append((_("Mark attendance"), attendance_url(webinar)))
            if not webinar.is_past():
                links.append((_("Send reminder"), reminder_url(webinar)))
        return links


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        self.fields["attended"].choices = [(str(r.pk), r.name) for r in self.registrations]
        self.initial["attended"] = [str(r.pk) for r in self.registrations if r.attended]


class AttendanceView(WebinarToolsMixin, WagtailAdminTemplateMixin, TemplateView):
    """A checkbox per seat taken; saving marks who came and who did not."""

    template_name = "webinars/admin/attendance.html"
    page_title = _("Mark attendance")
    header_icon = "tasks"

    def form(self, data=None):
        return AttendanceForm(data, registrations=self.confirmed().order_by("name", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.form()
        checked = set(form["attended"].value() or [])
        context.update(
            form=form,
            rows=[(r, str(r.pk) in checked) for r in form.registrations],
            started=self.webinar.starts_at <= timezone.now(),
        )
        return context

    def post(self, request, pk):
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Attendance could not be saved: see below."))
            return self.render_to_response(self.get_context_data(form=form))
        present = {int(pk) for pk in form.cleaned_data["attended"]}
        everyone = {r.pk for r in form.registrations}
        services.set_attendance(present, True, webinar_ids=[self.webinar.pk])
        services.set_attendance(everyone - present, False, webinar_ids=[self.webinar.pk])
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)d of %(total)d registrant attended.",
                "Attendance saved: %(count)d of %(total)d registrants attended.",
                len(everyone),
            )
            % {"count": len(present), "total": len(everyone)},
        )
        return redirect(attendance_url(self.webinar))


class ReminderView(WebinarToolsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then queue the reminder to everyone with a seat (a background task)."""

    template_name = "webinars/admin/reminder.html"
    page_title = _("Send reminder")
    header_icon = "mail"

    def refusal(self, count):
        if self.webinar.is_past():
            return _("This webinar has ended: there is nobody to remind.")
        if count == 0:
            return _("Nobody has a seat yet: there is nobody to remind.")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = self.confirmed().count()
        context.update(
            count=count,
            refusal=self.refusal(count),
            reminder_sent_at=self.webinar.reminder_sent_at,
            waiting_count=self.webinar.registrations.filter(
                status=Registration.Status.WAITING
            ).count(),
        )
        return context

    def post(self, request, pk):
        count = self.confirmed().count()
        refusal = self.refusal(count)
        if refusal:
            messages.error(request, refusal)
            return redirect(reminder_url(self.webinar))
        result = services.request_reminder(self.webinar)
        if result.status == TaskResultStatus.FAILED:
            messages.error(request, _("The reminder could not be sent. The server log says why."))
        else:
            messages.success(
                request,
                ngettext(
                    "The reminder is on its way to %(count)d registrant.",
                    "The reminder is on its way to %(count)d registrants.",
                    count,
                )
                % {"count": count},
            )
        return redirect(reverse(f"{TOOLS}:index"))


# Scheduling helper --------------------------------------------------------------------------


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, partner):
        return f"{partner.name} ({zone_label(partner.time_zone)})"


class ScheduleForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    zone = forms.ChoiceField(
        label=_("Time zone of that date and time"),
        choices=time_zone_choices,
        initial=MINISTRY_TIME_ZONE,
    )
    duration = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=15,
        max_value=MAX_DURATION_MINUTES,
        initial=DEFAULT_DURATION_MINUTES,
    )
    partners = PartnerChoiceField(
        label=_("Partners"),
        queryset=PartnerOrganisation.objects.exclude(time_zone=""),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Partners with a time zone; set a partner's zone under Snippets, Partner organisations."
        ),
    )
    working_days = forms.BooleanField(
        label=_("Monday to Friday only"),
        required=False,
        initial=True,
        help_text=_("Suggest only starts that fall on a working day for everyone."),
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        today = timezone.localdate()
        earliest = today.replace(year=today.year - SCHEDULE_YEARS, day=1)
        latest = today.replace(year=today.year + SCHEDULE_YEARS, day=1)
        if not earliest <= value <= latest:
            raise forms.ValidationError(
                ngettext(
                    "Choose a date within %(years)d year of today.",
                    "Choose a date within %(years)d years of today.",
                    SCHEDULE_YEARS,
                ),
                code="out_of_range",
                params={"years": SCHEDULE_YEARS},
            )
        return value

    def clean(self):
        cleaned_data = super().clean()
        day, clock, zone = (cleaned_data.get(name) for name in ("date", "time", "zone"))
        if day is None or clock is None or not zone:
            return cleaned_data
        try:
            cleaned_data["start"] = schedule.wall_time_to_utc(datetime.combine(day, clock), zone)
        except schedule.NonexistentTimeError:
            self.add_error(
                "time",
                forms.ValidationError(
                    _(
                        "%(time)s does not exist in %(zone)s on that day: the clocks skip "
                        "that hour (daylight saving time begins). Choose another time."
                    ),
                    code="nonexistent_time",
                    params={"time": clock.strftime("%H:%M"), "zone": zone},
                ),
            )
        return cleaned_data


class ScheduleView(WagtailAdminTemplateMixin, TemplateView):
    """A proposed start on every partner's clock, and the next starts that suit everyone."""

    template_name = "webinars/admin/schedule.html"
    page_title = _("Scheduling helper")
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = any(name in self.request.GET for name in ScheduleForm.base_fields)
        form = ScheduleForm(self.request.GET if bound else None)
        context["form"] = form
        opening, closing = schedule.WORKING_HOURS
        context["working_hours"] = f"{opening:02d}:00–{closing:02d}:00"
        if bound and form.is_valid():
            context.update(self.proposal(form.cleaned_data))
        return context

    def proposal(self, data):
        start, minutes = data["start"], data["duration"]
        ministry = schedule.Place(
            gettext("Ministry (%(city)s)") % {"city": zone_label(MINISTRY_TIME_ZONE)},
            MINISTRY_TIME_ZONE,
        )
        places = [ministry] + [
            schedule.Place(partner.name, partner.time_zone) for partner in data["partners"]
        ]
        slots = schedule.local_slots(start, minutes, places)
        zones = [place.zone for place in places]
        starts = schedule.suitable_starts(
            start, minutes, zones, working_days=data["working_days"], one_per_day=True
        )
        # Nothing suits everyone (Seoul and the Americas rarely share working hours): the
        # starts that ask least of everyone, with what they ask.
        compromises = (
            []
            if starts
            else schedule.least_inconvenient_starts(
                start, minutes, zones, working_days=data["working_days"]
            )
        )
        proposed_day = start.astimezone(ZoneInfo(data["zone"])).date()
        return {
            "places": places,
            # Each place's view of the session, with its date where that is another day.
            "slots": [(slot, slot.start.date() != proposed_day) for slot in slots],
            "outside": [slot.place.name for slot in slots if not slot.in_working_hours],
            "off_days": [
                slot.place.name
                for slot in slots
                if data["working_days"] and not slot.on_working_day
            ],
            "suggestions": [schedule.local_slots(s, minutes, places) for s in starts],
            "compromises": [
                (schedule.local_slots(s, minutes, places), outside) for s, outside in compromises
            ],
            "horizon_days": schedule.HORIZON // timedelta(days=1),
            "working_days": data["working_days"],
        }
