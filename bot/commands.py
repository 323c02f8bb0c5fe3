"""The /hubs command grammar, platform-neutral: text in, a `Reply` out.

Slack and Teams adapters parse their payloads into `run(text, ctx)` and render the `Reply`
(a view name and its data) with their own dialect; nothing here knows either platform.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from briefings import Briefing, BriefingError, Figure, content_stems

from .briefs import Update
from .channel_commands import (
    cmd_alerts,
    cmd_deliveries,
    cmd_digest,
    cmd_subscribe,
    cmd_subscriptions,
    cmd_unsubscribe,
)
from .command_types import SHARE as SHARE  # the chat adapters import these from here
from .command_types import Button as Button
from .command_types import Caller as Caller
from .command_types import Command as Command
from .command_types import CommandError as CommandError
from .command_types import Context as Context
from .command_types import Reply as Reply
from .command_types import briefing_data, share
from .command_types import full_briefing as full_briefing
from .corrections import REFUSAL, Editor, may_edit
from .fixes import Change, FixError, Undo, listing, parse_fix, record
from .history_commands import cmd_changes, cmd_timeline
from .layout import source_labels
from .links import FIGURES_XLSX as FIGURES_XLSX
from .links import FULL_BRIEFING as FULL_BRIEFING
from .stories import StoryConfig

MAX_SEARCH_RESULTS = 10


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


def cmd_help(ctx: Context, args: list[str]) -> Reply:
    return Reply("help", {"story": ctx.story, "commands": list(COMMANDS.values())})


def cmd_status(ctx: Context, args: list[str]) -> Reply:
    b = ctx.briefing
    newest = max(b.sources, key=lambda s: s.published or "", default=None)
    data = briefing_data(ctx, key_figures=key_figures(b), newest=newest)
    return Reply("status", data, (full_briefing(ctx.story.slug), share(ctx, "status")))


def cmd_brief(ctx: Context, args: list[str]) -> Reply:
    more = f"Narrow it down with {ctx.story.command} figures, reactions, questions or sources."
    buttons = (full_briefing(ctx.story.slug), share(ctx, "brief"))
    return Reply("brief", briefing_data(ctx), buttons, more)


def cmd_figures(ctx: Context, args: list[str]) -> Reply:
    buttons = (
        Button("Download .xlsx", FIGURES_XLSX, ctx.story.slug),
        full_briefing(ctx.story.slug),
        share(ctx, "figures"),
    )
    return Reply("figures", briefing_data(ctx), buttons, "Download the .xlsx for every figure.")


def cmd_reactions(ctx: Context, args: list[str]) -> Reply:
    b = ctx.briefing
    name = " ".join(args)
    reactions = b.reactions
    if name:
        wanted = name.lower()
        reactions = tuple(
            r for r in b.reactions if any(wanted in n.lower() for n in (r.speaker, *r.aliases))
        )
    data = briefing_data(ctx, reactions=reactions, name=name)
    more = f"Ask for one speaker: {ctx.story.command} reactions NAME."
    buttons = (full_briefing(ctx.story.slug), share(ctx, f"reactions {name}".strip()))
    return Reply("reactions", data, buttons, more)


def cmd_questions(ctx: Context, args: list[str]) -> Reply:
    buttons = (full_briefing(ctx.story.slug), share(ctx, "questions"))
    return Reply("questions", briefing_data(ctx), buttons)


def cmd_sources(ctx: Context, args: list[str]) -> Reply:
    buttons = (full_briefing(ctx.story.slug), share(ctx, "sources"))
    return Reply("sources", briefing_data(ctx), buttons)


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
    data = briefing_data(ctx, words=words, results=results, total=len(scored))
    return Reply("search", data, (share(ctx, f"search {words}"),))


def home(ctx: Context) -> Reply:
    """The App Home tab: the briefing's summary and the caller's own digests."""
    try:
        data = briefing_data(ctx, key_figures=key_figures(ctx.briefing))
    except BriefingError:
        data = {"b": None, "story": ctx.story}
    c = ctx.caller
    subs = (
        ctx.store.subscriptions(platform=c.platform, workspace=c.workspace, user=c.user)
        if ctx.store
        else []
    )
    return Reply("home", data | {"subs": subs})


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
        raise CommandError(_not_added(error)) from None
    return added_reply(ctx.story, update, told=ctx.caller.platform != "cli")


def _not_added(error: BriefingError) -> str:
    return f"Could not add it: {str(error).rstrip('.')}."


def add_failed(story: StoryConfig, error: BriefingError) -> Reply:
    """A link that could not be read, said as `/hubs add` says it (a worker's late answer)."""
    return Reply(
        "error", {"story": story, "message": _not_added(error), "command": COMMANDS["add"]}
    )


def added_reply(story: StoryConfig, update: Update, *, told: bool = False) -> Reply:
    """What an addition brought, for chat and the command line alike; `told`: a queued
    link's outcome will be told in chat (`bot.workers.tasks.link`)."""
    b = update.briefing
    data = {
        "told": told,
        "story": story,
        "update": update,
        "changes": replace(update.changes, sources=()),  # the added sources are listed above
        "b": b,
        "labels": source_labels(b) if b else {},
    }
    return Reply("added", data)


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
