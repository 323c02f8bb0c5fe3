"""A merged figure's chat line shows each outlet's own number where outlets differ."""

from __future__ import annotations

from dataclasses import replace

from bot.layout import render_parts, source_labels
from bot.slack.blocks import SLACK
from briefings import Evidence, Figure, RawArticle, Story, build_briefing


def test_each_outlet_is_shown_with_the_number_it_printed() -> None:
    briefing = build_briefing(
        [
            RawArticle(
                "Crossings passed 12,000 this year.", "A", "a.txt", meta={"outlet": "Alpha"}
            ),
            RawArticle(
                "Some 12,700 people crossed this year.", "B", "b.txt", meta={"outlet": "Beta"}
            ),
        ]
    )
    one, two = (
        next(s for s in briefing.sentences.values() if n in s.text) for n in ("12,0", "12,7")
    )
    evidence = (
        Evidence(one.id.rpartition(":")[0], one.id, one.text, "12,000"),
        Evidence(two.id.rpartition(":")[0], two.id, two.text, "12,700"),
    )
    figure = Figure("f1", 12_700, "people", "12,700", "people crossed", None, "about", evidence)
    merged = replace(briefing, figures=(figure,), open_questions=())
    data = {"b": merged, "labels": source_labels(merged), "story": Story("s", "Crossings")}
    (line,) = [p.text for p in render_parts(SLACK, "figures", data) if p.kind == "section"]
    assert "as printed: *12,000* (Alpha) · *12,700* (Beta)" in line
