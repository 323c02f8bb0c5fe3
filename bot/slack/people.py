"""Who is asking, in Slack: the caller of a payload, and whether they are a workspace admin.

Admins may correct the briefing without being listed in briefbot.toml; Slack says who they
are (`users.info`, scope users:read). The answer is remembered for a few minutes, so an
editor's burst of corrections asks once.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..commands import Caller

log = logging.getLogger(__name__)
REMEMBER_SECONDS = 300.0
_admins: dict[tuple[str, str, str], tuple[float, bool]] = {}
_lock = threading.Lock()


def caller_of(body: dict[str, Any]) -> Caller:
    """Workspace, channel, user and their name from a slash command or an interaction."""
    found = body.get("user")
    user: dict[str, Any] = found if isinstance(found, dict) else {}
    team = body.get("team_id") or (body.get("team") or {}).get("id") or user.get("team_id") or ""
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    user_id = body.get("user_id") or user.get("id") or ""
    name = body.get("user_name") or user.get("username") or user.get("name") or ""
    response_url = body.get("response_url") or ""
    return Caller("slack", team, channel, user_id, f"@{name}" if name else "", response_url)


def is_admin(client: WebClient, team: str, user: str) -> bool:
    """Whether `user` is an admin or owner of the workspace; False when Slack cannot say
    (a missing scope, an error): refusing is the safe answer."""
    if not user:
        return False
    now, key = time.monotonic(), (client.base_url, team, user)
    with _lock:
        known = _admins.get(key)
    if known is not None and now - known[0] < REMEMBER_SECONDS:
        return known[1]
    try:
        found = client.users_info(user=user)["user"] or {}
    except SlackApiError as error:
        log.warning("users.info for %s failed: %s", user, error.response.get("error"))
        return False
    admin = any(bool(found.get(k)) for k in ("is_admin", "is_owner", "is_primary_owner"))
    with _lock:
        _admins[key] = (now, admin)
    return admin
