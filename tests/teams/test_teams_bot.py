"""The Teams bot, end to end: activities in over HTTP, Adaptive Cards out to the Connector."""

from __future__ import annotations

import io
import json
import urllib.request
from urllib.parse import urlsplit

import openpyxl
import pytest

from tests.chat.conftest import with_story
from tests.fakes.cards import card_errors
from tests.teams.conftest import CHANNEL, PERSONAL, TENANT, Teams, inline_texts, teams_with

COMMANDS = ["help", "status", "brief", "figures", "reactions", "questions", "sources",
            "search asylum", "changes", "subscriptions", "nonsense"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_with_valid_cards(teams: Teams, command: str) -> None:
    assert teams.message(command).status == 200
    cards = teams.cards()
    assert cards, f"no card for {command!r}"
    for card in cards:
        assert card_errors(card) == []
        assert card["version"] == "1.5"


def test_status_in_a_personal_chat(teams: Teams, seeds_briefing) -> None:
    teams.message("status")
    (card,) = teams.cards()
    lines = inline_texts(card)
    assert lines[0] == "Overseas return hubs for failed asylum seekers"
    assert seeds_briefing.announcement.headline.text in "\n".join(lines)
    assert any("5 sources" in line for line in lines)


def test_a_channel_mention_is_answered_in_the_thread(teams: Teams) -> None:
    thread = CHANNEL + ";messageid=1700000000000"
    teams.message("<at>Briefbot</at> sources", conversation=thread, kind="channel")
    (card,) = teams.cards(thread)
    assert "sources" in inline_texts(card)[0]


def test_the_story_name_may_lead_the_command(teams: Teams) -> None:
    teams.message("/hubs questions")
    (card,) = teams.cards()
    assert "open questions" in inline_texts(card)[0].lower()


def test_figures_card_links_a_spreadsheet_that_downloads(teams: Teams, seeds_briefing) -> None:
    teams.message("figures")
    (card,) = teams.cards()
    action, page = card["actions"]
    assert action["type"] == page["type"] == "Action.OpenUrl"
    assert action["title"] == "Download .xlsx" and page["title"] == "Full briefing"
    link = urlsplit(action["url"])
    assert link.netloc == "briefbot.example.org"  # BRIEFBOT_PUBLIC_URL
    with urllib.request.urlopen(f"{teams.url}{link.path}?{link.query}") as response:
        assert "attachment" in response.headers["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(response.read()))
    assert book["Figures"].max_row == len(seeds_briefing.figures) + 1
    forged = f"{teams.url}{link.path}?{link.query.replace('sig=', 'sig=0')}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged)
    assert refused.value.code == 403


def test_a_full_briefing_link_opens_the_page_and_an_altered_one_is_refused(teams: Teams) -> None:
    teams.message("status")
    (card,) = teams.cards()
    (page,) = [a for a in card["actions"] if a["title"] == "Full briefing"]
    link = urlsplit(page["url"])
    assert link.netloc == "briefbot.example.org" and link.path == "/briefing/hubs.html"
    with urllib.request.urlopen(f"{teams.url}{link.path}?{link.query}") as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert "<h1>Overseas return hubs" in response.read().decode()
    for query in (link.query.replace("sig=", "sig=0"), link.query.replace("expires=", "expires=1")):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{teams.url}{link.path}?{query}")
        assert refused.value.code == 403
        assert b"<" not in refused.value.read()  # a line of text, nothing of the briefing


def test_authentication_is_on_by_default(settings, connector) -> None:
    from dataclasses import replace

    strict = replace(settings, teams_allow_unauthenticated=False)
    with teams_with(strict, connector) as teams:
        assert teams.message("status").status == 401
        assert teams.message("status", auth="Bearer not-a-token").status == 401
        assert connector.sent() == []


def test_malformed_activities_get_a_clear_refusal(teams: Teams) -> None:
    request = urllib.request.Request(
        teams.url + "/api/messages", b"{not json", {"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 400 and b"JSON" in error.value.read()


def test_article_text_cannot_inject_card_markup_or_mentions(settings, connector, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Council plan\n\n"
        'The mayor said: "<at>Everyone</at> should read [this](https://evil.example) now, '
        '**really** ${secret} \ue006https://evil.example\ue007x\ue008 today."\n\n'
        "The council said 200 homes would be built by 2030.\n"
    )
    with teams_with(with_story(settings, folder), connector) as teams:
        for command in ("brief", "reactions", "search mayor"):
            teams.message(command)
        cards = teams.cards(wait=3)
        payload = json.dumps(connector.sent())
    assert cards
    assert "${" not in payload
    assert "\ue006" not in payload and "\\ue006" not in payload
    assert "evil.example)" in payload  # shown as text …
    for activity in connector.sent():
        assert not activity.get("entities")  # … and no one is mentioned
    for card in cards:
        assert card_errors(card) == []
        for block in card["body"]:
            for run in block.get("inlines", []):
                if "selectAction" in run:
                    assert "evil" not in run["selectAction"]["url"]


def test_install_remembers_the_conversation_and_says_hello(teams: Teams, services) -> None:
    teams.activity(
        {
            "type": "installationUpdate",
            "action": "add",
            "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": TENANT},
        }
    )
    (card,) = teams.cards(CHANNEL)
    assert any("Type /hubs" in line for line in inline_texts(card))
    assert services.store.address("teams", TENANT, CHANNEL)["service_url"]


def test_subscribe_and_digest_now_post_once_to_the_channel(teams: Teams, services) -> None:
    thread = CHANNEL + ";messageid=42"
    teams.message("<at>Briefbot</at> subscribe 07:30 Europe/Paris daily", conversation=thread,
                  kind="channel")  # fmt: skip
    (sub,) = services.store.subscriptions(platform="teams")
    assert (sub.workspace, sub.channel, sub.schedule.time) == (TENANT, CHANNEL, "07:30")
    teams.message("digest now", conversation=thread, kind="channel")
    teams.message("digest now", conversation=thread, kind="channel")  # same minute
    digests = [c for c in teams.cards(CHANNEL, wait=1) if "digest" in inline_texts(c)[0]]
    assert len(digests) == 1
    (digest,) = digests
    assert card_errors(digest) == []
    assert digest["actions"][0]["title"].startswith("Download the figures")
    assert digest["actions"][1]["title"] == "Full briefing"  # the page, signed like the file
    replies = "\n".join(line for c in teams.cards(thread, wait=3) for line in inline_texts(c))
    assert "Posted the digest" in replies and "already on its way" in replies
    (row,) = services.store.deliveries()
    assert row.status == "sent" and row.platform == "teams"


def test_a_long_reply_is_split_over_cards_within_the_size_limit(settings, connector, tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    reasons = ", ".join(
        f"reason {k} being that the plan costs more than anyone said" for k in range(8)
    )
    for n in range(40):
        quotes = " ".join(
            f'"Point {k} of speaker {n} is that the plan will fail, {reasons}," '
            f"Speaker{n} Person{n} said."
            for k in range(4)
        )
        (folder / f"{n}.txt").write_text(f"Report {n}\n\n{quotes}\n\nIt cost £{n + 1}m.\n")
    with teams_with(with_story(settings, folder), connector) as teams:
        teams.message("reactions")
        cards = teams.cards(wait=2)
    assert 2 <= len(cards) <= 5
    for card in cards:
        assert card_errors(card) == []  # includes the 28 KB message limit


def test_personal_chat_is_not_the_channel(teams: Teams, services) -> None:
    teams.message("subscribe")
    (sub,) = services.store.subscriptions()
    assert sub.channel == PERSONAL
