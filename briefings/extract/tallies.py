"""Votes: a tally is one figure, the votes for, labelled with the votes against ('by 32
votes to 18', 'voted 31-12', 'the Senate voted 52 to 48'). Part of the number grammar
(briefings.extract.numbers)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .numerals import Quantity

_VOTES = re.compile(
    r"(?<![\w.,£$€])(?P<yes>\d{1,3}(?:,\d{3})+|\d+)\s+votes?\s+to\s+"
    r"(?P<no>\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d)",
    re.I,
)
"""'by 32 votes to 18': one figure, the votes for, labelled with the votes against."""
_TALLY = re.compile(
    r"\b(?:voted|votes?|vote of|ballot)\b(?:\s+[a-z]+){0,4}?\s+(?:by\s+)?"
    r"(?P<yes>\d{1,4})\s?[-–]\s?(?P<no>\d{1,4})(?![\w%]|[.,]\d)",
    re.I,
)
"""'voted 31-12 to approve': one tally, not two numbers nor a range."""


def read_tallies(
    masked: str, free: Callable[[int, int], bool], taken: list[tuple[int, int]]
) -> list[Quantity]:
    """The tallies of a sentence; spans read beyond a tally's own go to `taken`."""
    out = []
    lower = masked.lower()
    if "vot" in lower or "ballot" in lower:
        for vote in _VOTES.finditer(masked):
            taken.append(vote.span())
            out.append(_tally(vote, vote.end("yes"), vote.group("yes")))
        for tally in _TALLY.finditer(masked):
            if free(tally.start("yes"), tally.end()):
                out.append(_tally(tally, tally.end(), masked[tally.start("yes") : tally.end()]))
    return out


def _tally(match: re.Match[str], end: int, display: str) -> Quantity:
    """'by 32 votes to 18', 'voted 31-12': one figure, the votes for."""
    value = float(match.group("yes").replace(",", ""))
    label = f"votes for, {match.group('no')} against"
    return Quantity(match.start("yes"), end, value, "votes", display, label=label)
