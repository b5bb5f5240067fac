"""Time arithmetic for scheduling webinars: a wall-clock time read in a zone, one start seen in
every zone, and the next starts that fall inside working hours everywhere.

Pure functions over aware datetimes and IANA zone names; nothing here reads the database.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .models import WORKING_HOURS

# The scheduling helper proposes starts on this grid, over this horizon.
STEP = timedelta(minutes=30)
HORIZON = timedelta(days=14)
SUGGESTIONS = 5
SATURDAY = 5  # datetime.weekday(): Monday is 0


class NonexistentTimeError(ValueError):
    """A wall-clock time the zone's clocks skip (the hour lost when daylight saving begins)."""


def _zone(zone):
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)


def wall_time_to_utc(wall, zone):
    """The UTC instant at which clocks in `zone` show the naive `wall` time.

    A time shown twice (the hour repeated when daylight saving ends) gives the first of the
    two; a time never shown raises NonexistentTimeError."""
    zone = _zone(zone)
    instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise NonexistentTimeError(wall)
    return instant


@dataclass(frozen=True)
class Place:
    """Someone whose clock matters: the ministry or a partner, and their zone."""

    name: str
    zone: str


@dataclass(frozen=True)
class LocalSlot:
    """A session as one place sees it."""

    place: Place
    start: datetime  # aware, in the place's zone
    end: datetime
    in_working_hours: bool
    on_working_day: bool

    @property
    def ends_next_day(self):
        return self.end.date() != self.start.date()


def local_span(start, minutes, zone):
    """The session's start and end on the clocks of `zone`."""
    zone = _zone(zone)
    return start.astimezone(zone), (start + timedelta(minutes=minutes)).astimezone(zone)


def in_working_hours(start, minutes, zone, hours=WORKING_HOURS):
    """Whether the whole session lies within the working hours of one local day in `zone`."""
    local_start, local_end = local_span(start, minutes, zone)
    opening, closing = time(hours[0]), time(hours[1])
    return (
        local_start.date() == local_end.date()
        and local_start.time() >= opening
        and local_end.time() <= closing
    )


def on_working_day(start, zone):
    """Whether the session starts on a Monday to Friday in `zone`."""
    return start.astimezone(_zone(zone)).weekday() < SATURDAY


def local_slots(start, minutes, places, hours=WORKING_HOURS):
    """The session at `start` (aware) as each place sees it, in the order given."""
    slots = []
    for place in places:
        local_start, local_end = local_span(start, minutes, place.zone)
        slots.append(
            LocalSlot(
                place=place,
                start=local_start,
                end=local_end,
                in_working_hours=in_working_hours(start, minutes, place.zone, hours),
                on_working_day=on_working_day(start, place.zone),
            )
        )
    return slots


def suits_everyone(start, minutes, zones, *, working_days=True, hours=WORKING_HOURS):
    return all(
        in_working_hours(start, minutes, zone, hours)
        and (not working_days or on_working_day(start, zone))
        for zone in zones
    )


def suitable_starts(
    start,
    minutes,
    zones,
    *,
    count=SUGGESTIONS,
    step=STEP,
    horizon=HORIZON,
    working_days=True,
    hours=WORKING_HOURS,
    one_per_day=False,
):
    """The first `count` starts from `start` (itself included), `step` apart and up to `horizon`
    later, at which the whole session lies inside working hours in every zone (and on a working
    day there, unless `working_days` is false); with `one_per_day`, the first of each day in
    the first zone. Fewer, or none, when the horizon runs out."""
    zones = list(dict.fromkeys(zones))
    found, days = [], set()
    candidate, last = start, start + horizon
    while candidate <= last and len(found) < count:
        day = candidate.astimezone(_zone(zones[0])).date() if zones else None
        if (not one_per_day or day not in days) and suits_everyone(
            candidate, minutes, zones, working_days=working_days, hours=hours
        ):
            found.append(candidate)
            days.add(day)
        candidate += step
    return found


def minutes_outside(start, minutes, zone, *, working_days=True, hours=WORKING_HOURS):
    """How many of the session's minutes fall outside working hours in `zone`; on a weekend
    there (when `working_days`), every minute counts twice: a day off weighs more than a
    late evening."""
    if working_days and not on_working_day(start, zone):
        return 2 * minutes
    local_start, _end = local_span(start, minutes, zone)
    outside = 0
    for offset in range(0, minutes, 15):  # quarter-hour steps: fine enough for people
        moment = (local_start + timedelta(minutes=offset)).time()
        if not time(hours[0]) <= moment < time(hours[1]):
            outside += min(15, minutes - offset)
    return outside


def least_inconvenient_starts(
    start,
    minutes,
    zones,
    *,
    count=SUGGESTIONS,
    step=STEP,
    horizon=HORIZON,
    working_days=True,
    hours=WORKING_HOURS,
):
    """When no start suits everyone: the `count` starts (one per day of the first zone, the
    ministry's) that put the fewest minutes outside working hours, summed over every zone;
    [(start, minutes outside)], fewest first, earlier first among equals."""
    zones = list(dict.fromkeys(zones))
    best_per_day = {}
    candidate, last = start, start + horizon
    while candidate <= last:
        cost = sum(
            minutes_outside(candidate, minutes, zone, working_days=working_days, hours=hours)
            for zone in zones
        )
        day = candidate.astimezone(_zone(zones[0])).date()
        if day not in best_per_day or cost < best_per_day[day][1]:
            best_per_day[day] = (candidate, cost)
        candidate += step
    ranked = sorted(best_per_day.values(), key=lambda item: (item[1], item[0]))
    return ranked[:count]
