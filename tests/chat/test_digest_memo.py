"""A digest is made once per briefing for the channels that would get the same one, and a
changed briefing is never served from what was made for the one before."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.digest import digest_reply, send_digest
from bot.services import Services
from bot.slack import blocks
from bot.slack.delivery import SlackDelivery
from bot.subscriptions import Subscription, parse_schedule
from briefings import RawArticle
from tests.chat.conftest import with_story

FIRST = (
    "---\noutlet: Valley Ledger\npublished: 2026-05-04\n---\n"
    "Reservoir work begins\n\n"
    "Engineers began draining the Hollins reservoir on Monday, the water board said. "
    "The work will cost 12 million pounds and take 18 months.\n"
)
SECOND = (
    "---\noutlet: Moorside Echo\npublished: 2026-05-05\n---\n"
    "Anglers fear for reservoir trout\n\n"
    "The water board began draining the Hollins reservoir this week. "
    "About 4,000 trout will be moved to a nearby lake, a board spokesman said.\n"
)
LATER = RawArticle(
    text=(
        "Reservoir bill rises\n\n"
        "The cost of the Hollins reservoir works has risen to 15 million pounds, "
        "the water board told councillors on Thursday.\n"
    ),
    path="later.txt",
    meta={"outlet": "Lowland Courier", "published": "2026-05-08"},
)


@pytest.fixture
def story(settings, tmp_path: Path) -> Services:
    folder = tmp_path / "reservoir"
    folder.mkdir()
    (folder / "ledger.txt").write_text(FIRST)
    (folder / "echo.txt").write_text(SECOND)
    services = Services.from_settings(with_story(settings, folder))
    services.briefings.get("hubs")
    return services


def channel(name: str, zone: str = "Europe/London") -> Subscription:
    return Subscription("slack", "T111", name, "hubs", parse_schedule([], zone), "U1")


def shown(reply) -> str:
    return "\n".join(str(m) for m in blocks.build_messages(reply, max_messages=20))


def test_channels_that_would_get_the_same_digest_share_one(story):
    one, same = digest_reply(story, channel("C301")), digest_reply(story, channel("C302"))
    assert one[0] is same[0] and one[1] is same[1]
    elsewhere, _ = digest_reply(story, channel("C303", "America/New_York"))
    assert elsewhere is not one[0] and elsewhere.data["zone"] == "America/New_York"


def test_a_changed_briefing_is_never_served_from_what_was_made_before(story):
    before, _ = digest_reply(story, channel("C301"))
    assert "Lowland Courier" not in shown(before)
    story.briefings.add("hubs", [LATER], origin="test")
    for name in ("C302", "C301"):  # a channel new to the memo, and one made before
        after, summary = digest_reply(story, channel(name))
        assert after is not before and after.data["b"] is story.briefings.get("hubs")
        assert "Lowland Courier" in shown(after)
        assert len(summary["sources"]) == len(before.data["b"].sources) + 1


def test_a_channel_that_saw_an_earlier_digest_gets_its_own_changes(story, slack):
    client = WebClient(token="xoxb-T111-x", base_url=slack.base_url, retry_handlers=[])
    delivery = SlackDelivery(lambda team: client, sleep=lambda s: None)
    assert send_digest(story, channel("C301"), "slot-1", delivery) == "sent"
    story.briefings.add("hubs", [LATER], origin="test")
    seen, _ = digest_reply(story, channel("C301"))
    new, _ = digest_reply(story, channel("C302"))
    assert seen is not new
    assert not seen.data["changes"].first and "Since your last digest" in shown(seen)
    assert new.data["changes"].first and "Your first digest" in shown(new)


def test_one_slot_s_messages_are_built_once_and_each_slot_signs_its_own_links(
    story, slack, monkeypatch
):
    client = WebClient(token="xoxb-T111-x", base_url=slack.base_url, retry_handlers=[])
    signed: list[str] = []

    def link_for(button) -> str:
        signed.append(button.action)
        return f"https://b.test/briefing/{len(signed)}"

    delivery = SlackDelivery(lambda team: client, sleep=lambda s: None, link_for=link_for)
    reply, _ = digest_reply(story, channel("C301"))
    built = []
    real = blocks.build_messages
    monkeypatch.setattr(blocks, "build_messages", lambda *a, **k: built.append(1) or real(*a, **k))
    for name in ("C301", "C302", "C303"):
        delivery.post(channel(name), reply, "2026-05-11 08:00 Europe/London")
    assert len(built) == 1
    posted = [slack.messages[name][0]["blocks"] for name in ("C301", "C302", "C303")]
    assert posted[0] == posted[1] == posted[2]
    delivery.post(channel("C304"), reply, "2026-05-12 08:00 Europe/London")
    assert len(built) == 2
    assert "briefing/2" in str(slack.messages["C304"][0]["blocks"])
    assert "briefing/1" in str(posted[0])
