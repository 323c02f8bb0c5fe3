"""`web`: a loopback web server serving tests/fixtures/web, one per test, plus resolvers."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefings.fetch import FetchPolicy
from tests.fakes.web import WebServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".rdf": "application/rdf+xml",
    ".json": "application/json",
    "pages/table_layout.html": "text/html",  # Latin-1, named only in its own <meta>
    "feeds/harbour_atom.xml": "application/atom+xml",
    "feeds/not_a_feed.html": "application/rss+xml",  # an error page where the feed should be
}
LOCAL = FetchPolicy(allow_loopback=True, timeout=5.0)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.serve_directory(FIXTURES, TYPES)
        yield server


def resolver(answers: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    """An injected DNS: host → addresses; any other name does not exist."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers[host]

    return resolve


def to_loopback(host: str, port: int) -> list[str]:
    """Every name resolves to this machine, so fixture pages can be fetched by outlet name."""
    return ["127.0.0.1"]
