"""The "Full briefing" link: chat replies and digests carry a signed link that opens the whole
briefing's web page on our own app for a week; an expired, altered or borrowed link opens
nothing. Through the real web app on loopback, signed like Slack."""

from __future__ import annotations

import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from bot import links
from bot.digest import send_digest
from bot.slack.delivery import slack_delivery
from bot.slack.limits import violations
from bot.subscriptions import Subscription, parse_schedule
from tests.chat.conftest import Endpoint, running_app

PUBLIC = "https://briefbot.example.org"


@pytest.fixture
def settings(settings):
    return replace(settings, public_url=PUBLIC)


def link_button(message: dict) -> dict:
    (button,) = [
        b for b in message["blocks"][-1]["elements"] if b["action_id"] == links.FULL_BRIEFING
    ]
    return button


def local(endpoint: Endpoint, url: str) -> str:
    """The link's path and query, asked of the app under test instead of the public host."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == PUBLIC
    return f"{parts.path}?{parts.query}"


@pytest.mark.parametrize("command", ["status", "figures", "reactions", "questions", "sources"])
def test_chat_replies_link_the_full_briefing(endpoint: Endpoint, command: str) -> None:
    message = endpoint.command(command).json
    assert violations(message) == []
    button = link_button(message)
    assert button["text"]["text"] == "Full briefing"
    assert urlsplit(button["url"]).path == "/briefing/hubs.html"


def test_the_link_opens_the_whole_briefing_as_a_self_contained_page(
    endpoint: Endpoint, seeds_briefing
) -> None:
    url = link_button(endpoint.command("status").json)["url"]
    answer = endpoint.request(local(endpoint, url))
    assert answer.status == 200
    page = answer.body.decode()
    assert page.startswith("<!doctype html>")
    assert "<h1>Overseas return hubs for failed asylum seekers</h1>" in page
    for source in seeds_briefing.sources:
        assert f'id="source-{seeds_briefing.sources.index(source) + 1}"' in page


def test_the_page_is_served_with_headers_that_let_nothing_else_load_or_leak(
    endpoint: Endpoint,
) -> None:
    import urllib.request

    url = link_button(endpoint.command("status").json)["url"]
    with urllib.request.urlopen(endpoint.url + local(endpoint, url)) as response:
        headers = response.headers
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src" not in headers["Content-Security-Policy"]  # so no script runs
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "private, no-store"


def test_an_expired_link_is_refused_with_nothing_of_the_briefing(
    endpoint: Endpoint, settings
) -> None:
    old = links.page_link(settings, "hubs", now=time.time() - links.LIFETIME_SECONDS - 5)
    answer = endpoint.request(local(endpoint, old))
    assert answer.status == 410
    assert answer.body.decode() == "This briefing link has expired. Ask Briefbot for a new one."


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p, q: (p, q.replace("sig=", "sig=0")),  # a forged signature
        lambda p, q: (p, q.replace("expires=", "expires=9")),  # a later expiry
        lambda p, q: (p, ""),  # no signature at all
        lambda p, q: (p.replace("hubs", "other"), q),  # another story
    ],
    ids=["forged", "extended", "unsigned", "other story"],
)
def test_an_altered_link_is_refused(endpoint: Endpoint, tamper) -> None:
    url = link_button(endpoint.command("status").json)["url"]
    path, query = tamper(*local(endpoint, url).split("?"))
    answer = endpoint.request(f"{path}?{query}")
    assert answer.status == 403
    assert answer.body.decode() == "This briefing link is not valid. Ask Briefbot for a new one."


def test_a_spreadsheet_links_signature_does_not_open_the_page(endpoint: Endpoint, settings):
    spreadsheet = urlsplit(links.figures_link(settings, "hubs"))
    assert endpoint.request(f"{spreadsheet.path}?{spreadsheet.query}").status == 200
    assert endpoint.request(f"/briefing/hubs.html?{spreadsheet.query}").status == 403


def test_pressing_the_link_button_is_acknowledged_and_posts_nothing(
    endpoint: Endpoint, slack
) -> None:
    answer = endpoint.action(links.FULL_BRIEFING, "")
    assert answer.status == 200
    # A command sent after it is answered; by then a reply to the click would have come.
    assert endpoint.command("brief", response_path="/after").status == 200
    endpoint.responses.wait_for(1, timeout=10)
    assert {p.path for p in endpoint.responses.posts} == {"/after"}
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []


def test_without_a_public_address_replies_have_no_link(settings, services, responses) -> None:
    bare = replace(settings, public_url=None)
    with running_app(bare, replace(services, settings=bare)) as url:
        message = Endpoint(url, responses).command("status").json
    assert [b["action_id"] for b in message["blocks"][-1]["elements"]] == ["share"]


def test_the_slack_digest_links_the_full_briefing(services, slack, settings) -> None:
    services.briefings.get("hubs")
    sub = Subscription("slack", "T111", "C200", "hubs", parse_schedule([], "Europe/London"), "U1")
    assert send_digest(services, sub, "2026-11-23 08:00", slack_delivery(settings, services)) == (
        "sent"
    )
    [post] = slack.calls_to("chat.postMessage")
    (button,) = [
        e
        for b in post.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == links.FULL_BRIEFING
    ]
    assert links.check_page(settings, *urlsplit(button["url"])[2:4]) == "hubs"


def test_a_reply_kept_for_reuse_is_signed_again_after_a_day(services) -> None:
    """Kept answers hold signed links: they are rebuilt once a day, so a link a reader
    gets always has days to run, though the briefing has not changed."""
    from bot.commands import Caller
    from bot.slack.listeners import RenderedReplies

    services.briefings.get("hubs")
    ctx = services.context(services.story("hubs"), Caller("slack", "T111", "C1", "U1"))
    builds: list[int] = []

    def build() -> list[dict]:
        builds.append(1)
        return [{"text": str(len(builds))}]

    fresh, stale = RenderedReplies(), RenderedReplies(max_age=0)
    assert fresh.get(ctx, "status", build) is fresh.get(ctx, "status", build)
    assert len(builds) == 1
    stale.get(ctx, "status", build)
    stale.get(ctx, "status", build)
    assert len(builds) == 3


def test_the_page_is_rendered_once_per_briefing_and_gzipped_for_browsers(
    endpoint: Endpoint, monkeypatch
) -> None:
    import gzip

    import bot.pages

    rendered: list[int] = []
    real = bot.pages.render_html
    monkeypatch.setattr(bot.pages, "render_html", lambda b: rendered.append(1) or real(b))
    path = local(endpoint, link_button(endpoint.command("status").json)["url"])
    plain = endpoint.request(path)
    packed = endpoint.request(path, headers={"Accept-Encoding": "gzip, br"})
    assert plain.status == packed.status == 200
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 3
    assert len(rendered) == 1


def test_the_pages_timeline_holds_the_storys_versions_like_the_timeline_command(
    endpoint: Endpoint,
) -> None:
    page = endpoint.request(local(endpoint, link_button(endpoint.command("status").json)["url"]))
    timeline = page.body.decode().split('id="timeline"')[1].split('id="sources"')[0]
    assert "<em>first briefed from 5 articles</em>" in timeline
    assert "first briefed from 5 articles" in "\n".join(
        t for b in endpoint.command("timeline").json["blocks"] for t in [str(b)]
    )
