"""One retry policy for every platform call, and the lease a digest is sent under.

Slack and Teams differ in what may be retried (a Slack post is looked for in the channel
first; a Teams post that may have landed is never re-sent), but not in how long to wait:
exponential backoff with jitter, Retry-After honoured up to a cap, and never past the
lease of the digest being sent.

The lease: a digest's claim in the ledger that stops making progress for `LEASE_SECONDS`
is taken over by any running scheduler's sweep (`bot.scheduler`). So that a live sender
is never overtaken, the sending code runs `with lease():`, and no wait here may end after
the lease does; a call that would have to wait longer gives up, and the ledger records
why (the sweep then settles it, looking in the channel before posting again).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

LEASE_SECONDS = 120.0
"""How long a claim may go without progress before another scheduler takes it over:
shorter than any grace period, so a crashed sender's digest goes out a minute or two late."""
MARGIN_SECONDS = 20.0
"""What a sender keeps in hand before its lease ends: one last call's time-out."""

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


@dataclass(frozen=True)
class Policy:
    attempts: int = 5
    backoff: float = 1.0
    """The first wait; it doubles with each attempt."""
    max_wait: float = 60.0
    """The longest single wait: a Retry-After beyond it is a failure, not a thread asleep."""
    jitter: float = 0.25
    """Up to this fraction is added to each backoff, so throttled senders spread out."""

    def wait(self, attempt: int, retry_after: float = 0.0) -> float | None:
        """Seconds to wait after failed attempt `attempt` (from 1), or None to give up:
        attempts used up, asked to wait beyond `max_wait`, or beyond the lease."""
        if attempt >= self.attempts or retry_after > self.max_wait:
            return None
        backoff = self.backoff * 2 ** (attempt - 1) * random.uniform(1.0, 1.0 + self.jitter)
        wait = min(max(retry_after, backoff), self.max_wait)
        return wait if time_left() >= wait + MARGIN_SECONDS else None


@contextmanager
def lease(seconds: float = LEASE_SECONDS) -> Iterator[None]:
    """Send under a lease: no retry in this thread waits past its end."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def time_left() -> float:
    """Seconds until the current lease ends (unbounded outside one)."""
    deadline = _deadline.get()
    return float("inf") if deadline is None else deadline - time.monotonic()
