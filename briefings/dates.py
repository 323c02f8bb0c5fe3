"""Dates written in news prose ("on Thursday", "last month", "12 May", "May 12, 2026",
"yesterday"), resolved against the date of the article that prints them.

A small explicit grammar rather than a general date parser: news uses a few dozen forms,
and each must be resolved by rules a reader can check, with the article's own date as the
only "now" (never today's date) and the sentence's tense choosing between the Thursday
before and the Thursday after ("met on Thursday", "will meet on Thursday"). A general
parser guesses (a bare "May" is a month, "March" a date, a weekday always the coming one)
and resolves against the clock; these rules say nothing when they are unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import lexicon

Precision = Literal["day", "week", "month", "year"]
Tense = Literal["past", "future", "present"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_MONTH_ABBR = {m[:3]: n for n, m in enumerate(MONTHS, 1)} | {"Sept": 9}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_PATTERNS = re.compile(
    "|".join(
        (
            rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)",
            rf"(?P<dmy>\b(?P<d1>{_DAY}) (?:of )?(?P<m1>{_MONTH})(?:,? (?P<y1>{_YEAR}))?)(?![\w-])",
            rf"(?P<mdy>\b(?P<m2>{_MONTH}) (?P<d2>{_DAY})(?:,? (?P<y2>{_YEAR}))?)(?![\w:.,]?\d)",
            rf"(?P<my>\b(?P<m3>{_MONTH}) (?P<y3>{_YEAR}))\b",
            r"(?P<rel>\b(?i:the day before yesterday|yesterday|today|tonight|tomorrow|"
            r"last night|this (?:morning|afternoon|evening))\b)",
            r"(?P<ago>\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)) "
            r"(?P<unit>day|week|month|year)s? ago\b)",
            r"(?P<span>\b(?P<which>(?i:last|next|this|earlier this|later this)) "
            r"(?P<size>week|month|year)\b)",
            rf"(?P<wd>(?:\b(?P<wrel>(?i:last|next|this)) )?(?<!Good )(?<!Black )(?<!Ash )"
            rf"(?<!Cyber )(?<!Super )(?<!Maundy )(?<!Easter )(?<!Palm )\b(?P<wday>{_WEEKDAY})"
            r"(?!s\b)(?:'s|’s)?)",
            rf"(?P<mon>\b(?P<mrel>(?i:in|since|until|by|last|next|this|early|late|mid|earlier in|"
            rf"later in))[ -](?P<m4>{_MONTH})\b(?! \d))",
        )
    )
)

_TRIGGER = re.compile(
    rf"{_WEEKDAY}|{_MONTH}|\d{{4}}-\d|(?i:yesterday|today|tonight|tomorrow|this morning|"
    r"this afternoon|this evening|last night|\bago\b|week\b|month\b|year\b)"
)
"""Words without which `_PATTERNS` cannot match: most sentences have none, and this simple
alternation rules them out many times faster than the full grammar."""

_FUTURE = re.compile(
    r"\b(?:will|shall|would|won't|wo n't|going to|due to|set to|expected to|scheduled to|"
    r"plans? to|planning to|intends? to|to be held|upcoming|next)\b|'ll\b|’ll\b",
    re.IGNORECASE,
)
_PAST_WORDS = frozenset(
    """said told was were had did met made took gave came went won lost held left began rose
    fell sent spent put cut hit struck sought brought thought found saw wrote spoke chose ran
    stood became paid sold kept led knew grew drew flew fled threw broke ate hung laid shut
    quit rang sang sank shot slid swore swept swung taught tore understood woke wore withdrew
    overturned ago earlier""".split()
)
_NOT_PAST = frozenset(
    "need needed indeed proceed exceed succeed hundred seed speed feed breed greed bleed "
    "creed shed red bed bred wed sled embed".split()
)
_PRESENT_WORDS = frozenset("is are begins starts opens takes meets comes runs ends".split())
_DATE_AFTER = re.compile(rf",? (?:the )?(?:{_DAY}\b|{_MONTH} \d)")
_PRECISIONS: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_CLAUSE_BREAK = re.compile(r"[,;:—–()]| - ")
_TOKEN = re.compile(r"[A-Za-z’']+")


@dataclass(frozen=True)
class DateMention:
    """A date written in a sentence, resolved: `day` is the day itself, or the first day of
    the week (a Monday), month or year it names, as `precision` says."""

    phrase: str
    start: int
    end: int
    day: date
    precision: Precision
    relative: bool
    """Whether it needed the article's date ('on Thursday'), not only its own words."""


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date the text writes, in order; relative ones only when the article's
    `published` date is known (it is the only 'now' they may be read against).

    >>> [(m.phrase, str(m.day)) for m in find_dates("It met on Thursday.", date(2026, 3, 9))]
    [('Thursday', '2026-03-05')]
    """
    found: list[DateMention] = []
    if not _TRIGGER.search(text):
        return found
    for match in _PATTERNS.finditer(text):
        mention = _resolve(match, text, published)
        if mention is not None:
            found.append(mention)
    return found


def tense(text: str, start: int, end: int) -> Tense | None:
    """The tense of the verb nearest the words at `start:end`: 'will meet on Thursday' is
    future, 'met on Thursday' or 'said on Thursday that it will' past."""
    best: tuple[int, Tense] | None = None
    for match in _FUTURE.finditer(text):
        distance = _distance(text, match.start(), match.end(), start, end)
        if best is None or distance < best[0]:
            best = (distance, "future")
    for match in _TOKEN.finditer(text):
        word = match.group().lower().replace("’", "'")
        kind: Tense | None = None
        if word in _PAST_WORDS or (
            len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST and word.isalpha()
        ):
            before = text[max(0, match.start() - 16) : match.start()].lower()
            modal = re.search(r"\b(?:will|shall|would|to)(?: be| have)?\s+$", before)
            kind = "future" if modal else "past"
        elif word in _PRESENT_WORDS:
            kind = "present"
        if kind is None:
            continue
        distance = _distance(text, match.start(), match.end(), start, end)
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


def _distance(text: str, a: int, b: int, start: int, end: int) -> int:
    """How far a verb at `a:b` is from the date at `start:end`; a verb across a comma or
    dash ('…, officials confirmed') counts only when no nearer one is in the clause."""
    between = text[b:start] if b <= start else text[end:a] if a >= end else ""
    return len(between) + (1000 if _CLAUSE_BREAK.search(between) else 0)


def _resolve(match: re.Match[str], text: str, published: date | None) -> DateMention | None:
    kind = match.lastgroup or ""
    g = match.groupdict()
    phrase, start, end = match.group(kind), match.start(kind), match.end(kind)
    day: date | None = None
    precision: Precision = "day"
    if kind == "iso":
        try:
            day = date.fromisoformat(phrase)
        except ValueError:
            return None
        return DateMention(phrase, start, end, day, "day", relative=False)
    if kind in ("dmy", "mdy", "my"):
        n = {"dmy": "1", "mdy": "2", "my": "3"}[kind]
        month = _month(g[f"m{n}"])
        year = int(g[f"y{n}"]) if g[f"y{n}"] else None
        dom = int(re.sub(r"\D", "", g[f"d{n}"])) if kind != "my" else 1
        if kind == "my":
            precision = "month"
        if year is not None:
            day = valid_date(year, month, dom)
            if day is None:
                return None
            return DateMention(phrase, start, end, day, precision, relative=False)
        if published is None:
            return None
        options = [d for y in (-1, 0, 1) if (d := valid_date(published.year + y, month, dom))]
        day = _choose(options, published, tense(text, start, end))
    elif published is None:
        return None
    elif kind == "rel":
        shift = {"the day before yesterday": -2, "yesterday": -1, "last night": -1,
                 "tomorrow": 1}.get(phrase.lower(), 0)  # fmt: skip
        day = published + timedelta(days=shift)
    elif kind == "ago":
        count = int(g["n"]) if g["n"].isdigit() else int(lexicon.SPELLED_WORDS[g["n"].lower()])
        precision = _PRECISIONS[g["unit"]]
        day = _shift(published, g["unit"], -count)
    elif kind == "span":
        precision = _PRECISIONS[g["size"]]
        step = {"last": -1, "next": 1}.get(g["which"].lower(), 0)
        day = _shift(published, g["size"], step)
    elif kind == "wd":
        if _DATE_AFTER.match(text, match.end("wday")):
            return None  # 'Thursday, March 5': the date that follows says it
        rel = (g["wrel"] or "").lower()
        target = WEEKDAYS.index(g["wday"])
        back = (published.weekday() - target) % 7
        ahead = (target - published.weekday()) % 7
        when = tense(text, start, end)
        if rel == "last":
            day = published - timedelta(days=back or 7)
        elif rel == "next":
            day = published + timedelta(days=ahead or 7)
        elif when in ("future", "present"):  # 'the vote is on Friday': the coming one
            day = published + timedelta(days=ahead)
        else:
            day = published - timedelta(days=back)
        phrase = g["wday"] if not rel else phrase
        start = start if rel else match.start("wday")
        end = match.start("wday") + len(g["wday"])
    elif kind == "mon":
        precision = "month"
        month = _month(g["m4"])
        rel = g["mrel"].lower()
        options = [date(published.year + y, month, 1) for y in (-1, 0, 1)]
        this_month = published.replace(day=1)
        if rel == "last":
            day = max(d for d in options if d < this_month)
        elif rel == "next":
            day = min(d for d in options if d > this_month)
        elif rel == "this":
            day = date(published.year, month, 1)
        else:
            day = _choose(options, this_month, tense(text, start, end))
        start = match.start("m4")
    if day is None:
        return None
    return DateMention(text[start:end], start, end, day, precision, relative=True)


def _choose(options: list[date], published: date, when: Tense | None) -> date | None:
    """Of the same day in neighbouring years: the last one up to the article's date for a
    past event, the first one from it for a future one, else the nearest."""
    if not options:
        return None
    if when == "past":
        return max((d for d in options if d <= published), default=None)
    if when == "future":
        return min((d for d in options if d >= published), default=None)
    return min(options, key=lambda d: (abs((d - published).days), d > published))


def _shift(published: date, unit: str, count: int) -> date:
    """The first day of the week, month or year `count` units from the article's (or the
    day itself, for days)."""
    if unit == "day":
        return published + timedelta(days=count)
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=count)
    if unit == "month":
        months = published.year * 12 + published.month - 1 + count
        return date(months // 12, months % 12 + 1, 1)
    return date(published.year + count, 1, 1)


def _month(name: str) -> int:
    name = name.rstrip(".")
    if name in MONTHS:
        return MONTHS.index(name) + 1
    return _MONTH_ABBR[name]


def valid_date(year: int, month: int, day: int) -> date | None:
    """The day, or None where the calendar has none ('30 February')."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def spoken_time(iso: str | None, zone: str | None = None) -> str:
    """A timestamp as a reader says it: '2026-11-23T08:00:00+00:00' → '23 Nov 2026 08:00
    UTC', or in `zone` (an IANA name):
    '23 Nov 2026 09:00 CET'; a bare date, or anything else, unchanged.

    >>> at = "2026-07-01T07:30:00+00:00"
    >>> spoken_time(at), spoken_time(at, "Europe/London"), spoken_time(at, "Asia/Dubai")
    ('1 Jul 2026 07:30 UTC', '1 Jul 2026 08:30 BST', '1 Jul 2026 11:30 Asia/Dubai')
    """
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso) <= 10:
        return f"{moment.day} {moment:%b %Y}"
    if zone and moment.tzinfo is not None:
        try:
            moment = moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
    name = moment.strftime("%Z") or ""
    if zone and not name.isalpha():  # '+04': the zone's name says more
        name = zone
    return f"{moment.day} {moment:%b %Y %H:%M} {name}".strip()
