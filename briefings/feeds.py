"""Feed bytes → Feed: RSS 2.0, RSS 1.0/RDF and Atom, through feedparser.

Why feedparser: real feeds are often slightly broken (a stray `&`, a bad date, a missing
close tag) and feedparser still finds their items; only a feed with nothing usable in it is
refused. Every entry keeps only what a briefing needs: an absolute http(s) link, a title, a
stable id, a UTC date, an author and a plain-text summary.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import DownloadError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, pointing at an article to fetch."""

    url: str  # absolute http(s) link of the item (entries without one are skipped)
    title: str
    id: str  # guid/id, else the url
    published: str | None  # ISO 8601 (UTC) when the feed gives a date
    author: str | None
    summary: str | None  # plain text, HTML stripped


@dataclass(frozen=True)
class Feed:
    title: str | None
    url: str
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse feed bytes fetched from `url`, or raise DownloadError if nothing usable is in it.

    Relative item links resolve against `url`; links that are not http(s) (javascript:,
    data:, mailto:) are dropped, as are repeated ids (the first one stays).
    """
    import feedparser

    if not data.strip():
        raise DownloadError(url, "the feed is empty: check the address with the site")
    parsed = feedparser.parse(
        io.BytesIO(data),  # bytes, never a string: feedparser would fetch a string that is a URL
        # application/xml: let the XML declaration name the encoding (RFC 7303), and say
        # there is a type, else feedparser flags every feed given as bytes as broken.
        response_headers={"content-location": url, "content-type": "application/xml"},
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    entries: dict[str, FeedEntry] = {}
    for raw in parsed.entries:
        entry = _entry(raw, url)
        if entry is not None:
            entries.setdefault(entry.id, entry)
    if parsed.bozo and not entries:
        raise DownloadError(url, _unreadable(data, parsed))
    if parsed.bozo:
        logger.debug("%s: feed is not well-formed, read anyway: %s", url, parsed.bozo_exception)
    if not parsed.version and not entries:
        raise DownloadError(url, _unreadable(data, parsed))
    title = _plain(parsed.feed.get("title") or "") or None
    return Feed(title=title, url=url, entries=tuple(entries.values()))


def _entry(raw: Any, feed_url: str) -> FeedEntry | None:
    link = (raw.get("link") or "").strip()
    if not link:
        return None
    link = urljoin(feed_url, link)
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    detail = raw.get("author_detail") or {}
    author = detail.get("name") or raw.get("author") or None
    summary = _plain(raw.get("summary") or "")
    return FeedEntry(
        url=link,
        title=_plain(raw.get("title") or ""),
        id=(raw.get("id") or "").strip() or link,
        published=_published(raw),
        author=_plain(author) if author else None,
        summary=summary or None,
    )


def _published(raw: Any) -> str | None:
    """'2025-03-04T09:30:00+00:00' (feedparser turns every zone into UTC); a bare date stays
    a date rather than claiming midnight UTC."""
    # dict.get: FeedParserDict.get would map a missing `updated` onto `published`, warning.
    written = str(dict.get(raw, "published") or dict.get(raw, "updated") or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
        return written
    moment = dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(moment), UTC).isoformat() if moment else None


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("p", "br", "div", "li"):
            self.parts.append(" ")


def _plain(html: str) -> str:
    """HTML fragment → one line of plain text.

    >>> _plain("<p>Bus lanes <b>approved</b> &amp; funded</p>")
    'Bus lanes approved & funded'
    """
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _unreadable(data: bytes, parsed: Any) -> str:
    head = data[:2048].lower()
    if re.search(rb"<!doctype html|<html[\s>]", head):
        return (
            "that address gives a web page, not an RSS or Atom feed: look on the site for "
            "its feed link, or add the page itself"
        )
    error = parsed.get("bozo_exception")
    line = getattr(error, "getLineNumber", lambda: None)()
    where = f" (the XML breaks off or goes wrong near line {line})" if line else ""
    return f"this is not a readable RSS or Atom feed{where}: check the address with the site"
