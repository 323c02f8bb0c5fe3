"""`briefbot` as a user runs it: a subprocess, its output and its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from briefings.render.json import schema

ROOT = Path(__file__).resolve().parents[1]


def briefbot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=120,
        env=None if env is None else os.environ | env,
    )


def test_brief_with_no_path_briefs_the_seeds_in_the_terminal():
    result = briefbot("brief")
    assert result.returncode == 0, result.stderr
    assert "KEY FIGURES" in result.stdout
    (audit,) = result.stderr.splitlines()  # nothing else: no warning, no skipped file
    assert audit.startswith("briefbot: verified ") and " dropped" in audit


def test_brief_ends_with_what_verification_checked_and_took_out():
    briefed = json.loads(briefbot("brief", "--format", "json").stdout)["audit"]
    line = briefbot("brief").stderr.strip().splitlines()[-1]
    assert line.startswith(f"briefbot: verified {briefed['checked']} items")
    assert f"{briefed['dropped']} dropped" in line
    for reason, count in briefed["reasons"].items():
        assert f"{count} {reason}" in line


def test_other_articles_are_not_titled_as_the_default_story(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Lanes approved\n\nThe city council has approved £2.4m for new cycle lanes.\n"
    )
    seeds = json.loads(briefbot("brief", "--format", "json").stdout)["story"]["title"]
    other = json.loads(briefbot("brief", str(tmp_path), "--format", "json").stdout)
    assert other["story"]["title"] == "News briefing" != seeds
    titled = briefbot("brief", str(tmp_path), "--title", "Cycle lanes", "--format", "markdown")
    assert titled.stdout.startswith("# Cycle lanes")


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
    *lines, audit = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(str(tmp_path) in line for line in lines)
    assert audit.startswith("briefbot: verified ")
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


def test_brief_writes_the_web_page(tmp_path):
    out = tmp_path / "b.html"
    result = briefbot("brief", "seeds", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "<h1>Overseas return hubs" in page


def test_ask_shows_the_full_briefing_link_where_the_bot_has_a_public_address(tmp_path):
    env = {"BRIEFBOT_DATA_DIR": str(tmp_path), "BRIEFBOT_PUBLIC_URL": "https://bot.example.org"}
    result = briefbot("ask", "/hubs status", env=env)
    assert result.returncode == 0, result.stderr
    assert "[ Full briefing: https://bot.example.org/briefing/hubs.html?expires=" in result.stdout


def test_ask_prints_what_the_bot_would_answer(tmp_path, seeds_briefing):
    result = briefbot("ask", "/hubs status", env={"BRIEFBOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Overseas return hubs for failed asylum seekers"
    assert "*Key figures*" in lines and "[ Share in channel ]" in lines
    assert any(f.display in result.stdout for f in seeds_briefing.figures)


def test_ask_with_an_unknown_command_suggests_one(tmp_path):
    result = briefbot("ask", "/hubs figuers", env={"BRIEFBOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "Did you mean `/hubs figures`?" in result.stdout


def test_ask_for_a_story_that_does_not_exist_fails_clearly(tmp_path):
    result = briefbot("ask", "/elections status", env={"BRIEFBOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2 and "/hubs" in result.stderr


def test_figures_xlsx_writes_a_workbook(tmp_path, seeds_briefing):
    import openpyxl

    out = tmp_path / "figures.xlsx"
    result = briefbot("figures", "--xlsx", str(out), env={"BRIEFBOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out)["Figures"].max_row == len(seeds_briefing.figures) + 1


def test_serve_and_socket_name_the_missing_settings(tmp_path):
    env = {"BRIEFBOT_DATA_DIR": str(tmp_path)}
    serve = briefbot("serve", env=env)
    assert serve.returncode == 2 and "SLACK_BOT_TOKEN" in serve.stderr
    assert "SLACK_SIGNING_SECRET" in serve.stderr and "Traceback" not in serve.stderr
    socket = briefbot("socket", env=env | {"SLACK_BOT_TOKEN": "xoxb-1"})
    assert socket.returncode == 2 and "SLACK_APP_TOKEN" in socket.stderr


def test_checked_in_manifest_matches_the_command_registry():
    result = briefbot("manifest")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads((ROOT / "manifest.json").read_text())
    commands = json.loads(result.stdout)["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/hubs"]
