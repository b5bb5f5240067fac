"""Tags and filters for the public webinar pages: times in a zone, a webinar's state, the
recording player's address, the calendar feed's links.

Times are formatted in the zone of the datetime given (the event's, or a partner's), never
converted to the server's zone: these filters do not ask Django for local time.
"""

from datetime import UTC, timedelta

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.timezone import now as current_time
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.timezones import utc_offset, zone_label
from webinars import embeds

from .webinar_time import zone_label as zone_label_filter

register = template.Library()

register.filter("utc_offset", utc_offset)


@register.filter
def event_date(moment):
    """The weekday and date in the active language ("Thursday, Oct. 29, 2020")."""
    # Translators: a webinar's date; reorder to suit your language, e.g. "%(date)s %(weekday)s".
    return pgettext("webinar date", "%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(moment, "l"),
        "date": formats.date_format(moment, "DATE_FORMAT"),
    }


@register.filter
def clock(moment):
    """24-hour time ("09:00"), the same in every language, so zones compare at a glance."""
    return moment.strftime("%H:%M")


def _iso_utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.simple_tag
def webinar_when(webinar):
    """The start and end in the event's zone, with its city and offset.

    The <time> carries the UTC instants and the event's zone, so webinars.js can add the
    reader's own time when their zone is another one."""
    start, end = webinar.local_start, webinar.local_end
    return format_html(
        '<time class="webinar-when__time" datetime="{}" data-webinar-start data-end="{}" '
        'data-zone="{}" data-your-time="{}">{}, <span class="nowrap">{}–{}</span></time> '
        '<span class="webinar-when__zone nowrap">({}, {})</span>',
        _iso_utc(start),
        _iso_utc(end),
        webinar.time_zone,
        _("Your time"),
        event_date(start),
        clock(start),
        clock(end),
        zone_label(webinar.time_zone),
        utc_offset(start),
    )


@register.simple_tag
def zone_list(zone_times, webinar, heading_id=""):
    """The start in the ministry's and the partners' zones, leaving out the event's own."""
    others = [item for item in zone_times if item["zone"] != webinar.time_zone]
    if not others:
        return ""
    items = format_html_join(
        "",
        '<li><span class="webinar-zones__city">{}</span> '
        '<time datetime="{}">{}, {}</time> '
        '<span class="webinar-zones__offset nowrap">({})</span></li>',
        (
            (
                item["label"],
                _iso_utc(item["local"]),
                event_date(item["local"]),
                clock(item["local"]),
                utc_offset(item["local"]),
            )
            for item in others
        ),
    )
    return format_html(
        '<div class="webinar-zones"><p class="webinar-zones__heading">{}</p>'
        '<ul class="webinar-zones__list" data-testid="zone-times">{}</ul></div>',
        _("Start in other time zones:"),
        items,
    )


@register.simple_tag
def webinar_state(webinar, now=None):
    """Where a webinar stands for a reader: {code, label}; codes: live, past, open, waiting,
    closed (the list's badge and the page's call to action)."""
    now = now or current_time()
    if webinar.is_past(now):
        return {"code": "past", "label": pgettext("webinar state", "Past")}
    if webinar.starts_at <= now:
        return {"code": "live", "label": pgettext("webinar state", "Live now")}
    if not webinar.registration_is_open(now):
        return {"code": "closed", "label": pgettext("webinar state", "Registration closed")}
    if webinar.capacity is not None and webinar.seats_taken() >= webinar.capacity:
        return {"code": "waiting", "label": pgettext("webinar state", "Full: waiting list open")}
    return {"code": "open", "label": pgettext("webinar state", "Registration open")}


@register.filter
def language_names(codes):
    """[(code, name)] of the site languages among `codes`, in the site's order."""
    codes = set(codes or [])
    return [(code, name) for code, name in settings.LANGUAGES if code in codes]


@register.filter
def recording_embed(recording_url):
    """The player address webinars.js loads on a click, or "" when it cannot be embedded."""
    return embeds.embed_url(recording_url) or ""


@register.filter
def recording_service(recording_url):
    return embeds.recording_service(recording_url)


register.filter("zone_city", zone_label_filter)


@register.simple_tag(takes_context=True)
def feed_links(context, feed_url):
    """The calendar feed as calendar applications want it: a full address to paste into one,
    and a webcal:// link that opens the reader's calendar application."""
    url = context["request"].build_absolute_uri(feed_url)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@register.simple_tag
def webinar_sections(upcoming, past_page, is_filtered):
    """The list's two sections, so one loop renders every card the same way."""
    return [
        {
            "key": "upcoming",
            "heading": _("Upcoming webinars"),
            "webinars": upcoming,
            "pages": None,
            "empty": _("No upcoming webinar matches these filters.")
            if is_filtered
            else _(
                "No webinar is scheduled at the moment. Subscribe to the calendar above to "
                "hear of the next one."
            ),
        },
        {
            "key": "past",
            "heading": _("Past webinars"),
            "webinars": list(past_page.object_list),
            "pages": past_page,
            "empty": _("No past webinar matches these filters.")
            if is_filtered
            else _("No webinar has taken place yet."),
        },
    ]


# Webinars the home page announces.
HOME_WEBINARS = 3


@register.simple_tag
def upcoming_webinars(limit=HOME_WEBINARS):
    """The next live, public webinars that have not ended, soonest first (for the home page)."""
    from webinars.models import WebinarPage

    now = current_time()
    soon = WebinarPage.objects.live().public().filter(starts_at__gte=now - timedelta(days=1))
    return [webinar for webinar in soon.order_by("starts_at", "pk") if not webinar.is_past(now)][
        :limit
    ]
