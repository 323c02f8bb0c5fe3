"""`briefbot` as a user runs it: a subprocess, its output and its exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from briefings.render.json import schema

ROOT = Path(__file__).resolve().parents[1]


def briefbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, text=True, capture_output=True, timeout=120
    )


def test_brief_with_no_path_briefs_the_seeds_in_the_terminal():
    result = briefbot("brief")
    assert result.returncode == 0, result.stderr
    assert "KEY FIGURES" in result.stdout and result.stderr == ""


def test_json_output_follows_the_schema():
    result = briefbot("brief", "seeds", "--format", "json")
    assert result.returncode == 0
    jsonschema.validate(json.loads(result.stdout), schema())


def test_markdown_output():
    result = briefbot("brief", "seeds", "--format", "markdown")
    assert result.returncode == 0 and result.stdout.startswith("# ")


def test_bad_files_are_named_and_the_rest_still_briefed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = briefbot("brief", str(tmp_path), "seeds")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(str(tmp_path) in line for line in lines)
    assert "KEY FIGURES" in result.stdout


def test_nothing_to_brief_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = briefbot("brief", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "nothing to brief" in result.stderr


def test_writes_to_a_file(tmp_path):
    out = tmp_path / "b.md"
    result = briefbot("brief", "seeds", "--format", "markdown", "--out", str(out))
    assert result.returncode == 0 and out.read_text().startswith("# ")
