"""Creating Briefbot's tables when several processes start at once.

`metadata.create_all` looks for each table, then creates the missing ones: two processes
starting together on a fresh PostgreSQL database both create, and the second fails on
PostgreSQL's catalogue (`pg_type_typname_nsp_index`). There, creation runs under a
transaction-scoped advisory lock, so the second waits, then finds the tables. SQLite
serialises writers itself; a create that lost the race is simply retried.

This is no migration system: a column added later still needs a migration (issue 21,
item 13, is open for Alembic).
"""

from __future__ import annotations

from sqlalchemy import Engine, MetaData, text
from sqlalchemy.exc import DatabaseError

SCHEMA_LOCK = 0x62726965666274  # any constant every Briefbot process agrees on


def create_tables(engine: Engine, metadata: MetaData) -> None:
    """The tables of `metadata` that do not exist yet, created once whoever starts first."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as db:
            db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            metadata.create_all(db)
        return
    try:
        metadata.create_all(engine)
    except DatabaseError:  # "table … already exists": another process was first
        metadata.create_all(engine)
