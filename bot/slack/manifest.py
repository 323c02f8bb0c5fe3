"""The Slack app manifest, built from the story list and the command registry.

`briefbot manifest` prints it; the checked-in manifest.json is its output for the default
story, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..commands import COMMANDS
from ..stories import StoryConfig

# channels:history and groups:history let a retried digest check whether it already landed;
# files:read does the same for its spreadsheet; users:read tells workspace admins, who may
# correct the briefing.
BOT_SCOPES = [
    "commands",
    "chat:write",
    "chat:write.public",
    "files:write",
    "files:read",
    "im:write",
    "channels:history",
    "groups:history",
    "users:read",
]
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
PLACEHOLDER_HOST = "https://briefbot.example.com"


def build_manifest(
    stories: Sequence[StoryConfig], *, host: str = PLACEHOLDER_HOST, socket_mode: bool = False
) -> dict[str, Any]:
    host = host.rstrip("/")
    hint = " | ".join(c.usage for c in COMMANDS.values())

    def command(story: StoryConfig) -> dict[str, Any]:
        entry = {
            "command": story.command,
            "description": f"Briefing: {story.title}"[:100],
            "usage_hint": hint[:1000],
            "should_escape": True,
        }
        return entry if socket_mode else entry | {"url": host + EVENTS_PATH}

    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": ["app_home_opened"]},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }
    oauth: dict[str, Any] = {"scopes": {"bot": BOT_SCOPES}}
    if not socket_mode:
        settings["event_subscriptions"]["request_url"] = host + EVENTS_PATH
        settings["interactivity"]["request_url"] = host + EVENTS_PATH
        oauth["redirect_urls"] = [host + REDIRECT_PATH]
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "Briefbot",
            "description": "Keeps your team briefed on a developing news story.",
            "background_color": "#1d3557",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,
            },
            "bot_user": {"display_name": "Briefbot", "always_online": True},
            "slash_commands": [command(s) for s in stories],
        },
        "oauth_config": oauth,
        "settings": settings,
    }
