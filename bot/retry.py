"""One retry policy for every platform call: exponential backoff with jitter, and a
Retry-After honoured up to a cap.

Slack and Teams differ in what may be retried (a Slack post is looked for in the channel
first; a Teams post that may have landed is never re-sent), but not in how long to wait.
A digest's claim is kept alive while its sender waits (`bot.digest`'s lease), so a wait
only has to be reasonable, never unbounded: a Retry-After beyond the cap is a failure
the ledger records, not a scheduler thread asleep for an hour.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    attempts: int = 5
    backoff: float = 1.0
    """The first wait; it doubles with each attempt."""
    max_wait: float = 120.0
    """The longest single wait: a Retry-After beyond it is a failure."""
    jitter: float = 0.25
    """Up to this fraction is added to each backoff, so throttled senders spread out."""

    def wait(self, attempt: int, retry_after: float = 0.0) -> float | None:
        """Seconds to wait after failed attempt `attempt` (from 1), or None to give up:
        the attempts are used up, or the platform asks for more than `max_wait`."""
        if attempt >= self.attempts or retry_after > self.max_wait:
            return None
        backoff = self.backoff * 2.0 ** (attempt - 1) * random.uniform(1.0, 1.0 + self.jitter)
        return min(max(retry_after, backoff), self.max_wait)
