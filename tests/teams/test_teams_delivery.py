"""Scheduled digests to Teams channels: proactive messages through the fake Bot Connector,
with the same exactly-once ledger as Slack, whatever the Connector answers."""

from __future__ import annotations

import io
import json
import threading
import urllib.request
from dataclasses import replace
from urllib.parse import urlsplit

import openpyxl

from bot.commands import Caller
from bot.digest import send_digest
from bot.platforms import platform_delivery
from bot.services import Services, asker_fields
from bot.subscriptions import Subscription, parse_schedule
from bot.teams.delivery import TeamsDelivery
from bot.workers.tasks import Env, link
from tests.fakes.cards import card_errors
from tests.fakes.web import WebServer
from tests.live.conftest import FIXTURES
from tests.teams.conftest import CHANNEL, TENANT, inline_texts, make_bot

SLOT = "2026-11-23 07:30 Europe/Paris"
POSTS = r"/activities"


def channel_sub(services: Services, connector) -> Subscription:
    """A channel the bot has heard from (its conversation reference kept) that subscribed."""
    address = {"service_url": connector.service_url, "conversation": CHANNEL, "type": "channel"}
    services.store.remember("teams", TENANT, CHANNEL, address)
    sub = Subscription("teams", TENANT, CHANNEL, "hubs", parse_schedule([], "Europe/Paris"))
    services.store.subscribe(sub)
    services.briefings.get("hubs")
    return sub


def digest_cards(connector) -> list[dict]:
    return [a["content"] for activity in connector.sent(CHANNEL) for a in activity["attachments"]]


def test_a_scheduled_digest_reaches_the_subscribed_channel_once(teams, services, bot, connector):
    teams.message("<at>Briefbot</at> subscribe 07:30 Europe/Paris daily",
                  conversation=CHANNEL + ";messageid=42", kind="channel")  # fmt: skip
    (sub,) = services.store.subscriptions(platform="teams")
    delivery = platform_delivery(services, teams=bot)
    assert send_digest(services, sub, SLOT, delivery) == "sent"
    assert send_digest(services, sub, SLOT, delivery) == "claimed"
    (posted,) = connector.conversations[CHANNEL]  # the channel, not the thread asked from
    (card,) = digest_cards(connector)
    assert card_errors(card) == [] and "digest" in inline_texts(card)[0]
    (row,) = services.store.deliveries()
    assert (row.status, row.message_id) == ("sent", posted["id"])


def test_throttling_is_retried_after_the_wait_teams_asks_for(services, bot, connector):
    sub = channel_sub(services, connector)
    connector.fail(POSTS, 429, retry_after=2)
    sleeps: list[float] = []
    assert send_digest(services, sub, SLOT, TeamsDelivery(bot, sleep=sleeps.append)) == "sent"
    assert sleeps == [2.0]
    assert len(connector.calls_to("POST", POSTS)) == 2 and len(connector.sent(CHANNEL)) == 1


def test_bad_gateways_are_retried_with_growing_waits(services, bot, connector):
    sub = channel_sub(services, connector)
    connector.fail(POSTS, 502, times=2)
    sleeps: list[float] = []
    assert send_digest(services, sub, SLOT, TeamsDelivery(bot, sleep=sleeps.append)) == "sent"
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0]
    assert len(connector.sent(CHANNEL)) == 1


def test_a_post_that_times_out_is_recorded_and_never_sent_again(teams, services, connector):
    impatient = make_bot(services, timeout=0.3)
    try:
        sub = channel_sub(services, connector)
        connector.fail(POSTS, 201, delay=1.5)  # Teams takes the post but answers too late
        delivery = TeamsDelivery(impatient, sleep=lambda s: None)
        assert send_digest(services, sub, SLOT, delivery) == "uncertain"
        assert send_digest(services, sub, SLOT, delivery) == "claimed"
    finally:
        impatient.close()
    assert len(connector.calls_to("POST", POSTS)) == 1
    (row,) = services.store.deliveries()
    assert row.status == "uncertain" and "it may have been posted" in row.error
    teams.message("deliveries", conversation=CHANNEL, kind="channel")
    shown = "\n".join(line for card in teams.cards(CHANNEL) for line in inline_texts(card))
    assert "may have been posted" in shown and SLOT in shown


def test_two_schedulers_at_once_post_the_slot_once(settings, connector):
    """Two processes' worth of services and bots on one SQLite file, racing for one slot."""
    both = [Services.from_settings(settings) for _ in range(2)]
    bots = [make_bot(s) for s in both]
    sub = channel_sub(both[0], connector)
    for services in both:
        services.briefings.get("hubs")
    start, results = threading.Barrier(2), []

    def scheduler(services: Services, bot) -> None:
        start.wait()
        results.append(send_digest(services, sub, SLOT, bot.delivery))

    threads = [
        threading.Thread(target=scheduler, args=pair) for pair in zip(both, bots, strict=True)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        for bot in bots:
            bot.close()
    assert sorted(results) == ["claimed", "sent"]
    assert len(connector.sent(CHANNEL)) == 1


def test_the_digest_links_a_spreadsheet_that_downloads(
    teams, services, bot, connector, seeds_briefing
):
    sub = channel_sub(services, connector)
    assert send_digest(services, sub, SLOT, bot.delivery) == "sent"
    (card,) = digest_cards(connector)
    action, full = card["actions"]
    assert action["title"] == "Download the figures (.xlsx)"
    link = urlsplit(action["url"])
    assert link.netloc == "briefbot.example.org"  # BRIEFBOT_PUBLIC_URL
    with urllib.request.urlopen(f"{teams.url}{link.path}?{link.query}") as response:
        book = openpyxl.load_workbook(io.BytesIO(response.read()))
    assert book["Figures"].max_row == len(seeds_briefing.figures) + 1
    assert full["title"] == "Full briefing"
    page = urlsplit(full["url"])
    with urllib.request.urlopen(f"{teams.url}{page.path}?{page.query}") as response:
        assert '<h2 id="figures">Figures</h2>' in response.read().decode()
    (row,) = services.store.deliveries()
    assert row.status == "sent" and row.file_id == link.path


def test_without_a_public_url_the_digest_is_posted_without_its_spreadsheet(settings, connector):
    services = Services.from_settings(replace(settings, public_url=None))
    bot = make_bot(services)
    try:
        sub = channel_sub(services, connector)
        assert send_digest(services, sub, SLOT, bot.delivery) == "partial"
    finally:
        bot.close()
    (card,) = digest_cards(connector)
    assert card_errors(card) == [] and "actions" not in card
    (row,) = services.store.deliveries()
    assert row.status == "partial" and "BRIEFBOT_PUBLIC_URL" in row.error


def test_a_conversation_the_bot_never_saw_fails_with_a_reason(services, bot, connector):
    sub = Subscription("teams", TENANT, "19:unknown@thread.tacv2", "hubs",
                       parse_schedule([], "Europe/Paris"))  # fmt: skip
    services.briefings.get("hubs")
    assert send_digest(services, sub, SLOT, bot.delivery) == "failed"
    (row,) = services.store.deliveries()
    assert "add the app to it again" in row.error
    assert connector.calls == []


def test_a_queued_link_is_answered_in_the_conversation_it_came_from(services, bot, connector):
    """The worker's `link` task (run here in-process) tells a Teams channel what it did."""
    address = {"service_url": connector.service_url, "conversation": CHANNEL, "type": "channel"}
    services.store.remember("teams", TENANT, CHANNEL, address)
    services.briefings.get("hubs")
    env = Env(services, platform_delivery(services, teams=bot))
    asker = asker_fields(Caller("teams", TENANT, CHANNEL, "user-1", "Ann Lee"))
    page = (FIXTURES / "bridge" / "courier-traders.html").read_text()
    with WebServer() as web:
        web.set("/traders.html", page)
        added = link(env, story="hubs", url=web.url("/traders.html"), reply_to=asker)
        assert added == "added as version 2"
        again = asker_fields(Caller("teams", TENANT, CHANNEL, "user-1", "Ann Lee"))  # new ask
        assert link(env, story="hubs", url=web.url("/gone.html"), reply_to=again).startswith(
            "not added:"
        )
    first, second = digest_cards(connector)
    assert card_errors(first) == [] and card_errors(second) == []
    said = " ".join(inline_texts(first))
    assert "Added" in said and "Traders fear Kestrel Bridge closure" in said
    assert "Could not add it" in " ".join(inline_texts(second)) + json.dumps(second)
