"""The web app: Slack's events, Teams' activities, spreadsheet downloads and briefing pages,
behind one WSGI server.

Every POST body is size-checked before it is read (413 over `max_body_bytes`), and a
malformed request gets 400 or 401 whatever the libraries underneath would raise: Slack's
are verified on their raw bytes before Bolt parses them (`slack/endpoint.py`), Teams'
activities are parsed with a depth limit before the SDK checks their token.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from briefings import BriefingError, render_xlsx

from . import links
from .bodies import Refusal, json_depth, read_body, request_headers
from .handoff import AfterBody
from .pages import Pages
from .services import Services
from .settings import Settings
from .wsgi_replies import json_reply, status_line, text_reply

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MAX_DEPTH = 64  # a JSON activity nests about a dozen levels
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def create_wsgi(
    settings: Settings, services: Services | None = None, *, teams: Any = None
) -> WSGIApp:
    """Slack is served when its signing secret is set, Teams when its app id is (or
    `teams`, a ready TeamsBot, is given)."""
    services = services or Services.from_settings(settings)
    pages = Pages(services)
    slack, events, events_path = None, None, None
    if settings.slack_signing_secret:
        from slack_bolt.adapter.wsgi import SlackRequestHandler

        from .replays import ReplayGuard
        from .slack.app import create_app
        from .slack.endpoint import SlackEndpoint
        from .slack.manifest import EVENTS_PATH

        bolt = create_app(settings, services)
        slack = SlackRequestHandler(bolt, path=EVENTS_PATH)  # OAuth pages (GET)
        guard = ReplayGuard(services.store.engine)
        events = SlackEndpoint(bolt, settings.slack_signing_secret, guard)
        events_path = EVENTS_PATH
    if teams is None and settings.teams:
        from .teams.app import TeamsBot

        teams = TeamsBot(services)

    def api(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz":
            return json_reply(start_response, 200, {"ok": True})
        if path.startswith(links.PREFIX) and method == "GET":
            return _download(services, environ, start_response)
        if path.startswith(links.PAGE_PREFIX) and method == "GET":
            return pages.serve(environ, start_response)
        if path == "/api/messages" and teams is not None:
            if method != "POST":
                return json_reply(start_response, 405, {"error": "POST only"})
            return _teams(
                teams, read_body(environ, settings.max_body_bytes), environ, start_response
            )
        if events is not None and path == events_path and method == "POST":
            body = read_body(environ, settings.max_body_bytes)
            if isinstance(body, Refusal):
                return json_reply(start_response, body.status, {"error": body.reason})
            answer = events.handle(body, request_headers(environ), environ.get("QUERY_STRING", ""))
            data = answer.body.encode()
            headers = [(k, v) for k, vs in answer.headers.items() for v in vs]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response(
                status_line(answer.status), [*headers, ("Content-Length", str(len(data)))]
            )
            return [data] if answer.after is None else AfterBody([data], answer.after)
        if slack is not None:
            return slack(environ, start_response)
        return json_reply(start_response, 404, {"error": "not found"})

    return api


def _teams(
    teams: Any, body: bytes | Refusal, environ: dict[str, Any], start_response: Callable[..., Any]
) -> list[bytes]:
    if isinstance(body, Refusal):
        return json_reply(start_response, body.status, {"error": body.reason})
    try:
        activity = json.loads(body or b"null")
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        activity = None
    if not isinstance(activity, dict) or json_depth(activity, MAX_DEPTH) > MAX_DEPTH:
        return json_reply(start_response, 400, {"error": "expected a JSON activity"})
    headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
    status, answer = teams.handle(activity, headers)
    return json_reply(start_response, status, answer)


def _download(
    services: Services, environ: dict[str, Any], start_response: Callable[..., Any]
) -> list[bytes]:
    try:
        slug = links.check(services.settings, environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
        story = services.story(slug)
        briefings, zone = services.briefings, services.settings.timezone
        data = render_xlsx(
            briefings.with_history(briefings.get(story.slug), zone), folder=story.folder
        )
    except links.LinkError as error:
        return text_reply(start_response, error.status, str(error))
    except BriefingError as error:
        return text_reply(start_response, 404, f"No spreadsheet for this story: {error}")
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
