"""The /hubs commands about the story over time: what changed since a version or a time
(`changes`), and the dated timeline with the story's versions (`timeline`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from briefings import (
    TimelineEvent,
    changes,
    day_label,
)

from .command_types import (
    Button,
    CommandError,
    Context,
    Reply,
    briefing_data,
    share,
)
from .links import FIGURES_XLSX

MAX_TIMELINE = 40


def cmd_timeline(ctx: Context, args: list[str]) -> Reply:
    """Dated events, oldest first, the story's versions among them where the database keeps
    them; past MAX_TIMELINE events, the latest (the spreadsheet's Timeline sheet has all)."""
    b = ctx.briefings.with_history(ctx.briefing, ctx.default_timezone)
    events = b.timeline[-MAX_TIMELINE:]
    days: dict[str, list[TimelineEvent]] = {}
    for event in events:
        days.setdefault(day_label(event), []).append(event)
    data = briefing_data(ctx, days=list(days.items()), shown=len(events), total=len(b.timeline))
    more = "The spreadsheet's Timeline sheet has every event."
    buttons = (share(ctx, "timeline"), Button("Download .xlsx", FIGURES_XLSX, ctx.story.slug))
    return Reply("timeline", data, buttons, more)


def cmd_changes(ctx: Context, args: list[str]) -> Reply:
    library = ctx.briefings.library
    if library is None:
        raise CommandError("Versions need the database; this session has none.")
    briefing = ctx.briefing
    current = ctx.briefings.version(ctx.story.slug)
    since, label = _since(" ".join(args), ctx.default_timezone, current)
    if isinstance(since, int):
        base = library.version(ctx.story.slug, since)
    else:
        base = library.version_at(ctx.story.slug, since)
    start = base.version if base else 0
    versions = [v for v in library.versions(ctx.story.slug, limit=200) if v.version > start]
    found = changes(base.summary if base else {}, briefing)
    data = briefing_data(ctx, changes=found, versions=versions, since_label=label, current=current)
    return Reply("changes", data, (share(ctx, f"changes {' '.join(args)}".strip()),))


_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|h|hours?|d|days?|w|weeks?)$", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _since(text: str, timezone: str, current: int) -> tuple[int | datetime, str]:
    """`changes` starting points: v12 / 12, 6h / 3d / 2w, yesterday, monday, 2026-11-20;
    nothing means the last 24 hours."""
    text = text.strip().lower()
    now = datetime.now(UTC)
    zone = ZoneInfo(timezone)
    midnight = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    if not text:
        return now - timedelta(hours=24), "in the last 24 hours"
    if re.fullmatch(r"v?\d{1,6}", text):
        number = int(text.lstrip("v"))
        if not 0 < number <= current:
            raise CommandError(f"There is no version {number}; the latest is {current}.")
        return number, f"since version {number}"
    if m := _DURATION.match(text):
        size = {"m": 60, "h": 3600, "d": 86400, "w": 604800}[m[2][0]]
        return now - timedelta(seconds=int(m[1]) * size), f"in the last {m[1]}{m[2][0]}"
    if text in ("today", "yesterday"):
        days = 0 if text == "today" else 1
        return midnight - timedelta(days=days), f"since {text} (00:00 {timezone})"
    if text in _WEEKDAYS:
        back = (midnight.weekday() - _WEEKDAYS.index(text)) % 7 or 7
        return midnight - timedelta(days=back), f"since {text.title()} (00:00 {timezone})"
    try:
        day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=zone)
    except ValueError:
        raise CommandError(
            "Say since when: v12, 6h, 3d, yesterday, monday or 2026-11-20 (default: 24h)."
        ) from None
    return day, f"since {day:%d %b %Y}"
