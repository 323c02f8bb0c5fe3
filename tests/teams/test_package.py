"""The Teams app package: a zip Teams accepts, checked against the vendored v1.19 schema."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from bot.cli import main
from bot.commands import COMMANDS as COMMAND_REGISTRY
from bot.teams.package import (
    LIMITS,
    MANIFEST_SCHEMA,
    MAX_COMMANDS,
    SCOPES,
    build_package,
    clip,
)

# microsoft/json-schemas teams/v1.19/MicrosoftTeams.schema.json (commit 6fd95e4d), unmodified.
SCHEMA = Path(__file__).resolve().parents[1] / "fakes" / "teams-manifest-1.19.json"
APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
COMMANDS = [("status", "Where the story stands"), ("brief", "The full briefing"),
            ("help", "What Briefbot can do")]  # fmt: skip


def package(**changes: Any) -> bytes:
    args: dict[str, Any] = dict(
        app_id=APP_ID, name="Briefbot", short_description="Keeps your team briefed on a story",
        long_description="Briefbot reads the coverage and posts what changed.",
        developer_name="Example Newsroom", website_url="https://briefbot.example.org",
        privacy_url="https://briefbot.example.org/privacy",
        terms_url="https://briefbot.example.org/terms", commands=COMMANDS,
        valid_domains=["briefbot.example.org"],
    )  # fmt: skip
    return build_package(**(args | changes))


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest(**changes: Any) -> dict[str, Any]:
    return json.loads(unzip(package(**changes))["manifest.json"])


def read_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, colour type and raw rows, parsed independently of the writer."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(
            kind + body
        )
        chunks.append((kind, body))
        at += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and interlace == 0
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = 1 + width * (4 if colour == 6 else 3)
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows)  # filter "None"; enough for these icons
    return width, height, colour, [row[1:] for row in rows]


def test_zip_holds_the_manifest_and_two_icons_at_its_root() -> None:
    assert sorted(unzip(package())) == ["color.png", "manifest.json", "outline.png"]


def test_manifest_validates_against_the_v1_19_schema() -> None:
    data = manifest()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert [e.message for e in Draft4Validator(schema).iter_errors(data)] == []
    # Draft 4 has no "const": check the version the schema pins by hand.
    assert data["manifestVersion"] == schema["properties"]["manifestVersion"]["const"] == "1.19"
    assert data["$schema"] == MANIFEST_SCHEMA


def test_manifest_fields() -> None:
    data = manifest(version="2.3.4", accent_color="#112233")
    assert data["id"] == APP_ID and data["version"] == "2.3.4"
    assert data["accentColor"] == "#112233"
    assert data["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert data["developer"]["termsOfUseUrl"] == "https://briefbot.example.org/terms"
    assert data["validDomains"] == ["briefbot.example.org"]
    (bot,) = data["bots"]
    assert bot["botId"] == APP_ID and bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is False and bot["isNotificationOnly"] is False
    assert [entry["scopes"] for entry in bot["commandLists"]] == [[s] for s in SCOPES]
    for entry in bot["commandLists"]:
        assert [(c["title"], c["description"]) for c in entry["commands"]] == COMMANDS


def test_manifest_asks_for_reading_the_team_members_so_owners_can_edit() -> None:
    """Resource-specific consent: the installing team grants the bot its member list, the
    only place that says who owns the team (tests/teams/test_team_owners.py)."""
    data = manifest()
    assert data["webApplicationInfo"]["id"] == APP_ID and data["webApplicationInfo"]["resource"]
    assert data["authorization"]["permissions"]["resourceSpecific"] == [
        {"name": "TeamMember.Read.Group", "type": "Application"}
    ]


def test_icon_sizes_and_colour_types() -> None:
    files = unzip(package())
    assert read_png(files["color.png"])[:3] == (192, 192, 2)  # RGB, full colour
    assert read_png(files["outline.png"])[:3] == (32, 32, 6)  # RGBA


def test_outline_icon_is_white_on_transparent() -> None:
    _, _, _, rows = read_png(unzip(package())["outline.png"])
    pixels = [row[i : i + 4] for row in rows for i in range(0, len(row), 4)]
    assert set(pixels) == {b"\x00\x00\x00\x00", b"\xff\xff\xff\xff"}
    assert pixels[0] == b"\x00\x00\x00\x00"  # the corner shows through
    assert 0.15 < pixels.count(b"\xff\xff\xff\xff") / len(pixels) < 0.5


def test_colour_icon_uses_the_accent_with_a_white_mark() -> None:
    _, _, _, rows = read_png(unzip(package(accent_color="#2B5797"))["color.png"])
    pixels = {row[i : i + 3] for row in rows for i in range(0, len(row), 3)}
    assert pixels == {bytes.fromhex("2B5797"), b"\xff\xff\xff"}
    assert rows[0][:3] == bytes.fromhex("2B5797")


def test_long_texts_are_clipped_within_the_limits() -> None:
    data = manifest(
        name="Briefbot, the newsroom's companion for developing stories " * 3,
        short_description="word " * 40, long_description="x" * 5000,
        developer_name="A Very Long Developer Name Incorporated",
        commands=[("status", "d" * 300)],
    )  # fmt: skip
    assert len(data["name"]["short"]) == LIMITS["name.short"]
    assert data["name"]["short"].endswith("…") and data["name"]["full"].endswith("…")
    assert len(data["name"]["full"]) <= LIMITS["name.full"]
    assert len(data["description"]["short"]) <= LIMITS["description.short"]
    assert len(data["description"]["full"]) == LIMITS["description.full"]
    assert len(data["developer"]["name"]) <= LIMITS["developer.name"]
    command = data["bots"][0]["commandLists"][0]["commands"][0]
    assert len(command["description"]) == LIMITS["command.description"]
    assert not data["description"]["short"].endswith(" …")  # no space left before the ellipsis


def test_only_the_first_ten_commands_are_listed() -> None:
    commands = [(f"cmd{i}", f"Command {i}") for i in range(12)]
    lists = manifest(commands=commands)["bots"][0]["commandLists"]
    assert all(len(entry["commands"]) == MAX_COMMANDS for entry in lists)
    assert lists[0]["commands"][-1]["title"] == "cmd9"


def test_no_commands_means_no_command_lists() -> None:
    assert "commandLists" not in manifest(commands=[])["bots"][0]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("  spaced   out  ", 20, "spaced out"),
        ("Briefbot keeps your team briefed", 12, "Briefbot ke…"),
        ("ab 😀😀😀", 6, "ab 😀…"),  # an emoji is two UTF-16 units, as Teams counts
        ("cafe\u0301 au lait", 5, "caf…"),  # never leave "e" without its accent
        ("👩\u200d💻 dev", 4, "👩…"),  # nor a dangling zero-width joiner
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
    assert len(clip(text, limit).encode("utf-16-le")) // 2 <= limit


@pytest.mark.parametrize(
    "app_id",
    [
        "",
        "briefbot",
        APP_ID[:-1],
        f"{{{APP_ID}}}",
        APP_ID.replace("-", ""),
        APP_ID + "\n",
        APP_ID.replace("3f", "xz", 1),
    ],
)
def test_app_id_must_be_a_guid(app_id: str) -> None:
    with pytest.raises(ValueError, match="app_id must be a GUID"):
        package(app_id=app_id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"commands": [("a-command-title-longer-than-32-chars", "x")]}, "must be 1-32"),
        ({"commands": [("status", "a"), ("Status", "b")]}, "unique"),
        ({"website_url": "http://briefbot.example.org"}, "website_url must be an https"),
        ({"accent_color": "blue"}, "accent_color must be #RRGGBB"),
        ({"version": "1.0"}, "MAJOR.MINOR.PATCH"),
        ({"valid_domains": ["https://briefbot.example.org"]}, "host names"),
        ({"valid_domains": [f"d{i}.example.org" for i in range(17)]}, "at most 16"),
        ({"name": "  "}, "name must not be empty"),
    ],
)
def test_values_that_would_make_a_broken_app_are_refused(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        package(**changes)


def test_same_input_gives_the_same_bytes() -> None:
    first, second = package(), package()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert package(version="1.0.1") != first


# -- `briefbot teams-package`: the same zip, built from this install's settings ------------


def teams_package(
    monkeypatch, tmp_path: Path, capsys, *args: str, **env: str
) -> tuple[int, str, Path]:
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "briefbot-teams.zip"
    status = main(["teams-package", "--out", str(out), *args])
    return status, capsys.readouterr().err, out


def test_teams_package_command_builds_the_zip_from_settings(monkeypatch, tmp_path, capsys):
    env = {"TEAMS_CLIENT_ID": APP_ID, "BRIEFBOT_PUBLIC_URL": "https://briefbot.example.org/"}
    status, err, out = teams_package(monkeypatch, tmp_path, capsys, **env)
    assert status == 0 and str(out) in err
    files = unzip(out.read_bytes())
    data = json.loads(files["manifest.json"])
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert [e.message for e in Draft4Validator(schema).iter_errors(data)] == []
    assert data["id"] == data["bots"][0]["botId"] == APP_ID
    assert data["validDomains"] == ["briefbot.example.org"]
    assert data["developer"]["websiteUrl"] == "https://briefbot.example.org"
    assert data["name"]["short"] == "Briefbot: hubs"
    assert "Overseas return hubs" in data["name"]["full"]
    assert read_png(files["color.png"])[:2] == (192, 192)
    assert read_png(files["outline.png"])[:2] == (32, 32)
    for entry in data["bots"][0]["commandLists"]:
        titles = [c["title"] for c in entry["commands"]]
        assert titles == list(COMMAND_REGISTRY)[:MAX_COMMANDS]  # each one the bot answers


def test_an_updated_package_carries_the_version_given(monkeypatch, tmp_path, capsys):
    args = ("--version", "1.4.2")
    status, _, out = teams_package(monkeypatch, tmp_path, capsys, *args, TEAMS_CLIENT_ID=APP_ID)
    assert status == 0
    assert json.loads(unzip(out.read_bytes())["manifest.json"])["version"] == "1.4.2"
    status, err, _ = teams_package(
        monkeypatch, tmp_path, capsys, "--version", "2", TEAMS_CLIENT_ID=APP_ID
    )
    assert status == 2 and "MAJOR.MINOR.PATCH" in err


def test_the_privacy_and_terms_pages_can_be_named(monkeypatch, tmp_path, capsys):
    pages = ("--privacy-url", "https://ex.org/privacy", "--terms-url", "https://ex.org/terms")
    status, _, out = teams_package(monkeypatch, tmp_path, capsys, *pages, TEAMS_CLIENT_ID=APP_ID)
    developer = json.loads(unzip(out.read_bytes())["manifest.json"])["developer"]
    assert status == 0 and developer["privacyUrl"] == "https://ex.org/privacy"
    assert developer["termsOfUseUrl"] == "https://ex.org/terms"
    bad = ("--privacy-url", "http://ex.org/privacy")
    status, err, _ = teams_package(monkeypatch, tmp_path, capsys, *bad, TEAMS_CLIENT_ID=APP_ID)
    assert status == 2 and "privacy_url must be an https:// URL" in err


def test_teams_package_without_a_public_url_still_builds(monkeypatch, tmp_path, capsys):
    status, err, out = teams_package(monkeypatch, tmp_path, capsys, TEAMS_CLIENT_ID=APP_ID)
    assert status == 0 and "BRIEFBOT_PUBLIC_URL is not set" in err
    assert json.loads(unzip(out.read_bytes())["manifest.json"])["validDomains"] == []


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "set TEAMS_CLIENT_ID"),
        ({"TEAMS_CLIENT_ID": "briefbot"}, "app_id must be a GUID"),
        ({"TEAMS_CLIENT_ID": APP_ID, "BRIEFBOT_PUBLIC_URL": "http://localhost:3000"}, "https"),
    ],
)
def test_teams_package_refuses_settings_teams_would_reject(
    monkeypatch, tmp_path, capsys, env: dict[str, str], message: str
) -> None:
    status, err, out = teams_package(monkeypatch, tmp_path, capsys, **env)
    assert status == 2 and not out.exists()
    assert err.startswith("briefbot: ") and message in err and len(err.splitlines()) == 1
