"""Verification of a quote's wording: its words stand verbatim in what each cited source
printed (quote marks, dashes and white space folded), and so does the sentence shown around
a partial quote, which holds the words; an indirect statement's sentence names or refers
to its speaker."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace

from .model import Evidence, Wording
from .verbatim import attribution_words, fold

NOT_IN_SOURCE = "cited sentence not in its source"
NO_CITATION_LEFT = "no citation left"
"""The reasons every kind of item shares (`verify.py`, `timeline.check_event`)."""
QUOTE_NOT_VERBATIM = "quote not verbatim in a cited source"
CONTEXT_NOT_VERBATIM = "quote's sentence not verbatim in a cited source"
CONTEXT_WITHOUT_WORDS = "sentence shown for a quote does not hold its words"
SPEAKER_NOT_NAMED = "statement's sentence does not name or refer to the speaker"

Judge = Callable[[Sequence[Evidence]], list[str | None]]
Verdicts = Callable[[Hashable, Sequence[Evidence], Judge], list[str | None]]


def check_wording(
    wording: Wording,
    direct: bool,
    names: frozenset[str],
    in_source: Callable[[Evidence], bool],
    verdicts: Verdicts,
) -> tuple[Wording | None, list[str]]:
    """The wording with only the citations that hold (None when none does), and why the
    others failed. Each source's citations are judged together: the words are verbatim in
    what that source printed, however many of its sentences they span. `verdicts` judges
    only citations it has not judged before (`Verifier.verdicts`)."""
    words = fold(wording.text)
    context = fold(wording.context) if wording.context else ""

    def verdict(cited: list[Evidence]) -> str | None:
        if context and words not in context:
            return CONTEXT_WITHOUT_WORDS  # shown instead of the words, it would lose them
        if not all(in_source(e) for e in cited):
            return NOT_IN_SOURCE
        text = fold(" ".join(e.sentence for e in cited))
        if words not in text:
            return QUOTE_NOT_VERBATIM
        if context and context not in text:
            return CONTEXT_NOT_VERBATIM
        if not direct and not names & attribution_words(text, words):
            return SPEAKER_NOT_NAMED
        return None

    def judge(new: Sequence[Evidence]) -> list[str | None]:
        by_source: dict[str, list[Evidence]] = {}
        for e in new:
            by_source.setdefault(e.source, []).append(e)
        found = {source: verdict(cited) for source, cited in by_source.items()}
        return [found[e.source] for e in new]

    # A wording is known by its first citation (its list only grows) and its words; a
    # direct quote's verdicts do not read the speaker's names, which grow as articles
    # arrive, an indirect statement's do. An article's citations come together, so a new
    # article's are judged as its own group.
    evidence = wording.evidence
    lineage = (
        "quote",
        id(evidence[0]) if evidence else 0,
        wording.text,
        wording.context,
        direct,
        None if direct else names,
    )
    found = verdicts(lineage, evidence, judge)
    if not any(found):
        return wording, []
    kept = tuple(e for e, why in zip(evidence, found, strict=True) if why is None)
    reasons = [why for why in found if why is not None]
    return (replace(wording, evidence=kept) if kept else None), reasons
