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
_TALLY_TO = re.compile(
    r"\b(?:voted|votes?|vote of|ballot)(?:\s+by)?\s+"
    r"(?P<yes>\d{1,4})(?:\s+to\s+|-to-)(?P<no>\d{1,4})(?![\w%]|[.,]\d)",
    re.I,
)
"""'the Senate voted 52 to 48', 'by a vote of 5 to 4': 'to' only right after the vote."""
_BENCH = re.compile(
    r"(?<![\w.,£$€])(?P<yes>\d{1,2})\s?(?:[-–]|-to-|\s+to\s+)\s?(?P<no>\d{1,2})"
    r"(?:\s+(?P<what>vote|decision|ruling|verdict|majority|split|opinion)\b"
    r"|(?<=\d)(?=[\s,.;]))",
    re.I,
)
_SPLIT_VERB = re.compile(r"\b(?:ruled|decided|split|sided|divided|voting)\s+$", re.I)
"""'a 5-4 decision', 'ruled 6-3', 'split 5 to 4': how a bench or a panel divided; a vote
('in a 5-to-4 vote') is a tally, a decision's split no figure."""


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
        for pattern in (_TALLY, _TALLY_TO):
            for tally in pattern.finditer(masked):
                if free(tally.start("yes"), tally.end()):
                    display = masked[tally.start("yes") : tally.end()]
                    taken.append((tally.start("yes"), tally.end()))
                    out.append(_tally(tally, tally.end(), display))
    for split in _BENCH.finditer(masked):
        if not free(split.start(), split.end("no")):
            continue
        what = (split.group("what") or "").lower()
        if what == "vote":
            out.append(
                _tally(split, split.end("no"), split.group()[: split.end("no") - split.start()])
            )
        elif what or _SPLIT_VERB.search(masked[: split.start()]):
            taken.append((split.start(), split.end("no")))  # "a 5-4 decision": no figure
    return out


def _tally(match: re.Match[str], end: int, display: str) -> Quantity:
    """'by 32 votes to 18', 'voted 31-12': one figure, the votes for."""
    value = float(match.group("yes").replace(",", ""))
    label = f"votes for, {match.group('no')} against"
    return Quantity(match.start("yes"), end, value, "votes", display, label=label)
