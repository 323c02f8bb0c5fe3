"""Extractor behaviour pinned by labelled case files (tests/cases/*.json).

Each case is a short passage written in an outlet's style, with what a careful human
labeller expects. Cases marked `"expect": "fail"` are known failures, kept visible.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from briefings import RawArticle, analyze, assemble
from briefings.clean import clean_article
from briefings.text import normalize
from tests.engine.labelled import cases

SPLIT = "=== SOURCE ==="


def articles(text: str) -> list[RawArticle]:
    parts = [p.strip() for p in text.split(SPLIT)]
    return [RawArticle(text=part, title="", path=f"case-{n}.txt") for n, part in enumerate(parts)]


def low(text: str | None) -> str:
    return normalize(text or "").lower()


@pytest.mark.parametrize("case", cases("quotes"))
def test_quotes(case: dict[str, Any]) -> None:
    briefing = assemble([analyze(a) for a in articles(case["text"])])
    by_speaker = {low(r.speaker): r for r in briefing.reactions}
    expected = case["expected"]
    for quote in expected.get("quotes", []):
        reaction = by_speaker.get(low(quote["speaker"]))
        assert reaction, f"no reaction from {quote['speaker']}: {sorted(by_speaker)}"
        assert any(
            low(quote["text"]) in low(q.text) and q.direct == quote["direct"]
            for q in reaction.quotes
        ), (quote, [q.text for q in reaction.quotes])
    for name, role in expected.get("roles", {}).items():
        assert low(role) in low(by_speaker[low(name)].role), by_speaker[low(name)].role
    for name, stance in expected.get("stances", {}).items():
        assert by_speaker[low(name)].stance == stance, by_speaker[low(name)].stance_evidence
    for name in expected.get("not_speakers", []):
        assert low(name) not in by_speaker, sorted(by_speaker)
    for name in expected.get("organisations", []):
        assert not by_speaker[low(name)].is_person, name  # an outlet, not someone so named
    for quote in expected.get("not_quotes", []):
        reaction = by_speaker.get(low(quote["speaker"]))
        wrong = (
            [q.text for q in reaction.quotes if low(quote["text"]) in low(q.text)]
            if reaction
            else []
        )
        assert not wrong, (quote, wrong)
    for alias in expected.get("not_aliases", []):
        assert not any(alias in r.aliases for r in briefing.reactions), alias
    for name, role in expected.get("role_not", {}).items():
        assert low(role) not in low(by_speaker[low(name)].role), by_speaker[low(name)].role
    assert len(briefing.reactions) <= expected.get("max_speakers", 99), sorted(by_speaker)


@pytest.mark.parametrize("case", cases("figures"))
def test_figures(case: dict[str, Any]) -> None:
    analyses = [analyze(a) for a in articles(case["text"])]
    mentions = [m for a in analyses for m in a.figures]
    expected = case["expected"]
    for figure in expected.get("figures", []):
        matches = [
            m
            for m in mentions
            if _close(m.value, figure["value"])
            and m.unit == figure["unit"]
            and figure.get("qualifier", m.qualifier) == m.qualifier
            and all(w in low(m.label) for w in figure.get("label_words", []))
            and all(w in low(m.period) for w in figure.get("period_words", []))
            and not set(figure.get("label_without", [])) & set(low(m.label).split())
            and figure.get("direction", m.direction) == m.direction
        ]
        assert matches, (
            figure,
            [(m.value, m.unit, m.qualifier, m.label, m.period) for m in mentions],
        )
    for text in expected.get("not_figures", []):
        bad = [m for m in mentions if m.display in text and text in m.sentence]
        assert not bad, (text, bad)
    if expected.get("conflicts") or expected.get("agree") or expected.get("not_conflicts"):
        briefing = assemble(analyses)
        for a, b in expected.get("conflicts", []):
            assert any(
                _close(f.value, a) and any(_close(c.value, b) for c in f.conflicts)
                for f in briefing.figures
            ), [(f.value, f.conflicts) for f in briefing.figures]
        for a, b in expected.get("not_conflicts", []):
            assert not any(
                _close(f.value, a) and any(_close(c.value, b) for c in f.conflicts)
                for f in briefing.figures
            ), [(f.value, f.label, f.conflicts) for f in briefing.figures]
        for a, b in expected.get("agree", []):
            assert any(
                _holds(f, a, mentions) and _holds(f, b, mentions) for f in briefing.figures
            ), [(f.value, f.label) for f in briefing.figures]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.011, abs(b) * 1e-9)


def _holds(figure: Any, value: float, mentions: list[Any]) -> bool:
    keys = {(e.source, e.sentence_id) for e in figure.evidence}
    return any(
        _close(m.value, value)
        and (m.source, m.sentence_id) in keys
        and not figure.conflicts
        or _close(figure.value, value)
        for m in mentions
        if (m.source, m.sentence_id) in keys
    )


@pytest.mark.parametrize("case", cases("questions"))
def test_questions(case: dict[str, Any]) -> None:
    """Each expected question: words it `contains`, and/or its `exact` text (wording is
    what garbles); `not_contains` bans a phrase from every question."""
    briefing = assemble([analyze(a) for a in articles(case["text"])])
    questions = briefing.open_questions
    expected = case["expected"]
    for want in expected.get("questions", []):
        assert any(
            all(w in low(q.question) for w in want.get("contains", []))
            and low(q.question) == low(want.get("exact", q.question))
            and len(q.sources) >= want.get("min_sources", 1)
            for q in questions
        ), (want, [q.question for q in questions])
    for cased in expected.get("cased", []):  # capitals matter: 'Will migration …'
        assert any(cased in q.question for q in questions), (cased, questions)
    for banned in expected.get("not_contains", []):
        assert not any(low(banned) in low(q.question) for q in questions), (
            banned,
            [q.question for q in questions],
        )
    assert len(questions) <= expected.get("max_questions", 99), [q.question for q in questions]


@pytest.mark.parametrize("case", cases("clean"))
def test_clean(case: dict[str, Any]) -> None:
    doc = clean_article(RawArticle(text=case["text"], title=""))
    text = "\n".join(doc.paragraphs)
    expected = case["expected"]
    for kept in expected.get("kept", []):
        assert normalize(kept) in normalize(text), kept
    for dropped in expected.get("dropped", []):
        assert not re.search(rf"(?<!\w){re.escape(normalize(dropped))}(?!\w)", normalize(text)), (
            dropped
        )
    for joined in expected.get("joined", []):
        assert normalize(joined) in normalize(" ".join(doc.paragraphs)), joined


@pytest.mark.parametrize("case", cases("outlets"))
def test_outlets(case: dict[str, Any]) -> None:
    source = clean_article(RawArticle(text=case["text"], title="")).source
    expected = case["expected"]
    assert source.outlet == expected["outlet"]
    assert source.kind == expected["kind"]
    if expected.get("author"):
        assert source.author == expected["author"]
