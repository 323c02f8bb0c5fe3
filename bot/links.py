"""Signed, expiring links to the figures spreadsheet and to the briefing's web page.

Teams bots cannot attach a file to a channel message, so Teams cards carry a button that
opens one of these links on our own web app; chat replies and digests link the whole
briefing's page the same way. The signature (HMAC-SHA256 over what the link opens, the
story and the expiry) means the link works for anyone in the conversation without signing
in, for a week, and cannot be altered to reach anything else (a spreadsheet link's
signature does not open the page, nor the reverse).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable
from typing import Protocol
from urllib.parse import parse_qs, quote

from .settings import Settings

LIFETIME_SECONDS = 7 * 24 * 3600
PREFIX = "/download/"
SUFFIX = "-figures.xlsx"
PAGE_PREFIX = "/briefing/"
PAGE_SUFFIX = ".html"
FIGURES_XLSX = "figures_xlsx"
"""A button's action: the figures spreadsheet (Slack sends it; Teams links it)."""
FULL_BRIEFING = "full_briefing"
"""A button's action: a link to the story's briefing page."""


class LinkButton(Protocol):
    """A reply's button, as far as links go: what it does and for which story."""

    @property
    def action(self) -> str: ...
    @property
    def value(self) -> str: ...


def link_for(settings: Settings) -> Callable[[LinkButton], str | None]:
    """What a button links to: the spreadsheet or the briefing page of its story (its
    value), signed now; None for a button that is not a link, or with no public URL."""

    def link(button: LinkButton) -> str | None:
        if button.action == FIGURES_XLSX:
            return figures_link(settings, button.value)
        if button.action == FULL_BRIEFING:
            return page_link(settings, button.value)
        return None

    return link


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
    return _link(settings, "figures", PREFIX, SUFFIX, story, now)


def page_link(settings: Settings, story: str, *, now: float | None = None) -> str | None:
    """A link to the story's full briefing page; None when BRIEFBOT_PUBLIC_URL is unset."""
    return _link(settings, "page", PAGE_PREFIX, PAGE_SUFFIX, story, now)


def check(settings: Settings, path: str, query: str, *, now: float | None = None) -> str:
    """The story a download path is for; raises LinkError saying why it cannot be served."""
    return _check(settings, "figures", PREFIX, SUFFIX, path, query, now, "download link")


def check_page(settings: Settings, path: str, query: str, *, now: float | None = None) -> str:
    """The story a briefing page path is for; raises LinkError (403 forged, 410 expired)."""
    return _check(settings, "page", PAGE_PREFIX, PAGE_SUFFIX, path, query, now, "briefing link")


def _link(
    settings: Settings, purpose: str, prefix: str, suffix: str, story: str, now: float | None
) -> str | None:
    if not settings.public_url:
        return None
    expires = int((now if now is not None else time.time()) + LIFETIME_SECONDS)
    signature = _sign(settings, purpose, story, expires)
    return f"{settings.public_url}{prefix}{quote(story)}{suffix}?expires={expires}&sig={signature}"


def _check(
    settings: Settings,
    purpose: str,
    prefix: str,
    suffix: str,
    path: str,
    query: str,
    now: float | None,
    what: str,
) -> str:
    if not (path.startswith(prefix) and path.endswith(suffix)):
        raise LinkError(404, "No such page.")
    story = path[len(prefix) : -len(suffix)]
    params = parse_qs(query)
    expires = (params.get("expires") or [""])[0]
    signature = (params.get("sig") or [""])[0]
    # Checked as ASCII digits of sane length before int(), and compared as bytes: a
    # non-ASCII signature makes compare_digest raise on str.
    well_formed = expires.isascii() and expires.isdigit() and len(expires) <= 12
    if not (well_formed and signature.isascii()) or not hmac.compare_digest(
        _sign(settings, purpose, story, int(expires)).encode(), signature.encode()
    ):
        raise LinkError(403, f"This {what} is not valid. Ask Briefbot for a new one.")
    if int(expires) < (now if now is not None else time.time()):
        raise LinkError(410, f"This {what} has expired. Ask Briefbot for a new one.")
    return story


class LinkError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _sign(settings: Settings, purpose: str, story: str, expires: int) -> str:
    message = f"{purpose}|{story}|{expires}".encode()
    return hmac.new(signing_key(settings), message, hashlib.sha256).hexdigest()
