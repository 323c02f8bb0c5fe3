"""Quantities in words: 'six branches', 'five-year', 'doubled', 'a third of', 'thousands of
people', 'the tenth council to …'. Part of the number grammar (briefings.extract.numbers)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .. import lexicon
from . import numerals as n
from .describing import career, describes_length, from_an_edge, ranked_group
from .numerals import Kind, Quantity

_WORD_NUMBER = re.compile(
    r"\b(?P<word>" + "|".join(lexicon.NUMBER_WORDS) + r")(?P<hyphen>-(?P<dur>year|month|week|day)"
    r"s?(?:-old)?)?\b(?P<rest>\s+\w+)?",
    re.I,
)
_MULTIPLIER = re.compile(r"\b(?P<word>" + "|".join(lexicon.MULTIPLIER_WORDS) + r")\b", re.I)
_FRACTION = re.compile(
    r"(?P<lead>\bby\s+|^|,\s+|\b(?:and|but|while)\s+)?\b(?P<word>"
    + "|".join(sorted(lexicon.FRACTION_WORDS, key=len, reverse=True))
    + r")\b(?:(?P<of>\s+of\b)|\s+(?P<next>[a-z]+))?",
    re.I,
)
_TIMES = re.compile(
    r"\s+times\s+(?:higher|more|greater|larger|bigger|lower|smaller|as|the|over)\b", re.I
)
_APPROXIMATE = re.compile(
    r"\b(?P<word>" + "|".join(sorted(n.APPROXIMATE, key=len, reverse=True)) + r")\s+of\b", re.I
)
_ORDINAL_COUNT = re.compile(
    r"\bthe\s+(?P<ord>" + "|".join(lexicon.ORDINALS) + r"|(?P<digits>\d{1,3})(?:st|nd|rd|th))\s+"
    r"(?P<mods>(?:[A-Za-z][\w'’-]*\s+){0,3}?)(?P<noun>[a-z]{3,})\s+(?P<to>to\s+[a-z]+"
    r"(?:\s+[^\s,;:.!?]+){0,7})",
    re.I,
)
"""'the tenth English council to issue …': ten councils so far have done it."""
_ORDINAL_GATE = re.compile(
    r"\bthe\s+(?:" + "|".join(lexicon.ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))\b"
)
_APPROXIMATE_GATE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions)\s+of\b")
_NOT_COUNTED_ORDINAL = frozenset(
    "time times day days week month year quarter half round place attempt try occasion "
    "largest biggest highest lowest".split()
)
_DESCRIPTIVE = re.compile(
    r"\b(?i:the|its|their|his|her|our|these|those|all|both|other)\s+$|\bto\s+[a-z]+\s+$"
)
_DURATIONS = frozenset(lexicon.DURATION_NOUNS.values())
_SPAN_REFERENCE = re.compile(
    r"\s+\w+\s+(?:ago|earlier|before|previously|later|after|since|ahead\s+of|into|from\s+now|hence)\b",
    re.I,
)
_NOT_COUNTED = frozenset({"times", "sides", "ways", *_DURATIONS})
"""'three times', 'in two years': number words that count no thing of their own."""
_NOT_FRACTION_NEXT = frozenset("a an the of hour day week month year time century way".split())


def spelled_quantities(
    masked: str,
    text: str,
    free: Callable[[int, int], bool],
    in_period: Callable[[int], bool],
) -> Iterator[Quantity]:
    """Quantities in words, except where a quantity was already read (`free`)."""
    for match in _WORD_NUMBER.finditer(masked):
        if in_period(match.start()) or not free(match.start(), match.end("word")):
            continue
        value = float(lexicon.NUMBER_WORDS[match.group("word").lower()])
        rest = (match.group("rest") or "").strip().lower()
        after = masked[match.end("word") :]
        start, word = match.start(), match.group("word")
        if match.group("dur"):
            if rest not in ("period", "periods", "old"):
                unit = match.group("dur").lower() + "s"
                length: Kind = (
                    "description" if describes_length(masked, match.end("hyphen")) else "figure"
                )  # "the four-day convention": its length; "a two-year delay": the news
                display = word + match.group("hyphen")
                yield Quantity(start, match.end("hyphen"), value, unit, display, length)
        elif times := _TIMES.match(after):
            end = match.end("word") + times.end()
            yield Quantity(start, end, value, "multiplier", masked[start:end])
        elif rest in _DURATIONS:
            if re.match(r"\s+\w+\s+old\b", after):
                yield Quantity(start, match.end("rest"), value, rest, match.group().strip(), "age")
            elif (
                re.match(
                    r"\s+\w+\s+(?:ago|earlier|before|previously|later|after|since|ahead\s+of|into|"
                    r"from\s+now)\b",
                    after,
                    re.I,
                )
                or from_an_edge(masked[:start])
                or career(masked[:start])
            ):
                yield Quantity(
                    start, match.end("rest"), value, rest, match.group().strip(), "reference"
                )
            else:
                yield Quantity(start, match.end("rest"), value, rest, match.group().strip())
        elif rest not in _NOT_COUNTED and (unit := n.unit_after(after.lower())):
            described = value < 10 and bool(_DESCRIPTIVE.search(masked[:start]))
            described = described or ranked_group(masked[:start])  # "the top two slots"
            kind: Kind = "description" if described else "figure"
            if unit in lexicon.DURATION_UNITS and _SPAN_REFERENCE.match(after):
                kind = "reference"  # "twenty minutes later", "five minutes after he won"
            yield Quantity(start, match.end("word"), value, unit, word, kind)
    for match in _MULTIPLIER.finditer(masked):
        value = float(lexicon.MULTIPLIER_WORDS[match.group("word").lower()])
        yield Quantity(match.start(), match.end(), value, "multiplier", match.group("word"))
    for match in _FRACTION.finditer(masked):
        if _is_fraction(match) and free(match.start("word"), match.end("word")):
            value = lexicon.FRACTION_WORDS[match.group("word").lower()]
            word = match.group("word")
            yield Quantity(match.start("word"), match.end("word"), value, "fraction", word)
    lower = n.lowered(masked)
    approximate = _APPROXIMATE.finditer(masked) if _APPROXIMATE_GATE.search(lower) else ()
    for match in approximate:
        if not free(match.start(), match.end()):
            continue
        after = masked[match.end() :].lower()
        measured = n.measure_after(masked, match.end(), True)
        unit = measured[1] if measured else n.unit_after(after) or "count"
        value = n.APPROXIMATE[match.group("word").lower()]
        word = match.group("word")
        yield Quantity(match.start(), match.end(), value, unit, word, qualifier="more than")
    ordinals = _ORDINAL_COUNT.finditer(text) if _ORDINAL_GATE.search(text.lower()) else ()
    for match in ordinals:
        noun, mods = match.group("noun").lower(), match.group("mods")
        if noun in _NOT_COUNTED_ORDINAL or re.search(r"est\b|\d", mods):
            continue
        ordinal = match.group("ord").lower()
        value = float(match.group("digits") or lexicon.ORDINALS[ordinal])
        counted = n.plural(noun)
        unit = "people" if counted in lexicon.PEOPLE_NOUNS else counted
        label = f"{mods}{counted} so far {match.group('to')}"
        yield Quantity(
            match.start("ord"), match.end("noun"), value, unit, match.group("ord"), label=label
        )


def _is_fraction(match: re.Match[str]) -> bool:
    """'a third of', 'by a quarter', and 'half' as a subject ('and half expect to …');
    never 'the first half' or 'half an hour'."""
    if match.group("of") or (match.group("lead") or "").strip().lower() == "by":
        return True
    following = (match.group("next") or "").lower()
    return (
        match.group("lead") is not None
        and following.isalpha()
        and (following not in _NOT_FRACTION_NEXT)
    )
