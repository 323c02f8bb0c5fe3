"""Short WSGI answers the web app gives itself: a status line, a JSON body, a line of text
(the web app and the briefing page answer alike)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed", 410: "Gone", 413: "Payload Too Large",
            500: "Internal Server Error"}  # fmt: skip


def status_line(status: int) -> str:
    return f"{status} {_REASONS.get(status, '')}".strip()


def json_reply(start_response: Callable[..., Any], status: int, body: Any) -> list[bytes]:
    data = b"" if body is None else json.dumps(body).encode()
    headers = [("Content-Length", str(len(data)))]
    if data:
        headers.append(("Content-Type", "application/json"))
    start_response(status_line(status), headers)
    return [data]


def text_reply(
    start_response: Callable[..., Any], status: int, text: str, *headers: tuple[str, str]
) -> list[bytes]:
    data = text.encode()
    start_response(
        status_line(status),
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(data))),
            *headers,
        ],
    )
    return [data]
