"""The composition root of deliveries: each platform's delivery, from the settings.

Kept apart from `bot.delivery` (the protocol), which every platform imports: only the
processes that deliver (the CLI, the server, the scheduler) import this module.
"""

from __future__ import annotations

from .delivery import Delivery, RoutingDelivery
from .services import Services
from .slack.delivery import slack_delivery
from .teams.app import TeamsBot
from .teams.delivery import WORKFLOWS, WorkflowsDelivery


def platform_delivery(services: Services, *, teams: TeamsBot | None = None) -> RoutingDelivery:
    """Slack when it has a token (or OAuth), Teams when it has an app id, Workflows webhooks
    always. `teams` is a running TeamsBot to share, else one is made here."""
    settings = services.settings
    routes: dict[str, Delivery] = {WORKFLOWS: WorkflowsDelivery(settings, services.store)}
    if settings.slack_bot_token or settings.oauth:
        routes["slack"] = slack_delivery(settings, services)
    if teams is None and settings.teams:
        teams = TeamsBot(services)
    if teams is not None:
        routes["teams"] = teams.delivery
    return RoutingDelivery(routes)
