"""A pooled PostgreSQL connection the server dropped (a restart, an idle timeout) is
replaced before it is used, once it has sat idle; one used a moment ago is trusted, so a
digest's six short transactions do not each pay a ping (`bot.database`)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot import database
from bot.database import connect


def drop_server_side(engine, url: str) -> None:  # type: ignore[no-untyped-def]
    """End this test's pooled sessions from another connection, as a restart would."""
    name = url.rpartition("application_name=")[2]
    with connect(url.replace(name, name + "_killer")).begin() as db:
        ended = db.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE application_name = :name"), {"name": name},
        ).scalar_one()  # fmt: skip
    assert ended == 1


def test_an_idle_connection_the_server_dropped_is_replaced_before_use(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = connect(postgres_url)
    with engine.connect() as db:
        assert db.execute(text("SELECT 1")).scalar_one() == 1
    drop_server_side(engine, postgres_url)
    monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)  # it has been idle long enough
    with engine.connect() as db:
        assert db.execute(text("SELECT 2")).scalar_one() == 2  # a fresh one, no error
    engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(postgres_url: str) -> None:
    engine = connect(postgres_url)
    with engine.connect() as db:
        db.execute(text("SELECT 1"))
    drop_server_side(engine, postgres_url)
    with pytest.raises(OperationalError), engine.connect() as db:  # no ping: it finds out
        db.execute(text("SELECT 1"))
    with engine.connect() as db:  # and the pool replaces it
        assert db.execute(text("SELECT 3")).scalar_one() == 3
    engine.dispose()
