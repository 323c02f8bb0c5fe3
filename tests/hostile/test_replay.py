"""A signed request replayed within Slack's five-minute window does nothing the second
time, in the same process or another one sharing the database."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import func, select

from bot import channel_commands
from bot.database import connect
from bot.replays import ReplayGuard, seen_requests
from bot.services import Services
from tests.chat.conftest import running_app
from tests.hostile.rawhttp import request, signed

EVENTS = "/slack/events"


class _Later(datetime):
    """`datetime` whose now() runs 70 s ahead: the replay of the run came 70 s later,
    in the next minute's digest slot."""

    offset = timedelta(0)

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return datetime.now(tz) + cls.offset


def digest_now(responses) -> bytes:
    return urlencode(
        {
            "team_id": "T111",
            "channel_id": "C123",
            "user_id": "U123",
            "command": "/hubs",
            "text": "digest now",
            "response_url": responses.url("/commands/1"),
            "trigger_id": f"{time.time_ns()}.1",
        }
    ).encode()


def digests(slack) -> int:
    return len(slack.calls_to("chat.postMessage"))


def test_a_replayed_digest_now_posts_nothing(endpoint, slack, responses, monkeypatch):
    monkeypatch.setattr(channel_commands, "datetime", _Later)
    body = digest_now(responses)
    headers = signed(body)
    first = request(endpoint.url, EVENTS, body, headers)
    assert first.status == 200
    responses.wait_for(1, timeout=30)  # "Posted the digest …" after "Working on it…"
    assert digests(slack) == 1
    replies = len(responses.posts)

    _Later.offset = timedelta(seconds=70)
    try:
        again = request(endpoint.url, EVENTS, body, headers)
    finally:
        _Later.offset = timedelta(0)
    assert again.status == 200 and again.body == b""
    # A fresh command sent after the replay is answered: the replay had its chance to act.
    assert endpoint.command("brief", response_path="/after").status == 200
    responses.wait_until(lambda: any(p.path == "/after" for p in responses.posts))
    assert digests(slack) == 1
    assert len([p for p in responses.posts if p.path != "/after"]) == replies


def test_a_replay_to_another_process_is_ignored_too(settings, slack, responses):
    """Two app instances on one database stand for two server processes."""
    one, two = Services.from_settings(settings), Services.from_settings(settings)
    body = urlencode(
        {
            "team_id": "T111",
            "channel_id": "C123",
            "user_id": "U123",
            "command": "/hubs",
            "text": "help",
            "response_url": responses.url("/commands/1"),
            "trigger_id": f"{time.time_ns()}.1",
        }
    ).encode()
    headers = signed(body)
    with running_app(settings, one) as url_one, running_app(settings, two) as url_two:
        assert b"blocks" in request(url_one, EVENTS, body, headers).body
        assert request(url_two, EVENTS, body, headers).body == b""


def test_the_same_command_with_a_new_trigger_is_answered(endpoint, responses):
    for _ in range(2):
        body = digest_now(responses).replace(b"digest+now", b"help")
        assert b"blocks" in request(endpoint.url, EVENTS, body, signed(body)).body


def test_seen_keys_expire(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    guard = ReplayGuard(engine)
    now = time.time()
    assert guard.first_time("command|x", int(now) + 360, now=now)
    assert not guard.first_time("command|x", int(now) + 360, now=now + 10)
    later = ReplayGuard(engine)  # a fresh process purges on its first request
    assert later.first_time("command|y", int(now) + 2000, now=now + 1000)
    with engine.connect() as db:
        assert db.execute(select(func.count()).select_from(seen_requests)).scalar() == 1
