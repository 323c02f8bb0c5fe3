"""`/hubs timeline` through the real HTTP endpoint (fake Slack) and from the command line
(Teams: tests/teams/test_teams_timeline.py): dated events in order, each citing its
outlets, hostile text escaped, within Slack's limits."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl

from bot import links
from bot.services import Services
from bot.slack.limits import violations
from briefings import RawArticle
from tests.chat.conftest import Endpoint, running_app, texts, with_story

ARTICLES = {
    "gazette.txt": (
        "---\noutlet: Coast Gazette\npublished: 2026-03-09\n---\n"
        "Harbour plan approved\n\n"
        "The Ferrybridge council approved the harbour plan on Thursday after a long debate. "
        "A public inquiry will open on 14 April.\n"
    ),
    "times.txt": (
        "---\noutlet: Harbour Times\npublished: 2026-03-10\n---\n"
        "Quay plan moves ahead\n\n"
        "On Thursday the council approved the harbour plan by a wide margin. "
        "Harbour dues rose last month, port officials said.\n"
    ),
    "hostile.txt": (
        "---\noutlet: <!channel> Weekly\npublished: 2026-03-08\n---\n"
        "Pier notice\n\n"
        "The pier <@U999> closed yesterday after <!here> storm damage, <https://evil.example|see>.\n"
    ),
}


def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def test_slack_timeline_lists_dated_events_in_order_escaped(settings, responses, tmp_path) -> None:
    settings = with_story(settings, story_folder(tmp_path))
    services = Services.from_settings(settings)
    with running_app(settings, services) as url:  # built first: answered in the ack
        message = Endpoint(url, responses).command("timeline").json
    assert violations(message) == []
    assert message["blocks"][0]["text"]["text"] == "Test story: timeline"
    shown = "\n".join(texts(message))
    # Each day once, in date order; the Thursday both outlets report is one line citing both.
    order = ["*February 2026*", "*Thu 5 Mar 2026*", "*Sat 7 Mar 2026*", "*Sun 8 Mar 2026*",
             "*Mon 9 Mar 2026*", "*Tue 10 Mar 2026*", "*Tue 14 Apr 2026*"]  # fmt: skip
    positions = [shown.index(day) for day in order]
    assert positions == sorted(positions)
    thursday = [line for line in shown.splitlines() if "approved the harbour plan" in line]
    assert len(thursday) == 1 and "Coast Gazette" in thursday[0] and "Harbour Times" in thursday[0]
    assert "first reported by Coast Gazette" in shown
    # Hostile outlet names and sentences never ping or link.
    for marker in ("<!channel>", "<!here>", "<@U999>", "<https://evil"):
        assert marker not in shown, marker
    assert "&lt;@U999&gt;" in shown


def test_cli_ask_timeline(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    config = tmp_path / "briefbot.toml"
    config.write_text(f'[[story]]\nslug = "hubs"\ntitle = "Test story"\nseeds = "{folder.name}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_"))}
    env |= {"BRIEFBOT_CONFIG": str(config), "BRIEFBOT_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/hubs timeline"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Thu 5 Mar 2026") < out.index("Tue 14 Apr 2026")
    assert "A public inquiry will open on 14 April." in out


def test_timeline_shows_what_the_stories_versions_record(settings, responses, tmp_path) -> None:
    settings = with_story(settings, story_folder(tmp_path))
    services = Services.from_settings(settings)
    services.briefings.get("hubs")
    added = RawArticle(
        text=(
            "Harbour vote divides town\n\n"
            '"This quay will ruin the fishing fleet," said Morwenna Tregear, who chairs the '
            "Ferrybridge Fishermen's Association.\n"
        ),
        path="later.txt",
        meta={"outlet": "Western Post", "published": "2026-03-11"},
    )
    update = services.briefings.add("hubs", [added], origin="test")
    assert any(r.speaker == "Morwenna Tregear" for r in update.briefing.reactions)
    with running_app(settings, services) as url:
        message = Endpoint(url, responses).command("timeline").json
    assert violations(message) == []
    shown = "\n".join(texts(message))
    assert "_first briefed from 3 articles_" in shown
    assert "_new speaker: Morwenna Tregear_ (Western Post)" in shown


def test_the_spreadsheet_timeline_records_the_story_s_versions_too(
    settings, responses, tmp_path
) -> None:
    """The Timeline sheet behind the download link (as behind the Figures button, a digest
    and `briefbot figures`) lists what the versions record beside what articles date."""
    settings = replace(with_story(settings, story_folder(tmp_path)), public_url="https://b.test")
    services = Services.from_settings(settings)
    services.briefings.get("hubs")
    added = RawArticle(
        text='Vote divides town\n\n"It will ruin the fleet," said Morwenna Tregear, a skipper.\n',
        path="later.txt",
        meta={"outlet": "Western Post", "published": "2026-03-11"},
    )
    services.briefings.add("hubs", [added], origin="test")
    link = urlsplit(links.figures_link(settings, "hubs"))
    with running_app(settings, services) as url:
        answer = Endpoint(url, responses).request(f"{link.path}?{link.query}")
    assert answer.status == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.body))["Timeline"]
    events = [str(row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any("new speaker: Morwenna Tregear" in e for e in events), events
    assert any("council approved the harbour plan" in e for e in events), events
