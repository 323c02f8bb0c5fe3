"""The Teams app package: ``manifest.json`` and two icons in a zip, built in memory.

Why: Teams installs a bot only from this zip (Developer Portal or "Upload a custom app").
Building it from code keeps the command menu in step with the command registry, and drawing
the icons here (a tiny PNG writer, no Pillow, no binary files in the repo) keeps the
package reproducible: the same input gives the same bytes.

The manifest follows schema v1.19 (https://developer.microsoft.com/json-schemas/teams/v1.19/
MicrosoftTeams.schema.json), which requires ``name.full`` and spells the scope ``groupChat``.
The package asks for one resource-specific permission, TeamMember.Read.Group (Application):
granted to the team that installs the app, it lets the bot read that team's members from
Microsoft Graph, the only place that says who owns a team (owners are editors;
``bot/teams/owners.py``). RSC names the Azure AD app in ``webApplicationInfo``: the bot's own
id, since a Teams bot is its Azure AD app; ``resource`` does nothing for RSC but must be set.

Display texts that are too long are shortened with "…"; values that would make a broken app
(an app id that is not a GUID, a command title Teams would cut, non-https links) raise
``ValueError`` naming the field.
"""

from __future__ import annotations

import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MANIFEST_VERSION = "1.19"
MANIFEST_SCHEMA = (
    f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}"
    "/MicrosoftTeams.schema.json"
)
SCOPES = ("personal", "team", "groupChat")
RSC_PERMISSIONS = ({"name": "TeamMember.Read.Group", "type": "Application"},)
MAX_COMMANDS = 10  # per scope; Teams shows the first ten in the command menu
LIMITS = {"name.short": 30, "name.full": 100, "description.short": 80,
          "description.full": 4000, "developer.name": 32, "command.title": 32,
          "command.description": 128, "validDomains": 16}  # fmt: skip
COLOR_SIZE, OUTLINE_SIZE = 192, 32
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest zip date: fixed, so the bytes are stable
_GUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_ZWJ = "\u200d"  # zero-width joiner, as in 👩\u200d💻


@dataclass(frozen=True)
class TeamsApp:
    """What the manifest says about Briefbot; validated on creation."""

    app_id: str
    name: str
    short_description: str
    long_description: str
    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str
    commands: tuple[tuple[str, str], ...]
    version: str = "1.0.0"
    accent_color: str = "#2B5797"
    valid_domains: tuple[str, ...] = ()
    full_name: str = ""  # the longer name Teams shows on the app's page; default: name

    def __post_init__(self) -> None:
        if not _GUID.fullmatch(self.app_id):
            raise ValueError(f"app_id must be a GUID like 00000000-0000-0000-0000-000000000000 "
                             f"(the bot's Microsoft App ID), got {self.app_id!r}")  # fmt: skip
        for field in ("name", "short_description", "long_description", "developer_name"):
            if not getattr(self, field).strip():
                raise ValueError(f"{field} must not be empty")
        if not _SEMVER.fullmatch(self.version):
            raise ValueError(f"version must be MAJOR.MINOR.PATCH, got {self.version!r}")
        if not _HEX.fullmatch(self.accent_color):
            raise ValueError(f"accent_color must be #RRGGBB, got {self.accent_color!r}")
        for field in ("website_url", "privacy_url", "terms_url"):
            if not getattr(self, field).lower().startswith("https://"):
                raise ValueError(f"{field} must be an https:// URL, got {getattr(self, field)!r}")
        for title, _ in self.commands:
            if not title.strip() or _utf16_len(title) > LIMITS["command.title"]:
                raise ValueError(f"command title {title!r} must be 1-32 characters: Teams "
                                 "would cut it and the menu would send a command the bot "
                                 "does not know")  # fmt: skip
        titles = [title.lower() for title, _ in self.commands]
        if len(set(titles)) != len(titles):
            raise ValueError(f"command titles must be unique, got {titles}")
        for domain in self.valid_domains:
            if "://" in domain or "/" in domain or not domain.strip():
                raise ValueError(f"valid_domains holds host names like example.com, got {domain!r}")
        if len(set(self.valid_domains)) > LIMITS["validDomains"]:
            raise ValueError(f"at most {LIMITS['validDomains']} valid_domains are allowed")


def build_package(
    *,
    app_id: str,
    name: str,
    short_description: str,
    long_description: str,
    developer_name: str,
    website_url: str,
    privacy_url: str,
    terms_url: str,
    commands: Sequence[tuple[str, str]],
    version: str = "1.0.0",
    accent_color: str = "#2B5797",
    valid_domains: Sequence[str] = (),
    full_name: str = "",
) -> bytes:
    """The zip to upload to Teams: ``manifest.json``, ``color.png``, ``outline.png``."""
    app = TeamsApp(app_id=app_id, name=name, short_description=short_description,
                   long_description=long_description, developer_name=developer_name,
                   website_url=website_url, privacy_url=privacy_url, terms_url=terms_url,
                   commands=tuple((t, d) for t, d in commands), version=version,
                   accent_color=accent_color, valid_domains=tuple(valid_domains),
                   full_name=full_name)  # fmt: skip
    manifest = json.dumps(build_manifest(app), indent=2, ensure_ascii=False) + "\n"
    files = {"manifest.json": manifest.encode("utf-8"),
             "color.png": color_icon(app.accent_color), "outline.png": outline_icon()}  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for filename, data in files.items():
            info = zipfile.ZipInfo(filename, date_time=_ZIP_TIME)
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def build_manifest(app: TeamsApp) -> dict[str, Any]:
    """The manifest as data; the same commands are offered in every scope."""
    commands = [{"title": title.strip(), "description": clip(text, LIMITS["command.description"])}
                for title, text in app.commands[:MAX_COMMANDS]]  # fmt: skip
    bot: dict[str, Any] = {"botId": app.app_id, "scopes": list(SCOPES), "supportsFiles": False,
                           "isNotificationOnly": False}  # fmt: skip
    if commands:
        bot["commandLists"] = [{"scopes": [scope], "commands": commands} for scope in SCOPES]
    return {
        "$schema": MANIFEST_SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": app.version,
        "id": app.app_id,
        "developer": {
            "name": clip(app.developer_name, LIMITS["developer.name"]),
            "websiteUrl": app.website_url,
            "privacyUrl": app.privacy_url,
            "termsOfUseUrl": app.terms_url,
        },  # fmt: skip
        "name": {
            "short": clip(app.name, LIMITS["name.short"]),
            "full": clip(app.full_name or app.name, LIMITS["name.full"]),
        },  # fmt: skip
        "description": {
            "short": clip(app.short_description, LIMITS["description.short"]),
            "full": clip(app.long_description, LIMITS["description.full"]),
        },  # fmt: skip
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": app.accent_color,
        "bots": [bot],
        "validDomains": list(dict.fromkeys(d.strip() for d in app.valid_domains)),
        "webApplicationInfo": {"id": app.app_id, "resource": f"api://botid-{app.app_id}"},
        "authorization": {"permissions": {"resourceSpecific": [dict(p) for p in RSC_PERMISSIONS]}},
    }


def clip(text: str, limit: int) -> str:
    """Shorten to ``limit`` UTF-16 units (how Teams counts) with "…", never mid-character.

    >>> clip("Briefbot keeps your team briefed", 12)
    'Briefbot ke…'
    """
    text = " ".join(text.split())
    if _utf16_len(text) <= limit:
        return text
    cut, used = 0, 1  # room for the ellipsis
    while used + _utf16_len(text[cut]) <= limit:
        used += _utf16_len(text[cut])
        cut += 1
    while cut and _attaches(text[cut]):
        cut -= 1  # the next mark belongs to the last kept letter: drop both
    while cut and (text[cut - 1].isspace() or text[cut - 1] == _ZWJ):
        cut -= 1
    return text[:cut] + "…"


def _attaches(char: str) -> bool:
    """Combining accents, variation selectors and joiners bind to the character before."""
    return bool(unicodedata.combining(char)) or char in (_ZWJ, "\ufe0e", "\ufe0f")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- icons ---------------------------------------------------------------------------------
Pixel = tuple[int, int, int, int]
_BARS = ((0.30, 0.38, 0.70), (0.46, 0.54, 0.70), (0.62, 0.70, 0.56))  # top, bottom, right


def color_icon(accent: str) -> bytes:
    """192×192, opaque: three white lines of a brief on the accent colour."""
    r, g, b = (int(accent[i : i + 2], 16) for i in (1, 3, 5))
    white, ground = (255, 255, 255, 255), (r, g, b, 255)

    def paint(x: float, y: float) -> Pixel:
        return white if _on_bar(x, y, left=0.30, scale=1.0) else ground

    return png(COLOR_SIZE, COLOR_SIZE, paint, alpha=False)


def outline_icon() -> bytes:
    """32×32, white on transparent: the same lines inside a rounded frame."""
    white, clear = (255, 255, 255, 255), (0, 0, 0, 0)

    def paint(x: float, y: float) -> Pixel:
        frame = _rounded(x, y, 0.06, 0.94, 0.22) and not _rounded(x, y, 0.13, 0.87, 0.15)
        return white if frame or _on_bar(x, y, left=0.28, scale=1.05) else clear

    return png(OUTLINE_SIZE, OUTLINE_SIZE, paint, alpha=True)


def _on_bar(x: float, y: float, *, left: float, scale: float) -> bool:
    return any(top <= y <= bottom and left <= x <= right * scale for top, bottom, right in _BARS)


def _rounded(x: float, y: float, low: float, high: float, radius: float) -> bool:
    """Inside the square [low, high]² with corners rounded by ``radius``."""
    cx, cy = min(max(x, low + radius), high - radius), min(max(y, low + radius), high - radius)
    return low <= x <= high and low <= y <= high and (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def png(width: int, height: int, paint: Callable[[float, float], Pixel], *, alpha: bool) -> bytes:
    """Encode ``paint(x, y)`` (pixel centres scaled to 0..1) as an 8-bit RGB or RGBA PNG."""
    channels = 4 if alpha else 3
    rows = (b"\x00" + b"".join(bytes(paint((x + 0.5) / width, (y + 0.5) / height)[:channels])
                               for x in range(width)) for y in range(height))  # fmt: skip
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))  # fmt: skip


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
