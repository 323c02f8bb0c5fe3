"""`briefbot stories`, `briefbot add` and `briefbot poll` as a user types them: the real
argument parser, settings read from the environment, what is printed and the exit status.
(Run in this process rather than as a subprocess, to keep the suite fast.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.live.conftest import BRIDGE, page, write_story

FEED = "/bridge/feed.xml"


@pytest.fixture
def briefbot(monkeypatch, capsys, tmp_path):
    """Run `briefbot ARGS` with the data in tmp_path; (exit status, stdout, stderr)."""
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # no briefbot.toml where it is run

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def bridge(monkeypatch, tmp_path) -> Path:
    """BRIEFBOT_CONFIG names a briefbot.toml with the Kestrel Bridge story."""
    config = write_story(tmp_path)
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))
    return config


def test_stories_lists_the_default_story_when_there_is_no_config(briefbot):
    status, out, _ = briefbot("stories")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "/hubs\tOverseas return hubs for failed asylum seekers"
    assert lines[1].strip().startswith("seeds: ") and lines[1].rstrip().endswith("version: 0")
    assert Path(lines[1].split()[1]).name == "seeds"
    assert "alerts: conflict, speaker, official, revision (at most 3 an hour)" in out


def test_stories_lists_every_story_of_the_config_file(briefbot, monkeypatch, tmp_path):
    config = tmp_path / "briefbot.toml"
    config.write_text(
        """
[[story]]
slug = "bridge"
title = "Kestrel Bridge closure"
seeds = "bridge-articles"
keywords = ["Kestrel Bridge", "Riverton"]
feeds = ["https://www.millbrook-courier.co.uk/riverton/rss"]
poll_minutes = 10

[[story]]
slug = "ferry"
title = "Riverside Ferries"
alerts = ["conflict"]
alerts_per_hour = 1
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))

    status, out, _ = briefbot("stories")

    assert status == 0
    assert out.splitlines() == [
        "/bridge\tKestrel Bridge closure",
        f"  seeds: {tmp_path / 'bridge-articles'}   version: 0",
        "  keywords: Kestrel Bridge, Riverton",
        "  feed: https://www.millbrook-courier.co.uk/riverton/rss (every 10 min)",
        "  alerts: conflict, speaker, official, revision (at most 3 an hour)",
        "/ferry\tRiverside Ferries",
        f"  seeds: {tmp_path / 'ferry'}   version: 0",
        "  alerts: conflict (at most 1 an hour)",
    ]


def test_a_bad_config_file_is_named_with_what_is_wrong(briefbot, monkeypatch, tmp_path):
    config = tmp_path / "briefbot.toml"
    config.write_text('[[story]]\nslug = "Kestrel Bridge"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))
    status, out, err = briefbot("stories")
    assert status == 2 and out == ""
    assert str(config) in err and "slug 'Kestrel Bridge' must be lower-case letters" in err


def test_add_a_file_adds_it_as_a_new_version_and_says_what_it_changes(briefbot, bridge):
    status, out, err = briefbot("add", str(page("courier-traders")))
    assert status == 0, err
    assert "*Added* to *Kestrel Bridge closure* (now version 2):" in out
    assert "Millbrook Courier" in out
    assert "Traders fear Kestrel Bridge closure will drive customers away" in out
    assert "What it changes" in out or "adds no new figures" in out

    status, out, _ = briefbot("stories")
    assert "version: 2" in out


def test_adding_the_same_file_again_or_an_off_topic_one_says_why_not(briefbot, bridge):
    briefbot("add", str(page("courier-traders")))

    status, out, err = briefbot("add", str(page("courier-traders")), "--story", "bridge")
    assert status == 1 and "Added" not in out
    assert (
        "*Not added*: Traders fear Kestrel Bridge closure will drive customers away. "
        "The same text as 'Millbrook Courier'."
    ) in out

    status, out, err = briefbot("add", str(page("courier-library")))
    assert status == 1
    assert "Not about this story (no mention of Kestrel Bridge)." in out


def test_add_a_file_that_cannot_be_read_exits_2_naming_it(briefbot, bridge, tmp_path):
    missing = tmp_path / "no-such-article.html"
    status, out, err = briefbot("add", str(missing))
    assert (status, out) == (2, "")
    assert str(missing) in err


def test_add_an_unknown_story_lists_the_known_ones(briefbot, bridge):
    status, _, err = briefbot("add", str(page("courier-traders")), "--story", "tunnel")
    assert status == 2
    assert "no story answers 'tunnel'; the commands are /bridge" in err


def test_add_a_url_fetches_the_page(briefbot, bridge, web, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_ALLOW_LOOPBACK", "1")
    status, out, err = briefbot("add", web.url("/bridge/herald-ferry.html"))
    assert status == 0, err
    assert "Eastgate Herald" in out and "Ferry to run every 20 minutes" in out
    assert len(web.requests_to("/bridge/herald-ferry.html")) == 1


def test_add_a_url_at_a_private_address_is_refused(briefbot, bridge, web):
    url = web.url("/bridge/herald-ferry.html")  # loopback, without the test setting
    status, out, err = briefbot("add", url)
    assert (status, out) == (2, "")
    assert err == (
        f"briefbot: {url}: that address points inside a private network, "
        "which Briefbot never fetches\n"
    )
    assert web.requests == []


def test_poll_reads_the_feeds_once(briefbot, web, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFBOT_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(write_story(tmp_path, feeds=(web.url(FEED),))))

    status, out, err = briefbot("poll")
    assert (status, out) == (0, "/bridge: 1 new article\n")
    assert err == (
        "  not added: Millbrook library to open on Sundays after volunteers step in: "
        "not about this story (no mention of Kestrel Bridge)\n"
    )
    assert briefbot("poll", "--story", "bridge") == (0, "/bridge: 0 new articles\n", "")

    web.set(FEED, (BRIDGE / "feed-v2.xml").read_bytes(), "application/rss+xml")
    status, out, _ = briefbot("poll")
    assert (status, out) == (0, "/bridge: 1 new article\n")
    assert len(web.requests_to("/bridge/courier-traders.html")) == 1


def test_poll_prints_a_feed_that_failed_and_why(briefbot, web, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFBOT_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(write_story(tmp_path, feeds=(web.url(FEED),))))
    web.set(FEED, b"<html><body>Moved</body></html>", "text/html")

    status, out, err = briefbot("poll")

    assert (status, out) == (0, "/bridge: 0 new articles\n")
    assert err == (
        f"  {web.url(FEED)}: that link is a web page (text/html), not a news feed: "
        "give the address of the site's RSS or Atom feed\n"
    )
