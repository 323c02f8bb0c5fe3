"""Stories the bot follows: the built-in default, or the ones listed in ``briefbot.toml``.

    [[story]]
    slug = "hubs"                # also the slash command: /hubs
    title = "Overseas return hubs for failed asylum seekers"
    seeds = "seeds"              # folder of articles, relative to the config file
    keywords = ["return hubs"]   # relevance filter for new articles

With no config file the default story is `hubs`, built from the project's `seeds/`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from briefings import ConfigError, Story

from .settings import PROJECT, Settings

_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")


@dataclass(frozen=True)
class StoryConfig:
    slug: str
    title: str
    seeds: Path
    keywords: tuple[str, ...] = ()

    @property
    def command(self) -> str:
        """The slash command that answers for this story."""
        return "/" + self.slug

    @property
    def story(self) -> Story:
        return Story(slug=self.slug, title=self.title)


DEFAULT = StoryConfig(
    slug="hubs",
    title="Overseas return hubs for failed asylum seekers",
    seeds=PROJECT / "seeds",
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
    stories = tuple(_story(entry, path.parent, path) for entry in entries)
    slugs = [s.slug for s in stories]
    if len(set(slugs)) != len(slugs):
        raise ConfigError(f"{path}: story slugs must be different, got {slugs}")
    return stories


def _story(entry: object, base: Path, path: Path) -> StoryConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{path}: each [[story]] must be a table")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise ConfigError(
            f"{path}: slug {slug!r} must be lower-case letters, digits, - or _ (it is the "
            "slash command)"
        )
    title = entry.get("title") or slug
    keywords = entry.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"{path}: keywords of {slug!r} must be a list of strings")
    seeds = base / str(entry.get("seeds", slug))
    return StoryConfig(slug=slug, title=str(title), seeds=seeds, keywords=tuple(keywords))
