"""The fast regex builders match exactly what the plain alternations they replace match, so
a speed-up can never change what the cleaner or the extractors find."""

from __future__ import annotations

import re

import pytest

from briefings import lexicon
from briefings.text import any_of, normalize, one_of

LINES = [
    "Photograph: Jane Doe/PA Wire",
    "Sign up to our free daily newsletter",
    "The home secretary said the plan would be published in the spring.",
    "Related: How the scheme works",
    "More from this author",
    "Image caption, Migrants crossing the Channel",
    "Copyright © 2026 The Courier",
    "The views expressed are the writer's own",
    "a b|c (d|e) [|] \\| said: photograph:",
    "",
]


@pytest.mark.parametrize(
    "patterns",
    [
        lexicon.CAPTION_CUES,
        lexicon.BOILERPLATE_LINES,
        lexicon.TEASER_MARKERS,
        lexicon.APPENDIX_MARKERS,
        lexicon.OPINION_CUES,
        # A top-level | must not fall under a factored anchor; nested ones and escaped or
        # bracketed bars are ordinary characters.
        (r"^a b|c \(d", r"\bsaid:", r"^(?:x|y)\b", r"[|]", r"\\\|", r"^$"),
    ],
)
def test_any_of_matches_exactly_where_the_plain_alternation_does(patterns) -> None:
    plain = re.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.M)
    fast = any_of(patterns, re.I | re.M)
    for line in LINES:
        assert bool(fast.search(line)) == bool(plain.search(line)), line
    text = "\n".join(LINES)
    assert [m.start() for m in fast.finditer(text)] == [m.start() for m in plain.finditer(text)]


def test_one_of_finds_every_word_and_prefers_the_longest() -> None:
    words = sorted(lexicon.REPORTING_VERBS | {"adding", "saying"})
    pattern = re.compile(rf"(?<![\w-]){one_of(words)}\b", re.I)
    for word in words:
        assert pattern.fullmatch(word) and pattern.fullmatch(word.upper())
    text = "She added that he says, adding: it was said. Unsaid, sayings, re-said."
    plain = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(words, key=len, reverse=True))})\b", re.I)
    assert pattern.findall(text) == plain.findall(text) == ["added", "says", "adding", "said"]
    assert re.fullmatch(one_of(["a.b", "a+b"]), "a.b") and not re.fullmatch(one_of(["a.b"]), "axb")


def test_normalize_folds_quotes_dashes_and_spacing_for_comparison_only() -> None:
    assert normalize("“Yes” – she\u00a0said  ‘no’\n") == "\"Yes\" - she said 'no'"
    assert normalize("ﬁnal   cost") == "final cost"  # NFKC folds ligatures
    assert normalize("plain ascii\ttext ") == "plain ascii text"
