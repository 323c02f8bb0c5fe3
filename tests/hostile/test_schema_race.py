"""Processes starting at once on a fresh PostgreSQL database all get the schema: creating
it is serialised by a database lock. (The run lost 3 of 40 additions from 4 processes to
IntegrityError from concurrent CREATE TABLE.) Migrations (Alembic) are not done yet."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

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
