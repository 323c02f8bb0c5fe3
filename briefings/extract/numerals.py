"""Numerals and what follows them: the patterns of the number grammar, and the unit, currency
or counted noun right after a number. No sentence-level decisions here (briefings.extract.
numbers makes those)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .. import lexicon, units
from ..model import Qualifier
from ..text import STOPWORDS, any_of, one_of

Kind = Literal["figure", "age", "reference", "description", "conversion", "split"]


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence. `start`..`end` is what a label reads around (the
    numeral); `display` is the quantity as printed, unit included ('17 km')."""

    start: int
    end: int
    value: float
    unit: str
    display: str
    kind: Kind = "figure"
    qualifier: Qualifier | None = None
    label: str | None = None
    direction: int | None = None
    """From a printed sign: '+0.8%' a rise, '-1.3%' a fall."""

    @property
    def measure(self) -> str:
        """What the unit measures: 'currency', 'length', 'count'…"""
        return units.kind(self.unit)


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_DOLLAR_LETTERS = sorted(
    {p[:-1].replace(" ", "") for p in units.CURRENCY_PREFIXES if p.endswith("$") and len(p) > 2},
    key=len,
    reverse=True,
)
CURRENCY = (
    # "US$", "hk $", "u.s $": two or more letters then a dollar sign, any case, maybe
    # spaced; one letter only in capitals and unspaced ("A$", never "a $40m"), or "c $";
    # then the signs ("£", "₹"), the letter prefixes ("RM", "CHF") and ISO codes ("USD 200").
    r"(?P<cur>(?i:(?:"
    + "|".join(re.escape(p) for p in _DOLLAR_LETTERS).replace(r"\.", r"\.?")
    + r")\s?\$)|[ACSR]\$|[Cc]\s\$|"
    + _alternation(p for p in units.CURRENCY_PREFIXES if not (p.endswith("$") and len(p) > 1))
    + "|"
    + _alternation(units.CURRENCY_CODES)
    + r")"
)
NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?)"
"""'1,200', '12,34,567.89' (Indian grouping), '4.5'."""
SCALES = lexicon.SCALE_WORDS
SCALE = r"(?:\s?(?P<scale>bn|billion|mn|million|m|k|thousand|tn|trillion|lakh|crore)(?![A-Za-z]))?"
PERCENT = (
    r"(?:\s?(?P<pct>%\s?points?|%|per\s?cent|percent|pct|percentage points?|pc\b)"
    r"|(?P<pence>p)(?!\w))?"
)
_GLUED = _alternation(
    {u for u in units.UNITS if u.replace("/", "").replace("²", "").isalnum()}
    | units.CURRENCY_CODES
    | set(units.CURRENCY_SIGNS_AFTER)
)
FIGURE = re.compile(
    # A currency sign may follow a dash ("£2m-£3m"); a bare number only after a dash that
    # follows a number ("20-30%"), never inside a word or id ("BF-2025"). A sign belongs
    # to a number at the start of a word: "-1.3%", "+0.8%"; never after a share, where a
    # dash pairs two ("43%-41%", a split or a range).
    rf"(?:(?<![\w/.#@]){CURRENCY}|(?<![\w/.#@£$€¥₹-])(?<!\d\s)(?P<sign>(?<!%)(?<!%\s)[-−+](?=\d))?|"
    rf"(?<=[\d%mnk][-–])|(?<=\d\s[-–]))\s?{NUMBER}{SCALE}{PERCENT}"
    # Nothing glued to the number but a unit: "200lbs", "75ml", "115USD"; "24703L202" and
    # "A320neo" are ids.
    rf"(?:(?![\w/]|[.,]\d)|(?=(?:{_GLUED}|[CF])(?![\w/])))"
)
SLASH = re.compile(r"(?<![\w/.,])(?:(?P<whole>\d{1,3})\s)?(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\w/])")
"""'1/2 pound', '10 1/2 miles': a fraction, read only before a unit of measure."""
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}

_SPELLED = "|".join(w for w in lexicon.SPELLED_WORDS if w not in ("a", "an"))
SPELLED_RUN = rf"\b(?:{_SPELLED})(?:[ -](?:{_SPELLED}))*\b"
"""A spelled number without 'and': 'forty-five', 'ninety five'."""
SPELLED = re.compile(
    rf"(?<![\d.,]\s)\b(?P<spelled>(?:{_SPELLED})(?:(?:[ -]|\s+and\s+)(?:{_SPELLED}))*)(?=[ -])"
)
"""A spelled number ('ninety five', 'forty-five', 'five million'), read before a unit; run
on lower-cased text (see `lowered`), which is much faster than re.I."""


def lowered(text: str) -> str:
    """The text in lower case with every character where it was, for patterns that read
    lower case only; a character whose lower case is longer stays as it is."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_DIGITS = re.compile(r"\d")


def figure_matches(masked: str) -> list[re.Match[str]]:
    """FIGURE.finditer, tried only near digits: a figure starts at most a currency prefix
    ('U.S. $ ') before its first digit. The same matches, several times faster."""
    out: list[re.Match[str]] = []
    pos = 0
    for digit in _DIGITS.finditer(masked):
        if digit.start() < pos:
            continue
        match = FIGURE.search(masked, max(pos, digit.start() - 10), digit.end() + 80)
        while match and match.end() <= digit.start():  # ended before this digit
            match = FIGURE.search(masked, match.end(), digit.end() + 80)
        if match and match.start() <= digit.start():
            out.append(match)
            pos = match.end()
    return out


def spelled_value(words: str) -> float:
    """'ninety five' → 95, 'three hundred' → 300, 'five million' → 5e6."""
    total = current = 0.0
    for word in re.findall(r"[a-z]+", words.lower()):
        value = lexicon.SPELLED_WORDS.get(word)
        if value is None:
            continue
        if value < 1:
            current = (current or 1) * value  # "three quarters", "half"
        elif value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current


APPROXIMATE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1e6,
    "tens of millions": 1e7,
    "hundreds of millions": 1e8,
    "billions": 1e9,
    "tens of billions": 1e10,
    "hundreds of billions": 1e11,
}
"""'thousands of people': more than a thousand; the word is the display, never a number."""

_MEASURE = re.compile(
    r"(?P<gap>[ \t]?-?|[ \t]?)(?P<open>[(\[{<])?(?P<unit>"
    + _alternation(units.UNITS)
    + r")(?(open)[)\]}>])(?![\w²³/$£€]|\.\w)"
    + r"(?:\s+(?P<per>an hour|per hour|a day|per day|a year))?"
)
_CODE_AFTER = re.compile(rf"\s?(?P<code>{_alternation(units.CURRENCY_CODES)})\b")
_WORD_CURRENCY = re.compile(
    r"(?:[ \t]|-)(?P<word>" + _alternation(units.CURRENCY_WORDS) + r")\b", re.I
)
_SIGN_AFTER = re.compile(
    r"[ \t]?(?P<sign>"
    + _alternation(
        [*units.CURRENCY_SIGNS_AFTER, *(p for p in units.CURRENCY_PREFIXES if len(p) == 1)]
    )
    + r")(?![ \t]?\d)"
)
"""'10 €', '100元': a sign after the amount, unless it opens the next one ('1 $10')."""
_MINOR = re.compile(r"(?:[ \t]|-)(?P<word>cents?|pence|penny|pennies|sen)\b", re.I)
_POUNDS = re.compile(r"(?:[ \t]|-)(?P<word>pounds?)\b(?!\s+sterling)", re.I)
_MONEY_CONTEXT = re.compile(
    r"£|\b(?:cost|costs|price|priced|paid|pay|pays|worth|fine|fined|spend|spent|sold|"
    r"bought|fund|funding|budget|salary|wage|earn|earns|bill|loan|debt|profit|revenue|"
    r"compensation|bonus|fee|fees|tax|grant|award|awarded|raise|raised|donat\w*)\b",
    re.I,
)
_WEIGHT_CONTEXT = re.compile(r"\b(?:weigh\w*|heav\w*|lost|lose|drop|gain\w*|lbs?)\b", re.I)
_AGE = re.compile(
    r"(?:[ \t]|-)(?P<unit>years?|months?|weeks?|days?)(?:[- ]old\b|\s+of\s+age\b)|\s+yo\b", re.I
)
_HYPHEN_DURATION = re.compile(
    r"-(?P<unit>second|minute|hour|day|week|month|year|decade)s?\b(?!-old)", re.I
)
_METRES_NEXT = re.compile(
    r"\s*(?:tall|long|high|wide|deep|away|across|thick|below|above|under|x\b|by\s+\d|"
    r"(?:deeper|higher|taller|wider|longer)\b|$)"
)


def measure_after(text: str, at: int, scaled: bool) -> tuple[float, str, str, int] | None:
    """The unit of measure or currency printed right after a number ending at `at`: a
    factor for the value (0.01 for cents), the canonical unit, its kind, and where the
    unit ends. 'pounds' weighs unless a scale or the talk of money says sterling."""
    if age := _AGE.match(text, at):
        return (
            1.0,
            units.DURATIONS_BY_FORM.get(age.group("unit") or "years", "years"),
            "age",
            age.end(),
        )
    if span := _HYPHEN_DURATION.match(text, at):  # "a 60-second spot", "a 10-year plan"
        return 1.0, units.DURATIONS_BY_FORM[span.group("unit").lower()], "duration", span.end()
    if code := _CODE_AFTER.match(text, at):
        return 1.0, code.group("code"), "currency", code.end()
    if sign := _SIGN_AFTER.match(text, at):
        after = units.CURRENCY_SIGNS_AFTER.get(sign.group("sign"))
        return 1.0, after or units.CURRENCY_PREFIXES[sign.group("sign")], "currency", sign.end()
    if minor := _MINOR.match(text, at):
        return 0.01, units.MINOR_CURRENCY[minor.group("word").lower()], "currency", minor.end()
    if pounds := _POUNDS.match(text, at):
        clause = text[max(0, at - 60) : at]
        money = scaled or (_MONEY_CONTEXT.search(clause) and not _WEIGHT_CONTEXT.search(clause))
        unit, kind = ("GBP", "currency") if money else ("lb", "mass")
        return 1.0, unit, kind, pounds.end()
    if word := _WORD_CURRENCY.match(text, at):
        return 1.0, units.CURRENCY_WORDS[word.group("word").lower()], "currency", word.end()
    if temperature := units.TEMPERATURE.match(text, at) or units.TEMPERATURE.match(
        text, at + 1 if text[at : at + 1] in " -" else at
    ):
        scale = (temperature.group("scale") or temperature.group("word") or "").lower()
        if scale[:1] in ("c", "f"):
            return 1.0, f"°{scale[0].upper()}", "temperature", temperature.end()
        if units.TEMPERATURE_CONTEXT.search(text):
            return 1.0, "°", "temperature", temperature.end()
        return 1.0, "degrees", "angle", temperature.end()
    if re.match(r"[CF](?![\w/])", text[at : at + 2]):
        if units.TEMPERATURE_CONTEXT.search(text):  # "40.3C" in a weather story
            return 1.0, f"°{text[at]}", "temperature", at + 1
        return None
    if measure := _MEASURE.match(text, at):
        surface = measure.group("unit")
        if surface in units.AMBIGUOUS and measure.group("gap"):
            return None  # "100t" is tonnes; "100 t" is anything
        unit, kind = units.UNITS[surface]
        if measure.group("per") and kind == "length":
            unit, kind = f"{unit} per {measure.group('per').split()[-1]}", "speed"
        return 1.0, unit, kind, measure.end()
    return None


def metres(text: str, at: int) -> bool:
    """'1.8m tall', '48m x 20m': metres, not millions."""
    return bool(_METRES_NEXT.match(text, at))


_NOUN_RUN = re.compile(r"(?:[ \t]+[a-z][a-z'-]*){1,4}")
NOT_UNITS = (
    frozenset(
        "has was is this its less across as remains needs means seems goes comes makes takes "
        "gets gives".split()
    )
    | lexicon.INCREASE_WORDS
    | lexicon.DECREASE_WORDS
)


def unit_after(after: str) -> str | None:
    """What a number counts: the noun phrase after it, up to the first function word.

    "1,500 new hospital beds across …" counts beds; "300 firefighters" counts people.
    """
    words = re.findall(r"[a-z-]+", after)[:3]
    for word in words[:2]:
        if word in lexicon.CURRENCY_NOUNS:
            return lexicon.CURRENCY_NOUNS[word]
        if word in lexicon.DURATION_NOUNS:
            return lexicon.DURATION_NOUNS[word]
    run = _NOUN_RUN.match(after)
    phrase: list[str] = []
    for word in run.group().split() if run else ():
        if word in STOPWORDS and word != "more":
            break
        phrase.append(word)
    for word in phrase:
        if word in lexicon.PEOPLE_NOUNS:
            return "people"
        if counted_noun(word) and word not in lexicon.DURATION_NOUNS:
            return word
    return None


def counted_noun(word: str) -> bool:
    """A plural noun a number can count ('beds'), a person noun, a duration or money."""
    return (
        word in lexicon.PEOPLE_NOUNS
        or word in lexicon.DURATION_NOUNS
        or word in lexicon.CURRENCY_NOUNS
        or (
            word.endswith("s")
            and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and len(word) > 3
            and word not in NOT_UNITS
        )
    )


def plural(noun: str) -> str:
    """'council' → 'councils', 'authority' → 'authorities': for a counted ordinal."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


PERIOD = any_of(lexicon.PERIOD_PATTERNS, re.I)
NUMBER_WORD = re.compile(
    r"[½¼¾⅓⅔]|\b(?:"
    + one_of(
        {
            *lexicon.NUMBER_WORDS,
            *lexicon.MULTIPLIER_WORDS,
            *(w.split()[-1] for w in lexicon.FRACTION_WORDS),
            *(w for w in lexicon.SPELLED_WORDS if len(w) > 2),
            *lexicon.ORDINALS,
            *(w.split()[0] for w in APPROXIMATE),
        }
    )
    + r")\b"
)
"""Any number in words, on lower-cased text: the word passes run only when one is there.
The words as a trie (`one_of`): the longest still wins, and a sentence is ruled out in half
the time of one alternative per word."""
ANY_NUMBER = re.compile(r"\d|" + NUMBER_WORD.pattern)
