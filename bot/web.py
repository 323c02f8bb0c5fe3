"""The web app: Slack's events, Teams' activities and spreadsheet downloads, behind one WSGI server.

Bolt refuses bad and stale signatures with 401, but a non-numeric timestamp makes it fail
with a 500 and a stack trace; we refuse such requests with 401 before Bolt sees them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from briefings import BriefingError
from briefings.render.xlsx import render_xlsx

from . import links
from .services import Services
from .settings import Settings

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MAX_ACTIVITY_BYTES = 1_000_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def create_wsgi(
    settings: Settings, services: Services | None = None, *, teams: Any = None
) -> WSGIApp:
    """Slack is served when its signing secret is set, Teams when its app id is (or
    `teams`, a ready TeamsBot, is given)."""
    services = services or Services.from_settings(settings)
    slack, events_path = None, None
    if settings.slack_signing_secret:
        from slack_bolt.adapter.wsgi import SlackRequestHandler

        from .slack.app import create_app
        from .slack.manifest import EVENTS_PATH

        slack = SlackRequestHandler(create_app(settings, services), path=EVENTS_PATH)
        events_path = EVENTS_PATH
    if teams is None and settings.teams:
        from .teams.app import TeamsBot

        teams = TeamsBot(services)

    def api(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz":
            return _json(start_response, 200, {"ok": True})
        if path.startswith(links.PREFIX) and method == "GET":
            return _download(services, environ, start_response)
        if path == "/api/messages" and teams is not None:
            return (
                _teams(teams, environ, start_response)
                if method == "POST"
                else _json(start_response, 405, {"error": "POST only"})
            )
        if slack is not None and path == events_path and method == "POST":
            if not _slack_headers_ok(environ):
                return _json(start_response, 401, {"error": "invalid request"})
        if slack is not None:
            return slack(environ, start_response)
        return _json(start_response, 404, {"error": "not found"})

    return api


def _teams(teams: Any, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    length = environ.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_ACTIVITY_BYTES:
        return _json(start_response, 413, {"error": "activity too large"})
    try:
        body = json.loads(environ["wsgi.input"].read(int(length)) or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return _json(start_response, 400, {"error": "expected a JSON activity"})
    headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
    status, answer = teams.handle(body, headers)
    return _json(start_response, status, answer)


def _download(
    services: Services, environ: dict[str, Any], start_response: Callable[..., Any]
) -> list[bytes]:
    try:
        slug = links.check(services.settings, environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
        story = services.story(slug)
        data = render_xlsx(services.briefings.get(story.slug))
    except links.LinkError as error:
        return _text(start_response, error.status, str(error))
    except BriefingError as error:
        return _text(start_response, 404, f"No spreadsheet for this story: {error}")
    day = services.briefings.get(story.slug).generated_at[:10]
    start_response(
        "200 OK",
        [
            ("Content-Type", XLSX),
            ("Content-Length", str(len(data))),
            ("Content-Disposition", f'attachment; filename="{story.slug}-figures-{day}.xlsx"'),
            ("Cache-Control", "private, no-store"),
        ],
    )
    return [data]


def _slack_headers_ok(environ: dict[str, Any]) -> bool:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    return timestamp.isascii() and timestamp.isdigit() and signature.startswith("v0=")


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed", 410: "Gone", 413: "Payload Too Large",
            500: "Internal Server Error"}  # fmt: skip


def _json(start_response: Callable[..., Any], status: int, body: Any) -> list[bytes]:
    data = b"" if body is None else json.dumps(body).encode()
    headers = [("Content-Length", str(len(data)))]
    if data:
        headers.append(("Content-Type", "application/json"))
    start_response(f"{status} {_REASONS.get(status, '')}".strip(), headers)
    return [data]


def _text(start_response: Callable[..., Any], status: int, text: str) -> list[bytes]:
    data = text.encode()
    start_response(
        f"{status} {_REASONS.get(status, '')}".strip(),
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))],
    )
    return [data]
