"""Signed requests seen in the last few minutes, so a replayed one does nothing.

A signature stays valid for Slack's five-minute window, so anyone who captured a signed
`/hubs digest now` could send it again and post a second digest. Each request's key (the
command, channel, user and trigger id, or the event id) is inserted under a unique
constraint in the shared database: the first insert wins in every process, a repeat
fails. Keys are kept only until their signature has expired.
"""

from __future__ import annotations

import hashlib
import threading
import time

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, delete, insert
from sqlalchemy.exc import IntegrityError

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
        self.engine = engine
        metadata.create_all(engine)
        self._lock = threading.Lock()
        self._next_purge = 0.0

    def first_time(self, identity: str, expires_at: int, *, now: float | None = None) -> bool:
        """Record `identity` until `expires_at` (Unix time); False when it was already seen."""
        now = time.time() if now is None else now
        key = hashlib.sha256(identity.encode()).hexdigest()
        self._purge(now)
        try:
            with self.engine.begin() as db:
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
