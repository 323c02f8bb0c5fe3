"""A real Briefbot web app on loopback, the fake Slack Web API it talks to, and signed requests.

Requests go over HTTP to our real WSGI app (signature checks and all); the app's
`slack_sdk` client talks to `FakeSlack` through SLACK_API_URL; slash commands carry a
`response_url` on a local `ResponseUrlCatcher`.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.services import Services
from bot.settings import Settings
from bot.web import create_wsgi
from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher

SECRET = "test-signing-secret"
TOKEN = "xoxb-T111-test"


@dataclass
class Response:
    status: int
    body: bytes
    elapsed: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class Endpoint:
    """Sends Slack-shaped, signed requests to the running app."""

    def __init__(self, url: str, responses: ResponseUrlCatcher) -> None:
        self.url, self.responses = url, responses

    def post(
        self,
        body: bytes,
        content_type: str = "application/x-www-form-urlencoded",
        *,
        secret: str = SECRET,
        timestamp: str | None = None,
        headers: dict[str, str] | None = None,
        path: str = "/slack/events",
    ) -> Response:
        ts = timestamp if timestamp is not None else str(int(time.time()))
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body.decode())
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
        }
        if headers is not None:
            sent = {k: v for k, v in (sent | headers).items() if v is not None}
        return self.request(path, body, sent)

    def request(
        self, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        req = urllib.request.Request(self.url + path, data=body, headers=headers or {})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return Response(r.status, r.read(), time.perf_counter() - start)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read(), time.perf_counter() - start)

    def command(
        self,
        text: str,
        *,
        command: str = "/hubs",
        user: str = "U123",
        team: str = "T111",
        response_path: str = "/commands/1",
        **kw: Any,
    ) -> Response:
        form = {
            "token": "legacy-verification-token",
            "team_id": team,
            "team_domain": "fake",
            "channel_id": "C123",
            "channel_name": "policy",
            "user_id": user,
            "user_name": "someone",
            "command": command,
            "text": text,
            "api_app_id": "A111",
            "response_url": self.responses.url(response_path),
            "trigger_id": f"{time.time_ns()}.1.2",  # unique per request, as Slack makes them
        }
        return self.post(urlencode(form).encode(), **kw)

    def action(self, action_id: str, value: str, *, user: str = "U123") -> Response:
        payload = {
            "type": "block_actions",
            "team": {"id": "T111", "domain": "fake"},
            "user": {"id": user, "team_id": "T111"},
            "api_app_id": "A111",
            "channel": {"id": "C123", "name": "policy"},
            "container": {"type": "message", "is_ephemeral": True},
            "trigger_id": f"{time.time_ns()}.1.2",  # unique per request, as Slack makes them
            "response_url": self.responses.url("/actions/1"),
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b1",
                    "value": value,
                    "action_ts": str(time.time()),
                }
            ],
        }
        return self.post(urlencode({"payload": json.dumps(payload)}).encode())

    def event(self, event: dict[str, Any]) -> Response:
        body = {
            "token": "legacy",
            "team_id": "T111",
            "api_app_id": "A111",
            "type": "event_callback",
            "event_id": f"Ev{time.time_ns()}",
            "event_time": int(time.time()),
            "event": event,
        }
        return self.post(json.dumps(body).encode(), "application/json")


@pytest.fixture
def settings(slack: FakeSlack, tmp_path: Path) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=slack.base_url,
        data_dir=tmp_path / "data",
    )


@pytest.fixture
def services(settings: Settings) -> Services:
    return Services.from_settings(settings)


def serve_wsgi(app: Any) -> tuple[str, Any]:
    server = make_server("127.0.0.1", 0, app, _ThreadingServer, _QuietHandler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return f"http://127.0.0.1:{server.server_port}", server


@contextmanager
def running_app(settings: Settings, services: Services, **options: Any) -> Iterator[str]:
    """Our web app served on loopback (its URL), first story built as after start-up warm-up."""
    url, server = serve_wsgi(create_wsgi(settings, services, **options))
    services.briefings.get(services.stories[0].slug)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def endpoint(
    settings: Settings, services: Services, responses: ResponseUrlCatcher
) -> Iterator[Endpoint]:
    with running_app(settings, services) as url:
        yield Endpoint(url, responses)


def texts(payload: object) -> list[str]:
    """Every string in a payload: where a ping or link could hide."""
    if isinstance(payload, dict):
        return [t for v in payload.values() for t in texts(v)]
    if isinstance(payload, list):
        return [t for v in payload for t in texts(v)]
    return [payload] if isinstance(payload, str) else []


def with_story(settings: Settings, folder: Path) -> Settings:
    """Settings whose only story is built from `folder`."""
    config = folder.parent / "briefbot.toml"
    config.write_text(f'[[story]]\nslug = "hubs"\ntitle = "Test story"\nseeds = "{folder.name}"\n')
    return replace(settings, config_path=config)
