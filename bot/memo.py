"""What was made for one briefing, found again by that briefing and a key: a digest's
spreadsheet, its reply and its Slack messages, made once for a fan-out to thousands of
channels.

The briefing is matched by identity, never equality or its slug: a changed briefing is a
new object, so nothing made for an older one is ever served for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Made(Generic[K, V]):
    """The last `size` values made, each for an object and a key (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: list[tuple[object, K, V]] = []
        self._lock = threading.Lock()

    def get(self, owner: object, key: K) -> V | None:
        with self._lock:
            return next((v for o, k, v in self._items if o is owner and k == key), None)

    def keep(
        self,
        owner: object,
        key: K,
        value: V,
        stale: Callable[[object, K], bool] | None = None,
    ) -> V:
        """Keep `value`, dropping first what `stale` says is no longer wanted (made for an
        older briefing), then the oldest beyond `size`."""
        with self._lock:
            kept = [i for i in self._items if stale is None or not stale(i[0], i[1])]
            self._items[:] = [*kept[-(self.size - 1) :], (owner, key, value)]
        return value
