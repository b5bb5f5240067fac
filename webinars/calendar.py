"""Calendar files (.ics) for webinars: one webinar for anyone, the same webinar for one
registrant (with the link to join and their own links), and a feed of upcoming webinars.

A webinar has one UID in every file, public or a registrant's: a registrant who adds both gets
one event, and their copy wins because its DTSTAMP (the latest change, as RFC 5545 reads it
without a METHOD) is newer. No ORGANIZER or ATTENDEE: nobody processes RSVP replies, and the
file then carries nothing a registrant typed.
"""

from datetime import UTC, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Alarm, Calendar, Event
from wagtail.rich_text import expand_db_html

PRODID = "-//MPM Global Partnership Portal//Webinars//EN"
ALARM_BEFORE = timedelta(minutes=30)
# How often subscribed calendar applications should fetch the feed again.
FEED_REFRESH = timedelta(hours=6)
# Time zone rules a year either side of the events: enough for any application to tell
# standard from daylight time, small enough to keep the file short.
ZONE_MARGIN = timedelta(days=366)


def webinar_ics(webinar):
    """The webinar as anyone may see it, in the active language: never the join link."""
    calendar = _calendar()
    calendar.add_component(_public_event(webinar))
    return _serialise(calendar, [webinar])


def registration_ics(registration):
    """The webinar for one registrant, in their language: the join link once they have a seat,
    their registration and cancel links, and a waiting-list place marked tentative."""
    from .models import Registration
    from .services import registration_token
    from .views import absolute_route_url

    webinar = registration.webinar
    status = registration.status
    with translation.override(registration.language):
        token = registration_token(registration)
        page_url = webinar.full_url
        join_url = webinar.join_url if status == Registration.Status.CONFIRMED else ""
        lines = [
            _plain(webinar.summary),
            "",
            {
                Registration.Status.CONFIRMED: _("Your seat is confirmed."),
                Registration.Status.WAITING: _(
                    "You are on the waiting list: this entry is tentative until a seat is "
                    "yours. We will e-mail you when it is."
                ),
                Registration.Status.CANCELLED: _("This registration was cancelled."),
            }[status],
        ]
        if join_url:
            lines.append(_("Join the webinar: %(url)s") % {"url": join_url})
            instructions = _rich_text_plain(webinar.joining_instructions, page_url)
            if instructions:
                lines += ["", instructions]
        lines += ["", _("Webinar page: %(url)s") % {"url": page_url}]
        if status != Registration.Status.CANCELLED:
            lines += [
                _("Your registration: %(url)s")
                % {"url": absolute_route_url(webinar, "registration", token)},
                _("Cancel your registration: %(url)s")
                % {"url": absolute_route_url(webinar, "cancel", token)},
            ]
        event = _event(
            webinar,
            description="\n".join(lines).strip(),
            location=join_url or _plain(webinar.location),
            url=join_url or page_url,
            status={
                Registration.Status.CONFIRMED: "CONFIRMED",
                Registration.Status.WAITING: "TENTATIVE",
                Registration.Status.CANCELLED: "CANCELLED",
            }[status],
            revised_at=max(_revised_at(webinar), registration.status_changed_at),
        )
        calendar = _calendar()
        calendar.add_component(event)
        return _serialise(calendar, [webinar])


def feed_ics(index, now=None):
    """Every upcoming (not yet ended), live, public webinar below the index, soonest first,
    for calendar applications to subscribe to, in the active language."""
    from .models import MAX_DURATION_MINUTES
    from .views import absolute_route_url

    now = now or timezone.now()
    webinars = [
        webinar
        for webinar in index.webinars()
        .filter(starts_at__gt=now - timedelta(minutes=MAX_DURATION_MINUTES))
        .order_by("starts_at", "pk")
        if not webinar.is_past(now)
    ]
    calendar = _calendar()
    calendar.calendar_name = f"{index.title} · {_('MPM Global Partnership Portal')}"
    if index.intro:
        calendar.description = _plain(index.intro)
    calendar.url = index.full_url
    calendar.source = absolute_route_url(index, "feed")
    # RFC 7986 wants the value type spelled out; Outlook and Google read X-PUBLISHED-TTL.
    calendar.add("REFRESH-INTERVAL", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", FEED_REFRESH)
    for webinar in webinars:
        calendar.add_component(_public_event(webinar, now))
    return _serialise(calendar, webinars)


# Building blocks ---------------------------------------------------------------------------


def _calendar():
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    return calendar


def _public_event(webinar, now=None):
    from .views import absolute_route_url

    page_url = webinar.full_url
    lines = [_plain(webinar.summary), "", _("Webinar page: %(url)s") % {"url": page_url}]
    if webinar.registration_is_open(now):
        lines.append(_("Register: %(url)s") % {"url": absolute_route_url(webinar, "register")})
    return _event(
        webinar,
        description="\n".join(lines).strip(),
        location=_plain(webinar.location),
        url=page_url,
        status="CONFIRMED",
        revised_at=_revised_at(webinar),
    )


def _event(webinar, *, description, location, url, status, revised_at):
    stamp = revised_at.astimezone(UTC)
    minutes = int(ALARM_BEFORE.total_seconds() // 60)
    event = Event.new(
        uid=webinar_uid(webinar),
        summary=webinar.title,
        description=description,
        start=webinar.local_start,
        end=webinar.local_end,
        location=location or None,
        url=url,
        status=status,
        stamp=stamp,
        last_modified=stamp,
    )
    event.add_component(
        Alarm.new_display(
            description=ngettext(
                "%(title)s starts in %(minutes)s minute.",
                "%(title)s starts in %(minutes)s minutes.",
                minutes,
            )
            % {"title": webinar.title, "minutes": minutes},
            trigger=-ALARM_BEFORE,
        )
    )
    return event


def webinar_uid(webinar):
    """The webinar's UID in every calendar file: stable for the page, unique to this site."""
    site = webinar.get_site()
    return f"webinar-{webinar.pk}@{site.hostname if site else 'localhost'}"


def _revised_at(webinar):
    """When the webinar last changed for a calendar (a page never published: now)."""
    return webinar.last_published_at or webinar.latest_revision_created_at or timezone.now()


def _serialise(calendar, webinars):
    if webinars:
        calendar.add_missing_timezones(
            first_date=min(w.local_start for w in webinars).date() - ZONE_MARGIN,
            last_date=max(w.local_end for w in webinars).date() + ZONE_MARGIN,
        )
    return calendar.to_ical()


# Text --------------------------------------------------------------------------------------


def _plain(text):
    """Plain text typed by an editor, each line tidied, blank runs collapsed."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    paragraphs = "\n".join(lines).strip()
    while "\n\n\n" in paragraphs:
        paragraphs = paragraphs.replace("\n\n\n", "\n\n")
    return paragraphs


def _rich_text_plain(html, base_url):
    """Rich text as plain text: paragraphs and list items on their own lines, each link's
    address after its words (absolute, so it works from a calendar)."""
    if not html:
        return ""
    parser = _TextExtractor(base_url)
    parser.feed(expand_db_html(str(html)))
    parser.close()
    return _plain("".join(parser.parts))


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"})

    def __init__(self, base_url):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.parts = []
        self.links = []  # (href, index in parts where the link's words start)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((urljoin(self.base_url, href) if href else "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n" if tag == "p" else "\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if href and href != words and not href.startswith("#"):
                address = href.removeprefix("mailto:")
                self.parts.append(f" ({address})" if words else address)

    def handle_data(self, data):
        self.parts.append(data)
