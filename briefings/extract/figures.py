"""Numbers → figure mentions: value, unit, what it counts, period and qualifier.

Never figures: years used as dates, dates, times, URLs and ids, numbers that are part of
a name ("Number 10"), ordinals, and number words inside a period ("in the past two
years"). Number words count: "doubled", "five-year", "a third".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Document, Qualifier
from ..text import content_stems

_CURRENCY = r"(?P<cur>US\$|A\$|£|\$|€|¥)"
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>bn|billion|mn|million|m|k|thousand|tn|trillion)(?![A-Za-z]))?"
_PERCENT = r"(?:\s?(?P<pct>%|per\s?cent|percent|percentage points?|pc\b))?"
_FIGURE = re.compile(rf"(?<![\w/.#@-]){_CURRENCY}?\s?{_NUMBER}{_SCALE}{_PERCENT}(?![\w/])")
_WORD_NUMBER = re.compile(
    r"\b(?P<word>" + "|".join(lexicon.NUMBER_WORDS) + r")(?P<hyphen>-(?P<dur>year|month|week|day)"
    r"s?(?:-old)?)?\b(?P<rest>\s+\w+)?",
    re.I,
)
_MULTIPLIER = re.compile(r"\b(?P<word>" + "|".join(lexicon.MULTIPLIER_WORDS) + r")\b", re.I)
_FRACTION = re.compile(
    r"\b(?P<word>"
    + "|".join(sorted(lexicon.FRACTION_WORDS, key=len, reverse=True))
    + r")\b(?= of\b)",
    re.I,
)
_ANY_NUMBER = re.compile(
    r"\d|\b(?:"
    + "|".join(
        [
            *lexicon.NUMBER_WORDS,
            *lexicon.MULTIPLIER_WORDS,
            "third",
            "half",
            "quarter",
            "fifth",
            "thirds",
        ]
    )
    + r")\b",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|bst)?\b|"
    r"\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
    re.I,
)
_PERIOD = re.compile("|".join(lexicon.PERIOD_PATTERNS), re.I)
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_BOUNDARY = re.compile(
    r"(?:,\s+|;\s*|:\s+|\s+[—–]\s*|—|\s+-\s+|\bthat\s+|\bas\s+|\bwhile\s+|\bwith\s+|\bafter\s+|"
    r"\bbecause\s+|\bwhich\s+|\bwho\s+|\bsaid\s+|\band\s+(?=the\b))",
    re.I,
)
_FILLER = re.compile(
    r"^(?:there (?:has|have|had) been|a total of|a further|an extra|an additional|a staggering|"
    r"a record|a|an|the|some|just|only|indeed,?|with)\s+",
    re.I,
)
_CHANGE_NOUN = re.compile(
    r"^(?:increase|rise|jump|fall|drop|reduction|decline|cut|"
    r"decrease|growth|surge|reduction)\s+in\s+",
    re.I,
)
_TRAILING = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|by|of|to|at|from|on|in|to|"
    r"be|been|being|will|would|could|so far|alone|now|already)$",
    re.I,
)
_NAME_BEFORE = re.compile(r"(?:[A-Z][a-z]+|No\.?)\s$")
_LEAD_WORDS = frozenset(
    "about around some nearly over almost only just up down roughly approximately more "
    "fewer less at by in to of from between under below above and or but while".split()
)
"""Capitalised words that may open a sentence before a figure ("About 300 …")."""


@dataclass(frozen=True)
class FigureMention:
    """One number as one source states it."""

    value: float
    unit: str
    display: str
    label: str
    period: str | None
    qualifier: Qualifier
    direction: int
    """+1 a rise, -1 a fall, 0 a level: a 33% rise and a 33% fall are not one figure."""
    source: str
    sentence_id: str
    sentence: str

    @property
    def stems(self) -> frozenset[str]:
        return content_stems(self.label) - _GENERIC


_GENERIC = frozenset(
    {
        "number",
        "total",
        "figur",
        "level",
        "rise",
        "increas",
        "fall",
        "reduct",
        "drop",
        "chang",
        "record",
    }
)


def find_figures(doc: Document) -> list[FigureMention]:
    """Every figure in one article, in reading order."""
    found: list[FigureMention] = []
    for sentence in doc.sentences:
        in_sentence: list[FigureMention] = []
        for mention in _sentence_figures(sentence.text):
            value, unit, display, label, period, qualifier, direction = mention
            if (not label or len(content_stems(label)) < 2) and in_sentence:
                previous = in_sentence[-1]
                label = _CHANGE_NOUN.sub("", previous.label)
                if unit == "percent" and direction:
                    label = f"{label} ({'rise' if direction > 0 else 'fall'})"
                if unit == "count":
                    unit = previous.unit if previous.unit != "percent" else _unit_of(label)
                period = period or previous.period
            if not label:
                continue
            figure = FigureMention(
                value,
                unit,
                display,
                label,
                period,
                qualifier,
                direction,
                doc.source.id,
                sentence.id,
                sentence.text,
            )
            in_sentence.append(figure)
        found.extend(in_sentence)
    return found


def _sentence_figures(text: str) -> list[tuple]:  # type: ignore[type-arg]
    if not _ANY_NUMBER.search(text):
        return []
    masked = _mask(text)
    periods = [m.span() for m in _PERIOD.finditer(masked)]
    out: list[tuple[int, tuple]] = []  # type: ignore[type-arg]

    def add(start: int, end: int, value: float, unit: str, display: str) -> None:
        out.append((start, _describe(text, masked, start, end, value, unit, display)))

    for match in _FIGURE.finditer(masked):
        if parsed := _parse_numeric(masked, match):
            add(match.start(), match.end(), *parsed)
    for match in _WORD_NUMBER.finditer(masked):
        if any(a <= match.start() < b for a, b in periods):
            continue
        value = float(lexicon.NUMBER_WORDS[match.group("word").lower()])
        rest = (match.group("rest") or "").strip().lower()
        if match.group("dur"):
            if rest not in ("period", "periods", "old"):
                add(
                    match.start(),
                    match.end("hyphen"),
                    value,
                    match.group("dur").lower() + "s",
                    match.group("word") + match.group("hyphen"),
                )
        elif rest.endswith("s") and rest not in _NOT_COUNTED:
            add(match.start(), match.end("word"), value, "count", match.group("word"))
    for match in _MULTIPLIER.finditer(masked):
        value = float(lexicon.MULTIPLIER_WORDS[match.group("word").lower()])
        add(match.start(), match.end(), value, "multiplier", match.group("word"))
    for match in _FRACTION.finditer(masked):
        value = lexicon.FRACTION_WORDS[match.group("word").lower()]
        add(match.start(), match.end(), value, "fraction", match.group("word"))
    return [figure for _, figure in sorted(out, key=lambda pair: pair[0])]


_NOT_COUNTED = frozenset({"times", "sides", "ways", "days", "weeks", "months", "years", "decades"})
"""'three times', 'in two years': number words that count no thing of their own."""


def _mask(text: str) -> str:
    """Blank out URLs, times and dates so their digits are never read as figures."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    text = _URL.sub(blank, text)
    text = _TIME.sub(blank, text)
    months = "|".join(lexicon.MONTHS)
    text = re.sub(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b|"
        rf"\b(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
        blank,
        text,
        flags=re.I,
    )
    return re.sub(r"\b\d+(?:st|nd|rd|th)\b", blank, text)


def _parse_numeric(text: str, match: re.Match[str]) -> tuple[float, str, str] | None:
    number = match.group("num")
    value = float(number.replace(",", ""))
    currency, scale, pct = match.group("cur"), match.group("scale"), match.group("pct")
    before = text[: match.start()]
    name_before = _NAME_BEFORE.search(before)
    if not currency and name_before and name_before.group().strip().lower() not in _LEAD_WORDS:
        return None
    after = text[match.end() :].lower()
    if (
        not (currency or scale or pct)
        and 1800 <= value <= 2100
        and "," not in number
        and "." not in number
        and not _people_noun(after)
    ):
        return None
    if re.match(r"\s?(?:score|out of|/\d)", after) or re.search(r"score:?\s*$", before, re.I):
        return None
    multiplier = lexicon.SCALE_WORDS.get(scale.lower(), 1.0) if scale else 1.0
    if currency:
        unit = lexicon.CURRENCY_SYMBOLS[currency.lower() if len(currency) > 1 else currency]
    elif pct:
        unit = "percentage points" if "point" in pct else "percent"
    else:
        unit = _unit_after(after)
        if unit is None and scale:
            unit = "count"
    return value * multiplier, unit or "count", match.group().strip()


def _people_noun(after: str) -> bool:
    words = re.findall(r"[a-z]+", after)[:3]
    return any(w in lexicon.PEOPLE_NOUNS for w in words[:2])


def _unit_after(after: str) -> str | None:
    words = re.findall(r"[a-z-]+", after)[:3]
    for word in words[:2]:
        if word in lexicon.CURRENCY_WORDS:
            return lexicon.CURRENCY_WORDS[word]
        if word in lexicon.DURATION_NOUNS:
            return lexicon.DURATION_NOUNS[word]
        if word in lexicon.PEOPLE_NOUNS:
            return "people"
    if (
        words
        and words[0].endswith("s")
        and len(words[0]) > 3
        and words[0] not in ("has", "was", "is", "this", "its", "less", "across", "as")
    ):
        return words[0]
    return None


def _unit_of(label: str) -> str:
    words = set(re.findall(r"[a-z]+", label.lower()))
    return "people" if words & lexicon.PEOPLE_NOUNS else "count"


def _describe(
    text: str,
    masked: str,
    start: int,
    end: int,
    value: float,
    unit: str,
    display: str,
) -> tuple:  # type: ignore[type-arg]
    """Label, period, qualifier and direction from the clause around a number."""
    clause_start, clause_end = _clause(masked, start, end)
    clause = text[clause_start:clause_end]
    before = text[clause_start:start].lower()
    qualifier: Qualifier = "exact"
    cut = len(before)
    for cue, meaning in lexicon.QUALIFIER_CUES:
        if re.search(rf"(?:^|\W){re.escape(cue)}\s+(?:by\s+)?(?:[£$€]\s?)?$", before):
            qualifier = meaning  # type: ignore[assignment]
            cut = before.rfind(cue)
            break
    period_match = _PERIOD.search(clause)
    period = period_match.group() if period_match else None
    window = re.findall(r"[a-z]+", text[max(clause_start, start - 40) : end + 40].lower())
    direction = 0
    if any(w in lexicon.INCREASE_WORDS for w in window):
        direction = 1
    if any(w in lexicon.DECREASE_WORDS for w in window):
        direction = -1
    label = _label(clause, start - clause_start, end - clause_start, cut, period)
    if unit == "count":
        unit = _unit_of(label) if label else unit
    return value, unit, display, label, period, qualifier, direction


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        left = match.end()
    right_match = _BOUNDARY.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def _label(clause: str, start: int, end: int, cut: int, period: str | None) -> str:
    """What the number counts, in the source's words: the clause minus number and period."""
    text = (clause[:cut] + " " + clause[end:]).strip()
    if period:
        text = text.replace(period, " ")
    text = re.sub(r"\s*[“”\"‘’()]\s*", " ", text)
    text = re.sub(r"^(?:up|down)\s+(?:by\s+)?", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-—–")
    lower = text.lower()
    for anchor in ("the number of ", "the total of ", "the level of ", "the amount of "):
        if anchor in lower:
            text = text[lower.index(anchor) :]
            break
    for _ in range(3):
        text = _FILLER.sub("", text)
        text = _TRAILING.sub("", text).strip(" ,.;:-—–")
    words = text.split()
    return " ".join(words[:14])
