"""Slack's request signature, checked on the raw bytes before anything else reads them.

slack_sdk's `SignatureVerifier` raises instead of answering False on hostile headers: a
non-ASCII signature makes `hmac.compare_digest` fail on str, a timestamp of hundreds of
digits overflows, a body that is not UTF-8 cannot be decoded. Any of those reached Bolt's
error handler, which then acted on the unverified body. Here every header and body is
either verified or refused; nothing raises.
"""

from __future__ import annotations

import hashlib
import hmac

MAX_AGE_SECONDS = 300  # Slack's window: older (or later) timestamps are refused
_MAX_TIMESTAMP_DIGITS = 12  # far past any real Unix time; keeps int() small


def verify(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """True only for `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`), with a
    timestamp within five minutes of `now`."""
    if not (
        0 < len(timestamp) <= _MAX_TIMESTAMP_DIGITS
        and timestamp.isascii()
        and timestamp.isdigit()
        and abs(now - int(timestamp)) <= MAX_AGE_SECONDS
    ):
        return False
    if not signature.isascii():
        return False
    expected = "v0=" + sign(secret, body, timestamp)
    return hmac.compare_digest(expected.encode(), signature.encode())


def sign(secret: str, body: bytes, timestamp: str) -> str:
    """The hex HMAC Slack sends after `v0=` (tests and benches sign with it too)."""
    message = b"v0:" + timestamp.encode("ascii") + b":" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
