"""Where digests go: the Delivery protocol, and the outbox folder that needs no chat account.

No platform is imported here: Slack and Teams deliveries are put together at the
composition root (`bot.platforms`), so the protocol sits below every platform."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

from .commands import Caller, Reply
from .markdown import render_markdown
from .subscriptions import Subscription


class DeliveryError(Exception):
    """A post that could not be made, after every retry; the message says why."""


class MaybeDelivered(DeliveryError):
    """The platform stopped answering after it may have taken the post: it is never sent
    again, and the ledger says "uncertain" rather than "failed"."""


class Delivery(Protocol):
    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        """Post the digest; return the platform's message id. Raises DeliveryError."""
        ...

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        """Attach a file under the posted message; return its file id. Raises DeliveryError."""
        ...


@runtime_checkable
class Finds(Protocol):
    """A delivery that can look in the channel for a digest it may have posted."""

    def find(self, sub: Subscription, slot: str) -> str | None:
        """The message id of the slot's digest if it is in the channel, else None. Raises
        DeliveryError when it cannot tell."""
        ...

    def attached(self, sub: Subscription, message_id: str) -> bool:
        """Whether a file was attached under the posted message. Raises DeliveryError
        when it cannot tell."""
        ...


@runtime_checkable
class Answers(Protocol):
    """A delivery that can answer a person later, where they asked: a queued command's
    outcome (`/hubs add URL`), told once a worker has it."""

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        """Show `reply` to `to` in their channel; `asked_at` (epoch seconds) says whether
        Slack's response_url still works. Raises DeliveryError."""
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

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        path = self.folder / f"answer-{_safe(to.channel)}-{_safe(to.user)}-{asked_at:.0f}.md"
        path.write_text(render_markdown(reply), encoding="utf-8")


class RoutingDelivery:
    """Each subscription to its own platform's delivery: one scheduler serves them all."""

    def __init__(self, routes: Mapping[str, Delivery]) -> None:
        self.routes = dict(routes)

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        return self._route(sub).post(sub, reply, slot)

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        return self._route(sub).attach(sub, message_id, filename, data)

    def find(self, sub: Subscription, slot: str) -> str | None:
        route = self._route(sub)
        if not isinstance(route, Finds):
            raise DeliveryError(f"{sub.platform} cannot read a channel back to check")
        return route.find(sub, slot)

    def attached(self, sub: Subscription, message_id: str) -> bool:
        route = self._route(sub)
        if not isinstance(route, Finds):
            raise DeliveryError(f"{sub.platform} cannot read a channel back to check")
        return route.attached(sub, message_id)

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        route = self.routes.get(to.platform)
        if not isinstance(route, Answers):
            raise DeliveryError(f"cannot answer on {to.platform} from here")
        route.answer(to, reply, asked_at=asked_at)

    def _route(self, sub: Subscription) -> Delivery:
        if sub.platform not in self.routes:
            raise DeliveryError(f"{sub.platform} is not set up on this server (see README)")
        return self.routes[sub.platform]


def _safe(name: str) -> str:
    """A file-name-safe version of a slot, channel or story name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "x"
