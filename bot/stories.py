"""Stories the bot follows: the built-in default, or the ones listed in ``briefbot.toml``.

    [[story]]
    slug = "hubs"                # also the slash command: /hubs
    title = "Overseas return hubs for failed asylum seekers"
    seeds = "seeds"              # folder of articles, relative to the config file
    keywords = ["return hubs"]   # relevance filter for new articles (none: keep all)
    feeds = ["https://example.com/politics/rss"]   # RSS or Atom, polled by the scheduler
    poll_minutes = 15            # how often feeds are polled
    alerts = ["conflict", "speaker", "official", "revision"]   # what channels may opt in to
    alerts_per_hour = 3          # per channel; the rest waits for the digest
    editors = ["U0123ABCD"]      # who may correct this story (user ids), besides admins

A top-level `editors = [...]` (before the first [[story]]) lets those users correct every
story. With no config file the default story is `hubs`, built from the project's `seeds/`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from briefings import ConfigError, Story, shipped

from .settings import Settings

ALERT_KINDS = ("conflict", "speaker", "official", "revision")
_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")


@dataclass(frozen=True)
class StoryConfig:
    slug: str
    title: str
    seeds: Path
    keywords: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    poll_minutes: int = 15
    alerts: tuple[str, ...] = ALERT_KINDS
    alerts_per_hour: int = 3
    editors: tuple[str, ...] = ()
    """Slack or Teams user ids allowed to correct the briefing (workspace admins may too)."""

    @property
    def command(self) -> str:
        """The slash command that answers for this story."""
        return "/" + self.slug

    @property
    def folder(self) -> Path:
        """The story's own folder: source paths shared in chat are shown relative to it."""
        return self.seeds.parent if self.seeds.is_file() else self.seeds

    @property
    def story(self) -> Story:
        return Story(slug=self.slug, title=self.title)


DEFAULT = StoryConfig(
    slug="hubs",
    title="Overseas return hubs for failed asylum seekers",
    seeds=shipped("seeds"),
)


def load_stories(settings: Settings) -> tuple[StoryConfig, ...]:
    """The configured stories, in file order; the default story when there is no file."""
    if settings.config_path is None:
        return (DEFAULT,)
    path = settings.config_path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the story settings ({error})") from None
    entries = data.get("story")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: add at least one [[story]] table")
    everyone = _strings(data, "editors", path, "the file") or ()
    stories = tuple(_story(entry, path.parent, path, everyone) for entry in entries)
    slugs = [s.slug for s in stories]
    if len(set(slugs)) != len(slugs):
        raise ConfigError(f"{path}: story slugs must be different, got {slugs}")
    return stories


def _story(entry: object, base: Path, path: Path, editors: tuple[str, ...]) -> StoryConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{path}: each [[story]] must be a table")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise ConfigError(
            f"{path}: slug {slug!r} must be lower-case letters, digits, - or _ (it is the "
            "slash command)"
        )
    title = entry.get("title") or slug
    keywords, feeds, alerts = (
        _strings(entry, name, path, slug) for name in ("keywords", "feeds", "alerts")
    )
    for feed in feeds or ():
        if not feed.startswith(("http://", "https://")):
            raise ConfigError(f"{path}: feed {feed!r} of {slug!r} must be an http(s) URL")
    unknown = set(alerts or ()) - set(ALERT_KINDS)
    if unknown:
        raise ConfigError(
            f"{path}: alerts of {slug!r} can be {', '.join(ALERT_KINDS)}; not {sorted(unknown)}"
        )
    seeds = base / str(entry.get("seeds", slug))
    return StoryConfig(
        slug=slug,
        title=str(title),
        seeds=seeds,
        keywords=keywords or (),
        feeds=feeds or (),
        poll_minutes=_whole(entry, "poll_minutes", 15, path, slug),
        alerts=ALERT_KINDS if alerts is None else alerts,
        alerts_per_hour=_whole(entry, "alerts_per_hour", 3, path, slug),
        editors=(*editors, *(_strings(entry, "editors", path, slug) or ())),
    )


def _strings(entry: dict[str, object], name: str, path: Path, slug: str) -> tuple[str, ...] | None:
    value = entry.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {name} of {slug!r} must be a list of strings")
    return tuple(value)


def _whole(entry: dict[str, object], name: str, default: int, path: Path, slug: str) -> int:
    value = entry.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{path}: {name} of {slug!r} must be a whole number above 0")
    return value
