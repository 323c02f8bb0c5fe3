"""`timeline` in Teams: valid Adaptive Cards under the size limit, events in date order."""

from __future__ import annotations

import json

from tests.chat.conftest import with_story
from tests.chat.test_timeline_command import story_folder
from tests.fakes.cards import card_errors
from tests.teams.conftest import inline_texts, teams_with


def test_teams_timeline_card(settings, connector, tmp_path) -> None:
    with teams_with(with_story(settings, story_folder(tmp_path)), connector) as teams:
        teams.message("timeline")
        cards = teams.cards()
    assert cards
    for card in cards:
        assert card_errors(card) == []
        assert len(json.dumps(card).encode()) < 28_000
    lines = "\n".join(line for card in cards for line in inline_texts(card))
    assert "timeline" in lines.splitlines()[0]
    assert "Thu 5 Mar 2026" in lines and "Tue 14 Apr 2026" in lines
    assert lines.index("Thu 5 Mar 2026") < lines.index("Tue 14 Apr 2026")
    assert "<at>" not in json.dumps(cards)
