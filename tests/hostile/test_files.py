"""Hostile files given to `briefbot brief`: each bad one is named with its reason on
stderr, the good files beside it are still briefed, and the exit status says a file was
skipped (1), or that nothing was left to brief (2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefings import load_articles

ROOT = Path(__file__).resolve().parents[2]
GOOD = (
    "Ferry timetable changes\n\n"
    "The harbour board said on Tuesday that winter sailings would fall to four a day, "
    "a cut its chair, Morag Petrie, called regrettable but necessary.\n"
)


def brief(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "brief", *map(str, paths), "--format", "json"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=120,
    )


def entity_bomb() -> str:
    """An 800-odd-byte page whose entities would expand to a billion words."""
    levels = ['<!ENTITY w0 "word">'] + [
        f'<!ENTITY w{i} "{f"&w{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(levels) + "\n]>\n"
        "<html><head><title>Harbour news</title></head>"
        "<body><article><p>&w9;</p></article></body></html>\n"
    )


HOSTILE = {
    "deep.json": (lambda: '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
    "bomb.html": (entity_bomb, "entit"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_named_and_the_good_one_still_briefed(tmp_path, name):
    make, reason = HOSTILE[name]
    (tmp_path / name).write_text(make())
    (tmp_path / "good.txt").write_text(GOOD)
    result = brief(tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if name in x]
    assert "skipped" in line and reason in line
    titles = [s["title"] for s in json.loads(result.stdout)["sources"]]
    assert titles == ["Ferry timetable changes"]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_alone_is_named_and_nothing_is_briefed(tmp_path, name):
    make, reason = HOSTILE[name]
    (tmp_path / name).write_text(make())
    result = brief(tmp_path / name)
    assert result.returncode == 2
    assert any(name in x and reason in x for x in result.stderr.splitlines())


def test_a_fifo_and_a_symlink_loop_in_a_folder_are_named(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    raws, errors = load_articles([tmp_path])
    assert [r.title for r in raws] == ["Ferry timetable changes"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "FIFO" in reasons["pipe.txt"]
    assert "loop" in reasons["loop.txt"] and "loop" in reasons["loop2.txt"]
    result = brief(tmp_path)  # and the run neither hangs on the FIFO nor hides them
    assert result.returncode == 1
    assert sum(n in result.stderr for n in ("pipe.txt", "loop.txt", "loop2.txt")) == 3


def test_a_fifo_given_by_name_is_not_called_missing(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    _, (error,) = load_articles([tmp_path / "pipe.txt"])
    assert "FIFO" in error.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    data = GOOD.replace("Morag", "Mòrag").encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "windows.txt").write_bytes(data)
    raws, errors = load_articles([tmp_path])
    assert errors == []
    assert raws[0].title == "Ferry timetable changes" and "Mòrag Petrie" in raws[0].text
