"""/api/messages: a body that cannot be an activity gets 400 (or 401) before any SDK code
runs, with authentication on or relaxed."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.chat.conftest import running_app
from tests.fakes.bot_connector import FAKE_APP_ID
from tests.hostile.rawhttp import request
from tests.teams.conftest import make_bot

BODIES = {
    "100,000 levels deep": b"[" * 100_000 + b"]" * 100_000,
    "object 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "not UTF-8": b'{"type": "message", "text": "\xff"}',
    "an array": b"[1]",
    "invalid": b"{x",
    "empty": b"",
}


@pytest.mark.parametrize("relaxed", [False, True], ids=["authenticated", "relaxed"])
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_malformed_activities_get_400_or_401(tmp_path, connector, relaxed, body):
    settings = Settings(
        data_dir=tmp_path / "data",
        teams_client_id=FAKE_APP_ID,
        teams_allow_unauthenticated=relaxed,
    )
    services = Services.from_settings(settings)
    bot = make_bot(services)
    try:
        with running_app(settings, services, teams=bot) as url:
            answer = request(url, "/api/messages", body, {"Content-Type": "application/json"})
    finally:
        bot.close()
    assert answer.status in (400, 401), answer.body[:200]
    assert connector.sent() == []
