"""CPU seconds of processes, read from /proc: where a benchmark's CPU went, process by
process (Linux only; other users of the machine count too where a name is shared)."""

from __future__ import annotations

import os
from pathlib import Path

HZ = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> tuple[str, list[str]] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()


def cpu_of(pid: int) -> float | None:
    """CPU seconds (user and system) of one process so far; None once it is gone."""
    found = _stat(str(pid))
    return None if found is None else (int(found[1][11]) + int(found[1][12])) / HZ


def cpu_named(name: str) -> float:
    """CPU seconds of every process whose name starts with `name` (PostgreSQL's backends,
    Redis), with those of their children that ended (a backend whose connection closed)."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        found = _stat(pid)
        if found is not None and found[0].startswith(name):
            total += sum(int(f) for f in found[1][11:15])
    return total / HZ
