"""Time zones people pick from: one list for partners, webinars and the scheduling helper."""

from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, available_timezones

# The ministry's own zone: every schedule shows it.
MINISTRY_TIME_ZONE = "Asia/Seoul"
_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@cache
def time_zone_names():
    """The zones people pick by country (the tz database's zone.tab: no old aliases such as
    "America/Buenos_Aires" or "US/Eastern"), sorted; by area where zone.tab is missing."""
    available = available_timezones()
    listed = set()
    for folder in TZPATH:
        table = Path(folder) / "zone.tab"
        if table.is_file():
            for line in table.read_text(encoding="utf-8").splitlines():
                fields = line.split("\t")
                if not line.startswith("#") and len(fields) >= 3:
                    listed.add(fields[2])
            break
    if not listed:
        listed = {name for name in available if name.split("/")[0] in _AREAS}
    return sorted(listed & available)


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


def zone_label(name):
    """A zone's city as people say it: "America/Santo_Domingo" → "Santo Domingo"."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


MINUS = "\u2212"


def utc_offset(moment):
    """ "UTC+9", "UTC−4", "UTC+5:30" or "UTC": an aware datetime's offset at that moment, as
    printed schedules say it."""
    offset = moment.utcoffset() if moment else None
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else MINUS}{hours}" + (f":{rest:02d}" if rest else "")
