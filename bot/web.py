"""The web app Slack calls: Bolt behind a WSGI server, with a strict check of signed headers.

Bolt refuses bad and stale signatures with 401, but a non-numeric timestamp makes it fail
with a 500 and a stack trace; we refuse such requests with 401 before Bolt sees them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt.adapter.wsgi import SlackRequestHandler

from .services import Services
from .settings import Settings
from .slack.app import create_app
from .slack.manifest import EVENTS_PATH

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def create_wsgi(settings: Settings, services: Services | None = None) -> WSGIApp:
    slack = SlackRequestHandler(create_app(settings, services), path=EVENTS_PATH)

    def api(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz":
            return _reply(start_response, "200 OK", {"ok": True})
        if path == EVENTS_PATH and method == "POST" and not _slack_headers_ok(environ):
            return _reply(start_response, "401 Unauthorized", {"error": "invalid request"})
        return slack(environ, start_response)

    return api


def _slack_headers_ok(environ: dict[str, Any]) -> bool:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    return timestamp.isascii() and timestamp.isdigit() and signature.startswith("v0=")


def _reply(start_response: Callable[..., Any], status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]
