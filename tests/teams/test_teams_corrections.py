"""Corrections from Teams: the same text commands as Slack, editors by their Azure AD id."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.settings import Settings
from tests.chat.test_corrections import write_story
from tests.fakes.bot_connector import FAKE_USER_AAD_ID
from tests.fakes.cards import card_errors
from tests.teams.conftest import inline_texts, teams_with


def test_an_editor_corrects_from_teams_and_the_card_says_by_whom(
    settings: Settings, connector, tmp_path: Path
) -> None:
    config = write_story(tmp_path / "story", editors=(FAKE_USER_AAD_ID,))
    with teams_with(replace(settings, config_path=config), connector) as teams:
        teams.message('fix label "12,700" as crossings ${secret}')
        (card,) = teams.cards()
        assert card_errors(card) == []
        assert "Correction #1: @Fake User relabelled figure 12,700" in "\n".join(inline_texts(card))
        teams.message("figures")
        *_, figures = teams.cards(wait=2)
        lines = "\n".join(inline_texts(figures))
        assert "crossings $\u200b{secret}" in lines and "corrected by @Fake User" in lines
        teams.message("corrections")
        *_, listed = teams.cards(wait=3)
        assert "in effect" in "\n".join(inline_texts(listed))


def test_someone_not_listed_is_refused(settings: Settings, connector, tmp_path: Path) -> None:
    config = write_story(tmp_path / "story", editors=("someone-else",))
    with teams_with(replace(settings, config_path=config), connector) as teams:
        teams.message("fix hide question courts")
        (card,) = teams.cards()
        shown = "\n".join(inline_texts(card))
        assert "Only editors can correct the briefing" in shown and FAKE_USER_AAD_ID in shown
