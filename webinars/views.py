"""The webinar list, a webinar's page, registration and its links; the rules live in services."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from portal.clients import client_address
from portal.models import PartnerOrganisation
from portal.text import page_number
from portal.timezones import MINISTRY_TIME_ZONE, zone_label

from . import services
from .forms import RegistrationForm
from .models import PAST_WEBINARS_PER_PAGE, Registration

# Longest filter value read from the query string; anything longer is not a known value.
MAX_FILTER_LENGTH = 20


def absolute_route_url(page, name, *args):
    """Absolute URL of one of a routable page's routes, in the active language."""
    return page.full_url.rstrip("/") + "/" + page.reverse_subpage(name, args=args)


# Time ------------------------------------------------------------------------------------


def zone_times(starts_at, zones):
    """The start in each zone: [{zone, label, local}], the ministry's zone first, no repeats."""
    seen = []
    for name in [MINISTRY_TIME_ZONE, *zones]:
        if name and name not in seen:
            seen.append(name)
    return [
        {"zone": name, "label": zone_label(name), "local": starts_at.astimezone(ZoneInfo(name))}
        for name in seen
    ]


def partner_zones(webinar, co_hosts=None):
    """The co-hosts' zones (see PartnerOrganisation.time_zone), in the co-hosts' order."""
    hosts = webinar.co_hosts.all() if co_hosts is None else co_hosts
    return [partner.time_zone for partner in hosts if partner.time_zone]


# The list --------------------------------------------------------------------------------


def _choice(request, name, known):
    """The query string's value for a filter: (value or "", whether it was unknown)."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return "", False
    if len(raw) <= MAX_FILTER_LENGTH and raw in known:
        return raw, False
    return "", True


def listing_context(index, request):
    """Upcoming webinars (soonest first) and past ones (newest first, paged), filtered by
    partner and by a language one can follow them in."""
    now = timezone.now()
    confirmed = Count(
        "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
    )
    webinars = list(
        index.webinars()
        .order_by("starts_at", "pk")
        .annotate(confirmed_count=confirmed)
        .prefetch_related("co_hosts")
    )
    partners = {
        str(p.pk): p
        for p in PartnerOrganisation.objects.filter(webinars__in=[w.pk for w in webinars])
        .distinct()
        .order_by("sort_order", "name")
    }
    languages = dict(settings.LANGUAGES)
    partner, unknown_partner = _choice(request, "partner", partners)
    language, unknown_language = _choice(request, "language", languages)

    def shown(webinar):
        if partner and int(partner) not in {p.pk for p in webinar.co_hosts.all()}:
            return False
        return not language or language in webinar.followable_languages()

    matching = [w for w in webinars if shown(w)]
    upcoming = [w for w in matching if not w.is_past(now)]
    past = [w for w in reversed(matching) if w.is_past(now)]
    past_page = Paginator(past, PAST_WEBINARS_PER_PAGE).get_page(
        page_number(request.GET.get("page"))
    )
    for webinar in upcoming + list(past_page.object_list):
        webinar.zone_times = zone_times(webinar.starts_at, partner_zones(webinar))
    return {
        "upcoming": upcoming,
        "past_page": past_page,
        "partner_options": [(pk, p.name) for pk, p in partners.items()],
        "language_options": list(languages.items()),
        "partner": partner,
        "language": language,
        "is_filtered": bool(partner or language),
        "unknown_filter": unknown_partner or unknown_language,
        "feed_url": index.url + index.reverse_subpage("feed"),
        "now": now,
    }


# A webinar's page --------------------------------------------------------------------------


def webinar_context(webinar, request):
    from qa.views import qr_svg, room_url

    now = timezone.now()
    room = webinar.room()
    live = room is not None and room.is_open and webinar.is_live(now)
    co_hosts = list(webinar.co_hosts.all())
    context = {
        "now": now,
        "is_past": webinar.is_past(now),
        "is_live": live,
        "room": room if live else None,
        "zone_times": zone_times(webinar.starts_at, partner_zones(webinar, co_hosts)),
        "co_hosts": co_hosts,
        "spoken_languages": [
            (code, name) for code, name in settings.LANGUAGES if code in webinar.languages
        ],
        "interpretation_languages": [
            (code, name) for code, name in settings.LANGUAGES if code in webinar.interpretation
        ],
        "attachments": webinar.attachments_for_reader(),
        "cases": webinar.presented_cases(),
        "report": webinar.report() if webinar.is_past(now) else None,
        "registration_open": webinar.registration_is_open(now),
        "seats_left": _seats_left(webinar),
        "register_url": webinar.url + webinar.reverse_subpage("register"),
        "calendar_url": webinar.url + webinar.reverse_subpage("calendar"),
    }
    if live:
        # The button leads to the room in the reader's language; the QR code, read by phones
        # in any language, to the language-neutral address.
        context.update(
            {
                "room_url": reverse("qa:room", args=[room.code]),
                "room_qr": qr_svg(room_url(request, room)),
            }
        )
    return context


def _seats_left(webinar):
    if webinar.capacity is None:
        return None
    return max(webinar.capacity - webinar.seats_taken(), 0)


# Registering ---------------------------------------------------------------------------


@never_cache
@csrf_protect
def register(request, webinar):
    now = timezone.now()
    status = 200
    error = None
    if not webinar.registration_is_open(now):
        return _render(request, webinar, "webinars/registration_closed.html", {}, status=410)
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.caught_robot():
            return redirect(webinar.url)  # a robot gets nothing to learn from
        if form.is_valid():
            try:
                services.count_registration(client_address(request))
                fields = {name: form.cleaned_data[name] for name in RegistrationForm.Meta.fields}
                registration = services.register(webinar, **fields, now=now)
            except services.RegistrationError as refusal:
                if refusal.field:
                    form.add_error(refusal.field, refusal.message)
                else:
                    error = refusal.message
                status = {"rate_limited": 429, "closed": 410}.get(refusal.code, 400)
            else:
                token = services.registration_token(registration)
                return redirect(webinar.url + webinar.reverse_subpage("registration", args=[token]))
        else:
            status = 400
    elif request.method in ("GET", "HEAD"):
        form = RegistrationForm()
    else:
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    context = {"form": form, "error": error, "seats_left": _seats_left(webinar)}
    return _render(request, webinar, "webinars/register.html", context, status=status)


# The last breadcrumb of each step below a webinar page.
STEPS = {
    "webinars/register.html": _("Registration"),
    "webinars/registration_closed.html": _("Registration"),
    "webinars/registration.html": _("Your registration"),
    "webinars/cancel.html": _("Cancel registration"),
    "webinars/link_error.html": _("Your registration"),
}


def _render(request, webinar, template, context, status=200):
    context = {
        "page": webinar,
        "self": webinar,
        "breadcrumb_step": STEPS.get(template),
        "zone_times": zone_times(webinar.starts_at, partner_zones(webinar)),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _registration_or_error(request, webinar, token):
    try:
        return services.registration_from_token(webinar, token), None
    except services.RegistrationError as refusal:
        status = 410 if refusal.code == "expired" else 404
        response = _render(
            request, webinar, "webinars/link_error.html", {"message": refusal.message}, status
        )
        return None, response


@never_cache
def registration_detail(request, webinar, token):
    """What the registrant sees after registering, and from the link in their e-mail."""
    registration, error = _registration_or_error(request, webinar, token)
    if error:
        return error
    context = {
        "registration": registration,
        "token": token,
        "waiting_position": _waiting_position(registration),
        "calendar_url": webinar.url
        + webinar.reverse_subpage("registration_calendar", args=[token]),
        "cancel_url": webinar.url + webinar.reverse_subpage("cancel", args=[token]),
    }
    return _render(request, webinar, "webinars/registration.html", context)


def _waiting_position(registration):
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        webinar_id=registration.webinar_id,
        status=Registration.Status.WAITING,
        created_at__lt=registration.created_at,
    ).count()
    return ahead + 1


@never_cache
def registration_calendar(request, webinar, token):
    from .calendar import registration_ics

    registration, error = _registration_or_error(request, webinar, token)
    if error:
        return error
    if registration.status == Registration.Status.CANCELLED:
        return _render(
            request,
            webinar,
            "webinars/link_error.html",
            {"message": _("This registration was cancelled.")},
            status=410,
        )
    return _ics_response(registration_ics(registration), webinar.slug)


@never_cache
@csrf_protect
def cancel_registration(request, webinar, token):
    registration, error = _registration_or_error(request, webinar, token)
    if error:
        return error
    error_message = None
    status = 200
    if request.method == "POST":
        try:
            registration, _promoted = services.cancel(registration)
        except services.RegistrationError as refusal:
            error_message = refusal.message
            status = 400
        else:
            return redirect(webinar.url + webinar.reverse_subpage("registration", args=[token]))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    context = {
        "registration": registration,
        "error": error_message,
        "registration_url": webinar.url + webinar.reverse_subpage("registration", args=[token]),
    }
    return _render(request, webinar, "webinars/cancel.html", context, status=status)


# Calendars -----------------------------------------------------------------------------


def _ics_response(content, name):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    # RFC 6266 with a UTF-8 fallback: a Korean or Russian slug names the file as it reads.
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.ics")
    return response


def webinar_calendar(request, webinar):
    from .calendar import webinar_ics

    return _ics_response(webinar_ics(webinar), webinar.slug)


def calendar_feed(request, index):
    """Every upcoming webinar, for calendar applications to subscribe to."""
    from .calendar import feed_ics

    response = HttpResponse(feed_ics(index), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "webinars.ics")
    return response
