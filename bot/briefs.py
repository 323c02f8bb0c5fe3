"""Each story's current briefing, kept up to date as articles arrive.

A story's articles are its seed folder plus whatever was added since (links, feed
items). Each process keeps the story's `Corpus` in memory and the `Library` in the
database is the shared record: every change is saved as a new version, and a process
that sees a newer version in the database (another worker added a link, the scheduler
polled a feed) catches up by loading only the articles added since.

Chat handlers must answer within Slack's 3 seconds, so they ask `ready()` first and only
wait on `get()` or `add()` after acknowledging.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from briefings import (
    Analysis,
    Briefing,
    Changes,
    Corpus,
    EngineConfig,
    NoArticlesError,
    RawArticle,
    Source,
    Verdict,
    analyze,
    changes,
    collector_paused,
    load_articles,
    relevant,
    summarize,
    version_events,
    with_versions,
)

from .corrections import CorrectionLog
from .library import Library, VersionConflict
from .stories import StoryConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skipped:
    title: str
    reason: str


@dataclass(frozen=True)
class Update:
    """What one `add` did to a story."""

    added: tuple[Source, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    version: int = 0
    changes: Changes = Changes(first=False)
    briefing: Briefing | None = None
    queued: tuple[str, ...] = ()
    """Addresses handed to the workers to read (with a broker), not read yet."""


@dataclass
class _Live:
    """One story in this process: its corpus, and how current it is."""

    corpus: Corpus
    version: int = 0
    created_at: str | None = None
    origins: dict[str, str] = field(default_factory=dict)  # source id -> seed, link, feed…
    seeds: tuple[object, ...] | None = None  # the seed folder's fingerprint, once read
    seed_ids: dict[str, str] = field(default_factory=dict)  # a seed file as read -> source id
    briefing: Briefing | None = None
    checked: float = 0.0
    corrected: int = 0  # the newest correction laid over the corpus (CorrectionLog.latest)


class BriefingCache:
    def __init__(
        self,
        stories: Iterable[StoryConfig],
        config: EngineConfig | None = None,
        *,
        library: Library | None = None,
        corrections: CorrectionLog | None = None,
        recheck_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        batch: bool = False,
    ) -> None:
        """`batch` lets a catch-up pause the garbage collector (`collector_paused`), which
        is process-wide: only for batch processes (the CLI, the clock), never in a threaded
        web server, where it would stop collection under every other request."""
        self.stories = {s.slug: s for s in stories}
        self.config = config or EngineConfig()
        self.library = library
        self.corrections = corrections
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._bulk: Callable[[], AbstractContextManager[None]] = (
            collector_paused if batch else nullcontext
        )
        self._locks = {slug: threading.Lock() for slug in self.stories}
        self._live: dict[str, _Live] = {}
        self.listeners: list[Callable[[str, Update], object]] = []
        """Called after `add` made a new version (alerts); errors are logged, not raised."""

    def ready(self, slug: str) -> Briefing | None:
        """The briefing if it is built and current; never builds.

        Whether it is current (seed files unchanged, no newer version in the database) is
        looked at most every `recheck_seconds`.
        """
        live = self._live.get(slug)
        if live is None or live.briefing is None:
            return None
        now = self._clock()
        if now - live.checked < self.recheck_seconds:
            return live.briefing
        if (
            _fingerprint(self.stories[slug].seeds) != live.seeds
            or (self.library is not None and self.library.latest(slug) != live.version)
            or (self.corrections is not None and self.corrections.latest(slug) != live.corrected)
        ):
            return None
        live.checked = now
        return live.briefing

    def with_history(self, briefing: Briefing, timezone: str) -> Briefing:
        """The briefing with its story's versions (first report, new speaker, figure revised
        …) among its timeline's events, dated in `timezone`, where the database keeps them."""
        if self.library is None:
            return briefing
        slug = briefing.story.slug
        stored = reversed(self.library.versions(slug, limit=200))
        history = [(v.created_at, v.summary) for v in stored]
        return with_versions(briefing, version_events(history, briefing, ZoneInfo(timezone)))

    def get(self, slug: str) -> Briefing:
        """The current briefing, catching up first if needed (may take seconds).

        Raises BriefingError when the story has no article to brief.
        """
        if (briefing := self.ready(slug)) is not None:
            return briefing
        with self._locks[slug]:
            if (briefing := self.ready(slug)) is not None:
                return briefing
            live = self._refresh(slug)
            if live.briefing is None:
                raise NoArticlesError(f"story {slug} has no article with any text yet")
            return live.briefing

    def add(self, slug: str, raws: Sequence[RawArticle], *, origin: str, by: str = "") -> Update:
        """Add articles to a story: each is read once, checked for relevance and duplicates,
        and the ones that are new become one new version."""
        update = self._add(slug, raws, origin, by)
        if update.added:
            for listener in self.listeners:
                try:
                    listener(slug, update)
                except Exception:
                    log.exception("story %s: a listener failed on version %d", slug, update.version)
        return update

    def _add(self, slug: str, raws: Sequence[RawArticle], origin: str, by: str) -> Update:
        story = self.stories[slug]
        with self._locks[slug]:
            live = self._refresh(slug)
            before = summarize(live.briefing) if live.briefing else None
            fresh: list[tuple[Analysis, RawArticle]] = []
            skipped: list[Skipped] = []
            for raw in raws:
                analysis = analyze(raw, self.config)
                title = analysis.doc.source.title or raw.url or raw.path or "article"
                if not analysis.doc.sentences:
                    skipped.append(Skipped(title, "no article text found"))
                elif not relevant(analysis.doc, story.keywords):
                    words = ", ".join(story.keywords)
                    skipped.append(Skipped(title, f"not about this story (no mention of {words})"))
                elif (verdict := live.corpus.check(raw, analysis)).status != "new":
                    skipped.append(Skipped(title, verdict.reason))
                elif any(a.doc.source.id == analysis.doc.source.id for a, _ in fresh):
                    skipped.append(Skipped(title, "the same article is in this batch twice"))
                else:
                    fresh.append((analysis, raw))
            if not fresh:
                return Update(skipped=tuple(skipped), version=live.version, briefing=live.briefing)
            note = f"{len(fresh)} added ({origin}): " + "; ".join(
                a.doc.source.outlet or a.doc.source.title for a, _ in fresh
            )
            items = [(a, raw, origin) for a, raw in fresh]
            kept = self._commit(slug, live, items, [], note, by, still_new=live.corpus.check)
            # Another process may have added the same article while this one analysed it:
            # its version is ours now, and ours is answered like any duplicate.
            kept_ids = {a.doc.source.id for a, _, _ in kept}
            for analysis, raw in fresh:
                if analysis.doc.source.id not in kept_ids:
                    title = analysis.doc.source.title or raw.url or raw.path or "article"
                    verdict = live.corpus.check(raw, analysis)
                    skipped.append(Skipped(title, verdict.reason))
            if live.briefing is None and len(live.corpus):
                live.briefing = live.corpus.briefing(now=_moment(live.created_at))
            if not kept or live.briefing is None:  # something kept means a briefing was built
                return Update(skipped=tuple(skipped), version=live.version, briefing=live.briefing)
            return Update(
                added=tuple(a.doc.source for a, _, _ in kept),
                skipped=tuple(skipped),
                version=live.version,
                changes=changes(before, live.briefing),
                briefing=live.briefing,
            )

    def recorrect(self, slug: str) -> Briefing:
        """The briefing with the corrections just recorded (by this process) laid over it."""
        with self._locks[slug]:
            live = self._refresh(slug)
            if live.briefing is None:
                raise NoArticlesError(f"story {slug} has no article with any text yet")
            return live.briefing

    def version(self, slug: str) -> int:
        """The version of the briefing this process holds (after `get`)."""
        live = self._live.get(slug)
        return live.version if live else 0

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

    # -- keeping one story current (called with its lock held) ----------------------------
    def _refresh(self, slug: str) -> _Live:
        story = self.stories[slug]
        live = self._live.get(slug)
        if live is None:
            live = self._live[slug] = _Live(Corpus(story.story, self.config))
        self._catch_up(slug, live)
        stamp = _fingerprint(story.seeds)
        if stamp != live.seeds:
            self._sync_seeds(slug, live, story)
            live.seeds = stamp
        self._load_corrections(slug, live)
        if live.briefing is None and len(live.corpus):
            live.briefing = live.corpus.briefing(now=_moment(live.created_at))
        live.checked = self._clock()
        return live

    def _load_corrections(self, slug: str, live: _Live) -> None:
        """The editors' corrections, laid over the corpus again whenever the log grew."""
        if self.corrections is None:
            return
        latest = self.corrections.latest(slug)
        if latest != live.corrected:
            live.corpus.correct(self.corrections.active(slug))
            live.corrected, live.briefing = latest, None

    def _catch_up(self, slug: str, live: _Live) -> None:
        """Apply the versions other processes saved since ours."""
        if self.library is None:
            return
        latest = self.library.latest(slug)
        if latest == live.version:
            return
        with self._bulk():
            for stored in self.library.articles(slug, after=live.version):
                source_id = stored.analysis.doc.source.id
                gone = stored.removed_in is not None and stored.removed_in <= latest
                if gone and source_id in live.origins:
                    live.corpus.remove(source_id)
                    del live.origins[source_id]
                elif not gone and source_id not in live.origins:
                    live.corpus.add(stored.analysis)
                    live.origins[source_id] = stored.origin
                if stored.origin == "seed" and stored.raw is not None:
                    live.seed_ids[_as_read(stored.raw)] = source_id
        saved = self.library.version(slug, latest)
        live.version, live.created_at = latest, saved.created_at if saved else None
        live.briefing = None

    def _sync_seeds(self, slug: str, live: _Live, story: StoryConfig) -> None:
        """Seed files added or changed join the story; seed files deleted leave it."""
        raws, errors = load_articles([story.seeds], self.config)
        for error in errors:
            log.warning("story %s: skipped %s", slug, error)
        read = [(self._seed_analysis(live, raw), raw) for raw in raws]
        ids = {a.doc.source.id: (a, raw, "seed") for a, raw in read if a.doc.sentences}
        added = [item for i, item in ids.items() if i not in live.origins]
        removed = [i for i, origin in live.origins.items() if origin == "seed" and i not in ids]
        if added or removed:
            note = f"seed folder: {len(added)} added, {len(removed)} removed"
            self._commit(slug, live, added, removed, note, "")

    def _seed_analysis(self, live: _Live, raw: RawArticle) -> Analysis:
        """A seed file already in the story, unchanged, is not analysed again (restarts,
        and every rescan after one seed file changed)."""
        key = _as_read(raw)
        known = live.seed_ids.get(key)
        if known is not None and known in live.corpus:
            return live.corpus.analysis(known)
        analysis = analyze(raw, self.config)
        live.seed_ids[key] = analysis.doc.source.id
        return analysis

    def _commit(
        self,
        slug: str,
        live: _Live,
        added: list[tuple[Analysis, RawArticle, str]],
        removed: list[str],
        note: str,
        by: str,
        still_new: Callable[[RawArticle, Analysis], Verdict] | None = None,
    ) -> list[tuple[Analysis, RawArticle, str]]:
        """Apply a change and save it as the next version; on a race with another process,
        undo, catch up with what it saved, and try again with what is still new to the
        story (`still_new`: the duplicate check). Returns the additions made."""
        for attempt in range(10):
            added = [item for item in added if item[0].doc.source.id not in live.origins]
            if attempt and still_new is not None:
                added = [item for item in added if still_new(item[1], item[0]).status == "new"]
            removed = [i for i in removed if i in live.origins]
            if not added and not removed:
                return []
            undo = {i: (live.corpus.analysis(i), live.origins[i]) for i in removed}
            for analysis, _, origin in added:
                live.corpus.add(analysis)
                live.origins[analysis.doc.source.id] = origin
            for source_id in removed:
                live.corpus.remove(source_id)
                del live.origins[source_id]
            now = datetime.now(UTC).replace(microsecond=0)
            briefing = live.corpus.briefing(now=now) if len(live.corpus) else None
            try:
                if self.library is not None and briefing is not None:
                    self.library.save(
                        slug, live.version + 1, briefing,
                        added=added, removed=removed, note=note, by=by,
                    )  # fmt: skip
            except VersionConflict:
                for analysis, _, _ in added:
                    live.corpus.remove(analysis.doc.source.id)
                    del live.origins[analysis.doc.source.id]
                for source_id, (analysis, origin) in undo.items():
                    live.corpus.add(analysis)
                    live.origins[source_id] = origin
                self._catch_up(slug, live)
                continue
            live.version += 1
            live.created_at = now.isoformat()
            live.briefing = briefing
            log.info("story %s: version %d (%s)", slug, live.version, note)
            return added
        raise RuntimeError(f"story {slug}: could not save a version after 10 tries")


def _as_read(raw: RawArticle) -> str:
    """A fingerprint of an article as read from its file: same file content, same key."""
    return hashlib.sha256(json.dumps(asdict(raw), sort_keys=True).encode()).hexdigest()


def _moment(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def _fingerprint(folder: Path) -> tuple[object, ...]:
    """Names, sizes and modification times of a story's files: cheap change detection."""
    if not folder.exists():
        return ()
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), (st := p.stat()).st_size, st.st_mtime_ns) for p in paths)
