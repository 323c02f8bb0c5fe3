"""Editors' corrections laid over a briefing: each kind does what an editor asked, marks what
it changed, finds its item again after a rebuild or a new article, and a correction whose
item is gone is reported stale instead of vanishing."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import jsonschema
import openpyxl
import pytest

from briefings import (
    RENDERERS,
    Briefing,
    Corpus,
    Correction,
    RawArticle,
    Target,
    analyze,
    apply_corrections,
    assemble,
    load_articles,
    render_xlsx,
    target_of,
    to_dict,
)
from briefings.render.json import schema

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
AT = "2026-11-23T09:00:00+00:00"


def fix(n: int, kind: str, *targets: Target, value: str = "", by: str = "@alice") -> Correction:
    return Correction(n, kind, targets, value, by, AT)  # type: ignore[arg-type]


def speaker(b: Briefing, name: str):
    return next(r for r in b.reactions if r.speaker == name)


def figure(b: Briefing, display: str, label_word: str = ""):
    return next(f for f in b.figures if f.display == display and label_word in f.label)


def quotes_of(b: Briefing) -> dict[str, str]:
    return {q.text: r.speaker for r in b.reactions for q in r.quotes}


def test_a_quote_moves_to_another_speaker_and_says_who_moved_it(seeds_briefing) -> None:
    philp = speaker(seeds_briefing, "Chris Philp")
    quote = philp.quotes[0]
    corrected = apply_corrections(
        seeds_briefing, [fix(1, "move_quote", target_of(quote, philp.speaker), value="Jane Roe")]
    )
    assert quotes_of(corrected)[quote.text] == "Jane Roe"
    assert quotes_of(seeds_briefing)[quote.text] == "Chris Philp"  # the input is unchanged
    moved = next(q for r in corrected.reactions for q in r.quotes if q.text == quote.text)
    assert [(m.by, m.what) for m in moved.corrected] == [("@alice", "moved from Chris Philp")]
    assert len(speaker(corrected, "Chris Philp").quotes) == len(philp.quotes) - 1
    assert [c.id for c in corrected.corrections.applied] == [1]


def test_a_quote_moved_to_unknown_and_a_speaker_left_with_none_goes(seeds_briefing) -> None:
    official = speaker(seeds_briefing, "UK government official")
    (quote,) = official.quotes
    corrected = apply_corrections(
        seeds_briefing, [fix(1, "move_quote", target_of(quote), value="unknown")]
    )
    assert "UK government official" not in [r.speaker for r in corrected.reactions]
    unknown = speaker(corrected, "Unknown speaker")
    assert unknown.quotes[0].text == quote.text and not unknown.is_person


def test_speakers_merge_split_and_take_a_stance_and_a_role(seeds_briefing) -> None:
    b = seeds_briefing
    spokesperson = speaker(b, "Keir Starmer's spokesperson")
    starmer = speaker(b, "Keir Starmer")
    split_off = starmer.quotes[:2]
    corrected = apply_corrections(
        b,
        [
            fix(
                1,
                "merge_speakers",
                target_of(spokesperson),
                target_of(speaker(b, "Downing Street")),
            ),
            fix(2, "split_speaker", target_of(starmer), *map(target_of, split_off), value="Sir K"),
            fix(3, "set_stance", Target("speaker", "Edi Rama"), value="critical", by="@bob"),
            fix(4, "set_role", Target("speaker", "Mr Philp"), value="chief whip"),
            fix(5, "set_role", Target("speaker", "Keir Starmer"), value=""),
        ],
    )
    names = [r.speaker for r in corrected.reactions]
    assert "Keir Starmer's spokesperson" not in names
    downing = speaker(corrected, "Downing Street")
    assert {q.text for q in spokesperson.quotes} <= {q.text for q in downing.quotes}
    assert "Keir Starmer's spokesperson" in downing.aliases
    assert [q.text for q in speaker(corrected, "Sir K").quotes] == [q.text for q in split_off]
    rama = speaker(corrected, "Edi Rama")
    assert (rama.stance, rama.stance_evidence, rama.corrected[0].by) == ("critical", "", "@bob")
    assert speaker(corrected, "Chris Philp").role == "chief whip"  # found by an alias
    assert speaker(corrected, "Keir Starmer").role is None
    assert not corrected.corrections.stale


def test_hidden_items_are_not_shown_anywhere(seeds_briefing) -> None:
    b = seeds_briefing
    quote = speaker(b, "Edi Rama").quotes[0]
    point, question = b.announcement.points[0], b.open_questions[0]
    headline = b.announcement.headline
    hidden = figure(b, "£1m")
    corrected = apply_corrections(
        b,
        [
            fix(1, "hide", target_of(quote)),
            fix(2, "hide", target_of(point)),
            fix(3, "hide", target_of(question)),
            fix(4, "hide", target_of(hidden)),
            fix(5, "hide", target_of(headline)),
        ],
    )
    text, listed = RENDERERS["text"](corrected).split("\nCORRECTIONS\n")
    for words in (quote.text, point.text, question.question, hidden.label, headline.text):
        assert words not in text
    assert listed.count("@alice hid ") == 5  # only the corrections list names them
    assert corrected.announcement.headline == b.announcement.summary[1]  # the next one leads
    assert len(corrected.corrections.applied) == 5


def test_a_figure_is_relabelled_and_marked_in_every_format(seeds_briefing) -> None:
    crossings = figure(seeds_briefing, "12,700")
    hostile = '=HYPERLINK("http://evil.example","x") <!channel> *bold* [l](http://x)'
    corrected = apply_corrections(
        seeds_briefing, [fix(1, "relabel", target_of(crossings), value=hostile, by="@ed")]
    )
    assert figure(corrected, "12,700").label == hostile
    assert "(corrected by @ed)" in RENDERERS["text"](corrected)
    markdown = RENDERERS["markdown"](corrected)
    assert "corrected by @ed" in markdown and "[l](http" not in markdown
    data = json.loads(RENDERERS["json"](corrected))
    jsonschema.validate(data, schema())
    shown = next(f for f in data["figures"] if f["display"] == "12,700")
    assert shown["corrected"] == [{"by": "@ed", "at": AT, "what": "label corrected"}]
    assert data["corrections"]["applied"][0]["description"].startswith("relabelled figure 12,700")
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(corrected)))
    rows = list(wb["Figures"].iter_rows(values_only=True))
    row = next(r for r in rows if r[2] == "12,700")
    assert row[3] == hostile and wb["Figures"].cell(rows.index(row) + 1, 4).data_type == "s"
    assert row[rows[0].index("Corrected by")] == "@ed (label corrected)"
    assert [r[1:] for r in wb["Corrections"].iter_rows(min_row=2, values_only=True)] == [
        (corrected.corrections.applied[0].describe(), "@ed", AT, "applied")
    ]


def test_two_figures_of_one_measure_merge_or_disagree(seeds_briefing) -> None:
    two = assemble(
        [
            analyze(RawArticle(text=text, title=f"Bridge {n}", path=f"b{n}.txt"))
            for n, text in enumerate(
                (
                    "The council will spend £12m on the new footbridge over the Ouse.",
                    "Residents welcomed the £12m crossing, which opens in the spring.",
                )
            )
        ]
    )
    footbridge, crossing = figure(two, "£12m", "footbridge"), figure(two, "£12m", "crossing")
    merged = [
        f
        for f in apply_corrections(
            two, [fix(1, "same_measure", target_of(footbridge), target_of(crossing))]
        ).figures
        if f.display == "£12m"
    ]
    assert len(merged) == 1
    assert set(merged[0].evidence) == set(footbridge.evidence) | set(crossing.evidence)

    b = seeds_briefing
    crossings, since_january = figure(b, "12,700"), figure(b, "12,000")
    corrected = apply_corrections(
        b, [fix(2, "same_measure", target_of(crossings), target_of(since_january))]
    )
    big = figure(corrected, "12,700")
    assert [c.display for c in big.conflicts] == ["12,000"]
    asked = [q for q in corrected.open_questions if q.question.startswith("Which is right for")]
    assert any("12,700" in q.question and "12,000" in q.question and q.corrected for q in asked)


def test_figures_marked_as_not_in_conflict_ask_no_question(seeds_briefing) -> None:
    b = seeds_briefing
    (lead, rival), *_ = b.conflicts
    other = next(f for f in b.figures if f.id == rival.figure)
    corrected = apply_corrections(b, [fix(1, "not_conflict", target_of(lead), target_of(other))])
    assert not corrected.conflicts
    before = [q for q in b.open_questions if q.question.startswith("Which is right")]
    assert before and not any(
        q.question.startswith("Which is right") for q in corrected.open_questions
    )
    assert len(corrected.open_questions) == len(b.open_questions) - len(before)


def test_a_removed_article_leaves_no_trace_but_the_corrections_list(seeds_briefing) -> None:
    b = seeds_briefing
    lead = next(s for s in b.sources if any(o.duplicate_group == s.id != o.id for o in b.sources))
    corrected = apply_corrections(b, [fix(1, "remove_article", target_of(lead))])
    assert lead.id not in [s.id for s in corrected.sources]
    cited = [
        e.source
        for item in (*corrected.announcement.summary, *corrected.announcement.points)
        for e in (*item.evidence, *item.support)
    ]
    cited += [e.source for r in corrected.reactions for q in r.quotes for e in q.evidence]
    cited += [e.source for f in corrected.figures for e in f.evidence]
    cited += [e.source for q in corrected.open_questions for e in q.evidence]
    cited += [s for f in corrected.figures for c in f.conflicts for s in c.sources]
    assert cited and lead.id not in cited
    assert all(r.quotes for r in corrected.reactions)
    groups = {s.duplicate_group for s in corrected.sources}
    assert groups <= {s.id for s in corrected.sources}  # the copy leads its group now
    RENDERERS["text"](corrected)  # every citation and group still numbers a listed source
    jsonschema.validate(to_dict(corrected), schema())


def test_a_correction_whose_item_is_gone_is_stale_not_dropped(seeds_briefing) -> None:
    gone = Target("quote", "Words nobody ever said here.", "s000", "Nobody said it.")
    corrected = apply_corrections(
        seeds_briefing,
        [
            fix(1, "hide", gone),
            fix(2, "set_stance", Target("speaker", "Nobody"), value="critical"),
            fix(3, "set_role", Target("speaker", "Edi Rama"), value="PM"),
        ],
    )
    assert [c.id for c in corrected.corrections.stale] == [1, 2]
    assert [c.id for c in corrected.corrections.applied] == [3]
    text = RENDERERS["text"](corrected)
    assert "#1 @alice hid quote “Words nobody ever said here.” -- stale" in text
    assert to_dict(corrected)["corrections"]["stale"][1]["kind"] == "set_stance"


@pytest.fixture(scope="module")
def analyses(seeds_dir):
    raws, _ = load_articles([seeds_dir])
    return [analyze(raw) for raw in raws]


def test_corrections_find_their_items_after_new_articles_and_in_any_order(analyses) -> None:
    """Stored identities, not positions: the same corrections hold on a story that grew
    by an article, and on a rebuild that read the articles in another order."""
    corpus = Corpus()
    for analysis in analyses[:-1]:
        corpus.add(analysis)
    first = corpus.briefing(NOW)
    philp = speaker(first, "Chris Philp")
    fixes = [
        fix(1, "move_quote", target_of(philp.quotes[-1], philp.speaker), value="Jane Roe"),
        fix(2, "relabel", target_of(figure(first, "12,700")), value="small-boat crossings"),
        fix(3, "set_stance", target_of(speaker(first, "Edi Rama")), value="neutral"),
    ]
    corpus.correct(fixes)
    corpus.add(analyses[-1])  # an article arrives after the corrections
    grown = corpus.briefing(NOW)
    rebuilt = apply_corrections(assemble(reversed(analyses), now=NOW), fixes)
    for b in (grown, rebuilt):
        assert quotes_of(b)[philp.quotes[-1].text] == "Jane Roe"
        assert figure(b, "12,700").label == "small-boat crossings"
        assert speaker(b, "Edi Rama").stance == "neutral"
        assert not b.corrections.stale and len(b.corrections.applied) == 3


def test_no_corrections_change_nothing(seeds_briefing) -> None:
    assert apply_corrections(seeds_briefing, []) is seeds_briefing
