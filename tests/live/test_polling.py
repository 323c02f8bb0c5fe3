"""Feeds polled for a story: new items fetched once and added, unchanged feeds not downloaded,
off-topic and duplicate items left out, and every failure kept with its reason."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

from bot import scheduler as jobs
from bot.delivery import OutboxDelivery
from bot.live import poll_feeds
from bot.services import Services
from tests.live.conftest import BRIDGE, write_story

FEED = "/bridge/feed.xml"
PRIVATE = "that address points inside a private network, which Briefbot never fetches"


@pytest.fixture
def services(story_settings, web, tmp_path) -> Services:
    """The Kestrel Bridge story with one feed, served by `web`."""
    config = write_story(tmp_path, feeds=(web.url(FEED),))
    services = Services.from_settings(replace(story_settings, config_path=config))
    services.briefings.get("bridge")  # version 1: the seed folder, as after start-up
    return services


def poll(services: Services):
    return poll_feeds(services, services.stories[0])


def names(sources) -> set[str]:
    return {s.name for s in sources}


def fetched(web, path: str) -> int:
    return len(web.requests_to(path))


def rss(*items: tuple[str, str, str]) -> str:
    """An RSS 2.0 feed of (guid, title, link) items."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid></item>"
        for guid, title, link in items
    )
    return f'<rss version="2.0"><channel><title>Riverton news</title>{body}</channel></rss>'


def test_the_first_poll_adds_the_stories_items_and_skips_the_others(services, web):
    update = poll(services)

    assert names(update.added) == {"Millbrook Courier"}
    assert update.version == 2
    [other] = update.skipped
    assert other.title == "Millbrook library to open on Sundays after volunteers step in"
    assert other.reason == "not about this story (no mention of Kestrel Bridge)"
    briefing = services.briefings.get("bridge")
    assert names(briefing.sources) == {"Riverton Gazette", "Millbrook Courier"}
    [traders] = [s for s in briefing.sources if s.name == "Millbrook Courier"]
    assert traders.url == web.url("/bridge/courier-traders.html")
    assert traders.author == "Dorothy Marsh"
    assert [(f.display, c.display) for f, c in briefing.conflicts] == [("£55m", "£42m")]


@pytest.mark.parametrize(
    ("headers", "asked"),
    [
        ({}, {"if-none-match", "if-modified-since"}),  # ETag and Last-Modified
        ({"Last-Modified": "Tue, 13 May 2025 08:00:00 GMT"}, {"if-modified-since"}),
    ],
    ids=["etag", "last-modified only"],
)
def test_an_unchanged_feed_answers_304_and_adds_nothing(services, web, headers, asked):
    body = (BRIDGE / "feed.xml").read_bytes()
    web.set(FEED, body, "application/rss+xml", headers, validators=not headers)
    poll(services)
    first = web.requests_to(FEED)[-1]
    assert not {"if-none-match", "if-modified-since"} & set(first.headers)

    assert poll(services) is None

    second = web.requests_to(FEED)[-1]
    assert asked <= set(second.headers)
    if "if-none-match" in asked:
        assert second.headers["if-none-match"].startswith('"')
    if headers:
        assert second.headers["if-modified-since"] == headers["Last-Modified"]
    assert fetched(web, "/bridge/courier-traders.html") == 1
    assert services.briefings.library.latest("bridge") == 2


def test_when_the_feed_changes_only_the_new_item_is_fetched(services, web):
    poll(services)
    web.set(FEED, (BRIDGE / "feed-v2.xml").read_bytes(), "application/rss+xml")

    update = poll(services)

    assert names(update.added) == {"Harbour Daily"} and update.version == 3
    assert update.skipped == ()
    assert fetched(web, "/bridge/harbour-ministers.html") == 1
    assert fetched(web, "/bridge/courier-traders.html") == 1  # seen in the first poll
    assert fetched(web, "/bridge/courier-library.html") == 1  # off-topic, but seen too


def test_a_page_already_in_the_story_is_a_duplicate_under_another_address(services, web):
    traders = (BRIDGE / "courier-traders.html").read_text("utf-8")
    web.set("/syndicated/kestrel-traders.html", traders)  # the same article elsewhere
    web.set(  # the Courier's own copy, updated with one more line
        "/bridge/courier-traders-updated.html",
        traders.replace("</div>\n<div", "<p>This article was updated at 10am.</p></div>\n<div"),
    )
    services.add_link(services.stories[0], web.url("/bridge/courier-traders.html"))
    web.set(
        FEED,
        rss(
            ("a", "Traders fear closure", "/bridge/courier-traders.html?utm_source=rss&fbclid=x"),
            ("b", "Traders fear closure (syndicated)", "/syndicated/kestrel-traders.html"),
            ("c", "Traders fear closure (updated)", "/bridge/courier-traders-updated.html"),
        ),
        "application/rss+xml",
    )

    update = poll(services)

    assert update.added == ()
    reasons = [s.reason for s in update.skipped]
    assert reasons == [
        "the same link as 'Millbrook Courier'",
        "the same text as 'Millbrook Courier'",
        "an earlier copy of 'Millbrook Courier'",
    ]
    assert services.briefings.library.latest("bridge") == 2  # the link's version only


def test_a_malformed_feed_records_its_error_and_loses_nothing(services, web):
    good = (BRIDGE / "feed.xml").read_bytes()
    web.set(FEED, good[: good.index(b"<link>/bridge")], "application/rss+xml")  # cut off

    assert poll(services) is None

    [state] = services.briefings.library.feed_states("bridge")
    assert state["url"] == web.url(FEED)
    assert state["error"].startswith("this is not a readable RSS or Atom feed")
    assert services.briefings.library.latest("bridge") == 1

    web.set(FEED, good, "application/rss+xml")  # the site fixes its feed
    update = poll(services)
    assert names(update.added) == {"Millbrook Courier"}
    [state] = services.briefings.library.feed_states("bridge")
    assert state["error"] is None


def test_items_are_not_lost_when_adding_them_fails(services, web, monkeypatch):
    """E.g. the database is unavailable for a moment: the next poll adds the items."""
    cache = services.briefings
    add = cache.add

    def database_down(*args, **kwargs):
        monkeypatch.setattr(cache, "add", add)
        raise OSError("database is locked")

    monkeypatch.setattr(cache, "add", database_down)
    with pytest.raises(OSError):
        poll(services)

    update = poll(services)
    assert names(update.added) == {"Millbrook Courier"}


@pytest.mark.parametrize(
    "link",
    [
        "/redirect?to=http://169.254.169.254/latest/meta-data/",  # cloud metadata, by redirect
        "/redirect?to=http://10.0.0.1/admin&status=301",
        "http://10.0.0.1/kestrel-bridge.html",
    ],
)
def test_an_item_leading_to_a_private_address_is_refused_with_its_reason(services, web, link):
    web.set(FEED, rss(("x", "Kestrel Bridge: latest", link)), "application/rss+xml")

    update = poll(services)

    assert update.added == () and update.version == 1
    [refused] = update.skipped
    assert (refused.title, refused.reason) == ("Kestrel Bridge: latest", PRIVATE)
    assert poll(services) is None  # refused once, not fetched again at every poll


def test_a_feed_at_a_private_address_is_refused_and_recorded(tmp_path, story_settings):
    config = write_story(tmp_path, feeds=("http://169.254.169.254/feed.xml",))
    services = Services.from_settings(replace(story_settings, config_path=config))
    assert poll(services) is None
    [state] = services.briefings.library.feed_states("bridge")
    assert state["error"] == PRIVATE


def test_without_the_test_setting_loopback_feeds_are_refused_too(services, web):
    services = replace(services, settings=replace(services.settings, allow_loopback=False))
    assert poll(services) is None
    [state] = services.briefings.library.feed_states("bridge")
    assert state["error"] == PRIVATE
    assert web.requests == []


def test_the_scheduler_polls_each_story_with_feeds(services, web, tmp_path):
    scheduler = jobs.create_scheduler(services, OutboxDelivery(tmp_path / "out"), blocking=False)
    polled = threading.Event()
    scheduler.add_listener(
        lambda event: event.job_id == "feeds:bridge" and polled.set(),
        EVENT_JOB_EXECUTED | EVENT_JOB_ERROR,
    )
    jobs.start(scheduler, services)
    try:
        job = scheduler.get_job("feeds:bridge")
        assert job.trigger.interval.total_seconds() == 5 * 60  # poll_minutes
        assert polled.wait(timeout=10)  # the first poll runs at start
        assert services.briefings.library.latest("bridge") == 2
    finally:
        scheduler.shutdown(wait=True)

    web.set(FEED, (BRIDGE / "feed-v2.xml").read_bytes(), "application/rss+xml")
    assert jobs.run_feeds("bridge") == 1  # the job itself: one new article
    assert jobs.run_feeds("bridge") == 0


def test_a_story_whose_feeds_were_removed_is_no_longer_polled(services, web, tmp_path):
    delivery = OutboxDelivery(tmp_path / "out")
    scheduler = jobs.create_scheduler(services, delivery, blocking=False)
    jobs.start(scheduler, services)
    scheduler.shutdown(wait=True)

    config = write_story(tmp_path)  # the same story, now without feeds
    restarted = Services.from_settings(replace(services.settings, config_path=config))
    scheduler = jobs.create_scheduler(restarted, delivery, blocking=False)
    jobs.start(scheduler, restarted)
    try:
        assert [j.id for j in scheduler.get_jobs() if j.id.startswith("feeds:")] == []
    finally:
        scheduler.shutdown(wait=True)


def test_a_feed_that_cannot_be_reached_is_recorded_and_retried(services, web):
    web.set(FEED, b"<h1>Server error</h1>", "text/html", status=503)
    assert poll(services) is None
    [state] = services.briefings.library.feed_states("bridge")
    assert state["error"] == "the site had an error (HTTP 503): try again later"
    web.set(FEED, (BRIDGE / "feed.xml").read_bytes(), "application/rss+xml")
    assert names(poll(services).added) == {"Millbrook Courier"}
