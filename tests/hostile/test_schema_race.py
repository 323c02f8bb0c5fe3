"""The schema is made by migrations, one process at a time: processes starting at once on
a fresh PostgreSQL database all get it, a database made before migrations is brought up
to date with its rows, and `briefbot db upgrade` runs them at deploy. (The run lost 3 of
40 additions from 4 processes to IntegrityError from concurrent CREATE TABLE.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import inspect

from bot import replays, tables
from bot.database import connect
from bot.schema import head, revision
from bot.store import Store
from bot.subscriptions import Subscription, parse_schedule

ROOT = Path(__file__).resolve().parents[2]
START = """
import sys, time
from bot.library import Library
from bot.replays import ReplayGuard
from bot.store import Store
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start together
store = Store.from_url(sys.argv[1])
Library(store)
ReplayGuard(store.engine)
print("ok")
"""


def test_processes_starting_together_all_get_the_schema(postgres_url):
    """Six processes on a fresh schema (without the lock, two runs in three failed)."""
    at = str(time.time() + 2.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", START, postgres_url, at],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    failures = [err[-500:] for p, (_, err) in zip(procs, results, strict=True) if p.returncode]
    assert failures == []


def test_a_database_made_before_migrations_keeps_its_rows(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    tables.metadata.create_all(engine)  # as every earlier version made it
    replays.metadata.create_all(engine)
    sub = Subscription("slack", "T1", "C1", "hubs", parse_schedule([], "Europe/London"), "U1")
    Store(engine).subscribe(sub)
    assert revision(engine) == head()
    assert [s.channel for s in Store(engine).subscriptions()] == ["C1"]


def test_briefbot_db_upgrade_migrates_a_fresh_database(tmp_path):
    env = os.environ | {"BRIEFBOT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert head() in result.stdout
    engine = connect(f"sqlite:///{tmp_path / 'briefbot.sqlite3'}")
    assert "briefbot_subscriptions" in inspect(engine).get_table_names()
    assert revision(engine) == head()
