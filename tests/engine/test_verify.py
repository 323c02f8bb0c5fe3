"""Verification: nothing leaves the engine unless the sentences it cites say it.

The forged items below are what an extractor bug would produce (a quote under a source
that words it differently, a number under an outlet that printed another, a sentence that
is not in its source); the property test briefs random mixes of every labelled article
and checks each shown item against its sources independently of the verifier's code.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings import (
    Briefing,
    Evidence,
    Figure,
    Point,
    Quote,
    RawArticle,
    build_briefing,
    load_articles,
)
from briefings.model import Reaction
from briefings.render.json import render_json
from briefings.verbatim import fold, printed
from briefings.verify import Verifier

CASES = Path(__file__).resolve().parents[1] / "cases"

COUNCIL = RawArticle(
    title="Council approves flood barrier",
    path="a.txt",
    meta={"outlet": "Riverside Echo"},
    text=(
        "The city council approved a £12.5m flood barrier on Tuesday.\n\n"
        "Mayor Ruth Okafor said: “This barrier will protect 4,000 homes from the river.”\n\n"
        "Residents said they had waited ten years for the scheme."
    ),
)
WIRE = RawArticle(
    title="Flood barrier approved",
    path="b.txt",
    meta={"outlet": "Daily Wire"},
    text=(
        "Councillors voted for a £13m flood barrier on Tuesday night.\n\n"
        "“It will keep thousands of homes safe,” Mayor Ruth Okafor said."
    ),
)


def briefed() -> Briefing:
    return build_briefing([COUNCIL, WIRE])


def evidence_from(briefing: Briefing, outlet: str, containing: str) -> Evidence:
    source = next(s for s in briefing.sources if s.outlet == outlet)
    sentence = next(
        s
        for s in briefing.sentences.values()
        if s.id.startswith(source.id + ":") and containing in s.text
    )
    return Evidence(source.id, sentence.id, sentence.text)


def test_a_quote_stays_only_under_the_sources_that_print_its_words() -> None:
    briefing = briefed()
    mayor = next(r for r in briefing.reactions if r.speaker == "Ruth Okafor")
    words = "This barrier will protect 4,000 homes from the river."
    merged = Quote(
        words,
        direct=True,
        evidence=(
            evidence_from(briefing, "Riverside Echo", "protect"),
            evidence_from(briefing, "Daily Wire", "keep thousands"),
        ),
    )
    forged = replace(briefing, reactions=(replace(mayor, quotes=(merged,)),))

    checked = Verifier().verify(forged)

    (quote,) = checked.reactions[0].quotes
    assert [briefing.source(s).outlet for s in quote.sources] == ["Riverside Echo"]
    assert checked.audit.corrected == 1 and checked.audit.dropped == 0
    assert checked.audit.reasons == {"quote not verbatim in a cited source": 1}


def test_one_quote_worded_two_ways_is_shown_in_words_its_outlets_printed() -> None:
    """Outlets transcribe the same remark differently: the quote is one, each wording a
    variant citing only the outlets that printed it, so every citation holds."""
    said = {
        "Harbour Gazette": (
            "Mayor Ines Carvalho attacked the winter ferry timetable on Monday.",
            "“We won't let the ferry service be cut while I am mayor,” she said.",
        ),
        "Coastal Post": (
            "The island's mayor, Ines Carvalho, vowed to fight the operator's plan.",
            "“We will not let the ferry service be cut while I'm mayor,” she said.",
        ),
        "Evening Light": (
            "Ines Carvalho, the mayor, met the operator's board in Lisbon.",
            "“We won't let the ferry service be cut while I am mayor,” she said.",
        ),
    }
    raws = [
        RawArticle(
            title=f"Ferry story {n}",
            path=f"{n}.txt",
            meta={"outlet": outlet},
            text="\n\n".join(paragraphs),
        )
        for n, (outlet, paragraphs) in enumerate(said.items())
    ]
    briefing = build_briefing(raws)

    mayor = next(r for r in briefing.reactions if r.speaker == "Ines Carvalho")
    (quote,) = (q for q in mayor.quotes if "ferry" in q.text)
    outlets = {s.id: s.outlet for s in briefing.sources}
    assert {outlets[s] for s in quote.sources} == {"Harbour Gazette", "Evening Light"}
    (variant,) = quote.variants
    assert [outlets[s] for s in variant.sources] == ["Coastal Post"]
    for wording in (quote, variant):
        for e in wording.evidence:
            assert fold(wording.text) in fold(e.sentence)
    assert "quote not verbatim in a cited source" not in briefing.audit.reasons

    shown = json.loads(render_json(briefing))
    (as_json,) = (q for r in shown["reactions"] for q in r["quotes"] if "ferry" in q["text"])
    assert [v["text"] for v in as_json["variants"]] == [variant.text]


def test_words_no_source_prints_are_never_shown() -> None:
    briefing = briefed()
    invented = Quote(
        "The barrier is a waste of money",
        direct=True,
        evidence=(evidence_from(briefing, "Riverside Echo", "protect"),),
    )
    speaker = Reaction("Ruth Okafor", "mayor", "critical", "", (invented,))
    checked = Verifier().verify(replace(briefing, reactions=(speaker,)))
    assert checked.reactions == ()
    assert checked.audit.dropped == 1
    assert checked.audit.reasons["no citation left"] == 1


def test_a_sentence_shown_for_a_quote_must_hold_the_quote() -> None:
    briefing = briefed()
    said = evidence_from(briefing, "Riverside Echo", "protect")
    # A quote whose shown sentence is another one (the attribution's, say): a reader would
    # see the sentence and never the words.
    quote = Quote(
        "This barrier will protect 4,000 homes from the river.",
        direct=True,
        evidence=(said,),
        context="The city council approved a £12.5m flood barrier on Tuesday.",
    )
    mayor = Reaction("Ruth Okafor", "mayor", "supportive", "", (quote,))
    checked = Verifier().verify(replace(briefing, reactions=(mayor,)))
    assert checked.reactions == ()
    assert "sentence shown for a quote does not hold its words" in checked.audit.reasons


def test_an_indirect_statement_needs_a_sentence_that_refers_to_its_speaker() -> None:
    briefing = briefed()
    claim = Quote(
        "they had waited ten years for the scheme",
        direct=False,
        evidence=(evidence_from(briefing, "Riverside Echo", "waited"),),
    )
    residents = Reaction("Residents", None, "neutral", "", (claim,), is_person=False)
    wrong = Reaction("Harold Benn", "engineer", "neutral", "", (claim,))

    checked = Verifier().verify(replace(briefing, reactions=(residents, wrong)))

    assert [r.speaker for r in checked.reactions] == ["Residents"]
    assert "statement's sentence does not name or refer to the speaker" in checked.audit.reasons


def test_a_figure_keeps_only_the_sentences_that_print_its_number() -> None:
    briefing = briefed()
    figure = Figure(
        id="f-barrier",
        value=12.5e6,
        unit="GBP",
        display="£12.5m",
        label="flood barrier",
        period=None,
        qualifier="exact",
        evidence=(
            evidence_from(briefing, "Riverside Echo", "£12.5m"),
            evidence_from(briefing, "Daily Wire", "£13m"),
        ),
    )
    checked = Verifier().verify(replace(briefing, figures=(figure,)))
    (kept,) = checked.figures
    assert [briefing.source(s).outlet for s in kept.sources] == ["Riverside Echo"]
    assert checked.audit.reasons == {"figure's number not printed in a cited sentence": 1}


def test_each_source_is_checked_against_the_number_it_printed() -> None:
    briefing = briefed()
    wire = evidence_from(briefing, "Daily Wire", "£13m")
    figure = Figure(
        "f-barrier", 12.5e6, "GBP", "£12.5m", "flood barrier", None, "about",
        (evidence_from(briefing, "Riverside Echo", "£12.5m"), replace(wire, display="£13m")),
    )  # fmt: skip
    checked = Verifier().verify(replace(briefing, figures=(figure,)))
    assert len(checked.figures[0].sources) == 2
    assert checked.audit.reasons == {}


def test_a_citation_whose_sentence_is_not_in_its_source_is_taken_off() -> None:
    briefing = briefed()
    real = evidence_from(briefing, "Riverside Echo", "approved")
    tampered = replace(real, sentence=real.sentence.replace("£12.5m", "£125m"))
    elsewhere = replace(real, source=evidence_from(briefing, "Daily Wire", "voted").source)
    point = Point(real.sentence, (real, tampered, elsewhere))
    announcement = replace(briefing.announcement, headline=point)

    checked = Verifier().verify(replace(briefing, announcement=announcement))

    assert checked.announcement.headline == Point(real.sentence, (real,))
    assert checked.audit.reasons == {"cited sentence not in its source": 2}


def test_a_point_reworded_by_another_outlet_does_not_cite_it() -> None:
    briefing = briefed()
    echo = evidence_from(briefing, "Riverside Echo", "approved")
    wire = evidence_from(briefing, "Daily Wire", "voted")
    announcement = replace(briefing.announcement, points=(Point(echo.sentence, (echo, wire)),))
    checked = Verifier().verify(replace(briefing, announcement=announcement))
    assert checked.announcement.points[0].evidence == (echo,)


def test_the_audit_counts_what_a_real_briefing_checked() -> None:
    briefing = briefed()
    assert briefing.audit.checked >= len(briefing.figures) + len(briefing.open_questions)
    assert briefing.audit.citations >= briefing.audit.checked
    assert briefing.audit.summary().startswith(f"verified {briefing.audit.checked} items")


def test_printed_reads_whole_numbers_only() -> None:
    assert printed("12,000", "Crossings passed 12,000 this year.")
    assert not printed("12,000", "Crossings passed 112,000 this year.")
    assert not printed("12,700", "Crossings passed 12,000 this year.")
    assert printed("95%", "It fell by 95% in a year.")
    assert not printed("95%", "It fell by over 90% in a year.")
    assert printed("dozens", "Dozens of homes were flooded.")


# -- property: whatever the mix of articles, every shown item holds ------------------------


def labelled_articles() -> list[RawArticle]:
    out = []
    for name in ("quotes", "figures", "questions"):
        for case in json.loads((CASES / f"{name}.json").read_text("utf-8")):
            for n, part in enumerate(case["text"].split("=== SOURCE ===")):
                path = f"{case['label']}-{n}.txt"
                out.append(RawArticle(text=part.strip(), title="", path=path))
    return out


ARTICLES = labelled_articles()
SEEDS = load_articles([Path(__file__).resolve().parents[2] / "seeds"])[0]
"""One story in five outlets' words: where merging across outlets is put to the test."""
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def unverifiable(briefing: Briefing) -> list[str]:
    """Every shown (item, source) pair whose cited sentences do not say it."""
    found = []

    def text_of(evidence: list[Evidence]) -> str:
        for e in evidence:
            sentence = briefing.sentences[e.sentence_id]
            assert sentence.text == e.sentence and e.sentence_id.startswith(e.source + ":")
        return fold(" ".join(e.sentence for e in evidence))

    a = briefing.announcement
    for point in ([a.headline] if a.headline else []) + [*a.summary, *a.points]:
        for e in point.evidence:
            if fold(point.text) not in text_of([e]):
                found.append(f"point {point.text!r} under {e.source}")
    for reaction in briefing.reactions:
        for quote in reaction.quotes:
            for source in quote.sources:
                said = text_of([e for e in quote.evidence if e.source == source])
                if fold(quote.text) not in said:
                    found.append(f"{reaction.speaker}: {quote.text!r} under {source}")
    for figure in briefing.figures:
        for e in figure.evidence:
            display = e.display or figure.display
            text_of([e])
            numbers = set(_DIGITS.findall(e.sentence))
            if not all(n in numbers for n in _DIGITS.findall(display)):
                found.append(f"figure {display} under {e.source}")
    for question in briefing.open_questions:
        text_of(list(question.evidence))
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SEEDS), max_size=5, unique_by=lambda a: a.path),
    st.lists(st.sampled_from(ARTICLES), max_size=8, unique_by=lambda a: a.path),
)
def test_no_shown_item_cites_a_source_that_does_not_say_it(
    story: list[RawArticle], others: list[RawArticle]
) -> None:
    try:
        briefing = build_briefing(story + others)
    except Exception as error:  # a mix of empty articles has nothing to brief
        assert type(error).__name__ == "NoArticlesError"
        return
    assert unverifiable(briefing) == []
