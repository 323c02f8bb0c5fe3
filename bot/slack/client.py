"""The Slack Web API client every Slack adapter uses, built one way."""

from __future__ import annotations

from slack_sdk import WebClient

from ..outbound import proxy_for
from ..settings import Settings


def slack_client(settings: Settings, token: str | None) -> WebClient:
    """No retry handlers: slack_sdk's default one re-sends a post whose reply was lost,
    which would post the same message twice. The proxy is the settings' (`bot.outbound`),
    set after construction so slack_sdk's own read of the environment does not count."""
    client = WebClient(token=token, base_url=settings.slack_api_url, retry_handlers=[])
    client.proxy = proxy_for(settings, settings.slack_api_url)
    return client
