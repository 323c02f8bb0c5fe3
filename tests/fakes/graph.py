"""A loopback fake of Microsoft Graph's team members (`GET /v1.0/teams/{group-id}/members`).

Why: the one place Teams says who owns a team. Tests drive Briefbot's real client
(`bot.teams.owners`, httpx) against it with no network, and script what production sees:
403 without the TeamMember.Read.Group consent, 404 for an unknown team, 429 with
Retry-After, 5xx, slow replies (`fail`, as on the Bot Connector fake).

Shapes follow the v1.0 reference ("List members of team"): `{"@odata.context", "@odata.count",
"value": [aadUserConversationMember…]}`, each member with `roles` (`["owner"]` or `[]`) and
`userId` (the Azure AD object id); longer lists come in pages linked by `@odata.nextLink`
(an absolute URL with a `$skiptoken`). Errors use Graph's `{"error": {"code", "message"}}`.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from .bot_connector import Call, Loopback, Reply

_MEMBERS = re.compile(r"/v1\.0/teams/([^/]+)/members")


class FakeGraph(Loopback):
    """Fake Graph: teams by group id, their members, and which teams consented (RSC)."""

    methods = frozenset({"GET", "POST", "PATCH", "DELETE"})

    def __init__(self, *, page_size: int = 100) -> None:
        super().__init__()
        self.page_size = page_size
        self.teams: dict[str, list[dict[str, Any]]] = {}
        self.consented: set[str] = set()  # teams that granted TeamMember.Read.Group
        self.link_base: str | None = None  # where @odata.nextLink points (default: here)

    @property
    def url(self) -> str:
        """Put this in `Settings.teams_graph_url` (Briefbot appends "/v1.0/…")."""
        return self.host_url

    def add_team(self, group: str, *, owners: tuple[str, ...] = (),
                 members: tuple[str, ...] = (), consent: bool = True) -> None:  # fmt: skip
        """A team whose `owners` and other `members` are Azure AD object ids."""
        people = [(user, ["owner"]) for user in owners] + [(user, []) for user in members]
        with self._lock:
            self.teams[group] = [_member(group, user, roles) for user, roles in people]
            if consent:
                self.consented.add(group)

    def member_calls(self, group: str | None = None) -> list[Call]:
        """Every request for a team's members (all pages), oldest first."""
        with self._lock:
            return [c for c in self.calls if (m := _MEMBERS.fullmatch(c.path))
                    and group in (None, m.group(1))]  # fmt: skip

    def _route(self, call: Call) -> Reply:
        if not call.token:
            return Reply(401, _error("InvalidAuthenticationToken", "Access token is empty."))
        m = _MEMBERS.fullmatch(call.path)
        if not m:
            return Reply(
                400, _error("BadRequest", f"Resource not found for the segment {call.path}")
            )
        if call.method != "GET":
            return Reply(405, _error("MethodNotAllowed", f"{call.method} is not allowed here"))
        group = m.group(1)
        if group not in self.teams:
            return Reply(404, _error("NotFound", f"No team found with Group Id {group}"))
        if group not in self.consented:
            return Reply(403, _error("Forbidden", _NO_CONSENT))
        skip = int(call.query.get("$skiptoken", "0") or 0)
        page = self.teams[group][skip : skip + self.page_size]
        body: dict[str, Any] = {
            "@odata.context": f"{self.url}/v1.0/$metadata#teams('{group}')/members",
            "@odata.count": len(page),
            "value": page,
        }
        if skip + self.page_size < len(self.teams[group]):
            base = self.link_base or self.url
            body["@odata.nextLink"] = (
                f"{base}/v1.0/teams/{group}/members?$skiptoken={skip + self.page_size}"
            )
        return Reply(200, body)

    def _error(self, status: int, message: str = "") -> dict[str, Any]:
        """Scripted failures, with Graph's error codes."""
        code = _CODES.get(status, "Error")
        return _error(code, message or f"Scripted {status} {code}")


_NO_CONSENT = (
    "Missing role permissions on the request. API requires one of "
    "'TeamMember.Read.Group, TeamMember.Read.All, TeamMember.ReadWrite.All'."
)
_CODES = {400: "BadRequest", 401: "InvalidAuthenticationToken", 403: "Forbidden",
          404: "NotFound", 429: "TooManyRequests", 500: "InternalServerError",
          502: "BadGateway", 503: "ServiceNotAvailable", 504: "GatewayTimeout"}  # fmt: skip


def _member(group: str, user: str, roles: list[str]) -> dict[str, Any]:
    membership = base64.b64encode(f"{group}##{user}".encode()).decode()  # opaque, like Graph's
    return {
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        "id": membership,
        "roles": roles,
        "displayName": f"User {user[-4:]}",
        "userId": user,
        "email": f"{user[-4:]}@contoso.example",
    }


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
