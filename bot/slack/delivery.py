"""Digests to Slack: post, thread the rest, attach the .xlsx; retry without ever posting twice.

slack_sdk's own retry handlers are off (they can re-send a post whose reply was lost).
Here a 429 waits for `Retry-After`, a 5xx or a lost connection backs off, and before any
re-post we look for the digest in the channel by its metadata (the slot), because the
first attempt may have landed.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.webhook import WebhookClient

from ..commands import Caller, Reply
from ..delivery import DeliveryError, MaybeDelivered
from ..links import link_for
from ..memo import Made
from ..outbound import post_bytes, proxy_for
from ..ratelimit import RedisLimiter, slack_limits, slack_post_window
from ..retry import Policy
from ..services import Services
from ..settings import Settings
from ..subscriptions import Subscription
from . import blocks
from .client import slack_client

log = logging.getLogger(__name__)
T = TypeVar("T")
EVENT_TYPE = "briefbot_digest"
RESPONSE_URL_SECONDS = 29 * 60  # a response_url takes posts for 30 minutes: a minute spare


class SlackDelivery:
    def __init__(
        self,
        client_for: Callable[[str], WebClient],
        *,
        sleep: Callable[[float], None] = time.sleep,
        link_for: blocks.LinkFor = lambda button: None,
        limiter: RedisLimiter | None = None,
        posts_per_minute: int = 300,
        files_per_minute: int = 100,
        proxy_for: Callable[[str], str | None] = lambda url: None,
        **policy: Any,
    ) -> None:
        self.client_for = client_for  # workspace id -> a client holding its bot token
        self.link_for = link_for  # signs the digest's "Full briefing" link
        self.policy, self.sleep = Policy(**policy), sleep
        self.limiter, self.posts_per_minute = limiter, posts_per_minute
        self.files_per_minute = files_per_minute
        """Shared by every worker (`bot.ratelimit`): each call waits its turn there first."""
        self.proxy_for = proxy_for  # for a response_url: `bot.outbound`'s policy
        self._built: Made[str, list[blocks.Message]] = Made(16)
        """Digests' messages: a few per slot (zones, quiet or not, what changed)."""

    def post(self, sub: Subscription, reply: Reply, slot: str) -> str:
        client = self.client_for(sub.workspace)
        first, *rest = self._messages(reply, slot)
        payload = _payload(sub, slot)
        metadata = {"event_type": EVENT_TYPE, "event_payload": payload}

        def already_posted() -> str | None:
            return self._find(client, sub, payload)

        def post_first() -> str:
            return str(
                client.chat_postMessage(channel=sub.channel, metadata=metadata, **first)["ts"]
            )

        pace = (sub.workspace, "chat.postMessage", sub.channel)
        ts = self._retrying(post_first, already_posted, pace)
        for message in rest:  # the rest of a long digest goes in the thread

            def post_next(m: dict[str, Any] = message) -> str:
                return str(client.chat_postMessage(channel=sub.channel, thread_ts=ts, **m)["ts"])

            self._retrying(post_next, None, pace)
        return ts

    def _messages(self, reply: Reply, slot: str) -> list[blocks.Message]:
        """The digest's messages, built once per reply and slot: digests of one briefing
        share their reply (`bot.digest.digest_reply`), and rendering them is most of a
        post's CPU. The slot is in the key so that the "Full briefing" link is signed
        when its slot is sent, not when the briefing was first rendered days before."""
        if (messages := self._built.get(reply, slot)) is not None:
            return messages
        messages = blocks.build_messages(reply, max_messages=20, link_for=self.link_for)
        return self._built.keep(reply, slot, messages)

    def answer(self, to: Caller, reply: Reply, *, asked_at: float) -> None:
        """A queued command's outcome, seen only by who asked, like every answer: through
        the command's response_url while it lasts (its second post of five; the first said
        "Queued"), else, or if Slack refuses it there, chat.postEphemeral in the channel."""
        messages = blocks.build_messages(reply, max_messages=3, link_for=self.link_for)
        fresh = time.time() - asked_at < RESPONSE_URL_SECONDS
        while messages and to.response_url and fresh:
            try:
                self._respond(to.response_url, messages[0])
            except MaybeDelivered:
                raise  # it may be showing: posting it again could show it twice
            except DeliveryError as error:
                log.info("response_url refused the answer (%s); posting it instead", error)
                break
            messages.pop(0)
        if not messages:
            return
        client = self.client_for(to.workspace)
        for message in messages:

            def post(m: dict[str, Any] = message) -> object:
                return client.chat_postEphemeral(channel=to.channel, user=to.user, **m)

            self._retrying(post, None)

    def _respond(self, url: str, message: dict[str, Any]) -> None:
        webhook = WebhookClient(url, proxy=self.proxy_for(url), retry_handlers=[])
        try:
            sent = webhook.send(response_type="ephemeral", replace_original=False, **message)
        except URLError as error:  # urllib's wrapping: the request never went out whole
            raise DeliveryError(f"connection: {error}") from None
        except OSError as error:  # sent, then no answer (a timeout, a dropped connection)
            raise MaybeDelivered(f"response_url did not answer: {error!r}") from None
        if sent.status_code != 200:
            raise DeliveryError(f"HTTP {sent.status_code} {sent.body[:100]}")

    def find(self, sub: Subscription, slot: str) -> str | None:
        """The slot's digest in the channel, found by its metadata."""
        client = self.client_for(sub.workspace)
        try:
            return self._find(client, sub, _payload(sub, slot))
        except (SlackApiError, OSError) as error:
            raise DeliveryError(f"could not read the channel: {error}") from None

    def attached(self, sub: Subscription, message_id: str) -> bool:
        """Whether the digest's thread holds a file (its spreadsheet, shared there)."""
        client = self.client_for(sub.workspace)
        try:
            self._pace(sub.workspace, "conversations.replies", None)
            thread = client.conversations_replies(channel=sub.channel, ts=message_id, limit=50)
        except (SlackApiError, OSError) as error:
            raise DeliveryError(f"could not read the thread: {error}") from None
        messages: list[dict[str, Any]] = thread.get("messages") or []
        return any(m.get("files") for m in messages)

    def attach(self, sub: Subscription, message_id: str, filename: str, data: bytes) -> str:
        """files_upload_v2's three steps, each retried on its own: a 429 on the last step
        retries that step, instead of starting over and orphaning the uploaded bytes."""
        client = self.client_for(sub.workspace)
        ticket = self._retrying(
            lambda: client.files_getUploadURLExternal(filename=filename, length=len(data)),
            None,
            (sub.workspace, "files.getUploadURLExternal", None),
        )
        file_id, url = str(ticket["file_id"]), str(ticket["upload_url"])
        self._retrying(lambda: _send_bytes(url, data, client.timeout, client.proxy), None)
        title = filename.removesuffix(".xlsx").replace("-", " ")

        def complete() -> str:
            files: list[dict[str, str | None]] = [{"id": file_id, "title": title}]
            client.files_completeUploadExternal(
                files=files, channel_id=sub.channel, thread_ts=message_id
            )
            return file_id

        def already_shared() -> str | None:
            shares = client.files_info(file=file_id)["file"].get("shares") or {}
            return file_id if any(sub.channel in where for where in shares.values()) else None

        return self._retrying(
            complete, already_shared, (sub.workspace, "files.completeUploadExternal", None)
        )

    def _pace(self, workspace: str, method: str, channel: str | None) -> None:
        """Wait for this call's turn under the shared limits; a turn later than the retry
        policy's longest wait is a failure, as a Retry-After that long would be."""
        if self.limiter is None:
            return
        limits = slack_limits(workspace, method, channel, posts_per_minute=self.posts_per_minute,
                              files_per_minute=self.files_per_minute)  # fmt: skip
        granted, wait = self.limiter.acquire(f"slack:{workspace}", limits, self.policy.max_wait)
        if not granted:
            raise DeliveryError(f"workspace {workspace} is throttled for {wait:.0f} s more")
        if wait > 0:
            self.sleep(wait)

    @contextmanager
    def _window(self, workspace: str, method: str) -> Iterator[None]:
        """A post is counted in its workspace's window from before it is sent until it
        is answered (`bot.ratelimit.Window`), so posts that reach Slack late and early
        never bunch in Slack's window; other calls go as they are."""
        if self.limiter is None or method != "chat.postMessage":
            yield
            return
        window = slack_post_window(workspace, self.posts_per_minute)
        ticket = self.limiter.enter(window, self.policy.max_wait, self.sleep)
        if ticket is None:
            raise DeliveryError(f"workspace {workspace} is throttled (its posts' window)")
        try:
            yield
        finally:
            self.limiter.leave(window, ticket)

    def _retrying(
        self,
        call: Callable[[], T],
        landed: Callable[[], T | None] | None,
        pace: tuple[str, str, str | None] | None = None,
    ) -> T:
        for attempt in itertools.count(1):
            try:
                if pace is None:
                    return call()
                self._pace(*pace)
                with self._window(pace[0], pace[1]):
                    return call()
            except SlackApiError as error:
                status = error.response.status_code
                if status != 429 and status < 500:
                    raise DeliveryError(
                        f"Slack refused it: {error.response.get('error')}"
                    ) from None
                reason = f"HTTP {status}"
                retry_after = (
                    float(error.response.headers.get("Retry-After", 0) or 0)
                    if status == 429
                    else 0.0
                )
            except OSError as error:  # timeouts, resets, refused connections (URLError too)
                reason, retry_after = f"connection: {error}", 0.0
            if reason == "HTTP 429" and pace is not None and self.limiter is not None:
                self.limiter.back_off(f"slack:{pace[0]}", retry_after or 1.0)  # all workers
            # A 429 means it was not accepted; after anything else it may have landed.
            maybe_landed = reason != "HTTP 429"
            if landed is not None and maybe_landed and (found := _quietly(landed)) is not None:
                return found
            wait = self.policy.wait(attempt, retry_after)
            if wait is None:
                raise DeliveryError(f"gave up after {attempt} tries; last: {reason}")
            log.info("Slack call failed (%s); retry %d in %.1f s", reason, attempt, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")

    def _find(self, client: WebClient, sub: Subscription, payload: dict[str, Any]) -> str | None:
        self._pace(sub.workspace, "conversations.history", None)
        history = client.conversations_history(
            channel=sub.channel, limit=20, include_all_metadata=True
        )
        messages: list[dict[str, Any]] = history.get("messages") or []
        for message in messages:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == EVENT_TYPE and meta.get("event_payload") == payload:
                return str(message["ts"])
        return None


def slack_delivery(
    settings: Settings, services: Services, limiter: RedisLimiter | None = None
) -> SlackDelivery:
    """Posts with the workspace's bot token: the one token, or the OAuth installation's;
    each call paced by `limiter` when the workers share one."""
    options: dict[str, Any] = {
        "link_for": link_for(settings),
        "limiter": limiter,
        "posts_per_minute": settings.slack_posts_per_minute,
        "files_per_minute": settings.slack_files_per_minute,
        "proxy_for": lambda url: proxy_for(settings, url),
    }
    if not settings.oauth:
        settings.require("SLACK_BOT_TOKEN")
        shared = slack_client(settings, str(settings.slack_bot_token))
        return SlackDelivery(lambda workspace: shared, **options)
    installations = SQLAlchemyInstallationStore(
        client_id=str(settings.slack_client_id), engine=services.store.engine
    )

    def client_for(workspace: str) -> WebClient:
        bot = installations.find_bot(enterprise_id=None, team_id=workspace)
        if bot is None or not bot.bot_token:
            raise DeliveryError(f"Briefbot is not installed in workspace {workspace}")
        return slack_client(settings, bot.bot_token)

    return SlackDelivery(client_for, **options)


def _payload(sub: Subscription, slot: str) -> dict[str, str]:
    return {"slot": slot, "story": sub.story}


def _send_bytes(url: str, data: bytes, timeout: float, proxy: str | None) -> None:
    """The upload step: the bytes go to the pre-signed URL Slack gave (retrying it is safe,
    the file id stays the same), through the same proxy as the Web API calls, or none."""
    status = post_bytes(url, data, timeout=timeout, proxy=proxy)
    if status != 200:
        raise OSError(f"upload answered HTTP {status}")


def _quietly(find: Callable[[], T | None]) -> T | None:
    """Looking for an earlier attempt must not itself fail the delivery."""
    try:
        return find()
    except (SlackApiError, OSError) as error:
        log.warning("could not check for an earlier post: %s", error)
        return None
