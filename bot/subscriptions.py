"""Digest subscriptions: who gets which story, when, and the grammar users type to set one.

/hubs subscribe 07:30 Europe/Paris mon,wed,fri
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_SETS = {
    "weekdays": DAYS[:5],
    "daily": DAYS,
    "everyday": DAYS,
    "weekends": DAYS[5:],
}
DEFAULT_TIME = "08:00"
DEFAULT_DAYS = DAY_SETS["weekdays"]
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_DAY_ALIASES = {d: d for d in DAYS} | {
    "monday": "mon",
    "tues": "tue",
    "tuesday": "tue",
    "wednesday": "wed",
    "thur": "thu",
    "thurs": "thu",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


class ScheduleError(ValueError):
    """A schedule the user typed that we cannot read; the message says what to type."""


@dataclass(frozen=True)
class Schedule:
    time: str  # "HH:MM", 24-hour, local to `timezone`
    timezone: str  # IANA name
    days: tuple[str, ...]  # subset of DAYS, in week order

    def describe(self) -> str:
        days = next((name for name, ds in DAY_SETS.items() if ds == self.days), None)
        return f"{self.time} {self.timezone}, {days or ', '.join(self.days)}"


@dataclass(frozen=True)
class Subscription:
    platform: str
    workspace: str
    channel: str
    story: str
    schedule: Schedule
    user: str = ""
    created_at: str = ""


def on_demand(
    platform: str, workspace: str, channel: str, story: str, user: str, timezone: str
) -> Subscription:
    """What `/hubs digest now` delivers to: this channel, subscribed or not, on the default
    schedule (its time zone dates the digest)."""
    return Subscription(platform, workspace, channel, story, parse_schedule([], timezone), user)


def parse_schedule(words: list[str], default_timezone: str) -> Schedule:
    """Read `[HH:MM] [Area/City] [weekdays|daily|mon,wed,…]` in any order; defaults fill gaps."""
    time = zone = days = None
    for word in words:
        if _TIME.match(word):
            if time:
                raise ScheduleError(f"two times given ({time} and {word}); give one")
            time = _parse_time(word)
        elif "/" in word or word.upper() in ("UTC", "GMT"):
            zone = _parse_zone(word)
        else:
            days = _parse_days(word)
    return Schedule(
        time or DEFAULT_TIME, zone or _parse_zone(default_timezone), days or DEFAULT_DAYS
    )


def _parse_time(word: str) -> str:
    m = _TIME.match(word)
    assert m
    hour, minute, half = int(m[1]), int(m[2] or 0), (m[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"{word!r} is not a time: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif m[2] is None:
        raise ScheduleError(f"{word!r} is not a time: write it as HH:MM, e.g. 08:00")
    if hour > 23 or minute > 59:
        raise ScheduleError(f"{word!r} is not a time of day: use 00:00 to 23:59")
    return f"{hour:02d}:{minute:02d}"


def _parse_zone(word: str) -> str:
    name = "UTC" if word.upper() in ("UTC", "GMT") else word
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"{word!r} is not a time zone: use an Area/City name such as Europe/London"
        ) from None
    return name


def _parse_days(word: str) -> tuple[str, ...]:
    key = word.lower()
    if key in DAY_SETS:
        return DAY_SETS[key]
    chosen = set()
    for part in filter(None, key.split(",")):
        if part not in _DAY_ALIASES:
            raise ScheduleError(
                f"{word!r} is not a day list: use weekdays, daily, weekends or days "
                "such as mon,wed,fri"
            )
        chosen.add(_DAY_ALIASES[part])
    return tuple(d for d in DAYS if d in chosen)
