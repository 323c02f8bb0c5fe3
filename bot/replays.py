"""Signed requests seen in the last few minutes, so a replayed one does nothing.

A signature stays valid for Slack's five-minute window, so anyone who captured a signed
`/hubs digest now` could send it again and post a second digest. Each request's key (the
command, channel, user and trigger id, or the event id) is inserted under a unique
constraint in the shared database: the first insert wins in every process, a repeat
fails. Keys are kept only until their signature has expired.

Every request writes a key, so the writes skip the disk flush (SQLite `synchronous=NORMAL`
on a connection of their own, PostgreSQL `synchronous_commit = off`): a key lost to a power
cut costs nothing, but a flush per request halved the requests served per second.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    insert,
)
from sqlalchemy.exc import IntegrityError

from .schema import create_tables

metadata = MetaData()
seen_requests = Table(
    "briefbot_seen_requests",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the request's identity
    Column("expires_at", Integer, nullable=False, index=True),
)

PURGE_EVERY_SECONDS = 60.0


class ReplayGuard:
    def __init__(self, engine: Engine) -> None:
        self.engine = _unflushed(engine)
        create_tables(self.engine, metadata)
        self._lock = threading.Lock()
        sqlite = self.engine.dialect.name == "sqlite"
        self._writing: Any = threading.Lock() if sqlite else contextlib.nullcontext()
        self._next_purge = 0.0

    def first_time(self, identity: str, expires_at: int, *, now: float | None = None) -> bool:
        """Record `identity` until `expires_at` (Unix time); False when it was already seen."""
        now = time.time() if now is None else now
        key = hashlib.sha256(identity.encode()).hexdigest()
        self._purge(now)
        # SQLite has one writer at a time and makes the others back off in growing sleeps:
        # this process's threads take turns here instead, which keeps the tail short.
        with self._writing:
            try:
                with self.engine.begin() as db:
                    if self.engine.dialect.name == "postgresql":
                        db.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                    db.execute(insert(seen_requests).values(key=key, expires_at=expires_at))
            except IntegrityError:
                return False
        return True

    def _purge(self, now: float) -> None:
        """Forget expired keys, at most once a minute per process."""
        with self._lock:
            if now < self._next_purge:
                return
            self._next_purge = now + PURGE_EVERY_SECONDS
        with self.engine.begin() as db:
            db.execute(delete(seen_requests).where(seen_requests.c.expires_at < int(now)))


def _unflushed(engine: Engine) -> Engine:
    """For SQLite, an engine of our own on the same file whose commits do not flush."""
    if engine.dialect.name != "sqlite":
        return engine
    own = create_engine(engine.url, connect_args={"timeout": 30})

    @event.listens_for(own, "connect")
    def _normal(connection: Any, record: Any) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")

    return own
