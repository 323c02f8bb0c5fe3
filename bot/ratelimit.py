"""Platform rate limits, shared by every worker through the broker's Redis.

Each limit is a key ("slack:T111:chat.postMessage") with a rate and a burst, enforced with
the generic cell rate algorithm (GCRA): Redis keeps, per key, the theoretical arrival time
of the next call; one Lua script checks every key a call needs and reserves them all at
once, on Redis's clock, so N workers on N machines together keep to one rate.

A 429 puts its whole scope (one Slack workspace, one Teams conversation) on hold for the
Retry-After: every reservation in that scope waits it out, no other scope does.

    acquire(limits, max_wait)   reserve a turn if it comes within max_wait; the wait
    wait(limits)                how long a turn would take, reserving nothing
    back_off(scope, seconds)    a 429: hold the scope
    enter(window) / leave(...)  a call counted in a sliding window from its start to its end

A turn taken on time can still reach Slack late (a busy machine, a slow connection) and
the next one early: posts spaced a fifth of a second apart then arrive bunched, and
Slack's one-second window answers 429, which holds the workspace a whole second. So a
post also enters its workspace's window: at most N in any N/rate seconds, each counted
from when it is sent until it is answered, so however late one arrives, the window Slack
keeps never sees more than N (`Window`).

Without a broker there is no shared limiter: one process delivers, and the platforms'
429s are honoured as before (`bot.retry`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from redis import Redis

from .commands import Caller, Reply
from .delivery import Answers, Delivery, DeliveryError
from .subscriptions import Subscription


@dataclass(frozen=True)
class Rate:
    per_second: float
    burst: int = 1


Limit = tuple[str, Rate]  # (key, rate)

# Slack: chat.postMessage allows about one message a second per channel (short bursts
# tolerated); the other methods by tier, per workspace (docs.slack.dev, "Rate limits").
MARGIN = 0.95  # of each rate, for the jitter between taking a turn and Slack seeing the call
SLACK_PER_CHANNEL = Rate(MARGIN, 1)
SLACK_TIERS: dict[str, Rate] = {
    "conversations.history": Rate(50 / 60, 5),  # tier 3
    "conversations.replies": Rate(50 / 60, 5),  # tier 3
    "files.info": Rate(100 / 60, 10),  # tier 4
}
UPLOADS = ("files.getUploadURLExternal", "files.completeUploadExternal")  # tier 4, settable
# Teams: per bot per conversation, 7 messages a second and 60 in 30 seconds (Microsoft
# Learn, "Rate limiting for bots"); the tighter long-run rate with the short burst.
TEAMS_PER_CONVERSATION = Rate(60 / 30, 7)

_SCRIPT = """
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local commit, max_wait = tonumber(ARGV[1]), tonumber(ARGV[2])
local wait = redis.call('pttl', KEYS[1])
if wait < 0 then wait = 0 end
local tats = {}
for i = 2, #KEYS do
  local interval, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('get', KEYS[i]) or now)
  if tat < now then tat = now end
  tats[i] = tat + interval
  local w = math.floor(tat + interval - now - burst * interval)  -- whole ms: no float dust
  if w > wait then wait = w end
end
if commit == 1 and wait <= max_wait then
  for i = 2, #KEYS do
    redis.call('set', KEYS[i], tats[i], 'PX', math.ceil(tats[i] - now) + 1000)
  end
  return {1, math.ceil(wait)}
end
return {0, math.ceil(wait)}
"""


_ENTER = """
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local room, held = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
if redis.call('zcard', KEYS[1]) < room then
  redis.call('zadd', KEYS[1], now + held, ARGV[3])
  redis.call('pexpire', KEYS[1], held)
  return 0
end
local first = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(first[2]) - now))
"""
_LEAVE = """
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('zscore', KEYS[1], ARGV[1]) then
  redis.call('zadd', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
end
return 0
"""
IN_FLIGHT = 5.0
"""A call not answered within this long (its worker died) counts as answered then."""
POLL = 0.02  # while the window is full of calls not answered yet: look again this often


@dataclass(frozen=True)
class Window:
    """At most `calls` in any `seconds`, a call counted from before it is sent until after
    it is answered: the platform saw it somewhere in between, so one answered more than
    `seconds` ago is out of the platform's window, whenever it arrived there."""

    key: str
    calls: int
    seconds: float


class RedisLimiter:
    """Rate limits kept in Redis (see the module docstring)."""

    def __init__(self, client: Redis, namespace: str) -> None:
        self.client, self.prefix = client, f"{namespace}:limits:"
        self._script = client.register_script(_SCRIPT)
        self._enter = client.register_script(_ENTER)
        self._leave = client.register_script(_LEAVE)

    def enter(
        self, window: Window, max_wait: float, sleep: Callable[[float], None] = time.sleep
    ) -> str | None:
        """Wait until the window has room, and take it: a ticket to `leave` with once the
        call is answered; None if no room came within `max_wait` seconds."""
        ticket, waited = uuid.uuid4().hex, 0.0
        held = int((window.seconds + IN_FLIGHT) * 1000)
        while True:
            wait = int(self._enter(keys=[self.prefix + window.key],
                                   args=[window.calls, held, ticket])) / 1000  # fmt: skip
            if wait == 0:
                return ticket
            wait = min(wait, POLL)
            if waited + wait > max_wait:
                return None
            sleep(wait)
            waited += wait

    def leave(self, window: Window, ticket: str) -> None:
        """The call is answered (or failed): it stays counted for the window's length."""
        held = int(window.seconds * 1000)
        self._leave(keys=[self.prefix + window.key], args=[ticket, held])

    def acquire(self, scope: str, limits: Sequence[Limit], max_wait: float) -> tuple[bool, float]:
        """Reserve a turn on every limit, unless it comes later than `max_wait` seconds (or
        the scope is on hold longer). Returns (reserved, seconds to wait)."""
        return self._run(scope, limits, commit=True, max_wait=max_wait)

    def wait(self, scope: str, limits: Sequence[Limit]) -> float:
        """Seconds until a turn would come, reserving nothing."""
        return self._run(scope, limits, commit=False, max_wait=0.0)[1]

    def back_off(self, scope: str, seconds: float) -> None:
        """Hold the scope for `seconds` (a 429's Retry-After); a longer hold stays."""
        key, ms = f"{self.prefix}hold:{scope}", max(1, int(seconds * 1000))
        if int(self.client.pttl(key)) < ms:
            self.client.set(key, 1, px=ms)

    def _run(
        self, scope: str, limits: Sequence[Limit], *, commit: bool, max_wait: float
    ) -> tuple[bool, float]:
        keys = [f"{self.prefix}hold:{scope}", *(self.prefix + key for key, _ in limits)]
        args: list[Any] = [int(commit), int(max_wait * 1000)]
        for _, rate in limits:
            args += [1000.0 / rate.per_second, rate.burst]
        granted, wait_ms = self._script(keys=keys, args=args)
        return bool(granted), int(wait_ms) / 1000.0


def slack_limits(
    workspace: str,
    method: str,
    channel: str | None,
    *,
    posts_per_minute: int,
    files_per_minute: int = 100,
) -> list[Limit]:
    """The limits one Slack call counts against: a post, its channel's and its workspace's
    (BRIEFBOT_SLACK_POSTS_PER_MINUTE); an upload step, BRIEFBOT_SLACK_FILES_PER_MINUTE in
    its workspace; any other method, its tier's in the workspace."""
    if method == "chat.postMessage":
        return [
            (f"slack:{workspace}:{channel}:post", SLACK_PER_CHANNEL),
            (f"slack:{workspace}:posts", _per_minute(posts_per_minute)),
        ]
    if method in UPLOADS:
        return [(f"slack:{workspace}:{method}", _per_minute(files_per_minute))]
    rate = SLACK_TIERS.get(method)
    return [(f"slack:{workspace}:{method}", rate)] if rate else []


def slack_post_window(workspace: str, posts_per_minute: int) -> Window:
    """A workspace's posts as Slack counts them: `posts_per_minute` is N a second
    (300: 5 in any second), or one in every 60/`posts_per_minute` seconds."""
    calls = max(1, posts_per_minute // 60)
    return Window(f"slack:{workspace}:posts:window", calls, calls * 60 / posts_per_minute)


def post_limits(
    platform: str, workspace: str, channel: str, *, slack_posts_per_minute: int
) -> tuple[str, list[Limit]]:
    """The scope and limits of one post to a channel, on any platform."""
    if platform == "slack":
        limits = slack_limits(
            workspace, "chat.postMessage", channel, posts_per_minute=slack_posts_per_minute
        )
        return f"slack:{workspace}", limits
    return f"{platform}:{channel}", [(f"{platform}:{channel}:post", TEAMS_PER_CONVERSATION)]


def _per_minute(calls: int) -> Rate:
    """N a minute, evenly spaced, a little under: no burst, so no one-second window ever
    sees more than its share even when a call's way to Slack is slower than the one before
    (Slack counts in windows we cannot see, and each 429 holds the whole workspace)."""
    return Rate(calls / 60 * MARGIN, 1)


@runtime_checkable
class Throttled(Protocol):
    """A delivery that can report its 429s."""

    throttled: Callable[[Subscription, float], None] | None


class PacedDelivery:
    """A Teams or Workflows delivery whose posts each wait for their conversation's turn
    under the shared limits first, and whose 429s hold that conversation for every worker
    (Slack paces each of its calls itself)."""

    def __init__(self, inner: Delivery, limiter: RedisLimiter, max_wait: float = 120.0) -> None:
        self.inner, self.limiter, self.max_wait = inner, limiter, max_wait
        if isinstance(inner, Throttled):
            inner.throttled = self.hold

    def hold(self, sub: Subscription, seconds: float) -> None:
        self.limiter.back_off(f"{sub.platform}:{sub.channel}", seconds)

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        self._turn(sub.platform, sub.workspace, sub.channel)
        return self.inner.post(sub, reply, slot)

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        return self.inner.attach(sub, message_id, filename, data)

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        """A queued command's outcome: a post to the conversation, paced like one."""
        if not isinstance(self.inner, Answers):
            raise DeliveryError(f"cannot answer on {to.platform} from here")
        self._turn(to.platform, to.workspace, to.channel)
        self.inner.answer(to, reply, asked_at=asked_at)

    def _turn(self, platform: str, workspace: str, channel: str) -> None:
        """Wait for this conversation's turn to post, or fail if it is held too long."""
        scope, limits = post_limits(platform, workspace, channel, slack_posts_per_minute=0)
        granted, wait = self.limiter.acquire(scope, limits, self.max_wait)
        if not granted:
            raise DeliveryError(f"conversation {channel} is throttled for {wait:.0f} s more")
        time.sleep(wait)
