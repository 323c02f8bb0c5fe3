"""Hosts that keep timing out are left alone for a while, so one slow site cannot take
every poll's time: two timeouts in a row and a host is skipped for 5 minutes, doubling
with each further timeout up to an hour; an answer clears its record."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

FIRST_PAUSE_SECONDS = 300.0
LONGEST_PAUSE_SECONDS = 3600.0
STRIKES = 2


class HostBackoff:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._strikes: dict[str, int] = {}
        self._until: dict[str, float] = {}

    def allowed(self, host: str) -> bool:
        with self._lock:
            return self._clock() >= self._until.get(host, 0.0)

    def timed_out(self, host: str) -> None:
        with self._lock:
            strikes = self._strikes[host] = self._strikes.get(host, 0) + 1
            if strikes >= STRIKES:
                pause = FIRST_PAUSE_SECONDS * 2 ** (strikes - STRIKES)
                self._until[host] = self._clock() + min(pause, LONGEST_PAUSE_SECONDS)

    def answered(self, host: str) -> None:
        with self._lock:
            self._strikes.pop(host, None)
            self._until.pop(host, None)
