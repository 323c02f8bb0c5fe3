"""The facts a sentence states that another cannot state in other words: its numbers
(`anchors`), which of them identify a fact on their own (`distinctive`), whether the
sentence states what a story asks for or decides (`states_ask`), and whether it may be
an announcement line at all (`eligible`)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")


def distinctive(anchor: str) -> bool:
    """A sum, a share, a decimal or a number of three digits or more ('£62m', '14.99',
    '480'): two lines printing it state the same fact. A small whole number ('31', '12')
    may count many things."""
    return not anchor.isdigit() or len(anchor) >= 3


@lru_cache(maxsize=65_536)
def anchors(stems: frozenset[str]) -> frozenset[str]:
    """The numbers among a sentence's stems ('£38m', '14.99', '31-12' as 31 and 12), years
    apart: the facts a sentence states that another cannot state in other words. Kept per
    stem set, as a class's stems meet many points."""
    return frozenset(
        part
        for t in stems
        if _DIGIT.search(t)
        for part in t.split("-")
        if _DIGIT.search(part) and not _YEAR.fullmatch(part)
    )


_ASK = re.compile(lexicon.ASK_OR_DECISION_CUE)


def states_ask(text: str) -> bool:
    """What the story asks for or decides, with its number (an amount, a vote, a date)."""
    return bool(_ASK.search(text) and _DIGIT.search(text))


def eligible(text: str) -> bool:
    """May be an announcement point: a statement of fact, not a question, not mostly a
    quote, not too short or long. Read per article (in `analyze`), not per corpus."""
    words = len(text.split())
    if words < 8 or words > 60 or text.rstrip().endswith("?"):
        return False
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return quoted < 0.4 * len(text) and not text.startswith(("“", '"'))
