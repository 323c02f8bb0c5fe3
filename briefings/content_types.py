"""What a fetched body is: its declared type and charset, and, when the declaration is
vague, what the body itself shows; the plain reason when it is not what was asked for."""

from __future__ import annotations

import re

from .errors import DownloadError

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)


# Declared types that say little, so the body decides (see decide_type); also any "+xml".
_VAGUE_TYPES = (
    "",
    "text/html",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/octet-stream",
)


def decide_type(asked: str, declared: str, body: bytes, accept: tuple[str, ...]) -> str:
    """The type a vague declaration really meant, judged from the body, if `accept` wants it."""
    sniffed, shown = _sniff(body), declared or "no type given"
    if sniffed == "feed":
        if set(accept) & set(FEED_TYPES):
            return declared if declared in FEED_TYPES else "application/xml"
        raise DownloadError(asked, wrong_type(FEED_TYPES[0], accept, shown=shown))
    if sniffed == "html":
        if set(accept) & set(PAGE_TYPES):
            return declared if declared in ("text/html", "application/xhtml+xml") else "text/html"
        raise DownloadError(asked, wrong_type("text/html", accept, shown=shown))
    if declared in accept:
        return declared
    raise DownloadError(asked, wrong_type(declared, accept, shown=shown))


def _sniff(body: bytes) -> str | None:
    """'feed' or 'html' from the first tag after any XML declaration, comments and doctype."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    head = re.sub(
        rb"^(?:\s+|<\?xml[^>]*>|<!--.*?-->|<!doctype (?!html)[^>]*>)*", b"", head, flags=re.S
    )
    if re.match(rb"<(?:rss|feed|(?:\w+:)?rdf)\b", head):
        return "feed"
    if re.match(rb"<(?:!doctype html|html|head|body)\b", head):
        return "html"
    return None


def is_vague(declared: str) -> bool:
    return declared in _VAGUE_TYPES or declared.endswith("+xml")


def parse_content_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return kind.strip().lower(), (match.group(1).lower() if match else None)


def meta_charset(body: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", body[:4096], re.I)
    name: bytes | None = match.group(1) if match else None
    return name.decode("ascii").lower() if name else None


def accept_header(accept: tuple[str, ...]) -> str:
    return ", ".join((*accept, "*/*;q=0.1"))


_KINDS = (
    ("application/pdf", "a PDF"),
    ("image/", "an image"),
    ("video/", "a video"),
    ("audio/", "an audio file"),
    ("application/json", "JSON data"),
    ("application/zip", "an archive"),
    ("application/gzip", "an archive"),
    ("application/msword", "a Word document"),
    ("application/vnd.", "an office document"),
)


def wrong_type(kind: str, accept: tuple[str, ...], *, shown: str | None = None) -> str:
    shown = shown or kind
    wants_page = bool(set(accept) & set(PAGE_TYPES))
    wants_feed = bool(set(accept) & set(FEED_TYPES))
    if kind in FEED_TYPES and wants_page and not wants_feed:
        return f"that link is a news feed ({shown}), not a web page: add it as a feed instead"
    if kind in PAGE_TYPES and wants_feed and not wants_page:
        return (
            f"that link is a web page ({shown}), not a news feed: give the address of the "
            "site's RSS or Atom feed"
        )
    name = next((name for prefix, name in _KINDS if kind.startswith(prefix)), "a file")
    return f"that link is {name} ({shown}), not a web page or feed"
