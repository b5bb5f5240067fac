"""The scheduling arithmetic: wall-clock times in a zone, working hours in every zone, and the
next starts that suit everyone, across daylight-saving changes (Santiago, New York) and in
zones without them (Seoul, Montevideo, Almaty)."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from webinars import schedule
from webinars.schedule import NonexistentTimeError, Place, wall_time_to_utc

SEOUL = ZoneInfo("Asia/Seoul")


def seoul(*args):
    return datetime(*args, tzinfo=SEOUL)


def in_seoul(starts):
    return [start.astimezone(SEOUL).strftime("%a %m-%d %H:%M") for start in starts]


@pytest.mark.parametrize(
    ("wall", "zone", "utc"),
    [
        # No daylight saving: the same offset all year.
        (datetime(2026, 3, 8, 2, 30), "Asia/Seoul", datetime(2026, 3, 7, 17, 30)),
        (datetime(2026, 7, 1, 10, 0), "Asia/Seoul", datetime(2026, 7, 1, 1, 0)),
        (datetime(2026, 1, 15, 10, 0), "America/Montevideo", datetime(2026, 1, 15, 13, 0)),
        (datetime(2026, 7, 15, 10, 0), "America/Montevideo", datetime(2026, 7, 15, 13, 0)),
        (datetime(2026, 1, 15, 10, 0), "Asia/Almaty", datetime(2026, 1, 15, 5, 0)),
        (datetime(2026, 7, 15, 10, 0), "Asia/Almaty", datetime(2026, 7, 15, 5, 0)),
        # Either side of a change: winter and summer offsets.
        (datetime(2026, 3, 7, 10, 0), "America/New_York", datetime(2026, 3, 7, 15, 0)),
        (datetime(2026, 3, 9, 10, 0), "America/New_York", datetime(2026, 3, 9, 14, 0)),
        (datetime(2026, 4, 4, 10, 0), "America/Santiago", datetime(2026, 4, 4, 13, 0)),
        (datetime(2026, 4, 6, 10, 0), "America/Santiago", datetime(2026, 4, 6, 14, 0)),
        # The hour repeated when daylight saving ends: the first of the two.
        (datetime(2026, 11, 1, 1, 30), "America/New_York", datetime(2026, 11, 1, 5, 30)),
        (datetime(2026, 4, 4, 23, 30), "America/Santiago", datetime(2026, 4, 5, 2, 30)),
    ],
)
def test_a_wall_clock_time_is_read_in_its_zone(wall, zone, utc):
    assert wall_time_to_utc(wall, zone) == utc.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("wall", "zone"),
    [
        (datetime(2026, 3, 8, 2, 30), "America/New_York"),
        (datetime(2026, 9, 6, 0, 30), "America/Santiago"),
    ],
)
def test_a_time_the_clocks_skip_is_refused(wall, zone):
    with pytest.raises(NonexistentTimeError):
        wall_time_to_utc(wall, zone)


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        (seoul(2026, 5, 12, 8, 0), 90, True),
        (seoul(2026, 5, 12, 18, 30), 90, True),  # ends at 20:00 sharp
        (seoul(2026, 5, 12, 7, 30), 60, False),
        (seoul(2026, 5, 12, 18, 31), 90, False),
        (seoul(2026, 5, 12, 19, 0), 12 * 60, False),  # runs past midnight
    ],
)
def test_working_hours_hold_the_whole_session(start, minutes, expected):
    assert schedule.in_working_hours(start, minutes, "Asia/Seoul") is expected


def test_the_same_seoul_morning_moves_an_hour_in_new_york_when_its_clocks_change():
    places = [Place("Ministry", "Asia/Seoul"), Place("IDB", "America/New_York")]
    before = schedule.local_slots(seoul(2026, 3, 6, 8, 0), 90, places)
    after = schedule.local_slots(seoul(2026, 3, 10, 8, 0), 90, places)

    assert [slot.place.name for slot in before] == ["Ministry", "IDB"]
    assert before[1].start.strftime("%a %d %H:%M") == "Thu 05 18:00"
    assert before[1].end.strftime("%H:%M") == "19:30"
    assert before[1].in_working_hours
    assert after[1].start.strftime("%a %d %H:%M") == "Mon 09 19:00"
    assert after[1].end.strftime("%H:%M") == "20:30"
    assert not after[1].in_working_hours
    assert before[0].in_working_hours and after[0].in_working_hours


def test_a_session_that_crosses_midnight_says_so():
    (slot,) = schedule.local_slots(
        seoul(2026, 5, 12, 9, 0), 90, [Place("Santo Domingo", "America/Santo_Domingo")]
    )
    assert slot.start.strftime("%d %H:%M") == "11 20:00"
    assert slot.end.strftime("%d %H:%M") == "11 21:30"
    assert not slot.ends_next_day
    (late,) = schedule.local_slots(
        seoul(2026, 5, 12, 12, 30), 90, [Place("Santo Domingo", "America/Santo_Domingo")]
    )
    assert late.ends_next_day and not late.in_working_hours


def test_seoul_and_new_york_share_three_starts_a_day_before_the_us_change_and_one_after():
    start = seoul(2026, 3, 6, 9, 0)
    found = schedule.suitable_starts(
        start, 60, ["Asia/Seoul", "America/New_York"], count=9, working_days=False
    )
    assert in_seoul(found) == [
        "Fri 03-06 09:00",
        "Sat 03-07 08:00",
        "Sat 03-07 08:30",
        "Sat 03-07 09:00",
        "Sun 03-08 08:00",
        "Sun 03-08 08:30",
        "Sun 03-08 09:00",
        "Mon 03-09 08:00",  # New York is on summer time: 19:00–20:00 there
        "Tue 03-10 08:00",
    ]


def test_suggestions_fall_on_working_days_in_every_zone():
    found = schedule.suitable_starts(
        seoul(2026, 3, 6, 9, 0), 60, ["Asia/Seoul", "America/New_York"]
    )
    # A Monday morning in Seoul is still Sunday in New York.
    assert in_seoul(found) == [
        "Fri 03-06 09:00",
        "Tue 03-10 08:00",
        "Wed 03-11 08:00",
        "Thu 03-12 08:00",
        "Fri 03-13 08:00",
    ]


def test_seoul_and_santiago_meet_only_once_santiago_leaves_summer_time():
    # Summer in Santiago (UTC-3): Seoul's 08:00 is 20:00 there, so no hour is shared.
    # From 5 April (UTC-4) Seoul's 08:00 is 19:00 in Santiago.
    start = seoul(2026, 3, 30, 8, 0)
    zones = ["Asia/Seoul", "America/Santiago"]
    anyday = schedule.suitable_starts(start, 60, zones, count=3, working_days=False)
    assert in_seoul(anyday) == ["Mon 04-06 08:00", "Tue 04-07 08:00", "Wed 04-08 08:00"]
    weekdays = schedule.suitable_starts(start, 60, zones, count=3)
    assert in_seoul(weekdays) == ["Tue 04-07 08:00", "Wed 04-08 08:00", "Thu 04-09 08:00"]


def test_twelve_hours_apart_nothing_suits_everyone():
    assert (
        schedule.suitable_starts(seoul(2026, 3, 30, 8, 0), 60, ["Asia/Seoul", "America/Montevideo"])
        == []
    )


def test_seoul_and_almaty_share_the_afternoon():
    found = schedule.suitable_starts(
        seoul(2026, 3, 30, 8, 0), 90, ["Asia/Seoul", "Asia/Almaty"], count=3
    )
    assert in_seoul(found) == ["Mon 03-30 12:00", "Mon 03-30 12:30", "Mon 03-30 13:00"]


def test_suggestions_stop_at_the_horizon_and_at_the_count():
    start = seoul(2026, 5, 11, 10, 0)
    found = schedule.suitable_starts(start, 60, ["Asia/Seoul"], count=100)
    assert found[0] == start
    assert found[-1] <= start + schedule.HORIZON
    assert all(later - earlier >= schedule.STEP for earlier, later in pairwise(found))
    assert len(schedule.suitable_starts(start, 60, ["Asia/Seoul"])) == schedule.SUGGESTIONS


def test_a_zone_named_twice_counts_once():
    start = seoul(2026, 5, 11, 10, 0)
    once = schedule.suitable_starts(start, 60, ["Asia/Seoul"])
    assert schedule.suitable_starts(start, 60, ["Asia/Seoul", "Asia/Seoul"]) == once
    assert once[1] - once[0] == timedelta(minutes=30)


def test_one_suggestion_per_day_when_asked():
    start = seoul(2026, 3, 10, 9, 0)
    found = schedule.suitable_starts(start, 60, ["Asia/Seoul"], one_per_day=True)
    days = [moment.astimezone(ZoneInfo("Asia/Seoul")).date() for moment in found]
    assert len(found) == schedule.SUGGESTIONS and len(set(days)) == len(days)


def test_when_nothing_suits_seoul_and_montevideo_the_least_inconvenient_starts_come_first():
    # Twelve hours apart, with twelve working hours each: an hour-long session always leaves
    # someone an hour outside their day; the helper finds starts that ask no more than that.
    zones = ["Asia/Seoul", "America/Montevideo"]
    start = seoul(2026, 3, 10, 9, 0)
    assert schedule.suitable_starts(start, 60, zones) == []
    compromises = schedule.least_inconvenient_starts(start, 60, zones)
    assert len(compromises) == schedule.SUGGESTIONS
    assert [outside for _start, outside in compromises] == [60] * schedule.SUGGESTIONS
    seoul_days = [moment.astimezone(ZoneInfo("Asia/Seoul")).date() for moment, _o in compromises]
    assert len(set(seoul_days)) == len(seoul_days)  # one per day
    for moment, _outside in compromises:  # working days on both sides
        for zone in zones:
            assert moment.astimezone(ZoneInfo(zone)).weekday() < 5


@pytest.mark.parametrize(
    ("local_start", "expected"),
    [((9, 0), 0), ((19, 30), 60), ((7, 0), 60), ((6, 0), 90)],
)
def test_minutes_outside_working_hours(local_start, expected):
    start = seoul(2026, 3, 10, *local_start)
    assert schedule.minutes_outside(start, 90, "Asia/Seoul") == expected
