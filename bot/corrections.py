"""The corrections log: every editor's change to a story's briefing, kept in our database.

Append-only (the migration adds a trigger that refuses UPDATE and DELETE): a correction is
taken back by a later row that undoes it, so `/hubs corrections` can always say who
changed what and when. The engine receives the corrections in effect (`active`) and lays
them over every briefing (`briefings.apply_corrections`); every process sees a new one
within its briefing re-check, as `latest` changes.

Who may correct: the command line (whoever runs it already holds the database), the
users listed as editors in briefbot.toml, and a platform's workspace admins (a Teams
team's owners: `bot/teams/owners.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, insert, select
from sqlalchemy.exc import IntegrityError

from briefings import Correction, CorrectionKind, Target

from .store import Store

UNDO = "undo"
REFUSAL = (
    "Only editors can correct the briefing: workspace admins (in Teams, the team's owners) "
    "and the people listed as editors in briefbot.toml. Ask one of them, or ask an admin to "
    "list your id ({user}) in briefbot.toml."
)

metadata = MetaData()
"""Not the store's: this table is made by its own migration (0002), not the baseline."""

log = Table(
    "briefbot_corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("targets", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("undoes", Integer, unique=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
)


@dataclass(frozen=True)
class Editor:
    """Who made a change: where, their id (for permissions) and their name as shown."""

    platform: str
    workspace: str
    user: str
    name: str

    @property
    def shown(self) -> str:
        """'@alice' in chat; the name as given on the command line."""
        name = " ".join(self.name.split())[:80] or self.user
        if self.platform == "cli":
            return name or "cli"
        return name if name.startswith("@") else f"@{name or 'an editor'}"


@dataclass(frozen=True)
class Entry:
    """One row of the log, and whether it still holds."""

    id: int
    story: str
    kind: str
    targets: tuple[Target, ...]
    value: str
    undoes: int | None
    by: str
    at: str
    undone_by: Entry | None = None

    @property
    def correction(self) -> Correction:
        kind = cast(CorrectionKind, self.kind)  # one this code cannot apply is reported stale
        return Correction(self.id, kind, self.targets, self.value, self.by, self.at)

    def describe(self) -> str:
        if self.kind == UNDO:
            return f"undid correction #{self.undoes}"
        return self.correction.describe()


class UndoError(Exception):
    """A correction that cannot be undone (no such one, an undo, or undone already)."""


class CorrectionLog:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine  # the table comes with the store's migrations

    def record(
        self, story: str, kind: str, targets: tuple[Target, ...], value: str, by: Editor
    ) -> Entry:
        with self.engine.begin() as db:
            row = _row(story, kind, targets, value, None, by)
            new = db.execute(insert(log).values(**row)).inserted_primary_key
        assert new is not None  # every database we run on reports it
        return self._entry(int(new[0]))

    def undo(self, story: str, number: int, by: Editor) -> Entry:
        """Undo correction `number` of `story` (its row stays; a new row says it is undone)."""
        done = self.entries(story)
        target = next((e for e in done if e.id == number), None)
        if target is None:
            raise UndoError(f"There is no correction #{number} of this story.")
        if target.kind == UNDO:
            raise UndoError(f"#{number} is itself an undo; correct the item again instead.")
        if target.undone_by is not None:
            raise UndoError(f"#{number} was undone already (#{target.undone_by.id}).")
        try:
            with self.engine.begin() as db:
                row = _row(story, UNDO, target.targets, "", number, by)
                new = db.execute(insert(log).values(**row)).inserted_primary_key
        except IntegrityError:
            raise UndoError(f"#{number} was undone already.") from None
        assert new is not None
        return self._entry(int(new[0]))

    def entries(self, story: str, *, limit: int | None = None) -> list[Entry]:
        """Newest first, each correction with the undo that took it back, if any."""
        query = select(log).where(log.c.story == story).order_by(log.c.id.desc())
        with self.engine.connect() as db:
            rows = [_entry(row) for row in db.execute(query).mappings()]
        undone = {e.undoes: e for e in rows if e.kind == UNDO}
        rows = [replace(e, undone_by=undone[e.id]) if e.id in undone else e for e in rows]
        return rows[:limit] if limit is not None else rows

    def active(self, story: str) -> tuple[Correction, ...]:
        """The corrections in effect, oldest first: what the engine lays over the briefing."""
        live = [e for e in self.entries(story) if e.kind != UNDO and e.undone_by is None]
        return tuple(e.correction for e in reversed(live))

    def latest(self, story: str) -> int:
        """The newest row's id (0: none), which changes with every correction and undo."""
        query = select(func.max(log.c.id)).where(log.c.story == story)
        with self.engine.connect() as db:
            return int(db.execute(query).scalar() or 0)

    def _entry(self, number: int) -> Entry:
        with self.engine.connect() as db:
            return _entry(db.execute(select(log).where(log.c.id == number)).mappings().one())


def may_edit(
    editors: tuple[str, ...], editor: Editor, is_admin: Callable[[], bool] | None = None
) -> bool:
    """The command line, a listed editor (by user id: anyone can change their name), or a
    workspace admin (`is_admin` asks the platform, so it is asked last)."""
    if editor.platform == "cli" or (editor.user and editor.user in editors):
        return True
    return is_admin is not None and is_admin()


def _row(
    story: str, kind: str, targets: tuple[Target, ...], value: str, undoes: int | None, by: Editor
) -> dict[str, Any]:
    return {
        "story": story,
        "kind": kind,
        "targets": json.dumps([asdict(t) for t in targets], ensure_ascii=False),
        "value": value,
        "undoes": undoes,
        "platform": by.platform,
        "workspace": by.workspace,
        "user_id": by.user[:64],
        "user_name": by.shown[:200],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _entry(row: Any) -> Entry:
    targets = tuple(Target(**t) for t in json.loads(row["targets"]))
    return Entry(
        row["id"], row["story"], row["kind"], targets, row["value"], row["undoes"],
        row["user_name"], row["created_at"],
    )  # fmt: skip
