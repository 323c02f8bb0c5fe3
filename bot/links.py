"""Signed, expiring links to the figures spreadsheet.

Teams bots cannot attach a file to a channel message, so Teams cards carry a button that
opens one of these links on our own web app. The signature (HMAC-SHA256 over the story
and the expiry) means the link works for anyone in the conversation without signing in,
for a week, and cannot be altered to reach anything else.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from urllib.parse import parse_qs, quote

from .settings import Settings

LIFETIME_SECONDS = 7 * 24 * 3600
PREFIX = "/download/"
SUFFIX = "-figures.xlsx"


def signing_key(settings: Settings) -> bytes:
    """BRIEFBOT_SECRET, else a random key kept in the data folder (one machine only:
    set BRIEFBOT_SECRET when several machines serve links)."""
    if settings.secret:
        return settings.secret.encode()
    path = settings.data_dir / "secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def figures_link(settings: Settings, story: str, *, now: float | None = None) -> str | None:
    """A download link for the story's spreadsheet; None when BRIEFBOT_PUBLIC_URL is unset."""
    if not settings.public_url:
        return None
    expires = int((now if now is not None else time.time()) + LIFETIME_SECONDS)
    signature = _sign(settings, story, expires)
    return f"{settings.public_url}{PREFIX}{quote(story)}{SUFFIX}?expires={expires}&sig={signature}"


def check(settings: Settings, path: str, query: str, *, now: float | None = None) -> str:
    """The story a download path is for; raises LinkError saying why it cannot be served."""
    if not (path.startswith(PREFIX) and path.endswith(SUFFIX)):
        raise LinkError(404, "No such download.")
    story = path[len(PREFIX) : -len(SUFFIX)]
    params = parse_qs(query)
    expires = (params.get("expires") or [""])[0]
    signature = (params.get("sig") or [""])[0]
    # Checked as ASCII digits of sane length before int(), and compared as bytes: a
    # non-ASCII signature makes compare_digest raise on str.
    well_formed = expires.isascii() and expires.isdigit() and len(expires) <= 12
    if not (well_formed and signature.isascii()) or not hmac.compare_digest(
        _sign(settings, story, int(expires)).encode(), signature.encode()
    ):
        raise LinkError(403, "This download link is not valid. Ask Briefbot for a new one.")
    if int(expires) < (now if now is not None else time.time()):
        raise LinkError(410, "This download link has expired. Ask Briefbot for a new one.")
    return story


class LinkError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _sign(settings: Settings, story: str, expires: int) -> str:
    message = f"figures|{story}|{expires}".encode()
    return hmac.new(signing_key(settings), message, hashlib.sha256).hexdigest()
