"""Numbers → figure mentions: value, unit, what it counts, period and qualifier.

Never figures: years used as dates, dates (ISO "2026-11-20" too), spans of years
("2024-25"), times, URLs and ids, numbers that are part of a name ("Number 10"),
ordinals, number words inside a period ("in the past two years"), and small spelled-out
numbers inside a description ("the two hospitals", "voted to close two hospitals"). Number
words count: "doubled", "five-year", "a third". A vote tally ("by 32 votes to 18") is one
figure, the votes for.

A label reads after the value, in the source's words: the counted noun and what it does
("1,200 staff move to the new site"), an object with its clause ("800 of the workers
Unison represents"), a passive turned round ("12,000 people signed a petition"), the size
of a change by what changed ("3% rise in waiting times") and a new level by what it
measures ("14 weeks waiting times"). Otherwise the clause with the number cut out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..model import Document, Qualifier
from ..text import STOPWORDS, any_of, content_stems, stem

_CURRENCY = r"(?P<cur>US\$|A\$|£|\$|€|¥)"
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>bn|billion|mn|million|m|k|thousand|tn|trillion)(?![A-Za-z]))?"
_PERCENT = r"(?:\s?(?P<pct>%|per\s?cent|percent|percentage points?|pc\b)|(?P<pence>p)(?!\w))?"
_FIGURE = re.compile(
    # A currency sign may follow a dash ("£2m-£3m"); a bare number only after a dash that
    # follows a number ("20-30%"), never inside a word or id ("BF-2025").
    rf"(?:(?<![\w/.#@]){_CURRENCY}|(?<![\w/.#@£$€¥-])|(?<=[\d%mnk][-–]))\s?"
    rf"{_NUMBER}{_SCALE}{_PERCENT}(?![\w/])"
)
_RANGE_GAP = re.compile(r"\s*[-–]\s*|\s+(?:to|and)\s+", re.I)
"""Between the two ends of a range: "£2m-£3m", "200 to 300", "between 200 and 300"."""
_TIMES = re.compile(
    r"\s+times\s+(?:higher|more|greater|larger|bigger|lower|smaller|as|the|over)\b", re.I
)
"""'four times higher', '3 times as many': a multiplier, not a count of times."""
_AGE_AFTER = re.compile(r"(?:,|\)|-year-old|\s+years?\s+old)")
_RELATIVE = frozenset({"who", "that"})
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
_ANY_NUMBER = re.compile(  # on lower-cased text: much faster than re.I
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
    + r")\b"
)
_TIME = re.compile(
    # "08:00", "4.30pm", "3pm"; never a price ("£4.80") or a decimal ("4.80").
    r"(?<![£$€\d.,])\b\d{1,2}(?::[0-5]\d(?:\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst))?|"
    r"\.[0-5]\d\s?(?:am|pm|a\.m\.|p\.m\.))(?!\w)|"
    r"\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
    re.I,
)
_DATE = re.compile(
    # "2026-11-20", "2026-11-20T09:30Z", "20.11.2026", "20/11/26", and spans of years
    # ("2024-25", "2019/20"): never a range of two counts.
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\w)|"
    r"\b\d{1,2}([./])\d{1,2}\1\d{2,4}\b|"
    r"\b(?:19|20)\d\d[-–/](?:(?:19|20)\d\d|\d\d)\b"
)
_PERIOD = any_of(lexicon.PERIOD_PATTERNS, re.I)
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_BOUNDARY = re.compile(
    # "with" is no boundary ("the deal with the group is worth …"); "and" is one before a
    # new subject or verb phrase ("… worth £2bn and will treat 1.5m patients").
    r"(?:,\s+|;\s*|:\s+|\s+[—–]\s*|—|\s+-\s+|\bthat\s+|\bas\s+|\bwhile\s+|\bafter\s+|"
    r"\bbecause\s+|\bwhich\s+|\bwho\s+|\bsaid\s+|"
    r"\band\s+(?=(?:the|will|would|could|can|is|are|was|were|has|have|had)\b))",
    re.I,
)
_FILLER = re.compile(
    r"^(?:there (?:has|have|had) been|there (?:is|are|was|were)|a total of|a further|an extra|"
    r"an additional|a staggering|"
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
    head: str = ""
    """The noun the number counts or prices, as the source wrote it ('plan', 'staff')."""

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(_SYNONYM.get(s, s) for s in content_stems(self.label)) - _GENERIC

    @property
    def head_stem(self) -> str:
        return _SYNONYM.get(stem(self.head), stem(self.head)) if self.head else ""


_SYNONYM = {
    stem(word): stem(group.split()[0]) for group in lexicon.LABEL_SYNONYMS for word in group.split()
}
"""Each synonym's stem → its group's first stem, so 'scheme' and 'plan' compare equal."""


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
    vocabulary = cache(lambda: _vocabulary(doc))  # read only if a label needs it
    for sentence in doc.sentences:
        in_sentence: list[FigureMention] = []
        for mention in _sentence_figures(sentence.text):
            value, unit, display, label, period, qualifier, direction, head = mention
            if in_sentence and _borrows_label(label):
                previous, own, head = in_sentence[-1], label, ""
                label = _CHANGE_NOUN.sub("", previous.label)
                if content_stems(own) and not _CHANGE_LEAD.match(own):
                    label = f"{label} ({own.lower()})"  # "…, an increase of 30p"
                elif unit == "percent" and direction:
                    label = f"{label} ({'rise' if direction > 0 else 'fall'})"
                if unit == "count":
                    unit = previous.unit if previous.unit not in _RATIOS else _unit_of(label)
                period = period or previous.period
            if not label:
                continue
            label = _lower_opening(label, sentence.text, vocabulary)
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
                head,
            )
            in_sentence.append(figure)
        found.extend(in_sentence)
    return found


def _lower_opening(
    label: str, sentence: str, vocabulary: Callable[[], tuple[frozenset[str], frozenset[str]]]
) -> str:
    """'rise in Waiting times' → 'rise in waiting times': a sentence's capital is no part
    of a label. Only a word that reads as a common one is lowered: one the article also
    writes in lower case, or a plural or '-ing' form followed by a lower-case word, and
    never one it capitalises inside a sentence ('London rents' stays)."""
    opening = sentence.split()[0] if sentence.split() else ""
    if not opening[:1].isupper() or not opening[1:].isalpha() or not opening[1:].islower():
        return label
    words = label.split()
    for at, word in enumerate(words[:-1]):
        if word == opening:
            lower, names = vocabulary()
            common = word.lower() in lower or (
                word.endswith(("ing", "s")) and not word.endswith("ss")
            )
            if common and words[at + 1][:1].islower() and word not in names:
                words[at] = word.lower()
                return " ".join(words)
            break
    return label


def _vocabulary(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The words an article writes in lower case, and those it capitalises inside its
    sentences (names)."""
    lower: set[str] = set()
    names: set[str] = set()
    for sentence in doc.sentences:
        lower.update(re.findall(r"\b[a-z][a-z'’-]*", sentence.text))
        names.update(re.findall(r"(?<=[\w,;:] )[A-Z][\w'’-]*", sentence.text))
    return frozenset(lower), frozenset(names)


_RATIOS = frozenset({"percent", "percentage points", "multiplier", "fraction"})
_CHANGE_LEAD = re.compile(
    r"^(?:and\s+)?(?:falling|rising|dropping|climbing|increasing|decreasing|from|to)\b", re.I
)


def _borrows_label(label: str) -> bool:
    """A label that says nothing of its own ('by', 'from'), or a clause that continues the
    last figure ('…, falling to 64 on a single night'), takes the last figure's label."""
    return not (content_stems(label) - _GENERIC) or bool(_CHANGE_LEAD.match(label))


def _sentence_figures(text: str) -> list[tuple]:  # type: ignore[type-arg]
    if not _ANY_NUMBER.search(text.lower()):
        return []
    masked = _mask(text)
    periods = [m.span() for m in _PERIOD.finditer(masked)]
    out: list[tuple[int, tuple]] = []  # type: ignore[type-arg]

    def in_period(start: int) -> bool:
        return any(a <= start < b for a, b in periods)

    def add(start: int, end: int, value: float, unit: str, display: str, **kw: object) -> None:
        out.append((start, _describe(text, masked, start, end, value, unit, display, **kw)))

    tallies = []
    for vote in _VOTES.finditer(masked):
        tallies.append(vote.span())
        clause_start, _ = _clause(masked, vote.start(), vote.end())
        context = _tidy(re.sub(r"\bby\s*$", "", text[clause_start : vote.start()].strip()))
        label = f"votes for, {vote.group('no')} against"
        if len(content_stems(context)) >= 2:
            label = f"{label}: {context}"
        value = float(vote.group("yes").replace(",", ""))
        add(vote.start(), vote.end("yes"), value, "votes", vote.group("yes"), label=label)
    numeric = [
        (m, p)
        for m in _FIGURE.finditer(masked)
        if not any(a <= m.start() < b for a, b in tallies) and (p := _parse_numeric(masked, m))
    ]
    numeric = [(m, p) for m, p in numeric if not (p[1] in _DURATIONS and in_period(m.start()))]
    ranged: set[int] = set()
    for (low, low_parsed), (high, high_parsed) in zip(numeric, numeric[1:], strict=False):
        if range_ := _range(masked, low, low_parsed, high, high_parsed):
            ranged.update((low.start(), high.start()))
            (low_value, unit), span = range_, (low.start(), high.end())
            add(*span, low_value, unit, low_parsed[2], qualifier="at least")
            add(*span, high_parsed[0], unit, high_parsed[2], qualifier="up to")
    for match, parsed in numeric:
        if match.start() not in ranged:
            add(match.start(), match.end(), *parsed)
    for match in _WORD_NUMBER.finditer(masked):
        if in_period(match.start()):
            continue
        value = float(lexicon.NUMBER_WORDS[match.group("word").lower()])
        rest = (match.group("rest") or "").strip().lower()
        after = masked[match.end("word") :]
        if match.group("dur"):
            if rest not in ("period", "periods", "old"):
                add(
                    match.start(),
                    match.end("hyphen"),
                    value,
                    match.group("dur").lower() + "s",
                    match.group("word") + match.group("hyphen"),
                )
        elif times := _TIMES.match(after):
            end = match.end("word") + times.end()
            add(match.start(), end, value, "multiplier", masked[match.start() : end])
        elif rest in _DURATIONS and not re.match(r"\s+\w+\s+(?:ago|old)\b", after):
            add(match.start(), match.end("rest"), value, rest, match.group().strip())
        elif _describes(masked[: match.start()], value):
            continue
        elif rest not in _NOT_COUNTED and (unit := _unit_after(after.lower())):
            add(match.start(), match.end("word"), value, unit, match.group("word"))
    for match in _MULTIPLIER.finditer(masked):
        value = float(lexicon.MULTIPLIER_WORDS[match.group("word").lower()])
        add(match.start(), match.end(), value, "multiplier", match.group("word"))
    for match in _FRACTION.finditer(masked):
        if _is_fraction(match):
            value = lexicon.FRACTION_WORDS[match.group("word").lower()]
            add(match.start("word"), match.end("word"), value, "fraction", match.group("word"))
    return [figure for _, figure in sorted(out, key=lambda pair: pair[0])]


_VOTES = re.compile(
    r"(?<![\w.,£$€])(?P<yes>\d{1,3}(?:,\d{3})+|\d+)\s+votes?\s+to\s+"
    r"(?P<no>\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d)",
    re.I,
)
"""'by 32 votes to 18': one figure, the votes for, labelled with the votes against."""
_DESCRIPTIVE = re.compile(
    r"\b(?:the|its|their|his|her|our|these|those|all|both|other)\s+$|\bto\s+[a-z]+\s+$"
)


def _describes(before: str, value: float) -> bool:
    """A small number spelled out inside a description is no key figure: 'the two
    hospitals' names things already known, 'voted to close two hospitals' says what a
    decision does. 'Six branches will move …' and 'killed three people' still count."""
    return value < 10 and bool(_DESCRIPTIVE.search(before))


_DURATIONS = frozenset(lexicon.DURATION_NOUNS.values())

_NOT_COUNTED = frozenset({"times", "sides", "ways", *_DURATIONS})
"""'three times', 'in two years': number words that count no thing of their own."""

_CHANGE_WORDS = lexicon.INCREASE_WORDS | lexicon.DECREASE_WORDS | {"by"}

_NOT_FRACTION_NEXT = frozenset("a an the of hour day week month year time century way".split())


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


def _range(
    text: str,
    low: re.Match[str],
    low_parsed: tuple[float, str, str],
    high: re.Match[str],
    high_parsed: tuple[float, str, str],
) -> tuple[float, str] | None:
    """Two numbers that are the ends of one range: the lower end's value and the unit.

    "between 200 and 300 homes", "cut 200 to 300 jobs", "£2m-£3m", "2 to 3 million";
    never a change ("from 4% to 5%", "fell 2% to 18%") nor two things ("rose 5% to £300").
    """
    gap = _RANGE_GAP.fullmatch(text, low.end(), high.start())
    if not gap:
        return None
    before = text[max(0, low.start() - 8) : low.start()].lower()
    if "and" in gap.group().lower() and not before.endswith("between "):
        return None
    if before.endswith("from "):
        return None
    marked = any(low.group(g) for g in ("cur", "scale", "pct", "pence"))
    verb = re.search(r"(\w+)\s+$", text[max(0, low.start() - 20) : low.start()])
    if marked and verb and verb.group(1).lower() in _CHANGE_WORDS and "and" not in gap.group():
        return None  # "fell 2% to 18%": the change, then the new level
    value, unit, _ = low_parsed
    high_value, high_unit, _ = high_parsed
    raw = float(low.group("num").replace(",", ""))
    if high.group("scale") and not low.group("scale") and raw < float(high.group("num")):
        value *= lexicon.SCALE_WORDS[high.group("scale").lower()]  # "£2-3m", "2 to 3 million"
    if unit == "count" or (unit in _DURATIONS and high_unit not in _DURATIONS):
        unit = high_unit
    elif high_unit == "count" and not high.group("pct"):
        high_unit = unit  # "£2-3m": the upper end takes the lower end's currency
    if unit != high_unit or value >= high_value:
        return None
    return value, unit


def _mask(text: str) -> str:
    """Blank out URLs, times and dates so their digits are never read as figures."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    text = _URL.sub(blank, text)
    text = _DATE.sub(blank, text)
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
    if re.search(r"(?:^|\s)[A-Za-z][\w-]*[-–]$", before):
        return None  # part of an id: "BF-2025-117", "COVID-19"
    after = text[match.end() :].lower()
    plain = not (currency or scale or pct or match.group("pence"))
    if (
        plain
        and 1800 <= value <= 2100
        and "," not in number
        and "." not in number
        and not _people_noun(after)
    ):
        return None
    if plain and _is_age(before, after):
        return None
    if re.match(r"\s?(?:score|out of|/\d)", after) or re.search(r"score:?\s*$", before, re.I):
        return None
    multiplier = lexicon.SCALE_WORDS.get(scale.lower(), 1.0) if scale else 1.0
    if currency:
        unit = lexicon.CURRENCY_SYMBOLS[currency.lower() if len(currency) > 1 else currency]
    elif match.group("pence"):
        return value / 100, "GBP", match.group().strip()
    elif pct:
        unit = "percentage points" if "point" in pct else "percent"
    elif plain and _TIMES.match(after):
        return value, "multiplier", match.group().strip()
    else:
        unit = _unit_after(after)
        if unit is None and scale:
            unit = "count"
    return value * multiplier, unit or "count", match.group().strip()


def _is_age(before: str, after: str) -> bool:
    """'Maria Santos, 68,', 'Smith (68)', 'aged 68', '68-year-old': a person's age."""
    if re.search(r"\baged\s+$", before, re.I):
        return True
    if not _AGE_AFTER.match(after):
        return False
    return after.startswith(("-", " ")) or bool(re.search(r"[A-Z][a-z]+\s?[,(]\s?$", before))


def _people_noun(after: str) -> bool:
    words = re.findall(r"[a-z]+", after)[:3]
    return any(w in lexicon.PEOPLE_NOUNS for w in words[:2])


_NOUN_RUN = re.compile(r"(?:[ \t]+[a-z][a-z'-]*){1,4}")
_NOT_UNITS = (
    frozenset(
        "has was is this its less across as remains needs means seems goes comes makes takes "
        "gets gives".split()
    )
    | lexicon.INCREASE_WORDS
    | lexicon.DECREASE_WORDS
)


def _unit_after(after: str) -> str | None:
    """What a number counts: the noun phrase after it, up to the first function word.

    "1,500 new hospital beds across …" counts beds; "300 firefighters" counts people.
    """
    words = re.findall(r"[a-z-]+", after)[:3]
    for word in words[:2]:
        if word in lexicon.CURRENCY_WORDS:
            return lexicon.CURRENCY_WORDS[word]
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
        if (
            word.endswith("s")
            and not word.endswith(("ss", "us", "is", "'s"))
            and len(word) > 3
            and word not in _NOT_UNITS
        ):
            return word
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
    qualifier: Qualifier | None = None,
    label: str | None = None,
) -> tuple:  # type: ignore[type-arg]
    """Label, period, qualifier, direction and counted noun from the clause around a number.

    A range's two ends come with their qualifiers ("at least", "up to") and share a span;
    a vote tally comes with its own label.
    """
    clause_start, clause_end = _clause(masked, start, end)
    clause = text[clause_start:clause_end]
    before = text[clause_start:start].lower()
    cut = len(before)
    if qualifier is not None:
        cut = before.rfind("between") if before.endswith("between ") else cut
    else:
        qualifier = "exact"
        for cue, meaning in lexicon.QUALIFIER_CUES:
            if re.search(rf"(?:^|\W){re.escape(cue)}\s+(?:by\s+)?(?:[£$€]\s?)?$", before):
                qualifier = meaning  # type: ignore[assignment]
                cut = before.rfind(cue)
                break
    period_match = _PERIOD.search(clause)
    period = period_match.group() if period_match else None
    near = text[max(clause_start, start - 40) : end + 40].lower().replace("up to ", "")
    window = re.findall(r"[a-z]+", near)
    direction = 0
    if any(w in lexicon.INCREASE_WORDS for w in window):
        direction = 1
    if any(w in lexicon.DECREASE_WORDS for w in window):
        direction = -1
    if _NEW_LEVEL.search(text, max(clause_start, start - 40), start):
        direction = 0  # "have risen to £1.5bn" is the new level, not the size of a rise
    if _OLD_LEVEL.search(text, max(clause_start, start - 12), start):
        direction = 0  # "down from 3.1%": the level before, not the size of a fall
    head = ""
    if label is not None:
        direction = 0
    else:
        before, after = clause[:cut], text[end:clause_end]
        if period:
            before, after = before.replace(period, " "), after.replace(period, " ")
        change = _change_label(before, unit)
        if change is not None:
            label, direction = change
            head = _head(after)[0] if direction == 0 else ""
            if head and unit not in _RATIOS and not label.lower().startswith(head.lower()):
                label = f"{head} {label}"  # "14 weeks waiting times at the hospitals"
        elif unit not in ("multiplier", "fraction"):  # 'doubled', 'half': a whole clause
            head, label = _counted_label(before, after, _antecedent(masked, text, clause_start))
        if not label:
            label = _label(clause, start - clause_start, end - clause_start, cut, period)
    if unit == "count":
        unit = _unit_of(label) if label else unit
    return value, unit, display, label, period, qualifier, direction, head


_OLD_LEVEL = re.compile(r"\bfrom\s+(?:[£$€]\s?)?\Z", re.I)
_DANGLING = re.compile(r"\s+(?:at|to|by|of|on|in|with|for)\s*\Z", re.I)
_RISE_VERBS = (
    r"ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|gr(?:ew|own|ows?|owing)|"
    r"climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|soar(?:s|ed|ing)?|surg(?:e|es|ed|ing)"
)
_FALL_VERBS = (
    r"f(?:all|alls|ell|allen|alling)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|"
    r"decreas(?:e|es|ed|ing)|slump(?:s|ed|ing)?|plung(?:e|es|ed|ing)|reduced|cut"
)
_NEW_LEVEL = re.compile(
    rf"\b(?:{_RISE_VERBS}|{_FALL_VERBS})\s+(?:by\s+\S+(?:\s+\S+)?\s+)?to\s+"
    r"(?:(?:more than|over|about|around|almost|nearly|just|some)\s+)?(?:[£$€]\s?)?$",
    re.I,
)
"""'rose to 14 weeks', 'rose by 3% to 14 weeks': the new level."""
_LEVEL = re.compile(rf"\b(?:{_RISE_VERBS}|{_FALL_VERBS})\s+(?:by\s+\S+(?:\s+\S+)?\s+)?to\s+$", re.I)
_CHANGE = re.compile(
    rf"\b(?:(?P<rise>{_RISE_VERBS}|up)|(?P<fall>{_FALL_VERBS}|down))\s+"
    r"(?P<by>by\s+)?(?:an?\s+)?$",
    re.I,
)
"""'rose by 3%', 'fell 2%', 'were up 12%', 'fell by a quarter': the size of a change."""
_AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|is|are|was|were|be|been|being|will|would|could|can|may|might|"
    r"must|should|shall|do|does|did|also|now|already|still|only|just))+$",
    re.I,
)
_PASSIVE = re.compile(
    r"(?:^|\s)(?P<np>(?:a|an|the|its|their|his|her|our)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+"
    r"(?P<part>[a-z]+ed)\s+by\s+$",
    re.I,
)
"""'a petition signed by 12,000 people': the people signed a petition."""


def _change_label(before: str, unit: str) -> tuple[str, int] | None:
    """'Waiting times rose by 3%' → ('rise in Waiting times', +1): the size of a change is
    labelled by what changed; '… rose to 14 weeks' → ('Waiting times', 0), the new level.
    A size is a percentage, or 'by' a count: 'will cut 1,200 jobs' counts jobs."""
    if level := _LEVEL.search(before):
        subject = _tidy(_AUXILIARY.sub("", before[: level.start()].rstrip()))
        return (subject, 0) if content_stems(subject) else None
    match = _CHANGE.search(before)
    if not match or not (match.group("by") or unit in _RATIOS):
        return None
    subject = _tidy(_AUXILIARY.sub("", before[: match.start()].rstrip()))
    if not content_stems(subject):
        return None
    rise = match.group("rise") is not None
    return f"{'rise' if rise else 'fall'} in {subject}", 1 if rise else -1


def _counted_label(before: str, after: str, antecedent: str) -> tuple[str, str | None]:
    """The counted noun right after a number, and a label that reads after the value.

    "1,200 staff move to the new site": the noun and what it does. When the number is an
    object ("Unison, which represents 800 of the workers"), the noun then its clause:
    "800 of the workers Unison represents"; a passive turns round: "a petition signed by
    12,000 people" → "12,000 people signed a petition". None: the clause, number cut out.
    """
    head, rest = _head(after)
    if not head:
        return "", None
    rest = re.split(r"\s\S*\d", f" {rest}", maxsplit=1)[0]  # another figure: its own label
    noun = head.split()[-1].lower()
    words = rest.split()
    first = words[0].lower().strip(",.;:") if words else ""
    verb_like = bool(first) and (
        first not in lexicon.PREPOSITIONS
        and first not in _CONJUNCTIONS
        and first not in lexicon.DETERMINERS
        or first == "to"
        and len(words) > 1
        and words[1].lower() not in lexicon.DETERMINERS
        and words[1][:1].islower()
    )
    if passive := _PASSIVE.search(before):
        # What follows is the clause of the thing signed: "… signed by 300 doctors was sent".
        thing = passive.group("np")
        return noun, _tidy(f"{head} {passive.group('part')} {thing[0].lower()}{thing[1:]}")
    if verb_like or not content_stems(_tidy(before)):
        return noun, _tidy(f"{head} {rest}")
    last = re.findall(r"[\w'’-]+", before.lower())[-1:]
    if not last or last[0] in STOPWORDS or last[0] in lexicon.PREPOSITIONS:
        return noun, None  # "at the two hospitals", "along 300 miles": inside a phrase
    subject = " ".join(f"{antecedent} {before}".split())
    if len(content_stems(subject)) < 2:
        return noun, None  # "affecting 4,500 appointments": no subject to read after
    if subject.split()[0].lower() in lexicon.DETERMINERS:
        subject = subject[0].lower() + subject[1:]  # "people the plant will employ"
    if first in _CONJUNCTIONS:
        rest = ""  # "destroyed 120 homes and forced …": the next clause is not theirs
    return noun, _tidy(f"{head} {subject} {rest}")


_NOT_HEAD = (
    STOPWORDS
    | lexicon.PREPOSITIONS
    | frozenset(
        "earlier later ago times higher lower bigger smaller greater more fewer less each "
        "apiece respectively overall altogether alone now then too already yet instead "
        "last next every since until unless once though although while whereas".split()
    )
)
"""Words after a number that are not the thing it counts: '4.2% a year earlier'."""
_CONJUNCTIONS = frozenset(
    "and or but when if because while as until unless once since where who which that "
    "whose whom though although".split()
)


def _head(after: str) -> tuple[str, str]:
    """The noun phrase a number counts ('new hospital beds', 'of the workers') and the
    rest of the clause after it; the phrase ends at its counted noun."""
    tokens = after.split()
    n = 2 if len(tokens) > 2 and tokens[0] == "of" and tokens[1] in lexicon.DETERMINERS else 0
    taken = 0
    while n < len(tokens) and taken < 4:
        word = tokens[n]
        if not re.fullmatch(r"[a-z][a-z'’-]*", word) or word in _NOT_HEAD:
            break
        if taken and word.endswith("ed"):
            break  # "a £10m package agreed by": the noun came first
        n, taken = n + 1, taken + 1
        if _counted_noun(word):
            break
    if not taken:
        return "", after
    return " ".join(tokens[:n]), " ".join(tokens[n:])


def _counted_noun(word: str) -> bool:
    return (
        word in lexicon.PEOPLE_NOUNS
        or word in lexicon.DURATION_NOUNS
        or word in lexicon.CURRENCY_WORDS
        or (
            word.endswith("s")
            and not word.endswith(("ss", "us", "is", "'s"))
            and len(word) > 3
            and word not in _NOT_UNITS
        )
    )


def _antecedent(masked: str, text: str, clause_start: int) -> str:
    """'Unison, which represents …': the short noun phrase a relative clause is about."""
    opener = re.search(r"\b(?:which|who)\s+$", masked[:clause_start])
    if not opener:
        return ""
    prefix = masked[: opener.start()].rstrip(" ,")
    left = 0
    for match in _BOUNDARY.finditer(prefix):
        left = match.end()
    phrase = text[left : len(prefix)].strip()
    return phrase if 0 < len(phrase.split()) <= 4 else ""


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause a number sits in. A relative clause right after a short noun phrase
    belongs to it: '90% of members who voted backed strikes'."""
    left = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        left = match.end()
    right_match = _BOUNDARY.search(text, end)
    while (
        right_match
        and right_match.group().strip().lower() in _RELATIVE
        and sum(w.lower() not in STOPWORDS for w in text[end : right_match.start()].split()) < 2
    ):
        right_match = _BOUNDARY.search(text, right_match.end())
    right = right_match.start() if right_match else len(text)
    return left, right


def _label(clause: str, start: int, end: int, cut: int, period: str | None) -> str:
    """What the number counts, in the source's words: the clause minus number and period,
    and minus the preposition the number was the object of ('unchanged at 4.25% on …')."""
    text = (_DANGLING.sub("", clause[:cut]) + " " + clause[end:]).strip()
    if period:
        text = text.replace(period, " ")
    return _tidy(text)


def _tidy(text: str) -> str:
    """A label without quotes, fillers ('a total of'), dangling function words, or more
    than 14 words."""
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
