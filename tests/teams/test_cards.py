"""Card sizes: Teams counts a card's bytes after JSON escaping, where every accent, curly
quote or £ may take six bytes (\\uXXXX), so a reply in any language must still fit."""

from __future__ import annotations

import pytest

from bot.commands import Caller, Reply, run
from bot.layout import Part
from bot.services import Services
from bot.settings import Settings
from bot.teams import cards as cards_module
from bot.teams.cards import BOLD, UNBOLD, as_text, build_cards
from tests.chat.conftest import with_story
from tests.fakes.cards import card_errors

NAMES = ["Zoë Ångström", "José Muñoz", "Łukasz Żółć", "Siobhán Ó Briain", "François Lefèvre"]


@pytest.fixture(scope="module")
def accented(tmp_path_factory) -> Services:
    """A story whose coverage is mostly non-ASCII: names, curly quotes, dashes and £."""
    folder = tmp_path_factory.mktemp("story") / "accented"
    folder.mkdir()
    for n in range(40):
        first, last = NAMES[n % len(NAMES)].split(" ", 1)
        quotes = " ".join(
            f"“Point {k}: the plan’s cost — £{n + k}m — is déjà vu, naïve and “über-risky”,” "
            f"{first}{n} {last} said."
            for k in range(6)
        )
        text = f"Rapport n°{n} — café crème\n\n{quotes}\n\nIt cost £{n + 1}m.\n"
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    settings = with_story(Settings(data_dir=folder.parent / "data"), folder)
    return Services.from_settings(settings)


def reply(services: Services, command: str) -> Reply:
    caller = Caller("teams", "tenant", "19:c@thread.tacv2", "user")
    return run(command, services.context(services.stories[0], caller))


@pytest.mark.parametrize("command", ["brief", "figures", "reactions"])
@pytest.mark.parametrize("max_cards", [5, 1])
def test_a_reply_full_of_non_ascii_text_splits_into_cards_teams_accepts(
    accented: Services, command: str, max_cards: int
) -> None:
    cards = build_cards(reply(accented, command), max_cards=max_cards)
    assert 1 <= len(cards) <= max_cards
    for card in cards:
        assert card_errors(card) == []  # schema, and the 28 KB limit counted with escapes
    assert "£" in as_text(cards)  # shown as written, not stripped to make it fit


def test_the_accented_brief_needs_several_cards(accented: Services) -> None:
    cards = build_cards(reply(accented, "brief"), max_cards=5)
    assert len(cards) > 1  # so the test above checks the split, not just one small card


def test_what_does_not_fit_in_one_card_is_pointed_to(accented: Services) -> None:
    (card,) = build_cards(reply(accented, "brief"), max_cards=1)
    assert "more lines did not fit in Teams" in as_text([card])


def test_a_line_longer_than_a_card_is_shortened_to_fit(monkeypatch) -> None:
    """Runs are capped at 2,000 characters, but an emoji is twelve escaped bytes and the
    first lines of a card count twice (as fallback text): one line can outgrow a card."""
    line = f"😀 {'😀' * 1990} {BOLD}{'é' * 1990}{UNBOLD} {'😀' * 1990}"
    parts = [Part("header", "Title"), Part("section", line), Part("section", "After")]
    monkeypatch.setattr(cards_module, "render_parts", lambda dialect, view, data: parts)
    cards = build_cards(Reply("status", {}), max_cards=5)
    assert all(card_errors(card) == [] for card in cards)
    shown = as_text(cards)
    assert shown.startswith("Title\n😀 😀😀") and "é…" in shown and shown.endswith("After")
