"""The composition root of deliveries: each platform's delivery, from the settings.

Kept apart from `bot.delivery` (the protocol), which every platform imports: only the
processes that deliver (the CLI, the server, the scheduler) import this module.
"""

from __future__ import annotations

from .delivery import Delivery, RoutingDelivery
from .ratelimit import PacedDelivery, RedisLimiter
from .services import Services
from .slack.delivery import slack_delivery
from .teams.app import TeamsBot
from .teams.delivery import WORKFLOWS, WorkflowsDelivery


def platform_delivery(
    services: Services, *, teams: TeamsBot | None = None, limiter: RedisLimiter | None = None
) -> RoutingDelivery:
    """Slack when it has a token (or OAuth), Teams when it has an app id, Workflows webhooks
    always. `teams` is a running TeamsBot to share, else one is made here. With `limiter`
    (workers sharing a broker) every post waits its turn under the platforms' limits."""
    settings = services.settings
    routes: dict[str, Delivery] = {WORKFLOWS: WorkflowsDelivery(settings, services.store)}
    if settings.slack_bot_token or settings.oauth:
        routes["slack"] = slack_delivery(settings, services, limiter)
    if teams is None and settings.teams:
        teams = TeamsBot(services)
    if teams is not None:
        routes["teams"] = teams.delivery
    if limiter is not None:
        for name in ("teams", WORKFLOWS):
            if name in routes:
                routes[name] = PacedDelivery(routes[name], limiter)
    return RoutingDelivery(routes)
