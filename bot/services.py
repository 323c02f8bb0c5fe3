"""The long-lived parts every adapter shares: settings, stories, briefings and the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefings import ConfigError

from .briefs import BriefingCache
from .commands import Caller, Context
from .settings import Settings
from .store import Store
from .stories import StoryConfig, load_stories
from .subscriptions import Subscription


@dataclass(frozen=True)
class Services:
    settings: Settings
    stories: tuple[StoryConfig, ...]
    briefings: BriefingCache
    store: Store

    @classmethod
    def from_settings(cls, settings: Settings) -> Services:
        stories = load_stories(settings)
        return cls(settings, stories, BriefingCache(stories), Store.from_url(settings.db_url))

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
    ) -> Context:
        return Context(
            story, self.briefings, self.store, caller, self.settings.timezone, deliver_now
        )
