"""Values of one measure: which can all be true, and which disagree.

A measure's mentions (see `merging`) are split by value: values that can all be true given
their qualifiers ("passed 12,000" and "12,700") are one figure; values that cannot ("up
33%" and "a 40% rise", "480 posts" and "520 jobs") are separate figures that conflict.
A disagreement is one per measure, whatever the number of values (`model.disagreements`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from ..model import Conflict
from .figures import FigureMention

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RELATIVE = re.compile(
    r"\b(this|last|next|previous|past|coming|current|same)\s+"
    r"(year|month|week|quarter|decade|season|term|fortnight|day)\b",
    re.IGNORECASE,
)
"""'this year' and 'last year' are two periods: a figure for each is no disagreement."""
_BASELINE = re.compile(r"^\s*(?:on|compared|than|from|against|versus|vs)\b|same period", re.I)
"""'(up 33%) on the same period last year' names what a change is measured against."""


def interval(mention: FigureMention) -> tuple[float, float]:
    """The values a mention allows, given its qualifier and how round it is.

    >>> interval_of(12_000, "more than")
    (12000, inf)
    """
    if _VAGUE.fullmatch(mention.display.strip()):
        return (0.0, math.inf)  # 'millions of jobs' claims no number to disagree with
    loose = mention.qualifier == "exact" and _LOOSE.search(mention.display)
    return interval_of(mention.value, "about" if loose else mention.qualifier)


_LOOSE = re.compile(r"\b(?:dozens?|scores|handful)\b", re.I)
"""'a dozen states', 'a handful of': a count in words that rounds, as 'about' does ('a
dozen' beside '11' is no disagreement)."""
_VAGUE = re.compile(r"(?:dozens|scores|hundreds|thousands|millions|billions|trillions)", re.I)
"""A bare plural of a scale ('millions of jobs'): a figure a reader may want, but no value
any other can contradict ('Millions of new jobs' against 'I pledged to create 700,000')."""


def interval_of(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "more than" or qualifier == "at least":
        return (value, math.inf)
    if qualifier in ("up to", "less than"):
        return (0.0, value)
    if qualifier == "about":
        return (value * 0.9, value * 1.1)
    return (value - _rounding(value), value + _rounding(value))


def _rounding(value: float) -> float:
    """'12,000' may be 12,400 rounded; '33' is 33; '£50m' is not £45m: rounding stays
    within 5% of the value, as an outlet that rounds further would say 'about'."""
    if value < 1000 or value != int(value):
        return 0.5 if value == int(value) else 0.05
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    return min(0.5 * float(10**zeros), 0.05 * value)


def agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two intervals share a value; ones that only touch do not ('8' and '9' are not one
    count rounded two ways)."""
    return max(a[0], b[0]) < min(a[1], b[1])


RATIO = 1.5
"""Values of one measure further apart than this are not one figure (a loose 'at least
175' beside 1,237 says little about it) nor a disagreement (two things, not two reports
of one)."""


def near(a: float, b: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high <= RATIO * low


def periods_compatible(a: str | None, b: str | None) -> bool:
    """Could two periods be one? Not when they name different years, or the same span
    relative to now differently ('this year', 'last year')."""
    years_a, years_b = set(_YEAR.findall(a or "")), set(_YEAR.findall(b or ""))
    if years_a and years_b and not years_a & years_b:
        return False
    spans_a, spans_b = _spans(a), _spans(b)
    return all(spans_a[unit] == which for unit, which in spans_b.items() if unit in spans_a)


def _spans(period: str | None) -> dict[str, str]:
    """Relative spans a period names: unit → which one ('year' → 'last')."""
    found: dict[str, str] = {}
    if not period or _BASELINE.search(period):
        return found
    for which, unit in _RELATIVE.findall(period or ""):
        which = which.lower()
        found[unit.lower()] = "last" if which in ("previous", "past") else which
    return found


Part = tuple[FigureMention, int]
"""A mention standing for a run of alike mentions, and the run's position."""


def split(parts: list[Part]) -> tuple[list[list[int]], list[tuple[int, list[int]]]]:
    """Values that can all be true are one group: greedy over the parts in sort order
    (exact values first, largest first). Returns the groups (run positions) and the loose
    parts ('more than £1bn') that agree with several groups that disagree with each other,
    each with those groups (by number)."""
    groups: list[list[int]] = []
    common: list[tuple[float, float]] = []
    firsts: list[float] = []
    loose: list[tuple[int, list[int]]] = []
    for mention, position in parts:
        span = interval(mention)
        # Intervals that pairwise overlap share a common point (Helly, in 1-D).
        agreeing = [
            n
            for n in range(len(groups))
            if agree(span, common[n]) and near(mention.value, firsts[n])
        ]
        if len(agreeing) > 1 and mention.qualifier != "exact":
            loose.append((position, agreeing))
        elif agreeing:
            n = agreeing[0]
            groups[n].append(position)
            common[n] = (max(span[0], common[n][0]), min(span[1], common[n][1]))
        else:
            groups.append([position])
            common.append(span)
            firsts.append(mention.value)
    return groups, loose


def apart(one: Collection[str], two: Collection[str]) -> bool:
    """Sources disagree only where each value has a source that does not print the other:
    a source printing both ("a £45m plan for stations and a £60m plan for depots") is
    telling two things apart, unless others print one value alone ("not 9,400 as reported")."""
    return any(s not in two for s in one) and any(s not in one for s in two)


def conflict(
    best: FigureMention,
    label: str,
    rival_id: str,
    rival: FigureMention,
    sources: tuple[str, ...],
) -> Conflict:
    """The link from a figure to a rival value of its measure."""
    return Conflict(
        figure=rival_id,
        value=rival.value,
        display=rival.display,
        sources=sources,
        note=f"{best.display} vs {rival.display}: cannot both be true for {label}",
    )
