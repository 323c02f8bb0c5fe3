"""Loopback fakes of the Bot Framework Connector (what the Teams SDK calls) and of a Teams
Workflows webhook ("Post to a channel when a webhook request is received").

Why: tests should drive the *real* ``microsoft_teams`` HTTP client (URL building, bearer
token, JSON bodies, raise-for-status) with no network, and script what production sees:
429 with Retry-After, 412/500/502/504, slow replies, posts that land after the client gave up.

Inbound activities carry a ``serviceUrl``; the SDK sends replies there, so a test puts
``connector.service_url`` in the activities it posts to the bot. Paths and bodies follow
``microsoft_teams/api/clients/conversation`` (2.1.1): note that the SDK's ``reply`` POSTs to
``/activities`` with ``replyToId`` in the body; the REST API's ``/activities/{id}`` form is
served too. Error bodies use the Bot Framework ``{"error": {"code", "message"}}`` shape; the
codes are plausible, not copied from a capture.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .cards import CARD_CONTENT_TYPE, MAX_CARD_BYTES
from .http import Handler, LocalServer

_CONVERSATION = re.compile(r"^/v3/conversations/([^/]+)(/.*)?$")
_ERROR_CODES = {400: "BadArgument", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
                412: "PreconditionFailed", 413: "MessageSizeTooBig", 429: "Throttled",
                500: "ServiceError", 502: "BadGateway", 503: "ServiceUnavailable",
                504: "GatewayTimeout"}  # fmt: skip


@dataclass
class Call:
    """One received request; ``accepted`` = it took effect, even if the reply came too late."""

    method: str  # HTTP method: GET, POST, PUT, DELETE
    path: str  # unquoted, without the query string
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    json: Any  # parsed body, or None
    body: bytes
    conversation_id: str | None = None
    activity_id: str | None = None
    status: int = 200
    accepted: bool = False
    note: str = ""  # why a webhook post was refused or dropped

    @property
    def token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        return auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None


@dataclass
class _Failure:
    pattern: re.Pattern[str]
    method: str | None
    status: int
    retry_after: int | None
    delay: float
    remaining: int


@dataclass
class Reply:
    status: int
    payload: Any = None  # JSON-serialisable, or None for an empty body
    headers: dict[str, str] = field(default_factory=dict)


class Loopback(LocalServer):
    """A `LocalServer` on 127.0.0.1:<free port> with scripted failures; records every call."""

    methods = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH"})

    def __init__(self) -> None:
        super().__init__()
        self._failures: list[_Failure] = []
        self.calls: list[Call] = []

    def fail(self, path_pattern: str, status: int = 500, *, times: int = 1,
             retry_after: int | None = None, delay: float | None = None,
             method: str | None = None) -> None:  # fmt: skip
        """Answer the next ``times`` requests whose path matches (``re.search``) with ``status``.

        ``delay`` sleeps before answering (a client timeout); with a status below 400 the
        request still takes effect, like a post that lands after the client gave up.
        """
        with self._lock:
            self._failures.append(_Failure(re.compile(path_pattern), method, status,
                                           retry_after, delay or 0.0, times))  # fmt: skip

    def wait_for(self, n: int, timeout: float = 2.0) -> list[Call]:
        """Block until ``n`` requests arrived (the SDK may send from background tasks)."""
        return self._wait_until(self.calls, n, timeout, "calls")

    def _handle(self, h: Handler) -> None:
        url = urlsplit(h.path)
        raw = h.read_body()
        call = Call(h.command, unquote(url.path), dict(parse_qsl(url.query)),
                    {k.lower(): v for k, v in h.headers.items()}, _loads(raw), raw)  # fmt: skip
        with self._arrived:
            failure = self._take_failure(call)
            if failure and failure.status >= 400:
                reply = Reply(failure.status, self._error(failure.status), {})
            else:
                try:
                    reply = self._route(call)
                except Exception as exc:  # surface fake bugs to the test, not a dropped socket
                    reply = Reply(500, {"error": {"code": "FakeBug", "message": repr(exc)}})
            if failure and failure.retry_after is not None:
                reply.headers["Retry-After"] = str(failure.retry_after)
            call.status, call.accepted = reply.status, reply.status < 400
            self.calls.append(call)
            self._arrived.notify_all()
        if failure and failure.delay and self._stopping.wait(failure.delay):
            h.close_connection = True  # stopping: no bytes written
            return
        body = b"" if reply.payload is None else json.dumps(reply.payload).encode()
        ctype = None if reply.payload is None else "application/json; charset=utf-8"
        h.reply(reply.status, body, ctype, reply.headers)

    def _take_failure(self, call: Call) -> _Failure | None:
        for failure in self._failures:
            if (
                failure.remaining
                and failure.pattern.search(call.path)
                and (failure.method in (None, call.method))
            ):
                failure.remaining -= 1
                return failure
        return None

    def _error(self, status: int, message: str = "") -> dict[str, Any]:
        code = _ERROR_CODES.get(status, "Error")
        return {"error": {"code": code, "message": message or f"Scripted {status} {code}"}}

    def _route(self, call: Call) -> Reply:
        raise NotImplementedError


class FakeBotConnector(Loopback):
    """Fake Bot Connector (``/v3/conversations…``): records calls, keeps each conversation."""

    def __init__(self, *, require_auth: bool = True) -> None:
        super().__init__()
        self.require_auth = require_auth
        self.conversations: dict[str, list[dict[str, Any]]] = {}  # current activities
        self.members: list[dict[str, Any]] = [
            {"id": "29:fake-user", "name": "Fake User", "aadObjectId": FAKE_USER_AAD_ID}
        ]
        self.groups: dict[str, str] = {}  # team id → aadGroupId, told in the team's details
        self._seq = itertools.count(1)
        self._chats: dict[tuple[str, str], str] = {}  # (tenant, member id) → 1:1 chat id

    @property
    def service_url(self) -> str:
        """Put this in inbound activities' ``serviceUrl`` (the SDK appends ``/v3/...``)."""
        return self.host_url

    def calls_to(self, method: str, path_pattern: str = "") -> list[Call]:
        with self._lock:
            return [c for c in self.calls
                    if c.method == method and re.search(path_pattern, c.path)]  # fmt: skip

    def sent(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """Bodies of accepted activity posts (sends and replies), oldest first."""
        return [c.json for c in self.calls_to("POST", r"/activities")
                if c.accepted and conversation_id in (None, c.conversation_id)]  # fmt: skip

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.conversations.clear()
            self._failures.clear()
            self._chats.clear()

    # -- routing (called under the lock) -----------------------------------------------------
    def _route(self, call: Call) -> Reply:
        if self.require_auth and not call.token:
            return Reply(401, {"message": "Authorization has been denied for this request."})
        if call.path == "/v3/conversations" and call.method == "POST":
            return self._create_conversation(call)
        if m := re.fullmatch(r"/v3/teams/([^/]+)(/conversations)?", call.path):
            if m.group(2):
                return Reply(200, {"conversations": [{"id": m.group(1), "name": "General"}]})
            details = {"id": m.group(1), "name": "Fake Team", "type": "standard"}
            if m.group(1) in self.groups:
                details["aadGroupId"] = self.groups[m.group(1)]
            return Reply(200, details)
        m = _CONVERSATION.match(call.path)
        if not m:
            return Reply(404, self._error(404, f"No route for {call.method} {call.path}"))
        call.conversation_id, rest = m.group(1), m.group(2) or ""
        parts = rest.strip("/").split("/")
        if parts[0] == "activities":
            call.activity_id = parts[1] if len(parts) > 1 else None
            return self._activities(call, parts[2:])
        if parts[0] in ("members", "pagedMembers") and call.method == "GET":
            return self._members(parts)
        return Reply(404, self._error(404, f"No route for {call.method} {call.path}"))

    def _activities(self, call: Call, tail: list[str]) -> Reply:
        cid, aid, body = call.conversation_id or "", call.activity_id, call.json
        chat = self.conversations.setdefault(cid, [])
        if call.method == "GET" and aid and tail == ["members"]:
            return Reply(200, self.members)
        if call.method == "DELETE" and aid:
            chat[:] = [a for a in chat if a["id"] != aid]
            return Reply(200)
        if call.method not in ("POST", "PUT") or (call.method == "PUT" and not aid):
            return Reply(405, self._error(405, f"{call.method} not allowed here"))
        if not isinstance(body, dict) or not body.get("type"):
            return Reply(400, self._error(400, "Activity must be a JSON object with a type"))
        if call.method == "PUT":
            chat[:] = [dict(body, id=aid) if a["id"] == aid else a for a in chat]
            return Reply(200, {"id": aid})
        new = {**body, "id": self._activity_id()}
        if aid and "replyToId" not in new:  # REST form: POST …/activities/{activityId}
            new["replyToId"] = aid
        chat.append(new)
        return Reply(201, {"id": new["id"]})

    def _members(self, parts: list[str]) -> Reply:
        if parts[0] == "pagedMembers":
            return Reply(200, {"members": self.members})
        if len(parts) == 1:
            return Reply(200, self.members)
        found = [m for m in self.members if m["id"] == parts[1]]
        return Reply(200, found[0]) if found else Reply(404, self._error(404, "MemberNotFound"))

    def _create_conversation(self, call: Call) -> Reply:
        """Teams hands back the existing 1:1 chat for the same user, so ids are stable."""
        body = call.json if isinstance(call.json, dict) else {}
        members, data = body.get("members") or [], body.get("channelData") or {}
        channel = data.get("channel") or {}
        if not members and not channel.get("id"):
            return Reply(400, self._error(400, "Conversation needs members or a channel"))
        tenant = body.get("tenantId") or (data.get("tenant") or {}).get("id", "")
        key = (tenant, members[0].get("id", "") if members else channel["id"])
        cid = self._chats.setdefault(key, f"a:fake-conversation-{next(self._seq)}")
        self.conversations.setdefault(cid, [])
        reply: dict[str, Any] = {"id": cid}
        if isinstance(body.get("activity"), dict):
            first = {**body["activity"], "id": self._activity_id()}
            self.conversations[cid].append(first)
            reply["activityId"] = first["id"]
        call.conversation_id = cid
        return Reply(201, reply)

    def _activity_id(self) -> str:
        return str(1_700_000_000_000 + next(self._seq))


class FakeWorkflowWebhook(Loopback):
    """Fake Teams Workflows webhook: 202 for a well-formed Adaptive Card message.

    What the service does, per the docs and MicrosoftDocs/msteams-docs #11274: the trigger
    answers 202 at once, and a card over the cap (28,672 bytes of message properties) fails
    later inside the flow run with 400 ``MessageSizeExceeded``, so the sender never learns.
    ``strict=True`` (default) answers that 400 synchronously, which makes tests loud;
    ``strict=False`` mirrors the service (202, not delivered, ``Call.note`` says why). Either
    way the fake's cap is ``MAX_CARD_BYTES`` on the raw body. Bodies of the wrong shape get
    400 (as with trigger schema validation on). ``max_per_second`` throttles like the
    documented 4 req/s.
    """

    def __init__(self, *, strict: bool = True, max_per_second: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        super().__init__()
        self.strict = strict
        self.max_per_second = max_per_second
        self.delivered: list[dict[str, Any]] = []  # cards that would be in the channel
        self._clock = clock
        self._recent: deque[float] = deque()
        self._runs = itertools.count(1)

    @property
    def url(self) -> str:
        """Shaped like a Power Automate trigger URL; any path is accepted."""
        return (
            f"{self.host_url}/powerautomate/automations/direct/workflows/fake/triggers/"
            "manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=x"
        )

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.delivered.clear()
            self._failures.clear()
            self._recent.clear()

    def _route(self, call: Call) -> Reply:
        if call.method != "POST":
            return Reply(405, self._flow_error("MethodNotAllowed", call.method))
        if wait := self._throttle():
            error = self._flow_error("WorkflowRequestsThrottled", "Rate limit is exceeded.")
            return Reply(429, error, {"Retry-After": str(wait)})
        if call.json is None:
            msg = "The input body for trigger 'manual' of type 'Request' must be of type JSON."
            return Reply(400, self._flow_error("InvalidRequestContent", msg))
        if problem := _shape_problem(call.json):
            call.note = problem
            return Reply(400, self._flow_error("TriggerInputSchemaMismatch", problem))
        if len(call.body) > MAX_CARD_BYTES:
            call.note = (f"MessageSizeExceeded-Message size {len(call.body)} bytes is over "
                         f"{MAX_CARD_BYTES} bytes")  # fmt: skip
            if self.strict:
                return Reply(400, self._flow_error("BadRequest", call.note))
            return self._accepted()
        self.delivered.extend(a["content"] for a in call.json["attachments"])
        return self._accepted()

    def _accepted(self) -> Reply:
        return Reply(202, None, {"x-ms-workflow-run-id": f"0858{next(self._runs):020d}"})

    def _throttle(self) -> int:
        if self.max_per_second is None:
            return 0
        now = self._clock()
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.max_per_second:
            return 1
        self._recent.append(now)
        return 0

    def _flow_error(self, code: str, message: str) -> dict[str, Any]:
        return {"error": {"code": code, "message": message}}

    def _error(self, status: int, message: str = "") -> dict[str, Any]:
        return self._flow_error(_ERROR_CODES.get(status, "Error"), message or f"Scripted {status}")


def _shape_problem(body: Any) -> str:
    """'' when ``body`` is ``{"type": "message", "attachments": [<Adaptive Card>, …]}``."""
    if not isinstance(body, dict) or body.get("type") != "message":
        return 'body must be an object with "type": "message"'
    attachments = body.get("attachments")
    if not isinstance(attachments, list) or not attachments:
        return "attachments must be a non-empty list"
    for i, att in enumerate(attachments):
        if not isinstance(att, dict) or att.get("contentType") != CARD_CONTENT_TYPE:
            return f"attachments[{i}].contentType must be {CARD_CONTENT_TYPE}"
        content = att.get("content")
        if not isinstance(content, dict) or content.get("type") != "AdaptiveCard":
            return f"attachments[{i}].content must be an AdaptiveCard object"
    return ""


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


FAKE_APP_ID = "00000000-0000-0000-0000-00000000b0b0"
FAKE_USER_AAD_ID = "00000000-0000-0000-0000-0000000000aa"


def fake_bot_token(app_id: str = FAKE_APP_ID) -> str:
    """An unsigned JWT shaped like a Bot Framework app token.

    The SDK parses (never verifies) the tokens its provider returns, so a plain string fails;
    this one decodes, and the fake checks only that a bearer token is present.
    """

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"aud": "https://api.botframework.com", "appid": app_id,
              "iss": "https://sts.windows.net/fake-tenant/", "exp": 4_102_444_800}  # fmt: skip
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.ZmFrZS1zaWduYXR1cmU"
