"""Slack listeners: acknowledge within 3 seconds, then run the command and send its blocks.

Each handler parses the Slack payload into a `Caller` and command text, calls
`bot.commands`, and sends what `bot.slack.blocks` built; none formats text itself.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltRequest, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from briefings import Briefing, render_xlsx

from .. import commands
from ..commands import FIGURES_XLSX, FULL_BRIEFING, SHARE, Caller, Context
from ..digest import digest_now
from ..handoff import GATE, Gate, Handoff
from ..links import link_for
from ..services import Services
from ..subscriptions import Subscription
from . import blocks, mrkdwn
from .delivery import SlackDelivery, slack_delivery
from .endpoint import VERIFIED
from .people import caller_of, is_admin

log = logging.getLogger(__name__)


def register_listeners(app: App, services: Services) -> None:
    @functools.cache
    def delivery() -> SlackDelivery:
        """Made on first use: it needs a token, start-up does not."""
        return slack_delivery(services.settings, services)

    rendered = RenderedReplies()
    links = link_for(services.settings)

    def answer(ctx: Context, text: str) -> list[blocks.Message]:
        return rendered.get(
            ctx, text, lambda: blocks.build_messages(commands.run(text, ctx), link_for=links)
        )

    def handle_command(
        ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
    ) -> None:
        story = services.story(command["command"])
        caller = _caller(command)
        admin = functools.partial(is_admin, client, caller.workspace, caller.user)
        handoff = Handoff(services.queue)  # what it queues waits for its answer (bot.handoff)
        send = handoff.send if services.queue is not None else None

        def deliver_now(sub: Subscription, slot: str) -> str:
            return digest_now(services, sub, slot, delivery, send)

        ctx = services.context(story, caller, deliver_now, is_admin=admin, send=send)
        text = command.get("text") or ""
        try:
            if commands.is_quick(text, ctx):
                first, *rest = answer(ctx, text)
                ack(response_type="ephemeral", **first)
            else:
                ack(response_type="ephemeral", text="Working on it…")
                rest = answer(ctx, text)
            for message in rest:
                respond(response_type="ephemeral", replace_original=False, **message)
        finally:  # queued once this answer and the HTTP response are out (Socket Mode: now)
            gate = context.get(GATE)
            if isinstance(gate, Gate):
                gate.then(handoff.release)
            else:
                handoff.release()

    def handle_share(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """Post what the user saw to the channel, then remove their private copy."""
        ack()
        slug, _, text = body["actions"][0]["value"].partition(" ")
        ctx = services.context(services.story(slug), _caller(body))
        reply = commands.run(text, ctx)
        for message in blocks.build_messages(reply, shared_by=body["user"]["id"], link_for=links):
            respond(response_type="in_channel", replace_original=False, **message)
        respond(delete_original=True)

    def handle_figures_xlsx(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """Send the figures spreadsheet to the user in a direct message."""
        ack()
        story = services.story(body["actions"][0]["value"])
        briefing = services.briefings.get(story.slug)
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        try:
            dm = client.conversations_open(users=body["user"]["id"])["channel"]["id"]
            client.files_upload_v2(
                channel=dm,
                content=render_xlsx(
                    services.briefings.with_history(briefing, services.settings.timezone),
                    folder=story.folder,
                ),
                filename=f"{story.slug}-figures-{day}.xlsx",
                title=f"{story.title}: figures, {day}",
                initial_comment=mrkdwn.escape(
                    f"Key figures for {story.title}: one row per figure, with its sources."
                ),
            )
        except SlackApiError as error:
            log.warning("figures .xlsx not delivered: %s", error.response.get("error"))
            respond(
                response_type="ephemeral",
                replace_original=False,
                text="Sorry, Slack did not accept the spreadsheet. Try again in a minute.",
            )
            return
        respond(
            response_type="ephemeral",
            replace_original=False,
            text="The spreadsheet is in your direct messages with Briefbot.",
        )

    def handle_open_link(ack: Ack) -> None:
        """A link button opens its URL in the browser; Slack still tells us, and wants an ack."""
        ack()

    def handle_app_home_opened(event: dict[str, Any], context: Any, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        caller = Caller("slack", context.team_id or "", "", event["user"])
        ctx = services.context(services.stories[0], caller)
        client.views_publish(user_id=event["user"], view=blocks.build_home(commands.home(ctx)))

    def handle_error(
        error: Exception,
        body: dict[str, Any],
        context: BoltContext,
        request: BoltRequest,
        respond: Respond,
    ) -> None:
        log.exception("Slack request failed", exc_info=error)
        # Only a request we verified may steer a reply: an unverified one's response_url
        # is whatever its sender chose (Socket Mode requests come over our own socket).
        trusted = context.get(VERIFIED) or request.mode == "socket_mode"
        if trusted and body.get("response_url"):
            respond(
                response_type="ephemeral",
                replace_original=False,
                text="Sorry, something went wrong on our side; it has been logged.",
            )

    for story in services.stories:
        app.command(story.command)(handle_command)
    app.action(SHARE)(handle_share)
    app.action(FIGURES_XLSX)(handle_figures_xlsx)
    app.action(FULL_BRIEFING)(handle_open_link)
    app.event("app_home_opened")(handle_app_home_opened)
    app.error(handle_error)


class RenderedReplies:
    """Block Kit for answers that are the same for everyone, kept until the briefing changes.

    Rendering is most of a command's CPU time (bench/slack_latency.py); `status` asked by a
    hundred people is rendered once. Kept a day at most, so the week-long signed links in
    them always have days to run.
    """

    def __init__(self, size: int = 256, max_age: float = 24 * 3600) -> None:
        self.size, self.max_age = size, max_age
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[Briefing, float, list[blocks.Message]]] = {}

    def get(
        self, ctx: Context, text: str, build: Callable[[], list[blocks.Message]]
    ) -> list[blocks.Message]:
        briefing = ctx.briefings.ready(ctx.story.slug)
        if briefing is None or not commands.same_for_everyone(text):
            return build()
        key = (ctx.story.slug, " ".join(text.split()))
        with self._lock:
            entry = self._entries.get(key)
        now = time.monotonic()
        if entry is not None and entry[0] is briefing and now - entry[1] < self.max_age:
            return entry[2]  # shared: callers pass it to Slack and never change it
        messages = build()
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (briefing, now, messages)
        return messages


_caller = caller_of
