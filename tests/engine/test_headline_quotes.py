"""A headline that is a name, a colon and a quote ('Reyes: ‘We Will Keep …’') is that
person's words as the outlet printed them: the title line gives a quote, cited and
verified like any other, and never a point of the announcement."""

from __future__ import annotations

from pathlib import Path

from briefings import build_briefing, read_article

BODY = (
    "Mayor Tom Reyes spoke to the council on Tuesday about the budget gap, which has "
    "grown to £12m this year.\n\n"
    "Transcript as follows:\n\n"
    "\u201cWe have made hard choices, and we will make more before the spring.\u201d\n"
)


def brief(tmp_path: Path, title: str) -> dict[str, list[str]]:
    path = tmp_path / "article.txt"
    path.write_text(f"{title}\n\n{BODY}", "utf-8")
    briefing = build_briefing([read_article(path)])
    announcement = briefing.announcement
    lines = [announcement.headline, *announcement.summary, *announcement.points]
    quotes = {r.speaker: [q.text for q in r.quotes] for r in briefing.reactions}
    return {"points": [p.text for p in lines if p is not None], **quotes}


def test_a_quote_headline_is_the_named_speakers(tmp_path: Path) -> None:
    out = brief(tmp_path, "Reyes: \u2018We Will Keep Every Library Open.\u2019")
    assert any("We Will Keep Every Library Open" in q for q in out["Tom Reyes"])
    assert not any("We Will Keep" in p for p in out["points"])


def test_straight_single_marks_too(tmp_path: Path) -> None:
    out = brief(tmp_path, "Reyes: 'Never underestimate this council.'")
    assert any("Never underestimate this council" in q for q in out["Tom Reyes"])


def test_a_plain_headline_gives_no_quote(tmp_path: Path) -> None:
    out = brief(tmp_path, "Council budget gap grows to £12m")
    said = [q for name, quotes in out.items() if name != "points" for q in quotes]
    assert not any("budget gap grows" in q for q in said)


def test_transcript_is_nobody(tmp_path: Path) -> None:
    out = brief(tmp_path, "Council budget gap grows to £12m")
    assert "Transcript" not in out
