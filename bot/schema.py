"""Briefbot's schema: created and upgraded by migrations, one process at a time.

`metadata.create_all` from several processes starting together raced on PostgreSQL's
catalogue (`pg_type_typname_nsp_index`) and lost additions to IntegrityError. Each
process now runs the Alembic migrations in `bot/migrations` (`briefbot db upgrade` runs
them once, at deploy) inside one transaction holding an advisory lock: the first
creates or upgrades, the others wait and find the schema current. SQLite serialises
writers itself; a run that lost the race is simply tried again.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, text
from sqlalchemy.exc import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_LOCK = 0x62726965666274  # any constant every Briefbot process agrees on
VERSION_TABLE = "briefbot_schema_version"  # not alembic_version: the database may be shared


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest schema; returns the revision it is at."""
    try:
        return _upgrade(engine)
    except DatabaseError:
        if engine.dialect.name == "postgresql":
            raise
        return _upgrade(engine)  # SQLite: another process was creating the same tables


def revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None before any migration)."""
    with engine.connect() as db:
        return _current(db)


def head() -> str:
    """The newest revision this code knows."""
    return str(ScriptDirectory.from_config(_config()).get_current_head())


def create_tables(engine: Engine, metadata: MetaData) -> None:
    """Tables outside the migrations (the Slack SDK's installation store), created under
    the same lock."""
    with engine.begin() as db:
        _lock(db)
        metadata.create_all(db)


def _upgrade(engine: Engine) -> str:
    config = _config()
    with engine.begin() as db:
        _lock(db)
        if _current(db) != head():
            config.attributes["connection"] = db
            command.upgrade(config, "head")
    return head()


def _current(db: Connection) -> str | None:
    context = MigrationContext.configure(db, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _lock(db: Connection) -> None:
    if db.dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["version_table"] = VERSION_TABLE
    return config
