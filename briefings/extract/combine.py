"""Quantities that belong together: the two ends of a range ("£2m-£3m"), an amount printed
in two parts ("3 dollars 50 cents", "5 feet 2 inches"), and a conversion in brackets
("£62m ($80m)"). Part of the number grammar (briefings.extract.numbers)."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon
from . import numerals as n
from .numerals import Quantity

_DURATIONS = frozenset(lexicon.DURATION_NOUNS.values())
_RANGE_GAP = re.compile(r"\s*[-–]\s*|\s+(?:to|and)\s+", re.I)
"""Between the two ends of a range: "£2m-£3m", "200 to 300", "between 200 and 300"."""
_CHANGE_WORDS = lexicon.INCREASE_WORDS | lexicon.DECREASE_WORDS | {"by"}


def range_ends(
    text: str, low: re.Match[str], low_q: Quantity, high: re.Match[str], high_q: Quantity
) -> tuple[float, str] | None:
    """Two numbers that are the ends of one range: the lower end's value and the unit.

    "between 200 and 300 homes", "cut 200 to 300 jobs", "£2m-£3m", "2 to 3 million",
    "$3 billion to $5 billion"; never a change ("from 4% to 5%", "fell 2% to 18%") nor two
    things ("rose 5% to £300").
    """
    gap = _RANGE_GAP.fullmatch(text, low.start() + len(low.group().rstrip()), high.start())
    if not gap or low_q.label or high_q.label or split_shares(text, low, low_q, high, high_q):
        return None
    before = text[max(0, low.start() - 8) : low.start()].lower()
    if "and" in gap.group().lower() and not before.endswith("between "):
        return None
    if before.endswith("from "):
        return None
    marked = any(low.group(g) for g in ("cur", "scale", "pct", "pence"))
    verb = re.search(r"(\w+)\s+$", text[max(0, low.start() - 20) : low.start()])
    if marked and verb and verb.group(1).lower() in _CHANGE_WORDS and "to" in gap.group():
        return None  # "fell 2% to 18%": the change, then the new level ("rose 20%-30%": a range)
    value, unit = low_q.value, low_q.unit
    high_value, high_unit = high_q.value, high_q.unit
    raw = float(low.group("num").replace(",", ""))
    if high.group("scale") and not low.group("scale") and raw < float(high.group("num")):
        value *= n.SCALES[high.group("scale").lower()]  # "£2-3m", "2 to 3 million"
    if unit == "count" or (unit in _DURATIONS and high_unit not in _DURATIONS):
        unit = high_unit
    elif high_unit == "count" and not high.group("pct"):
        high_unit = unit  # "£2-3m": the upper end takes the lower end's currency
    if unit != high_unit or value >= high_value:
        return None
    return value, unit


_SPLIT_GAP = re.compile(r"\s?[-–]\s?")
_RANGE_BEFORE = re.compile(
    r"\b(?:between|from|of|about|around|roughly|some|an estimated)\s+$", re.I
)


def split_shares(
    text: str, low: re.Match[str], low_q: Quantity, high: re.Match[str], high_q: Quantity
) -> bool:
    """'42%-49%', 'leads Clinton, 46%-35%': two shares, each printed with its own sign and
    joined by a dash, that add up to no more than the whole: a poll's or a vote's split of
    one group, neither a range nor a minus sign. After a change word or a range's lead
    ('rose 20%-30%', 'between 20%-30%') it is a range."""
    if not (low_q.unit == high_q.unit == "percent" and low.group("pct") and high.group("pct")):
        return False
    if low_q.value + high_q.value > 100 or low_q.direction is not None:
        return False
    if not _SPLIT_GAP.fullmatch(text, low.start() + len(low.group().rstrip()), high.start()):
        return False
    before = text[max(0, low.start() - 30) : low.start()]
    verb = re.search(r"(\w+)\s+$", before)
    return not (_RANGE_BEFORE.search(before) or (verb and verb.group(1).lower() in _CHANGE_WORDS))


_CENTS = re.compile(
    rf"(?:\s+and)?\s+(?P<n>\d{{1,2}}(?![\w%]|[.,]\d)|{n.SPELLED_RUN})"
    r"(?P<minor>\s+cents?\b)?",
    re.I,
)
_INCHES = re.compile(
    r"(?:\s+and)?\s+(?P<n>\d{1,2})\s?(?:inches|inch|in)\b|-(?P<tail>\d{1,2})(?![\w.]|,\d)"
)
"""'5 feet 2 inches', '5-foot-11'."""


def _display_end(text: str, quantity: Quantity) -> int:
    return text.find(quantity.display, quantity.start) + len(quantity.display)


def compounds(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents', '5 feet 2 inches':
    one amount, printed in two parts."""
    out: list[Quantity] = []
    until = -1
    for quantity in quantities:
        if quantity.start < until:
            continue
        end = _display_end(text, quantity)
        part, share = None, 0.0
        if (
            quantity.measure == "currency"
            and quantity.display[-1:].isalpha()
            and quantity.value < 1e5
        ):
            part = _CENTS.match(text, end)
            if part and (
                part.group("minor")
                or not (
                    n.measure_after(text, part.end(), False)
                    or n.unit_after(text[part.end() :].lower())
                )
            ):
                number = part.group("n")
                share = (float(number) if number.isdigit() else n.spelled_value(number)) / 100
            part = part if share and share < 1 else None
        elif quantity.unit == "feet" and (part := _INCHES.match(text, end)):
            share = float(part.group("n") or part.group("tail")) / 12
        if part is None:
            out.append(quantity)
            continue
        until = part.end()
        display = text[end - len(quantity.display) : part.end()]
        out = [q for q in out if q.start < quantity.start or q.start >= until]
        out.append(replace(quantity, value=quantity.value + share, display=display))
    return out


_BRACKET = re.compile(
    r"\s*[(\[]\s*(?:(?:about|around|approximately|roughly|some|c\.|or|equivalent to|"
    r"worth)\s+)?$",
    re.I,
)


def conversions(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'£62m ($80 million)': the bracketed amount is the same figure converted, its second
    display, never a figure of its own."""
    out: list[Quantity] = []
    for quantity in quantities:
        previous = out[-1] if out else None
        if (
            previous is not None
            and quantity.measure == "currency"
            and previous.measure == "currency"
            and previous.unit != quantity.unit
            and _BRACKET.fullmatch(text, previous.start + len(previous.display), quantity.start)
        ):
            quantity = replace(quantity, kind="conversion")
        out.append(quantity)
    return out
