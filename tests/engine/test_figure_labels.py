"""A figure's label is a phrase a reader can take in at a glance, never a fragment.

Checked over every figure the extractor reads from every labelled figure case
(tests/cases/figures.json): a label does not end on a preposition, a determiner or a
conjunction ('rise in', 'cut of its', 'homes and'; a tally's own 'votes for, 12 against'
is a whole phrase); does not start in the middle of a phrase ('and …', 'which …', 'in now
takes'); and does not run across a sentence boundary ('two communities This bridge …').
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from briefings import RawArticle, analyze, lexicon
from briefings.extract.label_words import tidy
from briefings.text import ABBREVIATIONS

CASES = Path(__file__).resolve().parents[1] / "cases" / "figures.json"
_CONJUNCTIONS = frozenset("and or but nor so yet".split())
_OPENERS = frozenset("and or but which who whom whose that than because while".split())
_DANGLING = lexicon.PREPOSITIONS | lexicon.DETERMINERS | _CONJUNCTIONS
_ADVERBS = frozenset("now then already also still just yet soon".split())
"""Words that cannot open a preposition's object."""
_FUNCTION = (
    lexicon.DETERMINERS
    | frozenset("it he she they we i you there here then now".split())
    | lexicon.PREPOSITIONS
)


def _cases() -> list[Any]:
    return [
        pytest.param(case, id=case["label"])
        for case in json.loads(CASES.read_text("utf-8"))
        if case.get("expect") != "fail"
    ]


def label_faults(label: str) -> list[str]:
    """What is wrong with a label's shape, if anything."""
    words = re.findall(r"[\w'’&£$€%.-]+", label)
    if not words:
        return ["empty"]
    faults = []
    last, first = words[-1].lower().strip("."), words[0].lower()
    if last in _DANGLING and not re.fullmatch(r"votes for, [\d,]+ against", label):
        faults.append(f"ends on {last!r}")
    if first in _OPENERS or (first in lexicon.PREPOSITIONS and first != "of"):
        faults.append(f"starts mid-phrase with {first!r}")
    lowered = [w.lower() for w in words]
    for word, following in zip(lowered, lowered[1:], strict=False):
        if word in lexicon.PREPOSITIONS and following in _ADVERBS:
            faults.append(f"{word!r} has no object")  # 'rise in now takes'
    for stop in re.finditer(r"(\S*)[.!?][\"'”’]?\s+[A-Z]", label):
        if stop.group(1).lower() not in ABBREVIATIONS and len(stop.group(1)) != 1:
            faults.append("spans a sentence")  # 'Gov. Martin' does not
    for previous, word, following in zip(words, words[1:], [*words[2:], ""], strict=False):
        opens = word[:1].isupper() and word.lower() in _FUNCTION and word != "I"
        if opens and not following[:1].isupper() and previous.lower() not in _FUNCTION:
            faults.append(f"spans a sentence at {word!r}")  # not 'for The Associated Press'

    return faults


@pytest.mark.parametrize("case", _cases())
def test_labels_are_whole_phrases(case: dict[str, Any]) -> None:
    parts = [p.strip() for p in case["text"].split("=== SOURCE ===")]
    raws = [RawArticle(text=p, title="", path=f"case-{n}.txt") for n, p in enumerate(parts)]
    bad = [
        (m.display, m.label, faults)
        for raw in raws
        for m in analyze(raw).figures
        if (faults := label_faults(m.label))
    ]
    assert not bad, bad


def test_the_shape_check_catches_fragments() -> None:
    """The check itself: the fragments a user saw are caught, whole phrases pass."""
    assert label_faults("rise in now takes")
    assert label_faults("close of its")
    assert label_faults("two communities This bridge will connect")
    assert label_faults("in now takes")
    assert label_faults("homes and")
    assert not label_faults("posts the council plans to cut")
    assert not label_faults("libraries of 17 to close")
    assert not label_faults("council tax rise requested")


def test_a_clause_cut_off_leaves_no_pronoun_or_subordinator_at_the_end():
    """'… the same amount it' ('it had been paying' went with a dash), '… a plant in Poland
    where it': what is left of a cut-off clause goes; 'Title I' keeps its capital I."""
    assert tidy("the same amount it") == "same amount"
    assert tidy("bakery moves work to a plant in Poland where it") == (
        "bakery moves work to a plant in Poland"
    )
    assert tidy("voters who say they would back it if") == "voters who say they would back"
    assert tidy("schools that receive Title I") == "schools that receive Title I"
