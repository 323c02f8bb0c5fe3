"""A Teams team's owners are editors, told by Microsoft Graph (the fake in tests/fakes/graph.py);
anyone else, or anyone when Graph cannot say, is refused and told how to become one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.teams.owners import REMEMBER_SECONDS, TeamOwners
from tests.chat.test_corrections import write_story
from tests.fakes.bot_connector import FAKE_USER_AAD_ID, FakeBotConnector
from tests.fakes.graph import FakeGraph
from tests.teams.conftest import CHANNEL, TENANT, Teams, inline_texts, teams_with

GROUP = "0b8c3f1e-6a2d-4c55-9e1a-3f5d7c2b9a10"
TEAM = "19:team-general@thread.tacv2"
OTHER = "33333333-3333-4333-8333-333333333333"
FIX = "fix hide question courts"


def say_in_team(teams: Teams, text: str, *, group: str | None = GROUP) -> str:
    """`@Briefbot text` in a team's channel; the text of the card answering it."""
    team = {"id": TEAM} | ({"aadGroupId": group} if group else {})
    before = len(teams.cards(CHANNEL, wait=0))
    teams.activity(
        {
            "type": "message",
            "text": f"<at>Briefbot</at> {text}",
            "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": TENANT},
            "channelData": {"tenant": {"id": TENANT}, "team": team, "channel": {"id": CHANNEL}},
        }
    )
    cards = teams.cards(CHANNEL, wait=before + 1)
    assert len(cards) == before + 1, "no answer"
    return "\n".join(inline_texts(cards[-1]))


@pytest.fixture
def owners_settings(settings: Settings, graph: FakeGraph, tmp_path: Path) -> Settings:
    """Someone else is the only editor listed in briefbot.toml; Graph is the fake."""
    config = write_story(tmp_path / "story", editors=("someone-else",))
    return replace(settings, config_path=config, teams_graph_url=graph.url)


@pytest.fixture
def teams(owners_settings: Settings, connector: FakeBotConnector) -> Iterator[Teams]:
    with teams_with(owners_settings, connector) as teams:
        yield teams


def refused(text: str) -> bool:
    """The refusal says who may correct, and how to be listed (with the id to pass on)."""
    return ("Only editors can correct the briefing" in text and "team's owners" in text
            and "briefbot.toml" in text and FAKE_USER_AAD_ID in text)  # fmt: skip


# -- through the bot -------------------------------------------------------------------------
@pytest.mark.parametrize("told", ["in the activity", "by the team's details"])
def test_a_team_owner_corrects_from_the_channel(
    teams: Teams, graph: FakeGraph, connector: FakeBotConnector, told: str
) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,), members=(OTHER,))
    connector.groups[TEAM] = GROUP
    group = GROUP if told == "in the activity" else None
    assert "Correction #1: @Fake User" in say_in_team(teams, FIX, group=group)
    assert "Correction #2" in say_in_team(teams, "fix undo 1", group=group)
    (call,) = graph.member_calls(GROUP)  # remembered: one question for both corrections
    assert call.token  # the bot's app token, from the same credentials as the Bot Connector's
    details = connector.calls_to("GET", r"^/v3/teams/")
    assert len(details) == (0 if told == "in the activity" else 1)  # the group id never changes


def test_a_plain_member_is_refused_with_the_way_to_become_an_editor(
    teams: Teams, graph: FakeGraph
) -> None:
    graph.add_team(GROUP, owners=(OTHER,), members=(FAKE_USER_AAD_ID,))
    assert refused(say_in_team(teams, FIX))
    assert "No one has corrected this briefing" in say_in_team(teams, "corrections")


def test_a_listed_editor_corrects_without_graph_being_asked(
    owners_settings: Settings, connector: FakeBotConnector, graph: FakeGraph, tmp_path: Path
) -> None:
    config = write_story(tmp_path / "listed", editors=(FAKE_USER_AAD_ID,))
    with teams_with(replace(owners_settings, config_path=config), connector) as teams:
        assert "Correction #1" in say_in_team(teams, FIX)
    assert graph.calls == []


def test_graph_down_refuses_an_owner_and_the_next_try_asks_again(
    teams: Teams, graph: FakeGraph
) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    graph.fail("/members", 503)
    assert refused(say_in_team(teams, FIX))
    assert "sources" in say_in_team(teams, "sources")  # the bot answers everything else
    assert "Correction #1" in say_in_team(teams, FIX)  # a failure is not remembered
    assert len(graph.member_calls(GROUP)) == 2


def test_graph_unreachable_or_without_consent_refuses_an_owner(
    owners_settings: Settings, connector: FakeBotConnector, graph: FakeGraph
) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,), consent=False)  # 403
    with teams_with(owners_settings, connector) as teams:
        assert refused(say_in_team(teams, FIX))
    port = graph.port
    graph.stop()  # nothing listens there now: connection refused
    nowhere = replace(owners_settings, teams_graph_url=f"http://127.0.0.1:{port}")
    with teams_with(nowhere, connector) as teams:
        assert refused(say_in_team(teams, FIX))


def test_throttling_refuses_at_once_and_graph_is_left_alone_for_its_retry_after(
    teams: Teams, graph: FakeGraph
) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    graph.fail("/members", 429, retry_after=120)
    started = time.monotonic()
    assert refused(say_in_team(teams, FIX))
    assert refused(say_in_team(teams, FIX))
    assert time.monotonic() - started < 10  # never sleeps out the 120 s
    assert len(graph.member_calls(GROUP)) == 1


def test_an_owners_corrections_ask_graph_once_within_five_minutes(
    teams: Teams, graph: FakeGraph
) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    assert "Correction #1" in say_in_team(teams, FIX)
    assert "Correction #2" in say_in_team(teams, "fix undo 1")
    assert len(graph.member_calls(GROUP)) == 1


def test_a_personal_chat_has_no_team_so_graph_is_not_asked(teams: Teams, graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    teams.message(FIX)
    (card,) = teams.cards()
    assert refused("\n".join(inline_texts(card)))
    assert graph.calls == []


# -- the Graph client on its own, with a clock -------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def owners_of(graph: FakeGraph, clock: Clock) -> TeamOwners:
    settings = Settings(teams_graph_url=graph.url, allow_loopback=True)
    return TeamOwners(settings, lambda tenant: f"token-for-{tenant}", clock=clock)


def test_owners_are_asked_again_once_five_minutes_have_passed(graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    clock = Clock()
    owners = owners_of(graph, clock)
    assert owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID.upper())  # ids compare as GUIDs
    clock.now += REMEMBER_SECONDS - 1
    graph.add_team(GROUP, members=(FAKE_USER_AAD_ID,))  # demoted: noticed after the five minutes
    assert owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    clock.now += 2
    assert not owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    assert [c.token for c in graph.member_calls(GROUP)] == [f"token-for-{TENANT}"] * 2


def test_after_a_429_graph_is_asked_again_once_retry_after_has_passed(graph: FakeGraph) -> None:
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,))
    graph.fail("/members", 429, retry_after=30)
    clock = Clock()
    owners = owners_of(graph, clock)
    assert not owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    clock.now += 29
    assert not owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    clock.now += 2
    assert owners.is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    assert len(graph.member_calls(GROUP)) == 2


def test_every_page_of_a_large_team_is_read(graph: FakeGraph) -> None:
    graph.page_size = 2
    graph.add_team(GROUP, owners=(FAKE_USER_AAD_ID,), members=(OTHER,) * 5)
    graph.teams[GROUP].reverse()  # the owner comes last
    assert owners_of(graph, Clock()).is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
    assert len(graph.member_calls(GROUP)) == 3


def test_a_next_page_elsewhere_is_not_followed_with_the_token(graph: FakeGraph) -> None:
    graph.page_size = 1
    graph.add_team(GROUP, members=(OTHER,), owners=(FAKE_USER_AAD_ID,))
    graph.teams[GROUP].reverse()
    with FakeGraph() as elsewhere:
        graph.link_base = elsewhere.url
        assert not owners_of(graph, Clock()).is_owner(TENANT, GROUP, FAKE_USER_AAD_ID)
        assert elsewhere.calls == []


def test_a_group_id_that_is_not_a_guid_is_never_sent(graph: FakeGraph) -> None:
    owners = owners_of(graph, Clock())
    assert not owners.is_owner(TENANT, "../../users", FAKE_USER_AAD_ID)
    assert not owners.is_owner(TENANT, GROUP, "")
    assert graph.calls == []
