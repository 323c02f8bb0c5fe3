"""Digests to a Teams Workflows webhook: set up with `briefbot webhook add`, delivered once
through the same ledger as chat digests, to a local server standing in for the flow."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from bot.cli import main
from bot.commands import Caller, run
from bot.digest import send_digest
from bot.platforms import platform_delivery
from bot.settings import Settings
from bot.teams.cards import as_text, build_cards
from bot.teams.delivery import WORKFLOWS, WorkflowsDelivery
from tests.fakes.cards import card_errors
from tests.teams.conftest import inline_texts

SLOT = "2026-11-23 08:00 Europe/London"


@pytest.fixture
def settings(monkeypatch, tmp_path) -> Settings:
    """What `briefbot` reads from the environment in these tests (Teams bot off)."""
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFBOT_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("BRIEFBOT_PUBLIC_URL", "https://briefbot.example.org")
    return Settings.from_env()


def webhook_add(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["webhook", "add", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def sub(webhook, settings, services, capsys):
    """The subscription `briefbot webhook add comms URL` makes."""
    status, out, _ = webhook_add(capsys, "comms", webhook.url)
    assert status == 0 and "comms gets /hubs digests at 08:00" in out
    services.briefings.get("hubs")
    (made,) = services.store.subscriptions(platform=WORKFLOWS)
    return made


def test_a_webhook_added_on_the_command_line_gets_one_valid_card(webhook, services, sub):
    assert send_digest(services, sub, SLOT, platform_delivery(services)) == "sent"
    (card,) = webhook.delivered
    assert card_errors(card) == []
    assert "digest" in inline_texts(card)[0]
    action, page = card["actions"]
    assert action["title"] == "Download the figures (.xlsx)"
    assert urlsplit(action["url"]).netloc == "briefbot.example.org"
    assert page["title"] == "Full briefing"
    assert urlsplit(page["url"]).path == "/briefing/hubs.html"
    (row,) = services.store.deliveries()
    assert row.status == "sent" and row.channel == "comms"


def test_the_same_slot_is_posted_once(webhook, services, sub):
    delivery = platform_delivery(services)
    assert send_digest(services, sub, SLOT, delivery) == "sent"
    assert send_digest(services, sub, SLOT, delivery) == "claimed"
    assert len(webhook.calls) == 1 and len(webhook.delivered) == 1


def test_a_throttled_webhook_is_retried_after_the_wait_it_asks_for(webhook, services, sub):
    webhook.fail("", 429, retry_after=3)
    sleeps: list[float] = []
    delivery = WorkflowsDelivery(services.settings, services.store, sleep=sleeps.append)
    assert send_digest(services, sub, SLOT, delivery) == "sent"
    assert sleeps == [3.0]
    assert len(webhook.calls) == 2 and len(webhook.delivered) == 1


def test_a_webhook_throttled_for_an_hour_is_failed_not_waited_for(webhook, services, sub):
    webhook.fail("", 429, retry_after=3600)
    sleeps: list[float] = []
    delivery = WorkflowsDelivery(services.settings, services.store, sleep=sleeps.append)
    assert send_digest(services, sub, SLOT, delivery) == "failed"
    assert sleeps == [] and len(webhook.calls) == 1
    (row,) = services.store.deliveries()
    assert "HTTP 429" in row.error and "3600 s" in row.error


def test_a_failing_webhook_is_recorded_with_its_reason_and_not_resent(
    webhook, services, sub, capsys
):
    webhook.fail("", 500, times=100)
    delivery = WorkflowsDelivery(services.settings, services.store, sleep=lambda s: None)
    assert send_digest(services, sub, SLOT, delivery) == "failed"
    assert send_digest(services, sub, SLOT, delivery) == "claimed"
    assert len(webhook.calls) == 1  # a 500 may have started the flow: never posted twice
    (row,) = services.store.deliveries(status="failed")
    assert "HTTP 500" in row.error
    admin = services.context(services.stories[0], Caller(WORKFLOWS, "workflows", "comms"))
    shown = as_text(build_cards(run("deliveries", admin)))
    assert "failed" in shown and "HTTP 500" in shown and SLOT in shown
    assert main(["deliveries"]) == 0  # the command line shows every platform's ledger
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("failed") and "webhook:workflows/comms" in line and "HTTP 500" in line


def test_a_stored_url_refused_at_send_time_fails_instead_of_hanging(webhook, services, sub):
    strict = replace(services, settings=replace(services.settings, allow_loopback=False))
    assert send_digest(strict, sub, SLOT, platform_delivery(strict)) == "failed"
    (row,) = services.store.deliveries()
    assert "not a Teams Workflows webhook URL" in row.error
    assert webhook.calls == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://prod-00.westus.logic.azure.com/workflows/x/triggers", "not a Teams Workflows"),
        ("https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y", "retired"),
        ("https://outlook.office.com/webhook/x/IncomingWebhook/y", "retired"),
        ("https://hooks.example.com/workflows/x", "not a Teams Workflows"),
        ("https://logic.azure.com.example.com/workflows/x", "not a Teams Workflows"),
        ("https://x.logic.azure.com@example.com/workflows/x", "not a Teams Workflows"),
        ("http://10.0.0.5:8080/hook", "not a Teams Workflows"),
    ],
)
def test_urls_that_are_not_workflows_webhooks_are_refused_when_added(
    settings, services, capsys, url: str, message: str
) -> None:
    status, out, err = webhook_add(capsys, "comms", url)
    assert status == 2 and out == ""
    assert err.startswith("briefbot: ") and message in err and len(err.splitlines()) == 1
    assert urlsplit(url).path not in err  # the URL is a secret: never echoed
    assert services.store.subscriptions() == []
    assert services.store.address(WORKFLOWS, "workflows", "comms") is None


def test_loopback_urls_are_only_for_tests(webhook, monkeypatch, settings, capsys):
    monkeypatch.delenv("BRIEFBOT_ALLOW_LOOPBACK")
    status, _, err = webhook_add(capsys, "comms", webhook.url)
    assert status == 2 and "not a Teams Workflows" in err


@pytest.mark.parametrize(
    "url",
    [
        "https://prod-00.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"
        "?api-version=2016-06-01&sig=x",
        "https://default0123.45.environment.api.powerplatform.com:443/powerautomate/automations"
        "/direct/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=x",
    ],
)
def test_workflows_urls_old_and_new_are_accepted(settings, services, capsys, url: str) -> None:
    status, out, _ = webhook_add(capsys, "comms", url, "07:30", "daily")
    assert status == 0 and "07:30" in out and url not in out
    assert services.store.address(WORKFLOWS, "workflows", "comms") == {"url": url}
