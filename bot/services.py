"""The long-lived parts every adapter shares: settings, stories, briefings and the database."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from briefings import ConfigError, FetchPolicy, read_article, read_url

from .briefs import BriefingCache, Update
from .commands import Caller, Context
from .corrections import CorrectionLog
from .library import Library
from .outbound import fetch_policy
from .settings import Settings
from .store import Store
from .stories import StoryConfig, load_stories
from .subscriptions import Subscription
from .workqueue import WorkQueue

Send = Callable[..., str]
"""Queues one task: `send(kind, **arguments)` returns its id (`WorkQueue.send`)."""


@dataclass(frozen=True)
class Services:
    settings: Settings
    stories: tuple[StoryConfig, ...]
    briefings: BriefingCache
    store: Store
    queue: WorkQueue | None = None
    """The broker's work queue (BRIEFBOT_BROKER_URL); None: every task runs in-process."""

    @classmethod
    def from_settings(cls, settings: Settings, *, batch: bool = False) -> Services:
        """`batch`: a one-shot command or the clock, never the web server (see
        `BriefingCache`)."""
        stories = load_stories(settings)
        store = Store.from_url(settings.db_url)
        cache = BriefingCache(
            stories, library=Library(store), corrections=CorrectionLog(store), batch=batch
        )
        return cls(settings, stories, cache, store, WorkQueue.from_settings(settings))

    def story(self, name: str) -> StoryConfig:
        """A story by slug or slash command ("hubs" or "/hubs")."""
        slug = name.removeprefix("/").lower()
        for story in self.stories:
            if story.slug == slug:
                return story
        known = ", ".join(s.command for s in self.stories)
        raise ConfigError(f"no story answers {name!r}; the commands are {known}")

    def context(
        self,
        story: StoryConfig,
        caller: Caller,
        deliver_now: Callable[[Subscription, str], str] | None = None,
        *,
        is_admin: Callable[[], bool] | None = None,
        send: Send | None = None,
    ) -> Context:
        """`send`: how the request queues tasks (`bot.handoff.Handoff`: once it answered)."""
        return Context(
            story,
            self.briefings,
            self.store,
            caller,
            self.settings.timezone,
            deliver_now,
            lambda url: self.add_link(story, url, by=caller.user, asker=caller, send=send),
            is_admin,
        )

    def fetch_policy(self) -> FetchPolicy:
        return fetch_policy(self.settings)

    def add_link(
        self,
        story: StoryConfig,
        url: str,
        *,
        by: str = "",
        asker: Caller | None = None,
        send: Send | None = None,
    ) -> Update:
        """Fetch one page and add it to the story (raises DownloadError / InputError); with
        a broker, hand it to the workers instead (by `send`, default the queue's), so a
        chat command answers at once; the worker then answers `asker` in chat with the
        outcome (`bot.workers.tasks.link`)."""
        if self.queue is not None:
            reply_to = asker_fields(asker) if asker and asker.platform != "cli" else None
            send = send or self.queue.send
            send("link", story=story.slug, url=url, by=by, reply_to=reply_to)
            return Update(queued=(url,), version=self.briefings.version(story.slug))
        return self.read_link(story, url, by=by)

    def read_link(self, story: StoryConfig, url: str, *, by: str = "") -> Update:
        """Fetch one page and add it to the story, here and now."""
        raw = read_url(url, self.fetch_policy())
        return self.briefings.add(story.slug, [raw], origin="link", by=by)

    def add_file(self, story: StoryConfig, path: Path, *, by: str = "") -> Update:
        raw = read_article(path, self.briefings.config)
        return self.briefings.add(story.slug, [raw], origin="file", by=by)


def asker_fields(asker: Caller) -> dict[str, Any]:
    """Who asked, as a task's JSON argument, with when (a response_url lasts 30 minutes)
    and the request's own id (its answer's key in the delivery ledger: told once)."""
    return asdict(asker) | {"asked_at": time.time(), "ask": uuid.uuid4().hex}
