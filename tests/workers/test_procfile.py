"""The Procfile runs what README "Running at scale" recommends: a worker per kind of work,
whose queues together are every queue, each process listed in the README's table."""

from __future__ import annotations

from pathlib import Path

from bot.workqueue import QUEUES

ROOT = Path(__file__).resolve().parents[2]


def test_the_procfile_splits_workers_by_queue_as_the_readme_says() -> None:
    lines = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    workers = {name: cmd for name, cmd in lines.items() if cmd.startswith("briefbot worker")}
    queues = [cmd.split("--queues ", 1)[1].split()[0].split(",") for cmd in workers.values()]
    assert sorted(q for qs in queues for q in qs) == sorted(QUEUES)  # each queue, once
    assert len(workers) == 2 and ["analysis", "feeds"] in queues  # CPU work apart
    readme = (ROOT / "README.md").read_text()
    for name, cmd in lines.items():
        assert f"| `{name}: {cmd}` |" in readme
