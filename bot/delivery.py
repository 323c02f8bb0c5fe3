"""Where digests go: the Delivery protocol, and the outbox folder that needs no chat account."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from .commands import Reply
from .markdown import render_markdown
from .subscriptions import Subscription


class DeliveryError(Exception):
    """A post that could not be made, after every retry; the message says why."""


class Delivery(Protocol):
    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        """Post the digest; return the platform's message id. Raises DeliveryError."""
        ...

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        """Attach a file under the posted message; return its file id. Raises DeliveryError."""
        ...


class OutboxDelivery:
    """Writes each digest as Markdown, and its attachments, into a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        path = self.folder / f"{_safe(sub.story)}-{_safe(sub.channel)}-{_safe(slot)}.md"
        path.write_text(render_markdown(reply), encoding="utf-8")
        return path.name

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        path = self.folder / _safe(filename)
        path.write_bytes(data)
        return path.name


def _safe(name: str) -> str:
    """A file-name-safe version of a slot, channel or story name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "x"
