"""The database engine every process opens: PostgreSQL when DATABASE_URL says so, else a
SQLite file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

PING_AFTER_IDLE = 5.0
"""Seconds a pooled connection may sit unused and still be trusted without a ping."""


def connect(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created on first use."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url)
        _ping_when_idle(engine)
        return engine
    if parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # Many threads and a second process share the file: wait for locks instead of failing.
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _wal(connection: Any, record: Any) -> None:
        connection.execute("PRAGMA journal_mode=WAL")

    return engine


def _ping_when_idle(engine: Engine) -> None:
    """A connection idle for PING_AFTER_IDLE seconds is pinged before use, and replaced if
    the server dropped it (a restart, an idle timeout), as `pool_pre_ping` does; one used a
    moment ago is not. `pool_pre_ping` pinged before every transaction: a digest takes
    six, so half its round trips to PostgreSQL were pings (a sixth of a digest worker's
    busy samples in bench/cluster.py under py-spy, waits on the server included)."""

    @event.listens_for(engine, "connect")
    def _fresh(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _idle(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if time.monotonic() - record.info.get("idle_since", 0.0) < PING_AFTER_IDLE:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool drops it and checks out another
            raise DisconnectionError(f"stale connection: {error}") from error
