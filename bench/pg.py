"""A throwaway PostgreSQL schema for a benchmark run, on this machine's server.

Each run gets its own schema, so runs never see each other's tables; the URL names the
schema as the connections' application, so the schema can be dropped even when a worker
that was killed mid-run left its connection open.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def schema() -> Iterator[str]:
    """The URL of a fresh schema, dropped (its connections ended first) afterwards."""
    engine, name = create_engine(PG_URL), "bench_" + uuid.uuid4().hex[:12]
    with engine.begin() as db:
        db.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{name}&application_name={name}"
    finally:
        with engine.begin() as db:
            db.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s", (name,),
            )  # fmt: skip
            db.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        engine.dispose()
