"""Loopback fakes of the Slack Web API and of Slack ``response_url`` endpoints.

Why: tests should drive the *real* ``slack_sdk`` HTTP stack (URL joining, retry handlers,
timeouts, the three-step ``files_upload_v2`` flow) with no network, and be able to script
the failures production sees: rate limits, 5xx, slow replies and replies lost after a post.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .http import Handler, LocalServer

UPLOAD = "upload"  # pseudo-method recorded for POSTs to the URLs from files.getUploadURLExternal
_RATELIMITED: dict[str, Any] = {"ok": False, "error": "ratelimited"}
_TEAM_IN_TOKEN = re.compile(r"^xox[bp]-(T[A-Z0-9]+)-")


@dataclass
class Call:
    """One received request; ``accepted`` = it took effect here, even if the reply was lost."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: dict[str, Any] | bytes  # form/JSON parsed to a dict; raw bytes for uploads
    json: dict[str, Any] | None  # set only when the request was sent as JSON
    status: int = 200
    accepted: bool = True


@dataclass
class _Failure:
    status: int | None
    retry_after: int
    delay: float
    error: str | None
    accept_then_drop: bool


class FakeSlack(LocalServer):
    """Fake Slack Web API: records calls, answers realistically, fails on demand."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock  # injectable so rate-limit tests can be deterministic
        self.calls: list[Call] = []
        self.uploads: dict[str, bytes] = {}
        self.filenames: dict[str, str] = {}
        self.completed_uploads: list[dict[str, Any]] = []
        self.messages: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)  # by channel
        self.views: dict[str, dict[str, Any]] = {}  # modals opened (and updated), by view id
        self.admins: set[str] = set()  # user ids users.info reports as workspace admins
        self.triggers_seen: set[str] = set()  # a trigger id opens one view, as in Slack
        self._seq = itertools.count(1)
        self._failures: defaultdict[str, deque[_Failure]] = defaultdict(deque)
        self._limits: dict[str, tuple[int, str, float]] = {}
        self._windows: defaultdict[tuple[str, str], deque[float]] = defaultdict(deque)

    @property
    def base_url(self) -> str:
        """Must end with "/": slack_sdk urljoin()s the method name onto it."""
        return f"{self.host_url}/api/"

    # -- scripting -------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
        error: str | None = None,
        accept_then_drop: bool = False,
    ) -> None:
        """Queue one scripted misbehaviour for the next ``method`` call (FIFO per method)."""
        with self._lock:
            self._failures[method].append(
                _Failure(status, retry_after, delay, error, accept_then_drop)
            )

    def rate_limit(
        self, method: str, *, per_minute: int, key: str = "team", window: float = 60.0
    ) -> None:
        """429 once ``per_minute`` accepted calls per team/channel fall in the sliding window."""
        assert key in ("team", "channel"), key
        with self._lock:
            self._limits[method] = (per_minute, key, window)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for_calls(self, method: str, n: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``n`` calls to ``method`` arrived (a listener may call after acking)."""
        with self._arrived:
            self._arrived.wait_for(
                lambda: sum(c.method == method for c in self.calls) >= n, timeout
            )
            return [c for c in self.calls if c.method == method]

    def reset(self) -> None:
        """Forget calls, uploads, scripted failures and rate-limit state (not the port)."""
        with self._lock:
            for state in (self.calls, self.uploads, self.filenames, self.completed_uploads,
                          self.messages, self.views, self.admins, self.triggers_seen):  # fmt: skip
                state.clear()
            for state in (self._failures, self._limits, self._windows):
                state.clear()

    # -- request handling ------------------------------------------------------------------
    def _handle(self, h: Handler) -> None:
        raw, url = h.read_body(), urlsplit(h.path)
        headers = {k.lower(): v for k, v in h.headers.items()}
        if url.path.startswith("/upload/"):
            call = Call(UPLOAD, url.path, headers, raw, None)
        else:
            body, js = _parse_body(raw, headers.get("content-type", ""), url.query)
            call = Call(url.path.rsplit("/", 1)[-1], url.path, headers, body, js)
        with self._lock:
            queue = self._failures.get(call.method)
            fail = queue.popleft() if queue else None
            status, payload, extra = self._reply(call, fail)
            call.status = status
            call.accepted = status == 200 and (isinstance(payload, bytes) or payload["ok"])
            self.calls.append(call)
            self._arrived.notify_all()
        stopping = bool(fail and fail.delay and self._stopping.wait(fail.delay))
        if stopping or (fail and fail.accept_then_drop):
            h.close_connection = True  # no bytes written: client sees RemoteDisconnected
            return
        if isinstance(payload, bytes):
            h.reply(status, payload, "text/plain", extra)
        else:
            h.reply(status, json.dumps(payload).encode(), "application/json; charset=utf-8", extra)

    def _reply(
        self, call: Call, fail: _Failure | None
    ) -> tuple[int, dict[str, Any] | bytes, dict[str, str]]:
        if fail and fail.status == 429:
            return 429, _RATELIMITED, {"Retry-After": str(fail.retry_after)}
        if fail and fail.status not in (None, 200):
            return fail.status, {"ok": False, "error": fail.error or "internal_error"}, {}
        if fail and fail.error:
            return 200, {"ok": False, "error": fail.error}, {}
        if err := self._auth_error(call):
            return 200, {"ok": False, "error": err}, {}
        if wait := self._throttle(call):
            return 429, _RATELIMITED, {"Retry-After": str(wait)}
        handler = getattr(self, "_m_" + call.method.replace(".", "_"), None)
        try:
            return 200, handler(call) if handler else {"ok": True}, {}
        except Exception as exc:  # surface fake bugs to the test instead of a dropped socket
            return 500, {"ok": False, "error": "fake_slack_bug", "detail": repr(exc)}, {}

    def _auth_error(self, call: Call) -> str | None:
        if call.method in (UPLOAD, "oauth.v2.access"):
            return None  # upload URLs are pre-signed; oauth.v2.access uses client id/secret
        token = _token(call)
        if not token:
            return "not_authed"
        return None if token.startswith(("xoxb-", "xoxp-")) else "invalid_auth"

    def _throttle(self, call: Call) -> int:
        """Return seconds to wait (Retry-After) or 0 and count the call in the window."""
        rule = self._limits.get(call.method)
        if rule is None:
            return 0
        per_minute, key, window = rule
        body = call.body if isinstance(call.body, dict) else {}
        who = _team(call) if key == "team" else str(body.get("channel") or body.get("channel_id"))
        stamps, now = self._windows[(call.method, who)], self._clock()
        while stamps and stamps[0] <= now - window:
            stamps.popleft()
        if len(stamps) >= per_minute:
            return max(1, math.ceil(stamps[0] + window - now))
        stamps.append(now)
        return 0

    def _next_ts(self) -> str:
        micros = next(self._seq) * 100
        return f"{1_700_000_000 + micros // 1_000_000}.{micros % 1_000_000:06d}"

    # -- method implementations (called under the lock); unknown methods get {"ok": true} ----
    def _m_auth_test(self, call: Call) -> dict[str, Any]:
        return _ok(url="https://fake.slack.com/", team="Fake Team", user="briefbot",
                   team_id=_team(call), user_id="UBOT", bot_id="B111")  # fmt: skip

    def _message(self, body: dict[str, Any], ts: str) -> dict[str, Any]:
        blocks, thread = _loads(body.get("blocks")) or [], body.get("thread_ts")
        msg = {"type": "message", "user": "UBOT", "bot_id": "B111", "ts": ts, "blocks": blocks}
        return msg | {"text": body.get("text", "")} | ({"thread_ts": thread} if thread else {})

    def _m_chat_postMessage(self, call: Call) -> dict[str, Any]:
        b = call.body
        if not b.get("channel"):
            return _err("channel_not_found")
        if not (b.get("text") or b.get("blocks") or b.get("attachments")):
            return _err("no_text")
        ts = self._next_ts()
        message = self._message(b, ts)
        if meta := _loads(b.get("metadata")):
            message["metadata"] = meta
        self.messages[b["channel"]].append(message)
        return _ok(channel=b["channel"], ts=ts, message=message)

    def _m_conversations_history(self, call: Call) -> dict[str, Any]:
        """Newest first, like Slack; metadata only with include_all_metadata."""
        b = call.body
        with_meta = str(b.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = int(b.get("limit") or 100)
        found = [
            m if with_meta else {k: v for k, v in m.items() if k != "metadata"}
            for m in reversed(self.messages.get(str(b.get("channel")), []))
            if not m.get("thread_ts")
        ]
        return _ok(messages=found[:limit], has_more=len(found) > limit)

    def _m_conversations_replies(self, call: Call) -> dict[str, Any]:
        """A thread: its parent, its replies and the files shared in it, oldest first."""
        channel, ts = str(call.body.get("channel")), str(call.body.get("ts"))
        messages = [
            m for m in self.messages.get(channel, []) if ts in (m["ts"], m.get("thread_ts"))
        ]
        if not messages:
            return _err("thread_not_found")
        for upload in self.completed_uploads:
            if upload["channel_id"] == channel and upload["thread_ts"] == ts:
                files = [
                    {"id": f["id"], "name": self.filenames.get(f["id"])} for f in upload["files"]
                ]
                messages.append({"type": "message", "ts": self._next_ts(), "thread_ts": ts,
                                 "files": files})  # fmt: skip
        return _ok(messages=messages, has_more=False)

    def _m_chat_postEphemeral(self, call: Call) -> dict[str, Any]:
        return _ok(message_ts=self._next_ts())

    def _m_chat_update(self, call: Call) -> dict[str, Any]:
        b = call.body
        return _ok(channel=b.get("channel"), ts=b.get("ts"), text=b.get("text", ""),
                   message=self._message(b, b.get("ts")))  # fmt: skip

    def _m_views_publish(self, call: Call) -> dict[str, Any]:
        v = _loads(call.body.get("view")) or {}
        return _ok(view={"id": f"V{next(self._seq):08d}", "team_id": _team(call),
                         "type": v.get("type", "home"), "blocks": v.get("blocks", [])})  # fmt: skip

    def _m_views_open(self, call: Call) -> dict[str, Any]:
        """A modal, opened once per trigger id (Slack's last 3 s and open one view)."""
        trigger, view = str(call.body.get("trigger_id") or ""), _loads(call.body.get("view"))
        if not trigger or trigger in self.triggers_seen:
            return _err("invalid_trigger_id" if not trigger else "expired_trigger_id")
        if not isinstance(view, dict) or view.get("type") != "modal" or not view.get("title"):
            return _err("invalid_arguments")
        self.triggers_seen.add(trigger)
        view_id = f"V{next(self._seq):08d}"
        self.views[view_id] = {**view, "id": view_id, "team_id": _team(call),
                               "state": {"values": {}}, "hash": f"h{view_id}"}  # fmt: skip
        return _ok(view=self.views[view_id])

    def _m_views_update(self, call: Call) -> dict[str, Any]:
        view_id, view = str(call.body.get("view_id") or ""), _loads(call.body.get("view"))
        if view_id not in self.views:
            return _err("not_found")
        if not isinstance(view, dict):
            return _err("invalid_arguments")
        self.views[view_id] = {**self.views[view_id], **view}
        return _ok(view=self.views[view_id])

    def _m_users_info(self, call: Call) -> dict[str, Any]:
        """Any U…/W… id is a member of the token's team; `admins` are its admins."""
        user = str(call.body.get("user") or "")
        if not user.startswith(("U", "W")):
            return _err("user_not_found")
        admin = user in self.admins
        return _ok(user={"id": user, "team_id": _team(call), "name": f"user-{user.lower()}",
                         "is_admin": admin, "is_owner": False, "is_primary_owner": False,
                         "is_bot": False, "deleted": False})  # fmt: skip

    def _m_conversations_info(self, call: Call) -> dict[str, Any]:
        cid = call.body.get("channel", "C111")
        chan = {"id": cid, "name": f"fake-{cid.lower()}", "is_channel": True, "is_member": True}
        return _ok(channel=chan | {"is_private": False, "is_archived": False})

    def _m_conversations_open(self, call: Call) -> dict[str, Any]:
        users = str(call.body.get("users", ""))
        if not users:
            return _err("users_not_found")
        return _ok(channel={"id": "D" + users.split(",")[0].lstrip("UW"), "is_im": True})

    def _m_oauth_v2_access(self, call: Call) -> dict[str, Any]:
        if not (call.body.get("code") or call.body.get("refresh_token")):
            return _err("invalid_code")
        return _ok(app_id="A111", token_type="bot", access_token=f"xoxb-T111-{next(self._seq)}",
                   scope="chat:write,commands,files:write,channels:read", bot_user_id="UBOT",
                   team={"id": "T111", "name": "Fake Team"}, enterprise=None,
                   is_enterprise_install=False, authed_user={"id": "UINSTALLER"})  # fmt: skip

    def _m_files_getUploadURLExternal(self, call: Call) -> dict[str, Any]:
        if not call.body.get("filename") or not call.body.get("length"):
            return _err("invalid_arguments")
        file_id = f"F{next(self._seq):010d}"
        self.filenames[file_id] = call.body["filename"]
        return _ok(file_id=file_id, upload_url=f"{self.host_url}/upload/{file_id}")

    def _m_upload(self, call: Call) -> bytes:
        assert isinstance(call.body, bytes)
        self.uploads[call.path.rsplit("/", 1)[-1]] = call.body
        return f"OK - {len(call.body)}".encode()  # what files.slack.com answers

    def _m_files_completeUploadExternal(self, call: Call) -> dict[str, Any]:
        b, ids = call.body, [f.get("id") for f in _loads(call.body.get("files")) or []]
        if not ids or any(i not in self.uploads for i in ids):  # approximation of Slack
            return _err("file_not_found")
        keys = ("channel_id", "channels", "initial_comment", "thread_ts")
        self.completed_uploads.append({k: b.get(k) for k in keys} | {"files": _loads(b["files"])})
        titles = {f["id"]: f.get("title") for f in _loads(b["files"])}
        return _ok(files=[{"id": i, "title": titles[i] or self.filenames.get(i),
                           "name": self.filenames.get(i), "size": len(self.uploads[i])}
                          for i in ids])  # fmt: skip

    def _m_files_info(self, call: Call) -> dict[str, Any]:
        file_id = call.body.get("file")
        if file_id not in self.filenames:
            return _err("file_not_found")
        shares: dict[str, list[dict[str, Any]]] = {}
        for upload in self.completed_uploads:
            if any(f["id"] == file_id for f in upload["files"]):
                shares.setdefault(upload["channel_id"], []).append(
                    {"ts": self._next_ts(), "thread_ts": upload["thread_ts"]}
                )
        return _ok(file={"id": file_id, "name": self.filenames[file_id],
                         "shares": {"public": shares} if shares else {}})  # fmt: skip


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    json: Any  # None if the body was not JSON
    body: bytes


class ResponseUrlCatcher(LocalServer):
    """Accepts POSTs at any path, like Slack ``response_url``s, and lets tests wait for them."""

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[Post] = []
        self.held: dict[str, float] = {}

    def url(self, path: str = "/respond/1") -> str:
        return f"{self.host_url}{path}"

    def hold(self, path: str, seconds: float) -> None:
        """The next post to `path` is taken (shown), and its reply held `seconds`: the
        sender cannot know it arrived."""
        with self._arrived:
            self.held[path] = seconds

    def wait_for(self, n: int, timeout: float = 2.0) -> list[Post]:
        """Block until ``n`` posts arrived (response_url posts are often sent off-thread)."""
        return self._wait_until(self.posts, n, timeout, "posts")

    def _handle(self, h: Handler) -> None:
        raw = h.read_body()
        post = Post(h.path, {k.lower(): v for k, v in h.headers.items()}, _loads(raw), raw)
        with self._arrived:
            self.posts.append(post)
            self._arrived.notify_all()
            held = self.held.pop(h.path, 0.0)
        if held and self._stopping.wait(held):
            h.close_connection = True
            return
        h.reply(200, b"ok", "text/plain", {})


def _parse_body(raw: bytes, ctype: str, query: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """slack_sdk sends JSON for some methods and form encoding for others; accept both."""
    form = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(query).items()}
    if ctype.startswith("application/json"):
        js = json.loads(raw or b"{}")
        return form | js, js
    fields = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
    return form | {k: v[0] if len(v) == 1 else v for k, v in fields.items()}, None


def _loads(value: Any) -> Any:
    """Decode JSON-in-a-string (form-encoded ``blocks``/``view``/``files``); pass dicts through."""
    if isinstance(value, str | bytes) and value:
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _ok(**fields: Any) -> dict[str, Any]:
    return {"ok": True, **fields}


def _err(error: str) -> dict[str, Any]:
    return {"ok": False, "error": error}


def _token(call: Call) -> str:
    auth = call.headers.get("authorization", "")
    body = call.body if isinstance(call.body, dict) else {}
    return auth[len("Bearer ") :] if auth.startswith("Bearer ") else str(body.get("token", ""))


def _team(call: Call) -> str:
    """Tokens shaped ``xoxb-T222-...`` belong to team T222; anything else is T111."""
    m = _TEAM_IN_TOKEN.match(_token(call))
    return m.group(1) if m else "T111"


# Usage in a fixture (conftest.py):
#
#     @pytest.fixture
#     def slack():
#         with FakeSlack() as fake:
#             yield fake
#
#     def test_post(slack):
#         client = WebClient(token="xoxb-test", base_url=slack.base_url)
#         client.chat_postMessage(channel="C1", text="hi")
#         assert slack.calls_to("chat.postMessage")[0].body["text"] == "hi"
