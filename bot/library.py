"""Each story's articles and briefing versions, kept in our database.

A story's briefing is always its `Corpus` of articles, briefed. What this module adds is
memory shared by every process (web workers, the scheduler): which articles a story has
(seed files, added links, feed items), each one's analysis (an article is read once,
ever), and a numbered version per change holding the summary of the briefing after it
(`briefings.diff.summarize`), so "what changed since version 12, or since Tuesday" is an
exact comparison of two summaries.

Analyses are pickled: the database is ours, never fed pickles from outside. Each row also
keeps the article as read and the engine's fingerprint, so after an engine upgrade an
article is analysed again instead of trusting a stale analysis.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

import briefings
from briefings import Analysis, Briefing, EngineConfig, RawArticle, analyze, summarize

from .schema import create_tables
from .store import Store
from .tables import metadata

articles = Table(
    "briefbot_articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story", String(64), nullable=False),
    Column("source_id", String(32), nullable=False),
    Column("origin", String(16), nullable=False),  # seed, link, feed, file
    Column("url", Text),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", String(200)),
    Column("added_by", String(64), nullable=False, default=""),
    Column("added_at", String(32), nullable=False),
    Column("version", Integer, nullable=False),  # the version that added it
    Column("removed_in", Integer),  # the version that removed it (seed file deleted)
    Column("analysis", LargeBinary, nullable=False),  # zlib(pickle(Analysis))
    Column("engine", String(16), nullable=False),  # ENGINE_STAMP when it was analysed
    Column("raw", LargeBinary, nullable=False),  # zlib(JSON of the RawArticle), to re-read
    UniqueConstraint("story", "source_id", name="one_article"),
)

versions = Table(
    "briefbot_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("note", Text, nullable=False, default=""),  # "2 articles added: BBC News, …"
    Column("summary", Text, nullable=False),  # JSON from briefings.diff.summarize
    UniqueConstraint("story", "version", name="one_version"),
)

feeds = Table(
    "briefbot_feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", String(64)),
    Column("checked_at", String(32)),
    Column("error", Text),
    Column("seen", Text, nullable=False, default="[]"),  # JSON: entry ids already handled
    UniqueConstraint("story", "url", name="one_feed"),
)


@dataclass(frozen=True)
class Version:
    story: str
    version: int
    created_at: str
    note: str
    summary: dict[str, Any]


@dataclass(frozen=True)
class Stored:
    """An article as loaded back: its analysis and where it came from."""

    analysis: Analysis
    origin: str
    version: int
    removed_in: int | None
    raw: RawArticle | None  # the article as read (None if it was saved without it)


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    seen: tuple[str, ...]
    """Entry ids already handled, oldest first (the oldest are forgotten past MAX_SEEN)."""


MAX_SEEN = 5000


class VersionConflict(Exception):
    """Another process saved a version first: reload and try again."""


@cache
def engine_stamp() -> str:
    """A fingerprint of the engine's code: analyses made by other code are redone."""
    digest = hashlib.sha256()
    root = Path(briefings.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


class Library:
    def __init__(self, store: Store, config: EngineConfig | None = None) -> None:
        self.engine = store.engine
        self.config = config or EngineConfig()
        create_tables(self.engine, metadata)

    # -- articles and versions -----------------------------------------------------------
    def latest(self, story: str) -> int:
        """The newest version number (0: nothing saved yet)."""
        query = select(func.max(versions.c.version)).where(versions.c.story == story)
        with self.engine.connect() as db:
            return int(db.execute(query).scalar() or 0)

    def articles(self, story: str, *, after: int = 0) -> list[Stored]:
        """Articles added or removed by versions after `after`, oldest first."""
        c = articles.c
        query = (
            select(c.id, c.analysis, c.engine, c.raw, c.origin, c.version, c.removed_in)
            .where(c.story == story)
            .where((c.version > after) | (c.removed_in > after))
            .order_by(c.version, c.id)
        )
        with self.engine.connect() as db:
            rows = list(db.execute(query))
        return [
            Stored(self._analysis(row), row.origin, row.version, row.removed_in, _raw(row))
            for row in rows
        ]

    def _analysis(self, row: Any) -> Analysis:
        if row.engine == engine_stamp():
            return pickle.loads(zlib.decompress(row.analysis))  # type: ignore[no-any-return]
        raw = _raw(row)
        if raw is None:
            raise ValueError(f"article {row.id} was saved without its text: cannot re-read it")
        analysis = analyze(raw, self.config)
        with self.engine.begin() as db:
            db.execute(
                update(articles)
                .where(articles.c.id == row.id)
                .values(analysis=_pack(analysis), engine=engine_stamp())
            )
        return analysis

    def save(
        self,
        story: str,
        version: int,
        briefing: Briefing,
        *,
        added: Sequence[tuple[Analysis, RawArticle | None, str]] = (),
        removed: Sequence[str] = (),
        note: str,
        by: str = "",
    ) -> None:
        """Record version `version` (raises VersionConflict if someone else did)."""
        now = briefing.generated_at
        try:
            with self.engine.begin() as db:
                db.execute(
                    insert(versions).values(
                        story=story, version=version, created_at=now, note=note,
                        summary=json.dumps(summarize(briefing)),
                    )
                )  # fmt: skip
                for analysis, raw, origin in added:
                    source = analysis.doc.source
                    db.execute(
                        insert(articles).values(
                            story=story, source_id=source.id, origin=origin, url=source.url,
                            title=source.title, outlet=source.outlet, added_by=by,
                            added_at=now, version=version,
                            analysis=_pack(analysis), engine=engine_stamp(),
                            raw=zlib.compress(json.dumps(asdict(raw) if raw else {}).encode()),
                        )
                    )  # fmt: skip
                if removed:
                    db.execute(
                        update(articles)
                        .where(articles.c.story == story, articles.c.source_id.in_(removed))
                        .values(removed_in=version)
                    )
        except IntegrityError as error:
            raise VersionConflict(str(error)) from None

    def versions(self, story: str, *, limit: int = 20) -> list[Version]:
        c = versions.c
        query = select(versions).where(c.story == story).order_by(c.version.desc()).limit(limit)
        with self.engine.connect() as db:
            return [_version(row) for row in db.execute(query).mappings()]

    def version(self, story: str, number: int) -> Version | None:
        c = versions.c
        query = select(versions).where(c.story == story, c.version == number)
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        return _version(row) if row else None

    def version_at(self, story: str, moment: datetime) -> Version | None:
        """The version that was current at `moment` (None: the story had none yet)."""
        c = versions.c
        query = (
            select(versions)
            .where(c.story == story, c.created_at <= moment.astimezone(UTC).isoformat())
            .order_by(c.version.desc())
            .limit(1)
        )
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        return _version(row) if row else None

    # -- feeds ---------------------------------------------------------------------------
    def feed(self, story: str, url: str) -> FeedState:
        c = feeds.c
        query = select(feeds).where(c.story == story, c.url == url)
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        if row is None:
            return FeedState(url, None, None, ())
        return FeedState(url, row["etag"], row["last_modified"], tuple(json.loads(row["seen"])))

    def feed_checked(
        self,
        story: str,
        state: FeedState,
        *,
        error: str | None = None,
    ) -> None:
        values = {
            "etag": state.etag,
            "last_modified": state.last_modified,
            "seen": json.dumps(state.seen[-MAX_SEEN:]),
            "checked_at": _now(),
            "error": error,
        }
        c = feeds.c
        with self.engine.begin() as db:
            key = (c.story == story) & (c.url == state.url)
            if not db.execute(update(feeds).where(key).values(**values)).rowcount:
                db.execute(insert(feeds).values(story=story, url=state.url, **values))

    def feed_states(self, story: str) -> list[dict[str, Any]]:
        """For `/hubs sources`-style listings: each feed's last check and error."""
        c = feeds.c
        query = select(c.url, c.checked_at, c.error).where(c.story == story).order_by(c.url)
        with self.engine.connect() as db:
            return [dict(row) for row in db.execute(query).mappings()]


def _version(row: Any) -> Version:
    return Version(
        row["story"], row["version"], row["created_at"], row["note"], json.loads(row["summary"])
    )


def _raw(row: Any) -> RawArticle | None:
    fields = json.loads(zlib.decompress(row.raw))
    return RawArticle(**fields) if fields else None


def _pack(analysis: Analysis) -> bytes:
    return zlib.compress(pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL), 3)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
