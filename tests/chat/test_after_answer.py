"""What a request queues waits for its answer to be written (`bot.handoff`): on
`briefbot serve`'s front (`bot.asgi.Buffered`) a WSGI body's `close` runs only once the
body has been sent, the moment a queued `/hubs add` is handed to the workers."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.asgi import Buffered
from bot.handoff import AfterBody, Gate, Handoff


def test_the_body_is_closed_after_it_was_sent_not_before() -> None:
    events: list[str] = []
    gate = Gate()
    gate.then(lambda: events.append("queued"))

    def wsgi(environ: dict[str, Any], start_response: Any) -> AfterBody:
        start_response("200 OK", [("Content-Type", "application/json")])
        return AfterBody([b'{"text": "Queued"}'], gate)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        events.append(message["type"])

    scope = {"type": "http", "method": "POST", "path": "/slack/events", "query_string": b"",
             "headers": [], "http_version": "1.1"}  # fmt: skip
    app = Buffered(wsgi, threads=2, max_body=1000, body_timeout=5)
    asyncio.run(app(scope, receive, send))
    assert events == ["http.response.start", "http.response.body", "queued"]


class Queue:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, kind: str, **kwargs: Any) -> str:
        self.sent.append(kind)
        return str(len(self.sent))


def test_a_handoff_holds_its_tasks_until_released_then_sends_in_order() -> None:
    queue = Queue()
    handoff = Handoff(queue)  # type: ignore[arg-type]
    assert handoff.send("link", url="a") == "held" and handoff.send("digest") == "held"
    assert queue.sent == []
    gate = Gate()
    gate.then(handoff.release)
    assert queue.sent == []  # the listener is done; the answer is not written yet
    gate.open()
    assert queue.sent == ["link", "digest"]
    handoff.send("link", url="b")  # after release: at once
    assert queue.sent == ["link", "digest", "link"]
