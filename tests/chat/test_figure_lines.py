"""A merged figure's chat line shows each outlet's own number where outlets differ."""

from __future__ import annotations

from bot.layout import render_parts, source_labels
from bot.slack.blocks import SLACK
from briefings import Briefing, Story


def test_each_outlet_is_shown_with_the_number_it_printed(printed_two_ways: Briefing) -> None:
    merged = printed_two_ways
    data = {"b": merged, "labels": source_labels(merged), "story": Story("s", "Crossings")}
    (line,) = [p.text for p in render_parts(SLACK, "figures", data) if p.kind == "section"]
    assert "as printed: *12,700* (Beta) · *12,000* (Alpha)" in line
