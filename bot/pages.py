"""The briefing's web page, served at a signed link: checked, rendered once per briefing, sent.

The page's timeline holds the story's versions as `/hubs timeline` does.

A big story's page is megabytes of HTML and most of a second to render, and a link posted
in a busy channel is opened by many people at once: the page is rendered once for each
version of the briefing and kept with a gzip copy for browsers that accept it (all do).
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from typing import Any

from briefings import Briefing, BriefingError, render_html

from . import links
from .services import Services
from .wsgi_replies import text_reply

NO_STORE = ("Cache-Control", "no-store")
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "private, no-store"),
    # The page needs nothing but its own inline CSS and SVG: nothing else may load or run.
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'",
    ),
    ("Referrer-Policy", "no-referrer"),  # the signed link never leaks to a source's site
    ("X-Content-Type-Options", "nosniff"),
    ("Vary", "Accept-Encoding"),
]


class Pages:
    """Each story's page for its current briefing, as (HTML, gzipped HTML)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Briefing, bytes, bytes]] = {}

    def page(self, slug: str) -> tuple[bytes, bytes]:
        briefing = self.services.briefings.get(slug)
        with self._lock:
            kept = self._kept.get(slug)
        if kept is not None and kept[0] is briefing:
            return kept[1], kept[2]
        timezone = self.services.settings.timezone
        html = render_html(self.services.briefings.with_history(briefing, timezone)).encode()
        packed = gzip.compress(html, compresslevel=6, mtime=0)
        with self._lock:
            self._kept[slug] = (briefing, html, packed)
        return html, packed

    def serve(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        """The page for a signed link that has not expired; one line of text otherwise."""
        settings = self.services.settings
        try:
            slug = links.check_page(settings, environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
            html, packed = self.page(self.services.story(slug).slug)
        except links.LinkError as error:
            return text_reply(start_response, error.status, str(error), NO_STORE)
        except BriefingError as error:
            return text_reply(start_response, 404, f"No briefing for this story: {error}", NO_STORE)
        headers = list(HEADERS)
        if _takes_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
            data = packed
            headers.append(("Content-Encoding", "gzip"))
        else:
            data = html
        start_response("200 OK", [*headers, ("Content-Length", str(len(data)))])
        return [data]


def _takes_gzip(accept: str) -> bool:
    """Whether an Accept-Encoding header takes gzip ('gzip, br' yes; 'gzip;q=0' no).

    >>> _takes_gzip("gzip, deflate, br"), _takes_gzip("gzip;q=0"), _takes_gzip("")
    (True, False, False)
    """
    for item in accept.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False
