"""A body over the limit gets 413 from its Content-Length, before a byte of it is read
(the run's 300 MB unsigned body took a worker from 238 MB to 1.7 GB before its 401)."""

from __future__ import annotations

import socket
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.chat.conftest import running_app
from tests.hostile.rawhttp import forged, request, signed


def announce(url: str, path: str, length: int, headers: dict[str, str]) -> int:
    """Announce a `length`-byte body, send 1 KB of it, and return the status answered."""
    parts = urlsplit(url)
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"x" * 1024)
        answer = sock.recv(4096)
    return int(answer.split()[1])


@pytest.mark.parametrize("length", [1_000_001, 300_000_000, 10**30])
def test_slack_bodies_over_the_limit_get_413_unread(endpoint, length):
    body = b"x" * 1024
    assert announce(endpoint.url, "/slack/events", length, forged(body)) == 413


def test_a_signed_body_over_the_limit_gets_413(endpoint):
    body = b"text=" + b"x" * 1_000_000
    assert request(endpoint.url, "/slack/events", body, signed(body)).status == 413


def test_the_limit_is_a_setting(settings, slack):
    small = replace(settings, max_body_bytes=100)
    with running_app(small, Services.from_settings(small)) as url:
        body = b"text=" + b"x" * 200
        assert request(url, "/slack/events", body, signed(body)).status == 413
    assert Settings.from_env({"BRIEFBOT_MAX_BODY_BYTES": "2048"}).max_body_bytes == 2048


def test_teams_bodies_over_the_limit_get_413_unread(tmp_path):
    from tests.fakes.bot_connector import FAKE_APP_ID
    from tests.teams.conftest import make_bot

    settings = Settings(data_dir=tmp_path / "data", teams_client_id=FAKE_APP_ID)
    services = Services.from_settings(settings)
    bot = make_bot(services)
    try:
        with running_app(settings, services, teams=bot) as url:
            assert announce(url, "/api/messages", 300_000_000, {}) == 413
    finally:
        bot.close()
