"""Whether two announcement lines say the same thing in other words.

The announcement's redundancy check compares stems weighted by rarity, so a line that
restates another in an outlet's own words ('Bus drivers walked off the job, halting
service across the city'; 'bus operators went on strike, stopping buses throughout the
city') passes as new. Here each line becomes a set of concepts: its content words,
lightly stemmed, with news English's synonyms and set phrases as one concept
(`lexicon.RESTATEMENTS`). A line says what another says when most of the other's
concepts are its own, neither prints a sum the other does not, and they name the same
actors where both name any. Deterministic, and a few set operations per pair.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..text import STOPWORDS, normalize, stem
from .anchors import distinctive

SAME = 0.6
"""Share of a line's concepts the other must have to say what it says."""
SAME_ACTOR = 0.5
"""Less when the lines share an actor (a name) or a number: they are about one thing."""
AT_LEAST = 3
"""Concepts shared at the least: two short lines sharing 'council' and 'Monday' are not
one statement."""

_GROUPS = [group.split("|") for group in lexicon.RESTATEMENTS]
_PHRASES = sorted((p for g in _GROUPS for p in g if " " in p), key=len, reverse=True)
_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, _PHRASES)) + r")\b")
_CONCEPT = {p: f"={g[0]}" for g in _GROUPS for p in g if " " in p}
_CONCEPT.update({stem(w): f"={g[0]}" for g in _GROUPS for w in g if " " not in w})
_TOKEN = re.compile(r"=\w+|[a-z][a-z'’-]*[a-z]|\d[\d.,]*[a-z%]*")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]{2,}|^[A-Z][a-z]{2,}(?=['’]s\b)")
_TITLES = "Sen|Gov|Rep|Dr|Mr|Mrs|Ms|St|Gen|Prof|Rev|Lt|Col|Capt|Sgt"
_NOT_NAMES = (
    lexicon.DAY_NAMES
    | lexicon.MONTH_NAMES
    | frozenset({"the", "but", "and"})
    | frozenset(_TITLES.lower().split("|"))
)


def _concept(token: str) -> str:
    if token.startswith("=") or token[0].isdigit():
        return token.rstrip(".,")
    stemmed = stem(token.replace("’", "'").split("'")[0])
    found = _CONCEPT.get(stemmed)
    if found is not None:
        return found
    return stemmed[:-1] if len(stemmed) > 3 and stemmed.endswith("e") else stemmed


@lru_cache(maxsize=16_384)
def concepts(text: str) -> frozenset[str]:
    """A line's concepts: set phrases and synonyms as one, stop words and fillers out."""
    lowered = normalize(text).lower()
    lowered = _PHRASE.sub(lambda m: _CONCEPT[m.group()], lowered)
    return frozenset(
        _concept(token)
        for token in _TOKEN.findall(lowered)
        if token not in STOPWORDS and token not in lexicon.RESTATEMENT_FILLER
    )


_TITLE = re.compile(rf"\b({_TITLES})\.\s")


@lru_cache(maxsize=16_384)
def actors(text: str) -> frozenset[str]:
    """The names a line is about: capitalised words inside it (after a title too: 'Sen.
    Tom Hale'), and an opening one that owns something ('Denver's bus drivers')."""
    text = _TITLE.sub(r"\1 ", text)
    return frozenset(w.lower() for w in _NAME.findall(text)) - _NOT_NAMES


_YEAR = re.compile(r"(?:19|20)\d\d")


def _sums(found: frozenset[str]) -> frozenset[str]:
    """The sums, shares and large numbers among a line's concepts, years apart."""
    return frozenset(
        t for t in found if t[0].isdigit() and distinctive(t) and not _YEAR.fullmatch(t)
    )


def restates(a: str, b: str) -> bool:
    """Line `b` says what line `a` says, in other words: most of what `a` says of its
    actors is in `b` (see the module's docstring). Names are who a line is about, not
    what it says of them ('Cruz argued Trump…' and 'Trump argued Cruz…' share all their
    names and say two things), so they are compared apart. A line adding much to another
    does not restate it, though the other restates part of it."""
    names_a, names_b = actors(a), actors(b)
    if names_a and names_b and not names_a & names_b:
        return False
    one, two = _said(a, names_a), _said(b, names_b)
    shared = one & two
    if len(shared) < AT_LEAST:
        return False
    sums_a, sums_b = _sums(one), _sums(two)
    if sums_a ^ sums_b and sums_a and sums_b:
        return False  # each prints a sum the other does not: two facts
    anchored = bool(names_a & names_b or sums_a & sums_b)
    return len(shared) >= (SAME_ACTOR if anchored else SAME) * len(one)


def _said(text: str, names: frozenset[str]) -> frozenset[str]:
    """A line's concepts but its actors' names."""
    return concepts(text) - {_concept(name) for name in names}
