"""The /hubs command grammar, platform-neutral: text in, a `Reply` out.

Slack and Teams adapters parse their payloads into `run(text, ctx)` and render the `Reply`
(a view name and its data) with their own dialect; nothing here knows either platform.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from briefings import (
    Briefing,
    BriefingError,
    Figure,
    TimelineEvent,
    changes,
    content_stems,
    day_label,
    version_events,
    with_versions,
)

from .briefs import BriefingCache, Update
from .corrections import REFUSAL, Editor, may_edit
from .fixes import Change, FixError, Undo, listing, parse_fix, record
from .layout import source_labels
from .links import FIGURES_XLSX as FIGURES_XLSX  # the chat adapters import them from here
from .links import FULL_BRIEFING as FULL_BRIEFING
from .store import Store
from .stories import StoryConfig
from .subscriptions import ScheduleError, Subscription, parse_schedule

MAX_SEARCH_RESULTS = 10
MAX_TIMELINE = 40
SHARE = "share"


class CommandError(Exception):
    """A command we cannot run as typed; the message says what to type instead."""


@dataclass(frozen=True)
class Caller:
    """Who asked, and where: enough to scope subscriptions."""

    platform: str = "cli"
    workspace: str = "local"
    channel: str = "terminal"
    user: str = ""
    name: str = ""  # as shown to others ("@alice"): who made a correction


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # SHARE, FIGURES_XLSX or FULL_BRIEFING (a link, where the platform can)
    value: str


@dataclass(frozen=True)
class Reply:
    """What to show: a view in templates/replies/ with its data, plus buttons."""

    view: str
    data: Mapping[str, Any]
    buttons: tuple[Button, ...] = ()
    more: str = ""  # where to find the rest if a platform has to cut the reply


@dataclass(frozen=True)
class Context:
    story: StoryConfig
    briefings: BriefingCache
    store: Store | None = None
    caller: Caller = field(default_factory=Caller)
    default_timezone: str = "Europe/London"
    deliver_now: Callable[[Subscription, str], str] | None = None
    """Sends a digest to a channel now (slot -> ledger status); set by chat adapters."""
    add_link: Callable[[str], Update] | None = None
    """Fetches a page and adds it to the story (raises BriefingError saying why not)."""
    is_admin: Callable[[], bool] | None = None
    """Whether the caller is a workspace admin (asked only when it matters: corrections)."""

    @property
    def briefing(self) -> Briefing:
        return self.briefings.get(self.story.slug)


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    summary: str
    run: Callable[[Context, list[str]], Reply]
    needs_briefing: bool = True
    slow: bool = False  # always answered after the acknowledgement
    same_for_everyone: bool = True  # the answer depends only on the briefing and the text


def parse(text: str) -> tuple[str, Command | None, list[str]]:
    """(name, command or None if unknown, arguments); an empty line asks for help."""
    words = text.split()
    name = words[0].lower() if words else "help"
    return name, COMMANDS.get(name), words[1:]


def run(text: str, ctx: Context) -> Reply:
    """Answer one command line (the text after the slash command)."""
    name, command, args = parse(text)
    if command is None:
        return _unknown(ctx, name)
    try:
        return command.run(ctx, args)
    except CommandError as error:
        return _error(ctx, str(error), command)
    except BriefingError as error:
        return _error(ctx, f"There is no briefing for this story yet: {error}.", None)


def is_quick(text: str, ctx: Context) -> bool:
    """True when `run` will answer at once (no briefing to build first)."""
    _, command, _ = parse(text)
    if command is None:
        return True
    if command.slow:
        return False
    return not command.needs_briefing or ctx.briefings.ready(ctx.story.slug) is not None


def same_for_everyone(text: str) -> bool:
    """True when the answer to `text` depends only on the story's briefing, so it can be
    rendered once per briefing and reused."""
    _, command, _ = parse(text)
    return command is not None and command.same_for_everyone


# --------------------------------------------------------------------------- commands


def _share(ctx: Context, text: str) -> Button:
    """The value says which story and command to run again when the button is pressed."""
    return Button("Share in channel", SHARE, f"{ctx.story.slug} {text}"[:2000])


def full_briefing(slug: str) -> Button:
    """A link to the story's whole briefing as a web page, signed when it is shown."""
    return Button("Full briefing", FULL_BRIEFING, slug)


def _briefing_data(ctx: Context, **extra: Any) -> dict[str, Any]:
    b = ctx.briefing
    return {"b": b, "labels": source_labels(b), "story": ctx.story, **extra}


def cmd_help(ctx: Context, args: list[str]) -> Reply:
    return Reply("help", {"story": ctx.story, "commands": list(COMMANDS.values())})


def cmd_status(ctx: Context, args: list[str]) -> Reply:
    b = ctx.briefing
    newest = max(b.sources, key=lambda s: s.published or "", default=None)
    data = _briefing_data(ctx, key_figures=key_figures(b), newest=newest)
    return Reply("status", data, (full_briefing(ctx.story.slug), _share(ctx, "status")))


def cmd_brief(ctx: Context, args: list[str]) -> Reply:
    more = f"Narrow it down with {ctx.story.command} figures, reactions, questions or sources."
    buttons = (full_briefing(ctx.story.slug), _share(ctx, "brief"))
    return Reply("brief", _briefing_data(ctx), buttons, more)


def cmd_figures(ctx: Context, args: list[str]) -> Reply:
    buttons = (
        Button("Download .xlsx", FIGURES_XLSX, ctx.story.slug),
        full_briefing(ctx.story.slug),
        _share(ctx, "figures"),
    )
    return Reply("figures", _briefing_data(ctx), buttons, "Download the .xlsx for every figure.")


def cmd_reactions(ctx: Context, args: list[str]) -> Reply:
    b = ctx.briefing
    name = " ".join(args)
    reactions = b.reactions
    if name:
        wanted = name.lower()
        reactions = tuple(
            r for r in b.reactions if any(wanted in n.lower() for n in (r.speaker, *r.aliases))
        )
    data = _briefing_data(ctx, reactions=reactions, name=name)
    more = f"Ask for one speaker: {ctx.story.command} reactions NAME."
    buttons = (full_briefing(ctx.story.slug), _share(ctx, f"reactions {name}".strip()))
    return Reply("reactions", data, buttons, more)


def cmd_questions(ctx: Context, args: list[str]) -> Reply:
    buttons = (full_briefing(ctx.story.slug), _share(ctx, "questions"))
    return Reply("questions", _briefing_data(ctx), buttons)


def cmd_sources(ctx: Context, args: list[str]) -> Reply:
    buttons = (full_briefing(ctx.story.slug), _share(ctx, "sources"))
    return Reply("sources", _briefing_data(ctx), buttons)


def with_history(briefing: Briefing, briefings: BriefingCache, timezone: str) -> Briefing:
    """The briefing with its story's versions (first report, new speaker, figure revised …)
    among its timeline's events, where the database keeps them."""
    library = briefings.library
    if library is None:
        return briefing
    slug = briefing.story.slug
    history = [(v.created_at, v.summary) for v in reversed(library.versions(slug, limit=200))]
    return with_versions(briefing, version_events(history, briefing, ZoneInfo(timezone)))


def cmd_timeline(ctx: Context, args: list[str]) -> Reply:
    """Dated events, oldest first, the story's versions among them where the database keeps
    them; past MAX_TIMELINE events, the latest (the spreadsheet's Timeline sheet has all)."""
    b = with_history(ctx.briefing, ctx.briefings, ctx.default_timezone)
    events = b.timeline[-MAX_TIMELINE:]
    days: dict[str, list[TimelineEvent]] = {}
    for event in events:
        days.setdefault(day_label(event), []).append(event)
    data = _briefing_data(ctx, days=list(days.items()), shown=len(events), total=len(b.timeline))
    more = "The spreadsheet's Timeline sheet has every event."
    buttons = (_share(ctx, "timeline"), Button("Download .xlsx", FIGURES_XLSX, ctx.story.slug))
    return Reply("timeline", data, buttons, more)


def cmd_search(ctx: Context, args: list[str]) -> Reply:
    words = " ".join(args)
    wanted = content_stems(words)
    if not wanted:
        raise CommandError(f"Say what to look for, e.g. {ctx.story.command} search deportation")
    b = ctx.briefing
    scored = []
    for sentence_id, sentence in b.sentences.items():
        hits = len(wanted & content_stems(sentence.text))
        if hits:
            scored.append((-hits, sentence_id, sentence))
    scored.sort(key=lambda item: item[:2])
    results = [(s, sid.split(":")[0]) for _, sid, s in scored[:MAX_SEARCH_RESULTS]]
    data = _briefing_data(ctx, words=words, results=results, total=len(scored))
    return Reply("search", data, (_share(ctx, f"search {words}"),))


def cmd_subscribe(ctx: Context, args: list[str]) -> Reply:
    store = _store(ctx)
    try:
        schedule = parse_schedule(args, ctx.default_timezone)
    except ScheduleError as error:
        raise CommandError(str(error)) from None
    c = ctx.caller
    sub = Subscription(c.platform, c.workspace, c.channel, ctx.story.slug, schedule, c.user)
    new = store.subscribe(sub)
    return Reply("subscribed", {"story": ctx.story, "sub": sub, "new": new})


def cmd_unsubscribe(ctx: Context, args: list[str]) -> Reply:
    c = ctx.caller
    removed = _store(ctx).unsubscribe(c.platform, c.workspace, c.channel, ctx.story.slug)
    return Reply("unsubscribed", {"story": ctx.story, "removed": removed})


def cmd_subscriptions(ctx: Context, args: list[str]) -> Reply:
    c = ctx.caller
    subs = _store(ctx).subscriptions(platform=c.platform, workspace=c.workspace)
    return Reply("subscriptions", {"story": ctx.story, "subs": subs, "caller": c})


def home(ctx: Context) -> Reply:
    """The App Home tab: the briefing's summary and the caller's own digests."""
    try:
        data = _briefing_data(ctx, key_figures=key_figures(ctx.briefing))
    except BriefingError:
        data = {"b": None, "story": ctx.story}
    c = ctx.caller
    subs = (
        ctx.store.subscriptions(platform=c.platform, workspace=c.workspace, user=c.user)
        if ctx.store
        else []
    )
    return Reply("home", data | {"subs": subs})


def cmd_digest(ctx: Context, args: list[str]) -> Reply:
    if [a.lower() for a in args] != ["now"]:
        raise CommandError(f"To get the digest here now, type {ctx.story.command} digest now")
    if ctx.deliver_now is None:
        raise CommandError("Digests cannot be posted from here; use `briefbot digest --now`.")
    c = ctx.caller
    schedule = parse_schedule([], ctx.default_timezone)
    sub = Subscription(c.platform, c.workspace, c.channel, ctx.story.slug, schedule, c.user)
    # One slot per channel per minute: a double click posts once.
    slot = "now " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    status = ctx.deliver_now(sub, slot)
    return Reply("digest_sent", {"story": ctx.story, "status": status})


def cmd_deliveries(ctx: Context, args: list[str]) -> Reply:
    """For admins: digests that failed, half-failed or were cut off, with the reason."""
    rows = [
        d
        for d in _store(ctx).deliveries(limit=200)
        if d.workspace == ctx.caller.workspace and d.status not in ("sent", "quiet")
    ]
    return Reply("deliveries", {"story": ctx.story, "rows": rows[:20], "total": len(rows)})


_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")


def cmd_add(ctx: Context, args: list[str]) -> Reply:
    """Slack wraps a pasted URL as <https://…> or <https://…|label>: unwrap it."""
    urls = [m[1] if (m := _SLACK_LINK.match(a)) else a for a in args]
    if len(urls) != 1 or not urls[0].lower().startswith(("http://", "https://")):
        raise CommandError(f"Give one web address: {ctx.story.command} add https://…")
    if ctx.add_link is None:
        raise CommandError("Articles cannot be added from here; use `briefbot add URL`.")
    try:
        update = ctx.add_link(urls[0])
    except BriefingError as error:
        raise CommandError(f"Could not add it: {str(error).rstrip('.')}.") from None
    return added_reply(ctx.story, update)


def added_reply(story: StoryConfig, update: Update) -> Reply:
    """What an addition brought, for chat and the command line alike."""
    b = update.briefing
    data = {
        "story": story,
        "update": update,
        "changes": replace(update.changes, sources=()),  # the added sources are listed above
        "b": b,
        "labels": source_labels(b) if b else {},
    }
    return Reply("added", data)


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
    data = _briefing_data(ctx, changes=found, versions=versions, since_label=label, current=current)
    return Reply("changes", data, (_share(ctx, f"changes {' '.join(args)}".strip()),))


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


def cmd_alerts(ctx: Context, args: list[str]) -> Reply:
    choice = " ".join(args).lower()
    if choice not in ("on", "off"):
        raise CommandError(f"Type {ctx.story.command} alerts on, or {ctx.story.command} alerts off")
    c = ctx.caller
    on = choice == "on"
    changed = _store(ctx).set_alerts(
        c.platform, c.workspace, c.channel, ctx.story.slug, on=on, user=c.user
    )
    return Reply("alerts", {"story": ctx.story, "on": on, "changed": changed})


def cmd_fix(ctx: Context, args: list[str]) -> Reply:
    """An editor's correction, typed (`bot/fixes.py` has the grammar)."""
    if not args:
        return Reply("fix_help", {"story": ctx.story})
    try:
        return record_fix(ctx, parse_fix(" ".join(args), ctx.briefing, ctx.story.command))
    except FixError as error:
        raise CommandError(str(error)) from None


def record_fix(ctx: Context, change: Change | Undo) -> Reply:
    """Record a correction or an undo, if the caller is an editor (the Slack modal too)."""
    c = ctx.caller
    editor = Editor(c.platform, c.workspace, c.user, c.name or c.user)
    if not may_edit(ctx.story.editors, editor, ctx.is_admin):
        raise CommandError(REFUSAL.format(user=c.user or "unknown"))
    try:
        entry, stale = record(ctx.briefings, ctx.story.slug, change, editor)
    except FixError as error:
        raise CommandError(str(error)) from None
    return Reply("fixed", {"story": ctx.story, "entry": entry, "stale": stale})


def cmd_corrections(ctx: Context, args: list[str]) -> Reply:
    """Who changed what and when, newest first: in effect, stale or undone."""
    try:
        entries, states = listing(ctx.briefings, ctx.story.slug)
    except FixError as error:
        raise CommandError(str(error)) from None
    data = {"story": ctx.story, "entries": entries[:20], "total": len(entries), "states": states}
    return Reply("corrections", data)


def _store(ctx: Context) -> Store:
    if ctx.store is None:
        raise CommandError("Subscriptions need the database; this session has none.")
    return ctx.store


def _unknown(ctx: Context, name: str) -> Reply:
    close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.5)
    data = {"story": ctx.story, "name": name, "suggestion": close[0] if close else None}
    return Reply("unknown", data | {"commands": list(COMMANDS.values())})


def _error(ctx: Context, message: str, command: Command | None) -> Reply:
    return Reply("error", {"story": ctx.story, "message": message, "command": command})


def key_figures(briefing: Briefing, n: int = 3) -> list[Figure]:
    """The figures most outlets state, conflicts first among equals."""
    ranked = sorted(
        briefing.figures,
        key=lambda f: (-len(set(f.sources)), not f.conflicts, -len(f.evidence)),
    )
    return ranked[:n]


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command("help", "help", "what each command does", cmd_help, needs_briefing=False),
        Command("status", "status", "headline, key figures, conflicts, newest source", cmd_status),
        Command("brief", "brief", "the whole briefing", cmd_brief, slow=True),
        Command("figures", "figures", "every figure, conflicts marked, as .xlsx", cmd_figures),
        Command("reactions", "reactions [NAME]", "who said what, and their stance", cmd_reactions),
        Command(
            "questions", "questions", "what the sources say is unknown or disputed", cmd_questions
        ),
        Command("sources", "sources", "the articles behind the briefing", cmd_sources),
        Command("search", "search WORDS", "sentences that mention WORDS", cmd_search),
        Command(
            "add",
            "add URL",
            "add an article to the story",
            cmd_add,
            needs_briefing=False,
            slow=True,
            same_for_everyone=False,
        ),
        Command(
            "changes",
            "changes [v12|6h|3d|yesterday|DATE]",
            "what changed since then (default: 24 hours)",
            cmd_changes,
            same_for_everyone=False,
        ),
        Command(
            "timeline",
            "timeline",
            "dated events: first reports, what the sources date, new voices and figures",
            cmd_timeline,
            same_for_everyone=False,  # the versions it shows are read afresh
        ),
        Command(
            "subscribe",
            "subscribe [HH:MM] [Area/City] [weekdays|daily|mon,wed,…]",
            "a digest in this channel (default 08:00 weekdays)",
            cmd_subscribe,
            needs_briefing=False,
            same_for_everyone=False,
        ),
        Command(
            "unsubscribe",
            "unsubscribe",
            "stop this channel's digest",
            cmd_unsubscribe,
            needs_briefing=False,
            same_for_everyone=False,
        ),
        Command(
            "subscriptions",
            "subscriptions",
            "this workspace's digests",
            cmd_subscriptions,
            needs_briefing=False,
            same_for_everyone=False,
        ),
        Command(
            "digest",
            "digest now",
            "post the digest here now",
            cmd_digest,
            slow=True,
            same_for_everyone=False,
        ),
        Command(
            "alerts",
            "alerts on|off",
            "a short alert here when something important changes",
            cmd_alerts,
            needs_briefing=False,
            same_for_everyone=False,
        ),
        Command(
            "deliveries",
            "deliveries",
            "digests that failed, and why (for admins)",
            cmd_deliveries,
            needs_briefing=False,
            same_for_everyone=False,
        ),
        Command("fix", "fix …", "correct the briefing (editors)", cmd_fix, same_for_everyone=False),
        Command(
            "corrections",
            "corrections",
            "who corrected what",
            cmd_corrections,
            same_for_everyone=False,
        ),
    )
}
