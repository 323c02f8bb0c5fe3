"""A request's tasks go on the queue only once the request's own answer is out.

`/hubs add URL` answers "Queued", and a worker then tells who asked what the page added.
A worker that was idle can read a small page and post its report to the response_url
before Slack has the command's HTTP response, so the report showed above "Queued". The
order is made certain here, not raced: the tasks a request queues are held (`Handoff`)
until the listener has sent everything it answers and the web server has written the
HTTP response (`Gate`: the WSGI body's `close`, which servers call once it is written);
Teams' answer is a message the bot sends itself, so there the listener alone decides.

Without a broker nothing is held: the work runs in the request, before its answer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .workqueue import WorkQueue

log = logging.getLogger(__name__)

GATE = "briefbot_after_answer"
"""The key of a request's `Gate` in Bolt's context, set by the web app's Slack endpoint."""


class Gate:
    """Work to do once an HTTP answer has been written (`open`), or now if it was."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = False
        self._waiting: list[Callable[[], None]] = []

    def then(self, work: Callable[[], None]) -> None:
        with self._lock:
            if not self._open:
                self._waiting.append(work)
                return
        work()

    def open(self) -> None:
        with self._lock:
            self._open, waiting, self._waiting = True, self._waiting, []
        for work in waiting:
            try:
                work()
            except Exception:  # the answer is out; a lost broker must not fail the server
                log.exception("could not queue a request's tasks after its answer")


class Handoff:
    """One request's tasks, queued in order on `release` (at once after it)."""

    def __init__(self, queue: WorkQueue | None) -> None:
        self.queue = queue
        self._lock = threading.Lock()
        self._released = False
        self._held: list[tuple[str, dict[str, Any]]] = []

    def send(self, kind: str, **kwargs: Any) -> str:
        """As `WorkQueue.send`; the task id is "held" until the answer is out."""
        assert self.queue is not None, "a Handoff sends only with a broker"
        with self._lock:
            if not self._released:
                self._held.append((kind, kwargs))
                return "held"
        return self.queue.send(kind, **kwargs)

    def release(self) -> None:
        with self._lock:
            self._released, held, self._held = True, self._held, []
        for kind, kwargs in held:
            assert self.queue is not None
            self.queue.send(kind, **kwargs)


class AfterBody:
    """A WSGI body whose `close` (called by the server once the body is written) opens
    the request's gate."""

    def __init__(self, body: Iterable[bytes], gate: Gate) -> None:
        self.body, self.gate = body, gate

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        self.gate.open()
