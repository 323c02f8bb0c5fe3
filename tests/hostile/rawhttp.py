"""HTTP by hand: exact bytes on a socket, for requests no well-behaved client would send
(non-ASCII headers, bodies that are not UTF-8, lengths that lie, bytes that trickle)."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.slack.signature import sign

SECRET = "test-signing-secret"  # the signing secret of tests/chat/conftest.py


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def request(
    url: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, bytes | str] | None = None,
    *,
    method: str = "POST",
    timeout: float = 15.0,
) -> Answer:
    """Send one request exactly as given (Content-Length added unless given) and read the
    whole answer."""
    parts = urlsplit(url)
    sent = {"Host": parts.netloc, "Connection": "close"}
    if method == "POST":
        sent["Content-Length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n".encode()
    for name, value in (sent | (headers or {})).items():
        raw = value if isinstance(value, bytes) else value.encode("latin-1")
        head += name.encode() + b": " + raw + b"\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(head + b"\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    _, _, payload = rest.partition(b"\r\n\r\n")
    return Answer(int(status_line.split()[1]), payload)


def signed(body: bytes, *, timestamp: str | None = None, secret: str = SECRET) -> dict[str, str]:
    """Slack's headers for `body`, signed over its exact bytes."""
    ts = timestamp or str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + sign(secret, body, ts)}


def forged(body: bytes, signature: bytes | str = "v0=" + "0" * 64) -> dict[str, bytes | str]:
    """Headers with a current timestamp and a signature of the sender's choosing."""
    return {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": signature}
