"""The Teams bot: Microsoft's Teams SDK (microsoft-teams-apps) behind our own web app.

The SDK is asyncio-based and would start its own FastAPI server; we serve /api/messages
from the same WSGI app as Slack instead, through the SDK's `HttpServerAdapter` hook: the
SDK registers its route with `_Routes`, and `TeamsBot.handle` runs it on one event-loop
thread. Checking the Bot Framework JWT stays the SDK's job; blocking work (briefings,
database) runs in worker threads so the loop keeps answering.

Commands are typed to the bot: "status" in a personal chat, "@Briefbot status" in a
channel, optionally after the story's name ("hubs status", "/hubs status").

A team's owners are editors, like a Slack workspace's admins: asked of Graph
(`bot/teams/owners.py`) only when someone not listed in briefbot.toml corrects the briefing
from a team's channel.
"""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import re
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from microsoft_teams.api import ConversationUpdateActivity

# From where they are defined: the package re-exports them through `__all__` lists built at
# run time, which a type checker cannot follow.
from microsoft_teams.api.activities.install_update import InstalledActivity
from microsoft_teams.api.activities.message import MessageActivity, MessageActivityInput
from microsoft_teams.api.clients import ApiClient
from microsoft_teams.api.models.attachment import Attachment
from microsoft_teams.apps import ActivityContext, App
from microsoft_teams.apps.http import HttpMethod, HttpRequest, HttpRouteHandler
from microsoft_teams.common import ClientOptions

from ..commands import Caller, Reply, is_quick, run
from ..digest import digest_now
from ..handoff import Handoff
from ..links import link_for
from ..services import Services
from ..stories import StoryConfig
from ..subscriptions import Subscription
from .cards import CARD_TYPE, build_cards
from .delivery import TeamsDelivery
from .owners import GraphError, TeamOwners

log = logging.getLogger(__name__)
T = TypeVar("T")
MESSAGES_PATH = "/api/messages"
PLATFORM = "teams"
TIMEOUT_SECONDS = 30.0
CONNECTOR_TIMEOUT_SECONDS = 10.0
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

TokenProvider = Callable[..., Awaitable[str]]


class _Routes:
    """The SDK's HttpServerAdapter: it hands us its route handler instead of a server."""

    def __init__(self) -> None:
        self.handlers: dict[str, HttpRouteHandler] = {}

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        self.handlers[path] = handler

    def serve_static(self, path: str, directory: str) -> None:
        pass

    async def start(self, port: int) -> None:
        raise NotImplementedError("Briefbot serves /api/messages from its own web app")

    async def stop(self) -> None:
        pass


class _Loop:
    """One asyncio loop on a daemon thread, for the SDK's coroutines."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="teams-loop", daemon=True
        )
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = TIMEOUT_SECONDS) -> T:
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("waiting on the Teams event loop from inside it would hang it")
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


class TeamsBot:
    def __init__(
        self,
        services: Services,
        *,
        token: TokenProvider | None = None,
        timeout: float = CONNECTOR_TIMEOUT_SECONDS,
    ) -> None:
        """`token` replaces the Microsoft sign-in with a function returning app tokens
        (tests, or a deployment with its own token source); `timeout` bounds each call to
        the Bot Connector (a digest post that times out is never sent again)."""
        settings = services.settings
        self.services = services
        self._routes = _Routes()
        self._loop = _Loop()
        self._tasks: set[asyncio.Task[None]] = set()
        options: dict[str, Any] = {
            "http_server_adapter": self._routes,
            "messaging_endpoint": MESSAGES_PATH,
            "dangerously_allow_unauthenticated_requests": settings.teams_allow_unauthenticated,
            "client": ClientOptions(timeout=timeout),
            "state": False,
        }
        if settings.teams_client_id:
            options["client_id"] = settings.teams_client_id
            options["tenant_id"] = settings.teams_tenant_id
            if token is not None:
                options["token"] = token
            else:
                options["client_secret"] = settings.teams_client_secret
        self.app = App(**options)
        self.app.on_message(self._on_message)
        self.app.on_install_add(self._on_install)
        self.app.on_conversation_update(self._on_conversation_update)
        self._loop.run(self.app.initialize())
        self.delivery = TeamsDelivery(self)
        self.owners = TeamOwners(settings, self._graph_token)
        self._groups: dict[str, str] = {}  # team (channel) id → its Microsoft 365 group id

    def close(self) -> None:
        """Stop the event loop (tests; a server simply exits)."""
        self.owners.close()
        self._loop.close()

    # -- the web app's side ------------------------------------------------------------
    def handle(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any]:
        """One POST to /api/messages: (HTTP status, JSON body or None)."""
        handler = self._routes.handlers[MESSAGES_PATH]
        response = self._loop.run(handler(HttpRequest(body=body, headers=headers)))
        return int(response["status"]), response["body"]

    def send(self, address: dict[str, Any], activity: MessageActivityInput) -> str:
        """A proactive message to a remembered conversation; returns the activity id."""
        sent = self._loop.run(
            self.app.send(address["conversation"], activity, service_url=address["service_url"])
        )
        return str(sent.id)

    def activity(self, reply: Reply, **build: Any) -> list[MessageActivityInput]:
        """One message activity per card of `reply`."""
        settings = self.services.settings
        cards = build_cards(reply, link_for=link_for(settings), **build)
        return [
            MessageActivityInput().add_attachments(Attachment(content_type=CARD_TYPE, content=c))
            for c in cards
        ]

    # -- activities --------------------------------------------------------------------
    async def _on_message(self, ctx: ActivityContext[MessageActivity]) -> None:
        activity = ctx.activity
        await asyncio.to_thread(self._remember, activity)
        story, line = self._route(command_text(activity.text or ""))
        owner = functools.partial(self._owns_team, activity, ctx.api)
        queue = self.services.queue
        handoff = Handoff(queue)  # what it queues waits until its answer is sent (bot.handoff)
        send = handoff.send if queue is not None else None

        def deliver_now(sub: Subscription, slot: str) -> str:
            return digest_now(self.services, sub, slot, lambda: self.delivery, send)

        caller = _caller(activity)
        context = self.services.context(story, caller, deliver_now, is_admin=owner, send=send)
        if is_quick(line, context):
            await self._answer(ctx, line, context, handoff)
            return
        await ctx.send("Working on it…")
        task = asyncio.ensure_future(self._answer(ctx, line, context, handoff))
        self._tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._tasks.discard)

    async def _answer(
        self, ctx: ActivityContext[Any], line: str, context: Any, handoff: Handoff | None = None
    ) -> None:
        try:
            reply = await asyncio.to_thread(run, line, context)
            for activity in self.activity(reply):
                await ctx.send(activity)
        except Exception:
            log.exception("teams: could not answer %r", line)
            await ctx.send("Sorry, something went wrong while answering. Please try again.")
        finally:  # the answer is in the conversation: a worker's report now comes after it
            if handoff is not None:
                await asyncio.to_thread(handoff.release)

    async def _on_install(self, ctx: ActivityContext[InstalledActivity]) -> None:
        await asyncio.to_thread(self._remember, ctx.activity)
        story = self.services.stories[0]
        context = self.services.context(story, _caller(ctx.activity))
        await self._answer(ctx, "help", context)

    async def _on_conversation_update(
        self, ctx: ActivityContext[ConversationUpdateActivity]
    ) -> None:
        await asyncio.to_thread(self._remember, ctx.activity)

    # -- helpers -----------------------------------------------------------------------
    def _route(self, text: str) -> tuple[StoryConfig, str]:
        """Which story a line is for: a leading story name or "/name", else the first."""
        first, _, rest = text.partition(" ")
        slug = first.removeprefix("/").lower()
        for story in self.services.stories:
            if slug == story.slug:
                return story, rest.strip()
        return self.services.stories[0], text

    def _remember(self, activity: Any) -> None:
        caller = _caller(activity)
        address = {
            "service_url": activity.service_url,
            "conversation": caller.channel,
            "type": activity.conversation.conversation_type,
            "bot": activity.recipient.id if activity.recipient else None,
        }
        self.services.store.remember(PLATFORM, caller.workspace, caller.channel, address)

    # -- team owners (asked from a worker thread, when a correction needs it) ----------
    def _owns_team(self, activity: Any, api: ApiClient) -> bool:
        """Whether the sender owns the team the message came from: False in personal and
        group chats (no team), and whenever Teams or Graph cannot say."""
        data, sender = activity.channel_data, activity.from_
        team = data.team if data else None
        if team is None or not team.id or sender is None or not sender.aad_object_id:
            return False
        group = team.aad_group_id or self._group_of(api, team.id)
        return bool(group) and self.owners.is_owner(_tenant(activity), group, sender.aad_object_id)

    def _group_of(self, api: ApiClient, team: str) -> str:
        """A team's Microsoft 365 group id, which Graph names it by: message activities
        rarely carry it, the Bot Connector's team details do (and it never changes)."""
        if team not in self._groups:
            try:
                details = self._loop.run(api.teams.get_by_id(team), CONNECTOR_TIMEOUT_SECONDS)
            except Exception as error:  # the SDK raises httpx's and its own errors
                log.warning("teams: no details for team %s: %r", team, error)
                return ""
            if not details.aad_group_id:
                return ""
            self._groups[team] = details.aad_group_id
        return self._groups[team]

    def _graph_token(self, tenant: str) -> str:
        """An app-only Graph token for `tenant`, from the SDK's credentials (TEAMS_CLIENT_ID,
        TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID), which sign in to the Bot Connector too."""
        request = self.app.token_provider.get_app_token(self.app.cloud.graph_scope, tenant or None)
        token = self._loop.run(request, CONNECTOR_TIMEOUT_SECONDS)
        if token is None:
            raise GraphError("no Teams credentials to get a Graph token with")
        return str(token)


def command_text(text: str) -> str:
    """What the user typed, without the @mention of the bot or any HTML Teams added."""
    text = _TAG.sub(" ", _MENTION.sub(" ", text))
    return " ".join(html.unescape(text).replace("\u200b", "").split())


def _tenant(activity: Any) -> str:
    """The Microsoft 365 tenant an activity came from ("" if it does not say)."""
    tenant = getattr(activity.conversation, "tenant_id", None)
    if not tenant and activity.channel_data and activity.channel_data.tenant:
        tenant = activity.channel_data.tenant.id
    return str(tenant or "")


def _caller(activity: Any) -> Caller:
    """Where a message came from. A channel thread's id ends with ";messageid=…": the
    conversation is the channel, so subscriptions and digests go to the channel itself."""
    conversation = activity.conversation
    tenant = _tenant(activity)
    sender = activity.from_
    user = (sender.aad_object_id or sender.id) if sender else ""
    name = (sender.name or "") if sender else ""  # shown on corrections: "corrected by @Ann Lee"
    return Caller(PLATFORM, tenant or "teams", conversation.id.split(";")[0], user or "", name)
