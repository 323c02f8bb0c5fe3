"""`web`: a loopback web server serving tests/fixtures/web, one per test, plus resolvers;
`story_settings` and `write_story`: the "Kestrel Bridge" story followed live, built from the
pages in tests/fixtures/web/bridge (written for these tests)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
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


# -- one story followed live: "Kestrel Bridge", from pages under tests/fixtures/web/bridge ----

BRIDGE = FIXTURES / "bridge"


def page(name: str) -> Path:
    """A fixture article page of the Kestrel Bridge story, e.g. page("courier-traders")."""
    return BRIDGE / f"{name}.html"


def write_story(
    folder: Path,
    *,
    seeds: tuple[str, ...] = ("gazette-closure",),
    feeds: tuple[str, ...] = (),
    alerts_per_hour: int = 3,
    slug: str = "bridge",
) -> Path:
    """A briefbot.toml in `folder` with one story, its seed folder holding `seeds` pages."""
    seed_dir = folder / f"{slug}-seeds"
    seed_dir.mkdir(parents=True, exist_ok=True)
    for name in seeds:
        (seed_dir / f"{name}.html").write_bytes(page(name).read_bytes())
    config = folder / "briefbot.toml"
    feed_list = ", ".join(f'"{url}"' for url in feeds)
    config.write_text(
        f'[[story]]\nslug = "{slug}"\ntitle = "Kestrel Bridge closure"\n'
        f'seeds = "{seed_dir.name}"\nkeywords = ["Kestrel Bridge"]\nfeeds = [{feed_list}]\n'
        f"poll_minutes = 5\nalerts_per_hour = {alerts_per_hour}\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def story_settings(tmp_path: Path) -> Settings:
    """Settings for the Kestrel Bridge story on a SQLite file, fetching allowed on loopback."""
    return Settings(
        data_dir=tmp_path / "data", config_path=write_story(tmp_path), allow_loopback=True
    )
