"""One slow feed cannot stall a poll: items are fetched concurrently within a per-host
limit, a host that keeps timing out is backed off, and the poll ends by its deadline
with the other feeds' items added. (The run's poll took 8 min 24 s: 50 items x 10 s.)"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot import live
from bot.hosts import HostBackoff
from bot.live import poll_feeds
from bot.services import Services
from tests.fakes.web import WebServer
from tests.live.conftest import story_settings, web, write_story  # noqa: F401 - fixtures
from tests.live.test_polling import FEED, rss

STALLED = 50


@pytest.fixture
def slow_site():
    with WebServer() as server:
        items = [(f"slow-{n}", f"Kestrel Bridge item {n}", server.url(f"/stall?n={n}"))
                 for n in range(STALLED)]  # fmt: skip
        server.set("/feed.xml", rss(*items), "application/rss+xml")
        yield server


@pytest.fixture
def services(story_settings, web, slow_site, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(live, "HOSTS", HostBackoff())
    config = write_story(tmp_path, feeds=(slow_site.url("/feed.xml"), web.url(FEED)))
    settings = replace(
        story_settings, config_path=config, fetch_timeout_seconds=1, poll_deadline_seconds=20
    )
    services = Services.from_settings(settings)
    services.briefings.get("bridge")
    return services


def test_a_feed_of_stalled_items_does_not_stall_the_poll(services, slow_site):
    start = time.monotonic()
    update = poll_feeds(services, services.stories[0])
    seconds = time.monotonic() - start
    assert seconds < 10, seconds  # two lanes, two timeouts, then the host is backed off
    assert {s.name for s in update.added} == {"Millbrook Courier"}  # the other feed's item
    assert len(slow_site.requests_to("/stall")) <= 4
    # The stalled items were not fetched: they are tried again once the host recovers.
    state = services.briefings.library.feed("bridge", slow_site.url("/feed.xml"))
    assert not any(seen.startswith("slow-") for seen in state.seen)
    start = time.monotonic()
    poll_feeds(services, services.stories[0])  # the host is still backed off
    assert time.monotonic() - start < 3
    assert len(slow_site.requests_to("/stall")) <= 4


def test_a_poll_ends_by_its_deadline(services, slow_site, monkeypatch):
    monkeypatch.setattr(live, "HOSTS", HostBackoff())
    monkeypatch.setattr("bot.hosts.STRIKES", 10**6)  # never backed off: only the deadline
    settings = replace(services.settings, poll_deadline_seconds=3)
    services = Services(settings, services.stories, services.briefings, services.store)
    start = time.monotonic()
    poll_feeds(services, services.stories[0])
    assert time.monotonic() - start < 3 + 2.5


def test_a_host_is_backed_off_after_two_timeouts_and_forgiven_when_it_answers():
    now = [0.0]
    hosts = HostBackoff(clock=lambda: now[0])
    hosts.timed_out("slow.example")
    assert hosts.allowed("slow.example")
    hosts.timed_out("slow.example")
    assert not hosts.allowed("slow.example")
    now[0] += 301
    assert hosts.allowed("slow.example")
    hosts.timed_out("slow.example")  # a third: ten minutes now
    now[0] += 301
    assert not hosts.allowed("slow.example")
    hosts.answered("slow.example")
    assert hosts.allowed("slow.example")
