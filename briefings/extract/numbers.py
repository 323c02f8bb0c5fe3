"""The number grammar: every quantity a sentence prints, with its value, unit and span.

Reads numerals with currencies (by sign, prefix or ISO code: "£", "A$", "RM", "CHF",
"USD 200", "200 euros", "30p", "50 cents"), scales ("k", "m", "bn", "million", "lakh"),
units of measure (briefings.units), signs ("-1.3%"), fractions ("1/2 pound", "a third"),
ranges ("$3bn to $5bn", "1,000-10,000"), vote tallies ("by 32 votes to 18", "voted 31-12":
`tallies`), a poll's split ("42%-49%": never a range, kind "split"),
counted ordinals ("the tenth council to …"), approximate words ("thousands of"), and
spelled numbers before a unit ("ninety five years of age", "six-mile").

Never quantities: years used as dates, dates ("July 8 and 9"), times, chapter and verse,
odds ("John 3:16", "3:1"), URLs and ids, numbers that are part of a name ("Number 10", "S&P
500", "1600 Pennsylvania Avenue", "the Group of 20", "a 401(k)"), a ranked list's places
("Christie (6.)", "1) …"), how a bench divided ("a 5-4 decision"). Some are read but
marked by `kind` so a briefing can leave them out: a person's age ("age", see `ages`), a
duration used as a time reference ("15 years ago", "20 minutes later", "his first 100
days": "reference"), a number describing a noun ("the two hospitals", "a 15-member
committee", "the top 1 percent": "description", see `describing`), a poll's split whose
smaller share comes first ("split"), and a currency conversion in brackets ("£62m ($80m)":
"conversion").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .. import lexicon, units
from ..model import Qualifier
from . import numerals as n
from .ages import POLICY_AGE, is_age, people_noun
from .combine import compounds, conversions, range_ends, split_shares
from .describing import (
    a_magnitude,
    career,
    counting_unit,
    describes_length,
    describes_size,
    from_an_edge,
    names_a_group,
    names_a_place,
    ranked_group,
)
from .masking import mask
from .numerals import Kind, Quantity
from .spelled import spelled_quantities
from .tallies import read_tallies

__all__ = ["Kind", "Quantity", "mask", "read_quantities", "read_sentence"]


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity in one sentence, in reading order, news filters not applied."""
    return read_sentence(text)[1]


def read_sentence(text: str) -> tuple[str, list[Quantity]]:
    """The sentence with dates, times and URLs blanked (for labels), and its quantities.

    Passes run from the most specific reading to the least: a tally before its two
    numbers, '1/2 pound' before '2', 'six-mile' before 'six'; a later pass reads only what
    no earlier one took."""
    if not n.ANY_NUMBER.search(text.lower()):
        return text, []
    masked = mask(text)
    periods: list[tuple[int, int]] = []  # read on first use: most sentences never ask
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []  # spans read beyond a quantity's own: a whole tally

    spans: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        if len(spans) < len(out):  # the spans of what was read since the last call
            spans.extend((q.start, max(q.end, q.start + len(q.display))) for q in out[len(spans) :])
        return not any(a < end and start < b for a, b in (*taken, *spans))

    def in_period(start: int) -> bool:
        if not periods:
            periods.extend(m.span() for m in n.PERIOD.finditer(masked))
            periods.append((-1, -1))  # read
        return any(a <= start < b for a, b in periods)

    lower = n.lowered(masked)
    out.extend(read_tallies(masked, free, taken))
    if " in " in lower or "/" in lower or _VULGAR.search(lower):
        out.extend(_shares(masked, text))
    words = bool(n.NUMBER_WORD.search(lower))
    if words:
        out.extend(q for q in _spelled_measures(masked, text) if free(q.start, q.end))
    out.extend(_numerals(masked, text, free, in_period))
    if words:
        out.extend(spelled_quantities(masked, text, free, in_period))
    return masked, conversions(masked, compounds(masked, sorted(out, key=lambda q: q.start)))


def _shares(masked: str, text: str) -> list[Quantity]:
    """'7 in 10 voters', '1/2 pound', '½ teaspoon'."""
    out = []
    for ratio in _RATIO.finditer(masked):
        word = ratio.group("a").lower()
        a = int(word) if word.isdigit() else int(lexicon.NUMBER_WORDS.get(word, 1))
        b = int(ratio.group("b"))
        if 0 < a < b <= 100:
            out.append(Quantity(ratio.start(), ratio.end(), a / b, "fraction", ratio.group()))
    for slash in n.SLASH.finditer(masked):
        numerator, denominator = int(slash.group("n")), int(slash.group("d"))
        measured = n.measure_after(masked, slash.end(), False)
        if numerator < denominator and measured:
            value = int(slash.group("whole") or 0) + numerator / denominator
            _, unit, kind, end = measured
            age: Kind = "age" if kind == "age" else "figure"
            display = text[slash.start() : end]
            out.append(Quantity(slash.start(), slash.end(), value, unit, display, age))
    for vulgar in _VULGAR.finditer(masked):
        if measured := n.measure_after(masked, vulgar.end(), False):
            display = text[vulgar.start() : measured[3]]
            value = n.VULGAR[vulgar.group()]
            out.append(Quantity(vulgar.start(), vulgar.end(), value, measured[1], display))
    return out


def _spelled_measures(masked: str, text: str) -> list[Quantity]:
    """A spelled number before a unit of measure, a currency or 'old': 'six-mile',
    'five million yen', 'ninety five years of age'."""
    out = []
    for spelled in n.SPELLED.finditer(n.lowered(masked)):
        words = spelled.group("spelled")
        scaled = bool(re.search(r"million|billion|thousand", words))
        measured = n.measure_after(masked, spelled.end(), scaled)
        if measured and measured[2] not in ("count", "duration"):
            factor, unit, kind, end = measured
            value = n.spelled_value(words) * factor
            age: Kind = "age" if kind == "age" else "figure"
            display = text[spelled.start() : end]
            out.append(Quantity(spelled.start(), spelled.end(), value, unit, display, age))
    return out


def _numerals(
    masked: str, text: str, free: Callable[[int, int], bool], in_period: Callable[[int], bool]
) -> list[Quantity]:
    """Numerals, with the two ends of a range joined; 'N-M' with no range is a score or a
    ratio ('outnumber them 3-1'), never two figures."""
    matches = [m for m in n.figure_matches(masked) if free(m.start(), m.end())]
    joined = {
        m.start()
        for pair in zip(matches, matches[1:], strict=False)
        if re.fullmatch(r"[-–]", masked[pair[0].end() : pair[1].start()])
        and not any(m.group("cur") or m.group("scale") or m.group("pct") for m in pair)
        for m in pair
    }
    numeric = [(m, q) for m in matches if (q := _numeral(masked, text, m))]
    numeric = [(m, q) for m, q in numeric if not (q.unit in _DURATIONS and in_period(m.start()))]
    ranged: set[int] = set()
    shares: dict[int, Quantity] = {}  # a score's first side, printed without its sign
    out: list[Quantity] = []
    for (low, low_q), (high, high_q) in zip(numeric, numeric[1:], strict=False):
        if low_q.value < high_q.value and split_shares(masked, low, low_q, high, high_q):
            ranged.update((low.start(), high.start()))  # "a 42%-49% approval rating"
            out.extend(replace(q, kind="split") for q in (low_q, high_q))
        elif low_q.unit == "count" and high.group("pct") and low_q.value > high_q.value:
            if re.fullmatch(r"\s+to\s+|\s?[-–]\s?", masked[low.end() : high.start()]):
                shares[low.start()] = replace(low_q, unit=high_q.unit)  # "beat him 46 to 40%"
        if range_ := range_ends(masked, low, low_q, high, high_q):
            ranged.update((low.start(), high.start()))
            value, unit = range_
            span = (low.start(), high.end())
            kind = low_q.kind if low_q.kind != "figure" else high_q.kind  # "age 18-34"
            out.append(Quantity(*span, value, unit, low_q.display, kind, "at least"))
            out.append(Quantity(*span, high_q.value, unit, high_q.display, kind, "up to"))
    out.extend(
        shares.get(m.start(), q)
        for m, q in numeric
        if m.start() not in ranged and m.start() not in joined
    )
    return out


_DURATIONS = frozenset(lexicon.DURATION_NOUNS.values())
_RATIO = re.compile(
    r"(?<![\w.,£$€-])(?P<a>\d{1,2}|(?i:one|two|three|four|five|six|seven|eight|nine))"
    r" in (?P<b>\d{1,3})(?![\w%]|[.,]\d)"
)
"""'seven in 10', '7 in 10': a share, like 'one in five'."""
_VULGAR = re.compile(r"[½¼¾⅓⅔]")
_COMPOUND = re.compile(r"-(?P<noun>[A-Za-z]{3,})\b(?![-’'])")
_TIMES = re.compile(
    r"\s+times\s+(?:higher|more|greater|larger|bigger|lower|smaller|as|the|over)\b", re.I
)
"""'four times higher', '3 times as many': a multiplier, not a count of times."""
_NAME_BEFORE = re.compile(r"(?:[A-Za-z&]*[A-Z][A-Za-z&]*|No\.?)\s$")
_LEAD_WORDS = frozenset(
    "about around some nearly over almost only just up down roughly approximately more "
    "fewer less at by in to of from between under below above and or but while the a an "
    "another all its their with including exactly fully barely still since for".split()
) | (lexicon.POSSESSIVES | lexicon.DEMONSTRATIVES)
"""Capitalised words that may open a sentence before a figure ("About 300 …")."""
_DESIGNATOR = re.compile(
    r"\b(?:section|article|clause|chapter|paragraph|schedule|rule|regulation|category|tier|"
    r"level|stage|phase|grade|type|model|version|exit|junction|route|highway|interstate|"
    r"room|platform|gate|page|flight|series|season|episode|channel|ward|item|amendment|"
    r"division|number|no\.|part|act|bill|order|form|band|class|generation|gen|mark|mk|"
    r"vol\.?|volume|issue|figure|table|lot|unit|block|floor|pier|terminal|runway|code)\s?#?$",
    re.I,
)
"""'section 114', 'a category 4 storm', 'Article 50': a name's number, never a figure."""
_REFERENCE_AFTER = re.compile(
    r"\s*(?:years?|months?|weeks?|days?|decades?|hours?)?\s*(?:ago|earlier|before|"
    r"previously|later|on|from\s+now|hence)\b",
    re.I,
)
_SPAN_REFERENCE = re.compile(
    r"\s+(?:ago|earlier|before|previously|later|after|since|ahead\s+of|into|from\s+now|hence)\b",
    re.I,
)
_UNIT_REFERENCE = re.compile(
    r"\s*[a-z]+\s+(?:ago|earlier|before|previously|later|after|since|ahead\s+of|into|from\s+now|"
    r"hence)\b"
)
_OR_REFERENCE = re.compile(
    r"\s+(?:or|to|and)\s+\d+\s+(?:years?|months?|weeks?|days?|decades?|hours?|minutes?)\s+"
    r"(?:ago|earlier|later|before|after|since)\b"
)
"""'40 or 50 years ago': the first end of a span used as a time reference."""
_OTHER_SIDE = re.compile(r"\s?(?:[-–]|to|versus|vs\.?)\s?\d+(?:\.\d+)?\s?(?:%|per\s?cent)")
"""After a share, the other side of a score: the share is no name's number."""
_COUNT_SIDE = re.compile(r"\s+to\s+(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\w%.,]|\s*per)")


def _greater_side(value: float, after: str) -> bool:
    """'leads Sanders 1,428 to 1,153': a score's larger side follows a name."""
    side = _COUNT_SIDE.match(after)
    return side is not None and value > float(side.group("n").replace(",", ""))


_INTENSIFIER = re.compile(
    r"\s+(?:sure|certain|right|wrong|behind|true|honest|\w+ly|\w+ed|\w+ent|\w+ate)\b", re.I
)


def _numeral(masked: str, text: str, match: re.Match[str]) -> Quantity | None:
    """One numeral with its currency, scale, sign and unit; None when it is not a
    quantity at all (a year, a name's number, an id, a score)."""
    number = match.group("num")
    value = float(number.replace(",", ""))
    currency, scale, pct = match.group("cur"), match.group("scale"), match.group("pct")
    pence, sign = match.group("pence"), match.group("sign")
    before = masked[: match.start()]
    after = masked[match.end() :].lower()
    plain = not (currency or scale or pct or pence)
    if names_a_group(before, match.group().strip(), after):
        return None  # "the Group of 20", "the Fight for $15", "Time's 100 most …"
    if not currency:
        name_before = _NAME_BEFORE.search(before)
        if name_before and name_before.group().strip().lower() not in _LEAD_WORDS:
            score = _OTHER_SIDE.match(after) or _greater_side(value, after)
            if not ((pct or plain) and score):  # "led Clinton 46% to 35%", "1,428 to 1,153"
                return None
        if plain and _DESIGNATOR.search(before.rstrip() if before.endswith(" ") else before):
            return None
    if re.search(r"(?:^|\s)[A-Za-z][\w-]*[-–]$", before):
        return None  # part of an id: "BF-2025-117", "COVID-19"
    if plain and 1800 <= value <= 2100 and "," not in number and "." not in number:
        if not people_noun(after):
            return None
    if pct and value == 100 and _INTENSIFIER.match(after):
        return None  # "100 percent committed": emphasis, not a share
    if re.match(r"\s?(?:score|out of|/\d)", after) or re.search(r"score:?\s*$", before, re.I):
        return None
    if plain and re.search(r"\(\s?$", before) and re.match(r"\.\s?\)", after):
        return None  # "Chris Christie (6.)": a place in a ranked list, no quantity
    if plain and (re.match(r"\([a-z]\)", after) or re.search(r"\d\([a-z]\)\($", before)):
        return None  # "a 401(k) plan", "a 501(c)(3) group": a code's number
    if plain and after.startswith(")") and before.rfind("(") <= before.rfind(")"):
        return None  # "1) registers …, 2) realizes …": a list's item number
    if plain and names_a_place(masked, match.start(), match.end()):
        return None  # "1600 Pennsylvania Avenue", "3 Marco Rubio."
    start, end = match.start(), match.end()
    multiplier = n.SCALES.get(scale.lower(), 1.0) if scale else 1.0
    kind: Kind = "figure"
    direction = None
    qualifier: Qualifier | None = None
    if sign:  # "+0.8%", "lost -7 points": a change; a level only for a temperature
        direction = -1 if sign in "-−" else 1
    if currency:
        unit = units.CURRENCY_PREFIXES.get(currency) or _currency(currency)
        if code := re.match(r"\s?([A-Z]{3})\b", masked[end:]):
            end += code.end() if code.group(1) in units.CURRENCY_CODES else 0
    elif pence:
        return Quantity(
            start, end, value / 100, "GBP", text[start:end].strip(), direction=direction
        )
    elif pct:
        unit = "percentage points" if "point" in pct else "percent"
    elif scale == "m" and n.metres(masked, end):
        unit, multiplier = "metres", 1.0
    elif measured := n.measure_after(masked, end, bool(scale)):
        factor, unit, measure, end = measured
        multiplier *= factor
        if measure == "age":
            kind = "age"
        elif measure == "duration" and describes_length(masked, end):
            kind = "description"  # "the four-day convention": its length, no key figure
        elif measure == "duration" and _SPAN_REFERENCE.match(masked, end):
            kind = "reference"  # "20 minutes later", "five hours after the blast"
        elif measure == "temperature" and re.search(r"(?:^|\s)[-−]\s$", before):
            start, value = start - 2, -value  # "- 20 degrees fahrenheit"
        if measure == "temperature" and direction == -1:
            value, direction = -value, None  # "-5C": a temperature below zero
        elif measure == "currency" and not scale:
            if late := re.match(r"\s?(?P<scale>million|billion|bn|m)\b", masked[end:]):
                multiplier *= n.SCALES[late.group("scale")]
                end += late.end()
    elif compound := _COMPOUND.match(masked, end):  # "a 10-point lead", "a 500-bed hospital"
        unit, end = n.plural(compound.group("noun").lower()), compound.end()
        unit = "people" if unit in lexicon.PEOPLE_NOUNS or unit == "persons" else unit
        if counted := counting_unit(compound.group("noun").lower(), masked, end):
            unit, qualifier = counted  # "a 1,000-strong crowd", "90-plus parties"
        elif describes_size(masked, end, compound.group("noun")):
            kind = "description"  # "a 15-member committee": its size, no key figure
    elif re.match(r"[CFA-Z]", masked[end : end + 1]):
        return None  # "a Boeing 777F", "the 13F filing": a name
    elif plain and _TIMES.match(after):
        return Quantity(start, end, value, "multiplier", text[start:end].strip())
    else:
        unit = n.unit_after(after) or "count"
        unit = "magnitude" if unit == "count" and a_magnitude(before, after) else unit
        if plain and is_age(before, after):
            kind = "age"
        elif (unit in lexicon.DURATION_UNITS and _UNIT_REFERENCE.match(after)) or (
            _OR_REFERENCE.match(after)
        ):
            kind = "reference"  # "20 minutes later", "five hours after the blast"
        elif unit in _DURATIONS and (
            _REFERENCE_AFTER.match(
                after,
                len(after) - len(after.lstrip()) + len(after.split()[0]) if after.split() else 0,
            )
            or career(before)
        ):
            kind = "reference"
    if kind == "figure" and unit in lexicon.DURATION_UNITS and from_an_edge(before):
        kind = "reference"  # "within his first 100 days"
    if kind == "figure" and ranked_group(before):
        kind = "description"  # "the top 1 percent"
    if kind == "figure" and unit == "count" and POLICY_AGE.search(before):
        unit = "years"  # 'raise the state pension age to 68', 'a minimum age of 14'
    display = text[start:end].strip()
    return Quantity(
        match.start(),
        match.end(),
        value * multiplier,
        unit,
        display,
        kind,
        qualifier,
        None,
        direction,
    )


def _currency(prefix: str) -> str:
    """'hk $', 'U.S.$', 'usd$' → the ISO code; a bare ISO code is itself."""
    if prefix.upper() in units.CURRENCY_CODES:
        return prefix.upper()
    letters = re.sub(r"[^A-Za-z]", "", prefix).upper()
    for sign, code in units.CURRENCY_PREFIXES.items():
        if re.sub(r"[^A-Za-z]", "", sign).upper() == letters and sign.endswith("$"):
            return code
    return "USD"
