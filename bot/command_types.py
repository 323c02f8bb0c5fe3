"""What every /hubs command reads and returns: who asked (`Caller`), what it may use
(`Context`), what to show (`Reply` and its `Button`s), and the small helpers the command
modules share. Platform-neutral: nothing here knows Slack or Teams."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from briefings import Briefing

from .briefs import BriefingCache, Update
from .layout import source_labels
from .links import FULL_BRIEFING
from .store import Store
from .stories import StoryConfig
from .subscriptions import Subscription

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
    response_url: str = ""
    """Where a late answer to this request goes (Slack's response_url, from a verified
    request: 30 minutes, 5 posts); empty elsewhere."""


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


def share(ctx: Context, text: str) -> Button:
    """The value says which story and command to run again when the button is pressed."""
    return Button("Share in channel", SHARE, f"{ctx.story.slug} {text}"[:2000])


def full_briefing(slug: str) -> Button:
    """A link to the story's whole briefing as a web page, signed when it is shown."""
    return Button("Full briefing", FULL_BRIEFING, slug)


def briefing_data(ctx: Context, **extra: Any) -> dict[str, Any]:
    b = ctx.briefing
    return {"b": b, "labels": source_labels(b), "story": ctx.story, **extra}


def store_of(ctx: Context) -> Store:
    if ctx.store is None:
        raise CommandError("Subscriptions need the database; this session has none.")
    return ctx.store
