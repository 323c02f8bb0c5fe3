"""Slash commands, buttons and App Home through the real HTTP endpoint, signed like Slack."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from bot import commands
from bot.briefs import BriefingCache
from bot.commands import Caller
from bot.services import Services
from bot.slack import blocks
from bot.slack.limits import violations
from bot.web import create_wsgi
from tests.chat.conftest import Endpoint, serve_wsgi, texts, with_story


def block_types(message: dict) -> list[str]:
    return [b["type"] for b in message["blocks"]]


def test_status_is_answered_in_the_ack_with_valid_ephemeral_blocks(
    endpoint: Endpoint, seeds_briefing
) -> None:
    r = endpoint.command("status")
    assert r.status == 200
    message = r.json
    assert message["response_type"] == "ephemeral"
    assert violations(message) == []
    assert message["text"]  # plain-text fallback
    header = message["blocks"][0]
    assert (
        header["type"] == "header"
        and header["text"]["text"] == "Overseas return hubs for failed asylum seekers"
    )
    shown = "\n".join(texts(message))
    assert seeds_briefing.announcement.headline.text.split(",")[0] in shown
    assert "Key figures" in shown and "Where sources disagree" in shown
    assert f"{len(seeds_briefing.sources)} sources" in shown
    buttons = message["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == ["share"]


@pytest.mark.parametrize("text", ["", "help"])
def test_help_lists_every_command(endpoint: Endpoint, text: str) -> None:
    shown = "\n".join(texts(endpoint.command(text).json))
    for name in (
        "status",
        "brief",
        "figures",
        "reactions",
        "questions",
        "sources",
        "search",
        "subscribe",
    ):
        assert f"/hubs {name}" in shown


def test_unknown_subcommand_suggests_the_closest(endpoint: Endpoint) -> None:
    shown = "\n".join(texts(endpoint.command("figuers").json))
    assert "is not a command" in shown and "Did you mean `/hubs figures`?" in shown


def test_brief_acks_at_once_and_follows_up_on_the_response_url(
    endpoint: Endpoint, services, seeds_briefing
) -> None:
    r = endpoint.command("brief")
    assert r.status == 200 and r.json["text"] == "Working on it…"
    # Every part of the reply the command makes, however many that is:
    ctx = services.context(services.stories[0], Caller("slack", "T111", "C123", "U123"))
    parts = len(blocks.build_messages(commands.run("brief", ctx)))
    assert 1 <= parts <= 5
    posts = endpoint.responses.wait_for(parts, timeout=10)
    messages = [p.json for p in posts]
    for message in messages:
        assert violations(message) == []
        assert message["response_type"] == "ephemeral" and message["text"]
    shown = "\n".join(t for m in messages for t in texts(m))
    for section in ("Key points", "Key figures", "Reactions", "Open questions", "Sources"):
        assert section in shown
    for reaction in seeds_briefing.reactions:
        assert reaction.speaker in shown
    assert posts[0].path == "/commands/1"


def test_a_slow_briefing_is_acknowledged_in_time_and_delivered_later(settings, responses) -> None:
    acknowledged = threading.Event()

    class SlowCache(BriefingCache):
        def ready(self, slug):  # never ready: every command must take the slow path
            return None

        def get(self, slug):  # the briefing is built only after Slack has had its answer
            assert acknowledged.wait(timeout=10)
            return super().get(slug)

    services = Services.from_settings(settings)
    services = Services(
        services.settings, services.stories, SlowCache(services.stories), services.store
    )
    url, server = serve_wsgi(create_wsgi(settings, services))
    try:
        r = Endpoint(url, responses).command("status")
        acknowledged.set()
        assert r.status == 200 and r.elapsed < 3.0, r.elapsed  # Slack gives up after 3 s
        assert r.json["text"] == "Working on it…"
        [post] = responses.wait_for(1, timeout=10)
        assert "Key figures" in "\n".join(texts(post.json)) and violations(post.json) == []
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "change",
    [
        {"X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": str(int(time.time()) - 301)},
        {"X-Slack-Request-Timestamp": None},
        {"X-Slack-Signature": None},
        {"X-Slack-Request-Timestamp": "abc"},
        {"X-Slack-Signature": "garbage"},
    ],
    ids=[
        "forged",
        "stale",
        "no-timestamp",
        "no-signature",
        "non-numeric-timestamp",
        "garbage-signature",
    ],
)
def test_unsigned_stale_or_forged_requests_are_refused(endpoint: Endpoint, slack, change) -> None:
    r = endpoint.command("status", headers=change, response_path="/refused")
    assert r.status == 401
    assert b"Key figures" not in r.body
    # A signed request sent after it is answered on its response URL; the refused one is not.
    assert endpoint.command("brief").status == 200
    endpoint.responses.wait_for(1, timeout=10)
    assert [p.path for p in endpoint.responses.posts if p.path == "/refused"] == []


def test_a_request_signed_with_another_secret_is_refused(endpoint: Endpoint) -> None:
    assert endpoint.command("status", secret="not-our-secret").status == 401


def test_stale_signature_is_refused_even_when_correctly_signed(endpoint: Endpoint) -> None:
    old = str(int(time.time()) - 6 * 60)
    assert endpoint.command("status", timestamp=old).status == 401


def test_reactions_for_one_speaker(endpoint: Endpoint, seeds_briefing) -> None:
    speaker = seeds_briefing.reactions[1]
    surname = speaker.speaker.split()[-1]
    message = endpoint.command(f"reactions {surname.lower()}").json
    shown = "\n".join(texts(message))
    assert speaker.speaker in shown
    others = [
        r.speaker
        for r in seeds_briefing.reactions
        if surname not in r.speaker and surname not in r.aliases
    ]
    assert not any(f"*{o}*" in shown for o in others)


def test_search_shows_matching_sentences_with_their_sources(
    endpoint: Endpoint, seeds_briefing
) -> None:
    figure = seeds_briefing.figures[0]
    word = figure.label.split()[-1]
    shown = "\n".join(texts(endpoint.command(f"search {word}").json))
    assert word.lower() in shown.lower() and "matching sentence" in shown


def test_search_without_words_says_how_to_use_it(endpoint: Endpoint) -> None:
    shown = "\n".join(texts(endpoint.command("search").json))
    assert "/hubs search" in shown


def test_share_posts_the_answer_in_channel_and_removes_the_private_copy(endpoint: Endpoint) -> None:
    value = endpoint.command("status").json["blocks"][-1]["elements"][0]["value"]
    r = endpoint.action("share", value, user="U777")
    assert r.status == 200
    posts = endpoint.responses.wait_for(2, timeout=5)
    shared, delete = posts[0].json, posts[-1].json
    assert shared["response_type"] == "in_channel" and violations(shared) == []
    assert "Shared by <@U777>" in texts(shared)
    assert "share" not in json.dumps([b for b in shared["blocks"] if b["type"] == "actions"])
    assert delete["delete_original"] is True


def test_figures_button_sends_the_spreadsheet_by_direct_message(
    endpoint: Endpoint, slack, seeds_briefing
) -> None:
    message = endpoint.command("figures").json
    assert violations(message) == []
    [xlsx_button] = [
        b for b in message["blocks"][-1]["elements"] if b["action_id"] == "figures_xlsx"
    ]
    assert endpoint.action("figures_xlsx", xlsx_button["value"], user="U42").status == 200
    [post] = endpoint.responses.wait_for(1, timeout=10)
    assert "direct messages" in post.json["text"]
    assert slack.calls_to("conversations.open")[0].body["users"] == "U42"
    [done] = slack.completed_uploads
    assert done["channel_id"] == "D42"
    [data] = slack.uploads.values()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Figures"].max_row == len(seeds_briefing.figures) + 1


def test_failed_upload_is_reported_to_the_user(endpoint: Endpoint, slack) -> None:
    slack.fail_next("files.completeUploadExternal", error="not_in_channel")
    endpoint.action("figures_xlsx", "hubs")
    [post] = endpoint.responses.wait_for(1, timeout=10)
    assert "did not accept" in post.json["text"]


def test_app_home_shows_the_summary_and_the_users_subscriptions(endpoint: Endpoint, slack) -> None:
    endpoint.command("subscribe 07:15 Europe/Paris mon,thu", user="U9")
    r = endpoint.event({"type": "app_home_opened", "user": "U9", "channel": "D9", "tab": "home"})
    assert r.status == 200
    [call] = slack.wait_for_calls("views.publish", timeout=5)
    assert call.body["user_id"] == "U9"
    view = (
        json.loads(call.body["view"]) if isinstance(call.body["view"], str) else call.body["view"]
    )
    assert view["type"] == "home" and violations(view, surface="home") == []
    shown = "\n".join(texts(view))
    assert "Key figures" in shown and "<#C123> at 07:15 Europe/Paris, mon, thu" in shown


def test_subscribe_stores_the_schedule_and_rejects_bad_input(endpoint: Endpoint, services) -> None:
    assert "Subscribed" in "\n".join(
        texts(endpoint.command("subscribe 9am America/New_York daily").json)
    )
    [sub] = services.store.subscriptions(channel="C123")
    assert (sub.schedule.time, sub.schedule.timezone, sub.user) == (
        "09:00",
        "America/New_York",
        "U123",
    )
    for bad, why in [
        ("25:00", "not a time of day"),
        ("08:00 Mars/Olympus", "not a time zone"),
        ("08:00 fortnightly", "not a day list"),
    ]:
        shown = "\n".join(texts(endpoint.command(f"subscribe {bad}").json))
        assert why in shown, shown
    assert len(services.store.subscriptions(channel="C123")) == 1
    listed = "\n".join(texts(endpoint.command("subscriptions").json))
    assert "<#C123> at 09:00 America/New_York, daily" in listed
    assert "no longer" in "\n".join(texts(endpoint.command("unsubscribe").json))
    assert services.store.subscriptions(channel="C123") == []


HOSTILE = """<!channel> Minister says <@U0123ABC> & <http://evil.example|click here> is fine

By Jo Bloggs, Example News

The minister announced 4,000 new <!here> places on Monday.
"It is <!everyone> a matter for <#C0999|general>," said Jane Smith, the <@U999> home secretary.
Critics said 5,000 places were needed, according to <https://x.example|the charity>.
It remains unclear which <!subteam^S123> towns will host the places.
"""


def test_article_text_never_pings_or_links(settings, responses, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE)
    settings = with_story(settings, folder)
    url, server = serve_wsgi(create_wsgi(settings, Services.from_settings(settings)))
    try:
        endpoint = Endpoint(url, responses)
        payloads = [
            endpoint.command(c).json
            for c in (
                "status",
                "figures",
                "reactions",
                "questions",
                "sources",
                "search minister places",
                "<!channel>",
            )
        ]
        endpoint.command("brief")
        payloads += [p.json for p in responses.wait_for(1, timeout=10)]
    finally:
        server.shutdown()
        server.server_close()
    shown = "\n".join(t for p in payloads for t in texts(p))
    assert "&lt;!channel&gt;" in shown and "&lt;@U999&gt;" in shown
    for marker in ("<!", "<@", "<#C0999", "<http://evil", "<https://x.example"):
        assert marker not in shown, marker
    for payload in payloads:
        assert violations(payload) == []


def test_answers_follow_the_story_when_an_article_is_added(settings, responses, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "one.txt").write_text("First report\n\nThe council said 200 homes would be built.\n")
    settings = with_story(settings, folder)
    services = Services.from_settings(settings)
    services.briefings.recheck_seconds = 0  # look at the folder on every request
    url, server = serve_wsgi(create_wsgi(settings, services))
    try:
        endpoint = Endpoint(url, responses)
        services.briefings.get("hubs")
        first = endpoint.command("status").json
        assert first == endpoint.command("status").json  # the same answer, served again
        assert "1 source ·" in "\n".join(texts(first))
        (folder / "two.txt").write_text(
            "Second report\n\nThe mayor said 350 homes would be built, not 200.\n"
        )
        services.briefings.get("hubs")
        assert "2 sources ·" in "\n".join(texts(endpoint.command("status").json))
    finally:
        server.shutdown()
        server.server_close()
