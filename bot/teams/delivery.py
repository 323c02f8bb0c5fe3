"""Digests to Teams: proactive bot messages, or a Workflows webhook for teams without the bot.

Teams has no idempotency key and no way for a bot to read a channel back, so a post is
only retried when Teams certainly did not take it: throttled (429, honouring Retry-After)
or the statuses Microsoft names as transient (412, 502, 503, 504), and connections that
never opened. Any other failure, a read timeout included, is recorded with its reason and
not re-sent: a missing digest an admin can see beats a duplicate in every channel. A
Retry-After longer than `max_wait` is a failure too, rather than a scheduler thread asleep
for an hour.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import httpx

from briefings import ConfigError

from ..commands import FIGURES_XLSX, Button, Caller, Reply
from ..delivery import DeliveryError, MaybeDelivered
from ..links import figures_link, link_for
from ..outbound import platform_client
from ..retry import Policy
from ..settings import Settings
from ..store import Store
from ..subscriptions import Subscription
from .cards import build_cards, message

if TYPE_CHECKING:
    from .app import TeamsBot

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRY_STATUSES = frozenset({412, 429, 502, 503, 504})
WORKFLOWS = "webhook"  # the platform name of Workflows webhook subscriptions
WORKFLOWS_WORKSPACE = "workflows"
WORKFLOW_HOSTS = (".logic.azure.com", ".powerplatform.com")
CONNECTOR_HOSTS = ("webhook.office.com", "outlook.office.com", "outlook.office365.com")


class _Retrying:
    """Teams' rule of what may be retried, with the one policy's waits (`bot.retry`)."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep, **policy: Any) -> None:
        self.policy, self.sleep = Policy(**policy), sleep

    def __call__(
        self, call: Callable[[], T], what: str, throttled: Callable[[float], None] | None = None
    ) -> T:
        """`throttled` hears each 429's Retry-After (the workers' shared limiter holds
        that conversation for every worker)."""
        for attempt in itertools.count(1):
            try:
                return call()
            except Exception as error:  # classified below; anything unknown is not retried
                if throttled is not None and (after := _throttled_for(error)) is not None:
                    throttled(after)
                wait = self._wait(error, attempt)
                if wait is None:
                    failure = (
                        MaybeDelivered
                        if isinstance(error, httpx.TimeoutException)
                        else DeliveryError
                    )
                    raise failure(f"{what}: {_reason(error)}") from error
                log.info("%s: %s; retrying in %.1f s", what, _reason(error), wait)
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _wait(self, error: Exception, attempt: int) -> float | None:
        after = 0.0
        if isinstance(error, httpx.HTTPStatusError):
            response = error.response
            if response.status_code not in RETRY_STATUSES:
                return None
            header = response.headers.get("Retry-After", "")
            after = float(header) if header.isdigit() else 0.0
        elif not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            return None
        return self.policy.wait(attempt, after)


def _throttled_for(error: Exception) -> float | None:
    """A 429's Retry-After in seconds (1 when it gives none); None for anything else."""
    if not isinstance(error, httpx.HTTPStatusError) or error.response.status_code != 429:
        return None
    header = error.response.headers.get("Retry-After", "")
    return float(header) if header.isdigit() else 1.0


def _reason(error: Exception) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        response = error.response
        reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        after = response.headers.get("Retry-After", "")
        return f"{reason}, asked to wait {after} s" if after.isdigit() else reason
    if isinstance(error, httpx.TimeoutException):
        return "no answer in time; it may have been posted, so it is not sent again"
    return str(error) or type(error).__name__


class TeamsDelivery:
    """Proactive messages to conversations the bot has been added to."""

    def __init__(self, bot: TeamsBot, **retry: Any) -> None:
        self.bot = bot
        self.retrying = _Retrying(**retry)
        self.throttled: Callable[[Subscription, float], None] | None = None
        """Told of each 429 (`bot.ratelimit.PacedDelivery` sets it)."""

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        address = self.bot.services.store.address(sub.platform, sub.workspace, sub.channel)
        if address is None:
            raise DeliveryError(
                "Briefbot has not heard from this conversation; add the app to it again"
            )
        (activity,) = self.bot.activity(_with_spreadsheet(reply, sub), max_cards=1)
        hold = self.throttled
        on_429 = (lambda after: hold(sub, after)) if hold else None
        return self.retrying(lambda: self.bot.send(address, activity), "Teams post", on_429)

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        return _spreadsheet_link(self.bot.services.settings, sub)

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        """A queued command's outcome, as a proactive message to the conversation it was
        asked in (Teams has no private replies in a channel; its answers are posted there)."""
        address = self.bot.services.store.address(to.platform, to.workspace, to.channel)
        if address is None:
            raise DeliveryError("Briefbot has not heard from this conversation")
        for activity in self.bot.activity(reply, max_cards=3):

            def send(a: Any = activity) -> str:
                return self.bot.send(address, a)

            self.retrying(send, "Teams answer")  # a 429 waits its Retry-After here


class WorkflowsDelivery:
    """Posts the digest card to a Teams Workflows webhook ("Post to a channel when a
    webhook request is received"): the whole set-up for teams that only want digests."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        client: httpx.Client | None = None,
        **retry: Any,
    ) -> None:
        self.settings, self.store = settings, store
        self.client = client or platform_client(settings)
        self.retrying = _Retrying(**retry)
        self.throttled: Callable[[Subscription, float], None] | None = None
        """Told of each 429 (`bot.ratelimit.PacedDelivery` sets it)."""

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        address = self.store.address(sub.platform, sub.workspace, sub.channel)
        if address is None:
            raise DeliveryError(f"no webhook URL is stored for {sub.channel!r}")
        try:
            url = check_webhook_url(address["url"], allow_loopback=self.settings.allow_loopback)
        except ConfigError as error:
            raise DeliveryError(str(error)) from None
        link = link_for(self.settings)
        (card,) = build_cards(_with_spreadsheet(reply, sub), max_cards=1, link_for=link)
        body = message(card)

        def post() -> str:
            response = self.client.post(url, json=body)
            response.raise_for_status()
            return response.headers.get("x-ms-workflow-run-id") or f"webhook {slot}"

        hold = self.throttled
        on_429 = (lambda after: hold(sub, after)) if hold else None
        return self.retrying(post, "Workflows webhook", on_429)

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        return _spreadsheet_link(self.settings, sub)


def _with_spreadsheet(reply: Reply, sub: Subscription) -> Reply:
    button = Button("Download the figures (.xlsx)", FIGURES_XLSX, sub.story)
    return replace(reply, buttons=(button, *reply.buttons))


def _spreadsheet_link(settings: Settings, sub: Subscription) -> str:
    """Teams cannot take a file with a channel post: the card's button links the .xlsx.
    The ledger keeps the link's path (its file id column is short; the host is in settings)."""
    link = figures_link(settings, sub.story)
    if link is None:
        raise DeliveryError("set BRIEFBOT_PUBLIC_URL so Teams digests can link the spreadsheet")
    return urlsplit(link).path


def check_webhook_url(url: str, *, allow_loopback: bool = False) -> str:
    """A Workflows trigger URL, or a clear refusal (the URL is a secret: never echoed)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.endswith(CONNECTOR_HOSTS):
        raise ConfigError(
            "Office 365 connector webhooks are retired; in Teams, create a Workflows "
            "webhook ('Post to a channel when a webhook request is received') and use its URL"
        )
    if allow_loopback and parts.scheme == "http" and host in ("127.0.0.1", "localhost"):
        return url.strip()
    if parts.scheme != "https" or not host.endswith(WORKFLOW_HOSTS):
        raise ConfigError(
            "that is not a Teams Workflows webhook URL (https://….logic.azure.com/… or "
            "https://….powerplatform.com/…)"
        )
    return url.strip()
