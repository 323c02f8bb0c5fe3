"""Fetching a poll's feed items: at once, a few per site, within the poll's deadline.

One slow site must not hold up a poll: fetched one after another, a feed whose 50 items
answer a byte a second took 8 minutes (50 × the 10 s fetch limit), every poll. Here items
are fetched concurrently with at most `PER_HOST` at a time from one site, whatever is not
back by the deadline is left for the next poll, and a site that keeps timing out rests
for a while (`SlowHosts`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
PER_HOST = 2
"""Items fetched at once from one site: polite, and a slow site occupies two threads."""
WORKERS = 8


@dataclass
class SlowHosts:
    """Sites that timed out `strikes` polls running: left alone for `rest` seconds (then
    tried again), so a dead site costs one fetch per rest, not a thread every poll."""

    strikes: int = 2
    rest: float = 30 * 60
    clock: Callable[[], float] = time.monotonic
    _timeouts: dict[str, int] = field(default_factory=dict)
    _until: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def resting(self, host: str) -> bool:
        with self._lock:
            return self._until.get(host, 0.0) > self.clock()

    def timed_out(self, host: str) -> None:
        with self._lock:
            self._timeouts[host] = strikes = self._timeouts.get(host, 0) + 1
            if strikes >= self.strikes:
                self._until[host] = self.clock() + self.rest
                self._timeouts[host] = 0

    def answered(self, host: str) -> None:
        with self._lock:
            self._timeouts.pop(host, None)
            self._until.pop(host, None)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What fetching one URL gave: its value or the error it raised."""

    value: T | None = None
    error: Exception | None = None


def gather(
    urls: Iterable[str],
    read: Callable[[str], T],
    *,
    seconds: float,
    slow: SlowHosts,
    timed_out: Callable[[Exception], bool],
) -> dict[str, Outcome[T]]:
    """`read(url)` for each URL, concurrently, PER_HOST at a time per site, for at most
    `seconds`: the outcome of each URL that was read. A URL missing from the answer was
    not reached in time or its site is resting: it stays unread, for the next poll."""
    deadline = time.monotonic() + seconds
    queues: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        host = urlsplit(url).netloc.lower()
        if not slow.resting(host):
            queues.setdefault(host, []).append(url)
    done: dict[str, Outcome[T]] = {}
    running: dict[Future[T], tuple[str, str]] = {}
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="poll")

    def start(host: str) -> None:
        if queues.get(host) and not slow.resting(host):
            url = queues[host].pop(0)
            running[pool.submit(read, url)] = (host, url)

    try:
        for host in queues:
            for _ in range(PER_HOST):
                start(host)
        while running and (left := deadline - time.monotonic()) > 0:
            finished, _ = wait(running, timeout=left, return_when=FIRST_COMPLETED)
            for future in finished:
                host, url = running.pop(future)
                error = future.exception()
                if error is None:
                    done[url] = Outcome(future.result())
                    slow.answered(host)
                elif isinstance(error, Exception):
                    done[url] = Outcome(error=error)
                    if timed_out(error):
                        slow.timed_out(host)
                        del done[url]  # a slow answer is no answer: try it next poll
                start(host)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # stragglers end at their own limit
    return done
