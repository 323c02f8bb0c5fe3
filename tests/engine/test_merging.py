"""Figures across sources: each cites only sentences printing its number, one measure's
disagreement is one entry, a later official figure is a revision, and each outlet keeps
its own number. Passages are fresh prose in British and American outlets' styles."""

from __future__ import annotations

import json
from pathlib import Path

from briefings import Briefing, RawArticle, analyze, assemble
from briefings.diff import changes, figure_key, summarize
from briefings.model import disagreements
from briefings.render import RENDERERS

CASES = Path(__file__).resolve().parents[1] / "cases" / "figures.json"


def brief(*parts: str | tuple[str, dict[str, str]]) -> Briefing:
    raws = []
    for n, part in enumerate(parts):
        text, meta = part if isinstance(part, tuple) else (part, {})
        raws.append(RawArticle(text=text, title=f"Story {n}", path=f"s{n}.txt", meta=meta))
    return assemble([analyze(raw) for raw in raws])


def test_every_figure_cites_only_sentences_printing_its_number(seeds_briefing: Briefing):
    briefings = [seeds_briefing]
    for case in json.loads(CASES.read_text("utf-8")):
        briefings.append(brief(*case["text"].split("=== SOURCE ===")))
    for briefing in briefings:
        for figure in briefing.figures:
            for e in figure.evidence:
                assert e.display and e.display in e.sentence, (figure.display, e)


def test_three_values_for_one_measure_are_one_disagreement_and_one_question():
    briefing = brief(
        "The Welsh government will spend £150m on the new rail link between the two "
        "valleys, ministers said.",
        "The new rail link between the two valleys will cost the Welsh government £180m, "
        "according to BBC Wales.",
        "The Welsh government has set aside £165m for the new rail link between the two valleys.",
    )
    found = disagreements(briefing.figures)
    assert len(found) == 1
    lead, rivals = found[0]
    assert {lead.display, *(c.display for c in rivals)} == {"£150m", "£165m", "£180m"}
    assert len(briefing.conflicts) == 2  # the first value against each other, no pairs
    asked = [q for q in briefing.open_questions if q.reason == "sources disagree on a figure"]
    assert len(asked) == 1
    assert all(v in asked[0].question for v in ("£150m", "£165m", "£180m"))


def test_unrelated_sentences_sharing_a_word_raise_no_question():
    briefing = brief(
        "ALBANY, N.Y. (AP) — About 40 people attended the town hall in Troy on Tuesday.",
        "The governor's approval rating stood at 52 percent in a Siena poll of voters.",
        "WASHINGTON (Reuters) - About 25 people attended a vigil outside the Capitol.",
        "Voters in Ohio gave the senator a 47 percent approval rating in a Monmouth survey.",
    )
    assert not briefing.conflicts
    assert not [q for q in briefing.open_questions if q.reason == "sources disagree on a figure"]


def test_a_later_official_figure_is_a_revision_with_both_dates():
    briefing = brief(
        (
            "Thornbury Borough Council expects to cut 480 posts over two years, the "
            "authority said in its draft budget.",
            {"outlet": "BBC News", "published": "2026-03-02"},
        ),
        (
            "Thornbury Borough Council will now cut 560 posts, the council leader said on "
            "Friday as she published revised figures.",
            {"outlet": "The Guardian", "published": "2026-03-09"},
        ),
    )
    assert not briefing.conflicts
    revised = [f for f in briefing.figures if f.revised_from]
    assert [f.display for f in revised] == ["560"]
    before = revised[0].revised_from
    assert before is not None
    assert (before.display, before.before, before.after) == ("480", "2026-03-02", "2026-03-09")
    text = RENDERERS["text"](briefing)
    assert "revised from 480" in text and "2026-03-02" in text
    data = json.loads(RENDERERS["json"](briefing))
    assert any(f["revised_from"] and f["revised_from"]["display"] == "480" for f in data["figures"])


def test_the_same_values_at_the_same_dates_without_an_official_still_disagree():
    briefing = brief(
        ("Thornbury Borough Council is to cut 480 posts, a union source claimed.",
         {"published": "2026-03-02"}),
        ("Thornbury Borough Council is to cut 560 posts, a union source claimed.",
         {"published": "2026-03-09"}),
    )  # fmt: skip
    assert len(briefing.conflicts) == 1
    assert not any(f.revised_from for f in briefing.figures)


def test_a_merged_figure_shows_each_outlets_own_number():
    briefing = brief(
        "More than 12,000 people have crossed the Channel in small boats so far this year.",
        "Some 12,700 people have crossed the Channel in small boats so far this year, "
        "Home Office figures show.",
    )
    (figure,) = [f for f in briefing.figures if f.value >= 12_000]
    assert dict(figure.printed).keys() == {"12,700", "12,000"}
    assert figure.printed[0][0] == figure.display
    assert "as printed: 12,700" in RENDERERS["text"](briefing)


def test_the_same_number_for_different_things_is_two_figures():
    briefing = brief(
        "The council will build 300 homes on the former depot site, the planning committee said.",
        "Around 300 staff will move to the council's new offices next year, the council said.",
    )
    assert len([f for f in briefing.figures if f.value == 300]) == 2


def test_close_counts_of_one_noun_in_two_contexts_are_two_figures():
    briefing = brief(
        "About 270 people have been resettled under the refugee programme, officials said.",
        "The ferry disaster of 1987 killed 250 people, the mayor recalled on Friday.",
    )
    counts = sorted((f.value, len(f.conflicts)) for f in briefing.figures if f.unit == "people")
    assert counts == [(250, 0), (270, 0)]


def test_changes_list_only_new_or_revised_figures():
    first = [
        "Thornbury Borough Council is to cut 480 posts to close its budget gap, the "
        "authority said.",
        "The council's plan to cut 480 posts was approved by councillors on Tuesday.",
    ]
    later = [
        "Some 480 jobs at Thornbury council will go, union leaders said on Wednesday.",
        "Some 480 jobs at Thornbury council will go, the GMB union said in a statement.",
        "Some 480 jobs at Thornbury council will go, and 11 libraries will close, union "
        "leaders said.",
    ]
    before = summarize(brief(*first))
    now = brief(*first, *later)
    found = changes(before, now)
    assert figure_key(now.figures[0]) not in before["figures"]  # its wording moved on
    assert "480" not in [f.display for f in found.figures]
    assert [f.display for f in found.figures] == [f.display for f in now.figures if f.value == 11]
    assert not found.revised
    assert changes(summarize(now), now).empty


def test_an_outlet_printing_its_number_twice_in_other_words_shows_it_once():
    briefing = brief(
        "Arrivals by small boat rose 33 per cent on the same period last year, official "
        "figures showed.",
        "Harbour crossings rise by 40% as summer begins.\n\n"
        "Arrivals by small boat have risen 40% this year alone, the coastguard said.",
    )
    forty = [f for f in briefing.figures if f.display == "40%"]
    assert len(forty) == 1
    assert len(forty[0].evidence) == 2  # the headline's sentence and the body's
