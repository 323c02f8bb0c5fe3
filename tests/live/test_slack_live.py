"""`/bridge add`, `/bridge changes` and `/bridge alerts` through the real Slack endpoint:
signed requests over HTTP, replies on a local response_url, alerts posted to a fake Slack
Web API, articles fetched from the loopback `web` server."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import update

from bot.briefs import Update
from bot.library import versions
from bot.live import Alerter
from bot.platforms import platform_delivery
from bot.services import Services
from bot.settings import Settings
from bot.subscriptions import Subscription, parse_schedule
from bot.web import create_wsgi
from tests.chat.conftest import SECRET, TOKEN, Endpoint, serve_wsgi, texts
from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher
from tests.live.conftest import write_story

PRIVATE = "that address points inside a private network, which Briefbot never fetches"
TRADERS, MINISTERS, FERRY = (
    "/bridge/courier-traders.html",
    "/bridge/harbour-ministers.html",
    "/bridge/herald-ferry.html",
)


@dataclass
class Bot:
    """The running app for the Kestrel Bridge story, as `briefbot serve` runs it."""

    endpoint: Endpoint
    services: Services
    updates: list[Update]  # every update `add` made, as the alerter saw it

    def say(self, text: str, channel: str = "C123") -> str:
        """Type `/bridge TEXT` in a channel; the reply's text, answered at once or later."""
        before = len(self.endpoint.responses.posts)
        form = {
            "team_id": "T111",
            "channel_id": channel,
            "user_id": "U123",
            "command": "/bridge",
            "text": text,
            "response_url": self.endpoint.responses.url("/commands/1"),
            "trigger_id": f"{time.time_ns()}.1.2",  # unique per request, as Slack makes them
        }
        r = self.endpoint.post(urlencode(form).encode())
        assert r.status == 200
        if r.json["text"] != "Working on it…":
            return plain(r.json)
        posts = self.endpoint.responses.wait_for(before + 1, timeout=10)
        return plain(posts[before].json)


@pytest.fixture
def start(
    slack: FakeSlack, responses: ResponseUrlCatcher, tmp_path
) -> Iterator[Callable[..., Bot]]:
    servers: list[Any] = []

    def start_bot(*, allow_loopback: bool = True, alerts_per_hour: int = 3) -> Bot:
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=slack.base_url,
            data_dir=tmp_path / "data",
            config_path=write_story(tmp_path, alerts_per_hour=alerts_per_hour),
            allow_loopback=allow_loopback,
        )
        services = Services.from_settings(settings)
        updates: list[Update] = []
        services.briefings.listeners.append(lambda slug, u: updates.append(u))
        services.briefings.listeners.append(Alerter(services, platform_delivery(services)))
        url, server = serve_wsgi(create_wsgi(settings, services))
        servers.append(server)
        services.briefings.get("bridge")  # built, as after start-up warm-up
        return Bot(Endpoint(url, responses), services, updates)

    yield start_bot
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def bot(start) -> Bot:
    return start()


def plain(message: dict[str, Any]) -> str:
    """A message's blocks as the words people read: no *bold* or `code` marks, links shown
    by their label."""
    shown = "\n".join(texts(message["blocks"]))
    return re.sub(r"<[^|>]+\|([^>]+)>", r"\1", shown).replace("*", "").replace("`", "")


def posted(slack: FakeSlack, channel: str = "C123") -> list[str]:
    """The messages the bot posted in a channel, as text."""
    return [plain(m) for m in slack.messages.get(channel, [])]


# -- /bridge add URL ----------------------------------------------------------------------


def test_add_fetches_the_page_adds_it_and_says_what_it_changes(bot, web):
    link = web.url(TRADERS)

    shown = bot.say(f"add <{link}|{link}>")  # how Slack sends a pasted link

    assert "Added to Kestrel Bridge closure (now version 2)" in shown
    assert "Traders fear Kestrel Bridge closure will drive customers away" in shown
    assert "New conflict" in shown and "£55m" in shown and "£42m" in shown
    assert "New voice: Tom Ferris" in shown
    sources = bot.services.briefings.get("bridge").sources
    assert {s.name for s in sources} == {"Riverton Gazette", "Millbrook Courier"}
    assert len(web.requests_to(TRADERS)) == 1


def test_adding_the_same_article_again_says_it_is_already_there(bot, web):
    bot.say(f"add <{web.url(TRADERS)}>")

    again = bot.say(f"add <{web.url(TRADERS)}?utm_source=newsletter>")

    assert "Added" not in again
    assert "Not added: Traders fear Kestrel Bridge closure will drive customers away." in again
    assert "The same link as 'Millbrook Courier'." in again
    assert bot.services.briefings.library.latest("bridge") == 2


def test_an_off_topic_page_is_not_added_and_the_reply_says_why(bot, web):
    shown = bot.say(f"add <{web.url('/bridge/courier-library.html')}>")
    assert "Not added: Millbrook library to open on Sundays" in shown
    assert "Not about this story (no mention of Kestrel Bridge)." in shown


@pytest.mark.parametrize(
    ("allow_loopback", "path"),
    [
        (False, TRADERS),  # 127.0.0.1 is private unless the test setting allows it
        (True, "/redirect?to=http://169.254.169.254/latest/meta-data/"),
    ],
    ids=["loopback", "redirect to cloud metadata"],
)
def test_a_private_address_is_refused_with_a_clear_message(start, web, allow_loopback, path):
    bot = start(allow_loopback=allow_loopback)

    shown = bot.say(f"add <{web.url(path)}>")

    assert f"Could not add it: {web.url(path)}: {PRIVATE}" in shown
    assert "Usage: /bridge add URL" in shown
    assert web.requests_to(TRADERS) == []
    assert bot.services.briefings.library.latest("bridge") == 1


def test_a_page_that_is_not_there_is_refused_with_the_reason(bot, web):
    shown = bot.say(f"add <{web.url('/bridge/no-such-story.html')}>")
    assert "the page was not found (HTTP 404): check the address" in shown


@pytest.mark.parametrize("text", ["add", "add the bridge story please", "add ftp://x.org/a"])
def test_add_without_one_web_address_explains_how_to_use_it(bot, text):
    shown = bot.say(text)
    assert "Give one web address: /bridge add https://…" in shown
    assert "Usage: /bridge add URL" in shown


# -- alerts -------------------------------------------------------------------------------


def test_a_channel_that_opted_in_gets_one_short_alert_per_important_change(bot, web, slack):
    digest_only = Subscription(
        "slack", "T111", "C456", "bridge", parse_schedule([], "Europe/London")
    )
    bot.services.store.subscribe(digest_only)  # gets digests, never asked for alerts
    assert "Alerts on" in bot.say("alerts on")

    bot.say(f"add <{web.url(TRADERS)}>")  # a new figure conflict and a new voice

    [alert] = posted(slack)
    assert "Kestrel Bridge closure" in alert
    assert "Sources now disagree on" in alert and "£55m" in alert and "£42m" in alert
    assert "New voice: Tom Ferris" in alert
    assert "/bridge alerts off" in alert
    assert len(alert) < 1000
    assert posted(slack, "C456") == []

    bot.say(f"add <{web.url(MINISTERS)}>")  # an official statement
    first, second = posted(slack)
    assert first == alert
    assert "Official statement from Department for Transport" in second
    assert "Tom Ferris" not in second and "£55m" not in second  # said once, not again


def test_the_same_change_is_never_alerted_twice(start, web, slack):
    bot = start()
    bot.say("alerts on")
    bot.say(f"add <{web.url(TRADERS)}>")
    assert len(posted(slack)) == 1

    bot.say(f"add <{web.url(TRADERS)}>")  # already there: no new version, no alert
    [update] = bot.updates
    other_process = Services.from_settings(bot.services.settings)
    sent = Alerter(other_process, platform_delivery(other_process))("bridge", update)

    assert sent == 0  # the ledger says this channel has had these alerts
    assert len(posted(slack)) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_more_changes_than_the_hourly_limit_wait_for_the_digest(start, web, slack):
    bot = start(alerts_per_hour=1)
    bot.say("alerts on")
    assert "at most 1 alert an hour" in bot.say("alerts on")

    for path in (TRADERS, MINISTERS, FERRY):  # each brings something alert-worthy
        bot.say(f"add <{web.url(path)}>")

    [alert] = posted(slack)
    assert "£55m" in alert
    assert bot.services.briefings.library.latest("bridge") == 4
    shown = bot.say("changes v2")  # the held changes are still there for whoever asks
    assert "Department for Transport" in shown and "Ruth Adeyemi" in shown


def test_alerts_off_stops_them(bot, web, slack):
    bot.say("alerts on")
    assert "Alerts off for Kestrel Bridge closure in this channel" in bot.say("alerts off")
    assert "Alerts were not on" in bot.say("alerts off")

    bot.say(f"add <{web.url(TRADERS)}>")

    assert posted(slack) == []


def test_alerts_needs_on_or_off(bot):
    assert "Type /bridge alerts on, or /bridge alerts off" in bot.say("alerts please")


# -- /bridge changes ----------------------------------------------------------------------


def backdate(bot: Bot, hours: float, *numbers: int) -> None:
    """Pretend these versions were made `hours` ago."""
    moment = (datetime.now(UTC) - timedelta(hours=hours)).replace(microsecond=0).isoformat()
    with bot.services.store.engine.begin() as db:
        db.execute(
            update(versions)
            .where(versions.c.story == "bridge", versions.c.version.in_(numbers))
            .values(created_at=moment)
        )


@pytest.fixture
def three_versions(bot, web) -> Bot:
    """Version 1 (seed) and 2 (the Courier) made 10 hours ago, 3 (Harbour Daily) just now."""
    bot.say(f"add <{web.url(TRADERS)}>")
    backdate(bot, 10, 1, 2)
    bot.say(f"add <{web.url(MINISTERS)}>")
    return bot


def test_changes_with_no_argument_shows_the_last_24_hours(three_versions):
    shown = three_versions.say("changes")
    assert "Kestrel Bridge closure: what changed in the last 24 hours" in shown
    for number in (1, 2, 3):
        assert f"Version {number}," in shown
    assert "3 new sources" in shown


def test_changes_in_the_last_6_hours_starts_after_older_versions(three_versions):
    shown = three_versions.say("changes 6h")
    assert "what changed in the last 6h" in shown
    assert "Version 3," in shown and "Version 2," not in shown
    assert "1 new source" in shown and "Harbour Daily" in shown
    assert "Tom Ferris" not in shown  # 10 hours old


def test_changes_since_a_version(three_versions):
    shown = three_versions.say("changes v2")
    assert "what changed since version 2" in shown
    assert "Version 3, " in shown and "Version 2," not in shown
    assert "New voice: Department for Transport" in shown
    assert "New conflict" not in shown  # the conflict came in version 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("changes fortnight", "Say since when: v12, 6h, 3d, yesterday, monday or 2026-11-20"),
        ("changes v9", "There is no version 9; the latest is 3."),
        ("changes 31/12/2025", "Say since when"),
    ],
)
def test_changes_with_a_bad_starting_point_explains_what_to_type(three_versions, text, message):
    shown = three_versions.say(text)
    assert message in shown
    assert "Usage: /bridge changes [v12|6h|3d|yesterday|DATE]" in shown


def test_changes_when_nothing_is_new(three_versions):
    shown = three_versions.say("changes 1h")
    assert "Version 3," in shown  # made just now
    backdate(three_versions, 2, 3)
    assert "Nothing new in the last 1h: the briefing is still version 3." in three_versions.say(
        "changes 1h"
    )
