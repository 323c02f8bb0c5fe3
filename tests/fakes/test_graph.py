"""The Graph fake driven by httpx (what `bot.teams.owners` uses), so it stays honest."""

from __future__ import annotations

import httpx

from .graph import FakeGraph

GROUP = "0b8c3f1e-6a2d-4c55-9e1a-3f5d7c2b9a10"
OWNER, MEMBER = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
AUTH = {"Authorization": "Bearer fake-graph-token"}


def members(graph: FakeGraph, url: str | None = None, **headers: str) -> httpx.Response:
    return httpx.get(url or f"{graph.url}/v1.0/teams/{GROUP}/members", headers=headers or AUTH)


def test_members_carry_roles_and_user_ids(graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(OWNER,), members=(MEMBER,))
    body = members(graph).json()
    assert [(m["userId"], m["roles"]) for m in body["value"]] == [(OWNER, ["owner"]), (MEMBER, [])]
    assert body["@odata.count"] == 2 and "@odata.nextLink" not in body
    (call,) = graph.member_calls(GROUP)
    assert call.token == "fake-graph-token"


def test_long_lists_come_in_linked_pages(graph: FakeGraph) -> None:
    graph.page_size = 2
    graph.add_team(GROUP, members=tuple(f"{n}" * 8 + MEMBER[8:] for n in range(5)))
    seen, url = [], None
    while True:
        body = members(graph, url).json()
        seen += [m["userId"] for m in body["value"]]
        if not (url := body.get("@odata.nextLink")):
            break
    assert len(seen) == len(set(seen)) == 5 and len(graph.member_calls()) == 3


def test_refusals_look_like_graphs(graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(OWNER,), consent=False)
    assert members(graph, Accept="application/json").status_code == 401  # no token
    forbidden = members(graph)
    assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "Forbidden"
    unknown = members(graph, f"{graph.url}/v1.0/teams/{MEMBER}/members")
    assert unknown.status_code == 404


def test_scripted_throttling_says_when_to_come_back(graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(OWNER,))
    graph.fail("/members", 429, retry_after=30)
    throttled = members(graph)
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "30"
    assert throttled.json()["error"]["code"] == "TooManyRequests"
    assert members(graph).status_code == 200
