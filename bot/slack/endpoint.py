"""Slack's POSTs to /slack/events: verified, parsed and vetted before Bolt sees them.

Bolt parses the body (and builds its context from it) before it checks the signature,
and its error handler then sees that unverified body. So the order here is: the raw bytes
are verified (else 401), then decoded and parsed the way Bolt does (else 400), then the
fields Bolt and our listeners read are checked for shape (else 400), then replays are
dropped, and only then does Bolt dispatch the request, marked as verified.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest

from ..bodies import json_depth
from ..handoff import GATE, Gate
from ..replays import ReplayGuard
from . import signature

log = logging.getLogger(__name__)
VERIFIED = "briefbot_verified"  # set in the Bolt context of requests verified here
MAX_DEPTH = 64  # Slack's payloads nest about a dozen levels

_STRINGS = (
    "type", "token", "team_id", "team_domain", "enterprise_id", "channel_id", "channel_name",
    "user_id", "user_name", "command", "text", "api_app_id", "response_url", "trigger_id",
    "event_id", "challenge",
)  # fmt: skip
_IDS = ("team", "user", "channel", "enterprise")  # a string id or an object with one
_ID_FIELDS = ("id", "team_id", "enterprise_id", "user_id", "name", "domain")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, Sequence[str]]
    body: str
    after: Gate | None = None
    """Opened once the answer is written: the request's tasks then go on the queue."""


class SlackEndpoint:
    def __init__(self, app: App, secret: str, replays: ReplayGuard) -> None:
        self.app, self.secret, self.replays = app, secret, replays

    def handle(self, body: bytes, headers: Mapping[str, str], query: str) -> Answer:
        """One POST: Bolt's answer, or a refusal that used nothing from the request."""
        now = time.time()
        timestamp = headers.get("x-slack-request-timestamp", "")
        if not signature.verify(
            self.secret, body, timestamp, headers.get("x-slack-signature", ""), now
        ):
            return _error(401, "invalid request")
        try:
            request = BoltRequest(
                body=body.decode("utf-8"),
                query=query,
                headers=dict(headers),
                context={VERIFIED: True, GATE: (gate := Gate())},
            )
        except Exception as error:  # noqa: BLE001 - whatever parsing raises, the body is bad
            log.info("slack: signed request not parseable: %s", type(error).__name__)
            return _error(400, "malformed request")
        problem = malformed(request.body)
        if problem:
            log.info("slack: signed request malformed: %s", problem)
            return _error(400, "malformed request")
        identity = request_identity(request.body, timestamp, headers["x-slack-signature"])
        if not self.replays.first_time(identity, int(timestamp) + signature.MAX_AGE_SECONDS + 60):
            log.warning("slack: replayed request ignored")
            return Answer(200, {}, "")
        response = self.app.dispatch(request)
        return Answer(response.status, dict(response.headers), response.body, gate)


def request_identity(body: dict[str, Any], timestamp: str, sig: str) -> str:
    """What makes a request the same request: a command's team, command, channel, user and
    trigger id; an interaction's user, trigger id and action time; an event's id; else
    the signed request itself."""
    if isinstance(body.get("command"), str):
        fields = ("team_id", "command", "channel_id", "user_id", "trigger_id")
        return "command|" + "|".join(str(body.get(f, "")) for f in fields)
    if isinstance(event_id := body.get("event_id"), str):
        return "event|" + event_id
    if isinstance(body.get("trigger_id"), str):
        actions = body.get("actions") or [{}]
        user = body.get("user")
        user_id = user.get("id") if isinstance(user, dict) else user
        stamp = actions[0].get("action_ts", "") if isinstance(actions[0], dict) else ""
        return f"interaction|{user_id}|{body['trigger_id']}|{stamp}"
    return f"signed|{timestamp}|{sig}"


def malformed(body: object) -> str | None:
    """Why a parsed Slack body cannot be a Slack request, or None when its shape is right."""
    if not isinstance(body, dict):
        return "not a JSON object"
    if json_depth(body, MAX_DEPTH) > MAX_DEPTH:
        return "nested too deeply"
    for name in _STRINGS:
        if body.get(name) is not None and not isinstance(body[name], str):
            return f"{name} is not a string"
    for name in _IDS:
        if not _id_like(body.get(name)):
            return f"{name} is neither an id nor an object with one"
    for name in ("event", "view", "container", "message"):
        if body.get(name) is not None and not isinstance(body[name], dict):
            return f"{name} is not an object"
    event = body.get("event") or {}
    for name in ("type", "user", "tab", "channel", "team"):
        if event.get(name) is not None and not isinstance(event[name], str):
            return f"event.{name} is not a string"
    for name in ("actions", "authorizations"):
        items = body.get(name)
        if items is None:
            continue
        if not isinstance(items, list) or not all(_id_like(i, scalar=False) for i in items):
            return f"{name} is not a list of objects"
    for action in body.get("actions") or []:
        for name in ("action_id", "value", "block_id", "action_ts"):
            if action.get(name) is not None and not isinstance(action[name], str):
                return f"actions[].{name} is not a string"
    return None


def _id_like(value: object, *, scalar: bool = True) -> bool:
    if value is None or (scalar and isinstance(value, str)):
        return True
    if not isinstance(value, dict):
        return False
    return all(value.get(f) is None or isinstance(value[f], str) for f in _ID_FIELDS)


def _error(status: int, message: str) -> Answer:
    return Answer(status, {"content-type": ["application/json"]}, f'{{"error": "{message}"}}')
