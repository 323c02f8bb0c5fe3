"""Each story's current briefing, built once in the background and rebuilt when its files change.

Chat handlers must answer within Slack's 3 seconds, so they ask `ready()` first and only
wait on `get()` after acknowledging.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from briefings import Briefing, EngineConfig, build_briefing, load_articles

from .stories import StoryConfig

log = logging.getLogger(__name__)


class BriefingCache:
    def __init__(
        self,
        stories: Iterable[StoryConfig],
        config: EngineConfig | None = None,
        *,
        recheck_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stories = {s.slug: s for s in stories}
        self.config = config or EngineConfig()
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._locks = {slug: threading.Lock() for slug in self.stories}
        self._built: dict[str, tuple[tuple[object, ...], Briefing]] = {}
        self._checked: dict[str, float] = {}

    def ready(self, slug: str) -> Briefing | None:
        """The briefing if it is built and its files have not changed; never builds.

        The files are looked at (names, sizes, times) at most every `recheck_seconds`.
        """
        entry = self._built.get(slug)
        if entry is None:
            return None
        now = self._clock()
        if now - self._checked.get(slug, 0.0) < self.recheck_seconds:
            return entry[1]
        if _fingerprint(self.stories[slug].seeds) != entry[0]:
            return None
        self._checked[slug] = now
        return entry[1]

    def get(self, slug: str) -> Briefing:
        """The current briefing, building it if the story's files changed (may take seconds).

        Raises BriefingError when the story has no article to brief.
        """
        if (briefing := self.ready(slug)) is not None:
            return briefing
        story = self.stories[slug]
        with self._locks[slug]:
            if (briefing := self.ready(slug)) is not None:
                return briefing
            stamp = _fingerprint(story.seeds)
            entry = self._built.get(slug)
            if entry is None or entry[0] != stamp:
                raws, errors = load_articles([story.seeds], self.config)
                for error in errors:
                    log.warning("story %s: skipped %s", slug, error)
                entry = (stamp, build_briefing(raws, story.story, self.config))
                self._built[slug] = entry
                log.info("story %s: briefed %d sources", slug, len(entry[1].sources))
            self._checked[slug] = self._clock()
            return entry[1]

    def warm(self) -> threading.Thread:
        """Build every story in a background thread, so the first command is fast."""

        def build_all() -> None:
            for slug in self.stories:
                try:
                    self.get(slug)
                except Exception:  # logged; commands will report the error to the user
                    log.exception("story %s: could not build the briefing", slug)

        thread = threading.Thread(target=build_all, name="briefbot-warm", daemon=True)
        thread.start()
        return thread


def _fingerprint(folder: Path) -> tuple[object, ...]:
    """Names, sizes and modification times of a story's files: cheap change detection."""
    if not folder.exists():
        return ()
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), (st := p.stat()).st_size, st.st_mtime_ns) for p in paths)
