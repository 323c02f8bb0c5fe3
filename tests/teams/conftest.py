"""Teams on loopback: our real web app, activities posted to /api/messages as the Bot
Connector service would, and a fake Connector (and Workflows webhook) catching replies.

Bot Framework JWTs cannot be minted offline, so these tests relax inbound authentication
with the explicit test setting; `test_authentication_is_on_by_default` checks the rest.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services
from bot.settings import Settings
from bot.teams.app import TeamsBot
from tests.chat.conftest import running_app
from tests.fakes.bot_connector import (
    FAKE_APP_ID,
    FAKE_USER_AAD_ID,
    FakeBotConnector,
    fake_bot_token,
)

TENANT = "72f988bf-0000-4000-8000-000000000001"
CHANNEL = "19:general@thread.tacv2"
PERSONAL = "a:1personal-chat"


@dataclass
class Sent:
    status: int
    body: bytes


class Teams:
    """Posts activities to our /api/messages the way the Bot Connector service does."""

    def __init__(self, url: str, connector: FakeBotConnector) -> None:
        self.url, self.connector = url, connector

    def message(
        self,
        text: str,
        *,
        conversation: str = PERSONAL,
        kind: str = "personal",
        auth: str | None = None,
    ) -> Sent:
        return self.activity(
            {
                "type": "message",
                "text": text,
                "conversation": {"id": conversation, "conversationType": kind, "tenantId": TENANT},
            },
            auth=auth,
        )

    def activity(self, fields: dict[str, Any], *, auth: str | None = None) -> Sent:
        body = {
            "id": f"a{time.monotonic_ns()}",
            "channelId": "msteams",
            "serviceUrl": self.connector.service_url,
            "from": {"id": "29:fake-user", "name": "Fake User", "aadObjectId": FAKE_USER_AAD_ID},
            "recipient": {"id": f"28:{FAKE_APP_ID}", "name": "Briefbot"},
            "channelData": {"tenant": {"id": TENANT}},
            **fields,
        }
        headers = {"Content-Type": "application/json"}
        if auth is not None:
            headers["Authorization"] = auth
        request = urllib.request.Request(
            self.url + "/api/messages", json.dumps(body).encode(), headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Sent(response.status, response.read())
        except urllib.error.HTTPError as error:
            return Sent(error.code, error.read())

    def cards(self, conversation: str = PERSONAL, *, wait: int = 1) -> list[dict[str, Any]]:
        """The cards posted to a conversation, once at least `wait` of them arrived (slow
        commands answer "Working on it…" first and the card a moment later)."""

        def cards() -> list[dict[str, Any]]:
            return [
                a["content"]
                for activity in self.connector.sent(conversation)
                for a in activity.get("attachments") or []
            ]

        try:
            self.connector.wait_until(lambda: len(cards()) >= wait, timeout=10)
        except TimeoutError:
            pass  # the caller's assertions say what is missing
        return cards()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        teams_client_id=FAKE_APP_ID,
        teams_allow_unauthenticated=True,
        public_url="https://briefbot.example.org",
        allow_loopback=True,
    )


async def _token(*args: Any, **kwargs: Any) -> str:
    return fake_bot_token()


def make_bot(services: Services, **options: Any) -> TeamsBot:
    """A bot that gets its app tokens from the fake instead of signing in to Microsoft."""
    return TeamsBot(services, token=_token, **options)


@pytest.fixture
def services(settings: Settings) -> Services:
    return Services.from_settings(settings)


@pytest.fixture
def bot(services: Services) -> Iterator[TeamsBot]:
    teams_bot = make_bot(services)
    yield teams_bot
    teams_bot.close()


@pytest.fixture
def teams(settings: Settings, services: Services, bot: TeamsBot, connector) -> Iterator[Teams]:
    with running_app(settings, services, teams=bot) as url:
        yield Teams(url, connector)


@contextmanager
def teams_with(settings: Settings, connector: FakeBotConnector) -> Iterator[Teams]:
    """Teams talking to an app of its own settings (another story, strict authentication)."""
    services = Services.from_settings(settings)
    bot = make_bot(services)
    try:
        with running_app(settings, services, teams=bot) as url:
            yield Teams(url, connector)
    finally:
        bot.close()


def inline_texts(card: dict[str, Any]) -> list[str]:
    """The text of every line of a card."""
    return ["".join(r["text"] for r in b.get("inlines", [])) for b in card.get("body", [])]
