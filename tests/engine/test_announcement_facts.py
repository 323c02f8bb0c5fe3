"""The announcement on a story it never saw: each line cites every outlet reporting its
fact, says something no other line says, and never takes a columnist's claim as fact.
Fresh prose: a council's collapse as the BBC, the Guardian, Reuters and a columnist would
write it."""

from __future__ import annotations

import re

from briefings import Briefing, RawArticle, analyze, assemble

BBC = "\n\n".join(
    [
        (
            "Harrowby Borough Council has declared itself effectively bankrupt after running out "
            "of money to balance its books."
        ),
        (
            "The council issued a section 114 notice on Monday, which bans all new spending "
            "except on essential services."
        ),
        (
            "Council leader Joan Peters said the authority faced a £62m gap in its budget for "
            "next year."
        ),
        "The council has asked the government for a £38m loan to keep services running.",
        ("It also wants permission to raise council tax by 14.99%, far above the usual 4.99% cap."),
        "Councillors voted 31-12 to approve the emergency budget on Monday night.",
        "The government must respond to the request by 31 May.",
    ]
)

GUARDIAN = "\n\n".join(
    [
        (
            "Harrowby Borough Council has effectively declared itself bankrupt, becoming the "
            "latest English council to run out of money."
        ),
        (
            "The Labour-run authority issued a section 114 notice after failing to close a £62m "
            "gap in its finances."
        ),
        (
            "Harrowby has asked ministers for a £38m loan and for permission to raise council tax"
            " by 14.99%."
        ),
        "Councillors backed the emergency budget by 31 votes to 12.",
        "Unions warned that hundreds of jobs were at risk.",
        "Ministers have until 31 May to decide on the council's request.",
    ]
)

REUTERS = "\n\n".join(
    [
        (
            "LONDON (Reuters) - Harrowby Borough Council in England declared itself effectively "
            "bankrupt on Monday, after running out of money to balance its books."
        ),
        (
            "The council faces a £62m ($80 million) gap in its budget for next year, its leader "
            "said."
        ),
        (
            "Harrowby has asked the central government for a £38m loan and for permission to "
            "raise council tax by 14.99%."
        ),
        "The government has until 31 May to respond to the request.",
    ]
)

COLUMN = "\n\n".join(
    [
        (
            "Harrowby's bankruptcy is the inevitable result of a decade of reckless borrowing by "
            "its own councillors."
        ),
        (
            "The unions are right that hundreds of jobs are at risk, and the councillors who "
            "gambled on property are to blame."
        ),
        (
            "Harrowby Borough Council declared itself effectively bankrupt after councillors "
            "gambled the money for services on commercial property and lost it."
        ),
        (
            "Ministers should refuse the request and send in commissioners to run the council "
            "instead."
        ),
    ]
)


def brief(column_kind: str = "opinion") -> Briefing:
    texts = [
        (BBC, {"outlet": "BBC News"}),
        (GUARDIAN, {"outlet": "The Guardian"}),
        (REUTERS, {"outlet": "Reuters"}),
        (COLUMN, {"outlet": "The Daily Courier", "kind": column_kind}),
    ]
    raws = [
        RawArticle(text=text, title=f"Harrowby {n}", path=f"{n}.txt", meta=meta)
        for n, (text, meta) in enumerate(texts)
    ]
    return assemble([analyze(raw) for raw in raws])


def outlets(briefing: Briefing, sources: tuple[str, ...]) -> set[str]:
    return {briefing.source(s).name for s in sources}


NEWS = {"BBC News", "The Guardian", "Reuters"}


def _sums(text: str) -> set[str]:
    """Sums, shares and numbers of three digits or more a line prints (not '31', '12')."""
    return set(re.findall(r"£\d[\d.,]*m?|\d+\.\d+%?|\d{3,}", text))


def test_the_headline_cites_every_outlet_reporting_it():
    briefing = brief()
    headline = briefing.announcement.headline
    assert headline is not None and "bankrupt" in headline.text
    assert outlets(briefing, headline.sources + headline.also) == NEWS
    assert all(e.sentence.find(headline.text) >= 0 for e in headline.evidence)  # its words


def test_a_fact_in_other_words_with_the_same_number_is_support():
    briefing = brief()
    lines = [*briefing.announcement.summary, *briefing.announcement.points]
    (deadline,) = [p for p in lines if "31 May" in p.text]
    assert outlets(briefing, deadline.sources + deadline.also) == NEWS  # 'until 31 May' too


def test_the_story_s_asks_reach_the_summary():
    briefing = brief()
    summary = " ".join(p.text for p in briefing.announcement.summary)
    assert "£38m" in summary and "14.99%" in summary


def test_no_two_lines_state_the_same_number_fact():
    briefing = brief()
    lines = [*briefing.announcement.summary[1:], *briefing.announcement.points]
    for n, line in enumerate(lines):
        for other in lines[:n]:
            shared = _sums(line.text) & _sums(other.text)
            assert not shared, (line.text, other.text)
    votes = [p for p in lines if "31" in p.text and "12" in p.text]
    assert len(votes) <= 1


def test_a_column_never_supplies_a_line_as_fact():
    as_news = brief(column_kind="news")
    column = {s.id for s in as_news.sources if s.name == "The Daily Courier"}
    lines = [*as_news.announcement.summary, *as_news.announcement.points]
    assert any(p.evidence[0].source in column for p in lines)  # it would, as news
    briefing = brief()
    column = {s.id for s in briefing.sources if s.name == "The Daily Courier"}
    assert {s.kind for s in briefing.sources if s.id in column} == {"opinion"}
    for point in [*briefing.announcement.summary, *briefing.announcement.points]:
        assert point.evidence[0].source not in column, point.text
