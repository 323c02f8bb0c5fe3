"""A digest and its spreadsheet's About sheet give times in the subscription's time zone."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot.digest import send_digest
from bot.subscriptions import Subscription, parse_schedule
from tests.chat.test_digest import slack_delivery


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/New_York", ("EST", "EDT")),
        ("Asia/Kolkata", ("IST",)),
        ("Asia/Dubai", ("Asia/Dubai",)),
    ],
)
def test_digest_and_about_sheet_show_the_subscriptions_local_time(services, slack, zone, label):
    briefing = services.briefings.get("hubs")
    sub = Subscription(
        "slack", "T111", "C300", "hubs", parse_schedule([zone], "Europe/London"), "U1"
    )
    assert sub.schedule.timezone == zone
    assert send_digest(services, sub, f"2026-11-23 08:00 {zone}", slack_delivery(slack)) == "sent"

    made = datetime.fromisoformat(briefing.generated_at).astimezone(UTC)
    local = made.astimezone(ZoneInfo(zone))
    [post] = slack.calls_to("chat.postMessage")
    shown = json.dumps(post.body["blocks"])
    stamp = f"{local.day} {local:%b %Y %H:%M}"
    assert any(f"updated {stamp} {name}" in shown for name in label), shown[-400:]
    assert f"{made:%H:%M} UTC" not in shown or made.utcoffset() == local.utcoffset()

    [upload] = slack.completed_uploads
    data = slack.uploads[upload["files"][0]["id"]]
    about = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(io.BytesIO(data))["About"].iter_rows(values_only=True)
    }
    assert about[f"Generated at ({zone})"] == local.replace(tzinfo=None, microsecond=0)
    assert "Generated at (UTC)" not in about


def test_two_zones_get_their_own_spreadsheets_from_one_briefing(services, slack):
    services.briefings.get("hubs")
    delivery = slack_delivery(slack)
    for channel, zone in (("C401", "Europe/London"), ("C402", "Australia/Sydney")):
        sub = Subscription("slack", "T111", channel, "hubs", parse_schedule([zone], "UTC"), "U1")
        assert send_digest(services, sub, f"2026-11-23 08:00 {zone}", delivery) == "sent"
    keys = []
    for upload in slack.completed_uploads:
        wb = openpyxl.load_workbook(io.BytesIO(slack.uploads[upload["files"][0]["id"]]))
        keys.append(
            next(
                r[0]
                for r in wb["About"].iter_rows(values_only=True)
                if str(r[0]).startswith("Generated")
            )
        )
    assert keys == ["Generated at (Europe/London)", "Generated at (Australia/Sydney)"]
