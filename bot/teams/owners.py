"""Who owns a Teams team, asked of Microsoft Graph: Teams' counterpart of a Slack workspace admin.

A team's owners may correct the briefing without being listed in briefbot.toml. The Bot
Connector cannot say who they are (its member lookup gives `userRole` "user", "guest" or
"anonymous", never "owner"); Graph's `GET /v1.0/teams/{group-id}/members` gives each
member's `roles`, `["owner"]` for an owner. We read it with an app-only token for the
team's tenant, which the resource-specific permission TeamMember.Read.Group allows (asked
for in the app package, granted to the team that installs the app), as does a tenant-wide
TeamMember.Read.All.

Fail closed: no answer (Graph down, slow, throttled, the permission missing, a reply we
cannot read) means "not an owner"; users listed in briefbot.toml are never asked about. A
team's owners are remembered for five minutes (one Graph call per team, however many
corrections); a 429 refuses until its Retry-After has passed, without waiting or retrying.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from ..outbound import platform_client
from ..settings import Settings

log = logging.getLogger(__name__)
REMEMBER_SECONDS = 300.0
QUIET_SECONDS = 60.0  # after a 429 without a usable Retry-After
MAX_PAGES = 50  # 5,000 members at Graph's default page size; later owners fail closed
TIMEOUT_SECONDS = 5.0  # a correction waits for this at most
_GUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")

GraphToken = Callable[[str], str]
"""A tenant id → an app-only bearer token for Microsoft Graph (raises if there is none)."""


class GraphError(Exception):
    """Graph did not say who owns a team (the message says why, for the log)."""


class Throttled(GraphError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"throttled for {seconds:g} s")
        self.seconds = seconds


class TeamOwners:
    """Owners of teams by their Microsoft 365 group id, remembered for a few minutes."""

    def __init__(
        self,
        settings: Settings,
        token: GraphToken,
        *,
        clock: Callable[[], float] = time.monotonic,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self._base = settings.teams_graph_url.rstrip("/")
        self._token = token
        self._clock = clock
        self._client = platform_client(settings, timeout=timeout)  # the proxy policy
        self._lock = threading.Lock()
        self._known: dict[str, tuple[float, frozenset[str]]] = {}
        self._quiet_until: dict[str, float] = {}

    def close(self) -> None:
        self._client.close()

    def is_owner(self, tenant: str, group: str, user: str) -> bool:
        """Whether `user` (an Azure AD object id) owns the team `group`; False when unsure."""
        if not (user and _GUID.fullmatch(group)):
            return False
        owners = self.owners(tenant, group)
        return owners is not None and user.lower() in owners

    def owners(self, tenant: str, group: str) -> frozenset[str] | None:
        """The owners' user ids (lower case), or None when Graph gave no answer."""
        now = self._clock()
        with self._lock:
            known = self._known.get(group)
            if known is not None and now - known[0] < REMEMBER_SECONDS:
                return known[1]
            if now < self._quiet_until.get(group, 0.0):
                return None  # still inside a 429's Retry-After: not asked again yet
        try:
            owners = self._fetch(tenant, group)
        except Throttled as error:
            with self._lock:
                self._quiet_until[group] = now + error.seconds
            log.warning("Graph throttled the owners of team %s: refused for now", group)
            return None
        except (GraphError, httpx.HTTPError, ValueError) as error:
            log.warning("could not ask Graph who owns team %s: %s", group, error)
            return None
        except Exception:  # the token source (MSAL) raises its own kinds
            log.exception("could not get a Graph token for team %s", group)
            return None
        with self._lock:
            self._known[group] = (now, owners)
        return owners

    def _fetch(self, tenant: str, group: str) -> frozenset[str]:
        headers = {"Authorization": f"Bearer {self._token(tenant)}", "Accept": "application/json"}
        url: str | None = f"{self._base}/v1.0/teams/{group}/members"
        owners: set[str] = set()
        for _ in range(MAX_PAGES):
            if url is None:
                break
            page = self._page(url, headers)
            for member in page.get("value") or []:
                if isinstance(member, dict) and "owner" in (member.get("roles") or []):
                    owners.add(str(member.get("userId") or "").lower())
            url = page.get("@odata.nextLink")
            if url is not None and not (isinstance(url, str) and url.startswith(self._base + "/")):
                raise GraphError("a next page outside Graph")  # never send the token elsewhere
        owners.discard("")
        return frozenset(owners)

    def _page(self, url: str, headers: dict[str, str]) -> dict[str, Any]:
        response = self._client.get(url, headers=headers)
        if response.status_code == 429:
            raise Throttled(_seconds(response.headers.get("Retry-After")))
        if response.status_code != 200:
            code = _error_code(response)
            hint = " (is TeamMember.Read.Group granted?)" if response.status_code == 403 else ""
            raise GraphError(f"HTTP {response.status_code} {code}{hint}")
        page = response.json()
        if not isinstance(page, dict):
            raise GraphError("the reply is not a JSON object")
        return page


def _seconds(retry_after: str | None) -> float:
    """Retry-After in seconds (Graph sends a number), else a minute's quiet."""
    value = (retry_after or "").strip()
    return float(min(int(value), 3600)) if value.isdigit() else QUIET_SECONDS


def _error_code(response: httpx.Response) -> str:
    try:
        error = response.json().get("error") or {}
        return str(error.get("code") or "")[:80]
    except (ValueError, AttributeError):
        return ""
