"""Request bodies and headers, read within limits before anything parses them.

A body over the limit is refused from its Content-Length, before a byte of it is read
(a 300 MB body once took a worker from 238 MB to 1.7 GB on its way to a 401).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


def read_body(environ: dict[str, Any], limit: int) -> bytes | Refusal:
    """The request body, refused with 413 before reading when it is over `limit`."""
    length = environ.get("CONTENT_LENGTH") or ""
    stream = environ.get("wsgi.input")
    if length:
        if not (length.isascii() and length.isdigit()):
            return Refusal(400, "bad Content-Length")
        if len(length) > 12 or int(length) > limit:
            return Refusal(413, "request body too large")
        data = stream.read(int(length)) if stream is not None and int(length) else b""
        if len(data) < int(length):
            return Refusal(400, "request body cut short")
        return data
    if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower() or stream is None:
        return b""
    data = stream.read(limit + 1)  # the server de-chunks; no length to check first
    return Refusal(413, "request body too large") if len(data) > limit else data


def request_headers(environ: dict[str, Any]) -> dict[str, str]:
    """Request headers by lower-case name, as Bolt names them."""
    headers = {
        key[5:].lower().replace("_", "-"): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.lower().replace("_", "-")] = environ[key]
    return headers


def json_depth(value: object, limit: int) -> int:
    """How deeply containers nest (counted up to just past `limit`), without recursion:
    a hostile body may nest thousands of levels."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= limit:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest
