"""Spreadsheets shared in chat never carry the server's layout: each source's path is
relative to the story's folder (its URL is in its own column)."""

from __future__ import annotations

import io
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from openpyxl import load_workbook

from bot import links
from bot.services import Services
from tests.chat.conftest import running_app, with_story
from tests.hostile.rawhttp import request, signed

ARTICLE = (
    "Library hours cut\n\n"
    "The county council said on Monday that 14 branch libraries would open three days "
    "a week from April, saving £1.2m a year.\n"
)


def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "srv" / "briefbot-install" / "stories" / "libraries"
    (folder / "2026" / "march").mkdir(parents=True)
    (folder / "2026" / "march" / "council.txt").write_text(ARTICLE)
    return folder


def paths_in(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data))["Sources"]
    header = [c.value for c in sheet[1]]
    column = header.index("Path")
    return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]


def cells(data: bytes) -> str:
    """Every cell of every sheet, as one text (the file itself is compressed)."""
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_the_digest_spreadsheet_shows_paths_relative_to_the_story(settings, slack, tmp_path):
    settings = with_story(settings, story_folder(tmp_path))
    services = Services.from_settings(settings)
    with running_app(settings, services) as url:
        body = urlencode(
            {
                "team_id": "T111", "channel_id": "C123", "user_id": "U123", "command": "/hubs",
                "text": "digest now", "response_url": "http://127.0.0.1:9/unused",
                "trigger_id": f"{time.time_ns()}.1",
            }
        ).encode()  # fmt: skip
        assert request(url, "/slack/events", body, signed(body)).status == 200
        slack.wait_until(lambda: bool(slack.uploads), timeout=30, what="the upload")
    (data,) = slack.uploads.values()
    assert paths_in(data) == ["2026/march/council.txt"]
    assert str(tmp_path) not in cells(data)


def test_the_download_link_shows_paths_relative_to_the_story(settings, tmp_path):
    settings = replace(
        with_story(settings, story_folder(tmp_path)), public_url="https://bot.example.org"
    )
    services = Services.from_settings(settings)
    with running_app(settings, services) as url:
        link = links.figures_link(settings, "hubs")
        assert link is not None
        local = url + link.removeprefix(settings.public_url)
        with urllib.request.urlopen(local, timeout=30) as answer:
            data = answer.read()
    assert paths_in(data) == ["2026/march/council.txt"]
    assert str(tmp_path) not in cells(data)
