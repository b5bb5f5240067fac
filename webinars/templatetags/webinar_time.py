"""A webinar's time as people read it: in the event's zone, with the zone's city and offset.

Django's `date` filter first converts an aware datetime to the current time zone (the
ministry's); these format the datetime in the zone it carries.
"""

from django import template
from django.utils import dateformat, formats
from django.utils.translation import gettext as _

from portal import timezones

register = template.Library()

# The one formatting of an offset and a zone's city (portal.timezones), for templates.
utc_offset = register.filter("utc_offset", timezones.utc_offset)


@register.filter
def zone_label(name):
    """ "America/Santo_Domingo" → "Santo Domingo"."""
    return timezones.zone_label(name) if name else ""


@register.simple_tag
def event_time(webinar):
    """ "Thursday, Oct. 29, 2020, 09:00–10:30 (New York, UTC−4)": the date in the active
    language's own format, the times in the event's zone."""
    start, end = webinar.local_start, webinar.local_end
    # Translators: a webinar's time, e.g. "Thursday, Oct. 29, 2020, 09:00–10:30 (New York,
    # UTC−4)"; reorder the parts as your language writes a date.
    return _("%(weekday)s, %(date)s, %(start)s–%(end)s (%(zone)s, %(offset)s)") % {
        "weekday": dateformat.format(start, "l"),
        "date": dateformat.format(start, formats.get_format("DATE_FORMAT")),
        "start": dateformat.format(start, "H:i"),
        "end": dateformat.format(end, "H:i"),
        "zone": zone_label(webinar.time_zone),
        "offset": utc_offset(start),
    }
