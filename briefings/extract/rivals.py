"""Whether two values of one measure are outlets disagreeing about one thing.

Merging (`measures`) is generous: a figure gathers the sentences that may count the same
thing. A disagreement claims more, that two outlets report the same measure of the same
thing for the same period and cannot both be right, so it needs more than a shared
word or head noun (in a long campaign, '21 points' and '22 points', '718 superdelegates'
and '714' are different moments, not outlets at odds):

- the labels agree on what is counted: two shared stems, half the shorter label's, one
  of them a common word that is neither the unit nor a name ('John Kasich' 8 and 7 are
  two polls' columns); a sum priced by one noun ('£2.4bn programme', '£2.8bn package')
  is enough on its own; 'three other Americans' is not 'four Americans';
- a sentence printing the other value too tells the two apart ('4.6 percent, below the
  national average of 4.9 percent');
- a poll's number is its poll's: numbers read from polls or surveys disagree only when
  both sentences name the same one ('a CNN/ORC poll', 'the Quinnipiac survey', 'an
  average calculated by RealClearPolitics'; 'go to the polls' is voting, not a poll);
- sentences dated by month must share one ('in February', 'Dec. 6-9' are two periods),
  and look back alike ('four years ago' is another time);
- a count up to a date ('states voting on or before March 1', 'by April') is not the
  count on that date ('states voting on March 1'): both or neither run up to a date;
- a level someone proposes, backs or demands ('unions demanded a £15 minimum wage', 'she
  would support a £12 one') is its proposer's position, not a fact outlets report: two
  values disagree only when both sentences name the same proposer, as two outlets
  misreporting one party's plan would;
- a running tally ('so far', 'to date', 'at stake', 'remaining', 'as of') is a count up to
  the day it was printed: two printed on different days do not disagree
  (`merging.FigureIndex` knows the dates);
- a number that names no period is the state of things the day it was printed: two
  printed a fortnight or more apart are two moments ('320 million users' in February,
  '310 million' in June), not outlets at odds, unless the later is an official revision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from .. import lexicon
from ..text import STOPWORDS, content_stems, stem
from ..verbatim import printed
from .figures import FigureMention
from .measures import names, same_priced_thing, stems

_UNIT_WORDS = frozenset(stem(w) for w in "percent per cent percentage point points".split())
"""Stems that only restate a unit: 'percent' and 'points' say nothing of what is counted."""

_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")


@lru_cache(maxsize=65_536)
def _name_stems(label: str) -> frozenset[str]:
    """Stems of a label's capitalised words: names, never what is counted."""
    return content_stems(" ".join(_CAPITALISED.findall(label)))


_REMAINDER = frozenset("other another additional further extra".split())
"""A count of 'three other Americans' leaves someone out: not the count of them all."""


def same_wording(a: FigureMention, b: FigureMention) -> bool:
    """The labels agree on what is counted (see the module's docstring)."""
    rest_a, rest_b = (bool(_REMAINDER & set(m.label.lower().split())) for m in (a, b))
    if rest_a != rest_b:
        return False
    if same_priced_thing(a, b):
        return True
    sa, sb = stems(a), stems(b)
    shared = sa & sb
    if len(shared) < 2 or 2 * len(shared) < min(len(sa), len(sb)):
        return False
    units = _UNIT_WORDS | {a.head_stem, b.head_stem} | {stem(w) for w in a.unit.split()}
    return bool(shared - units - _name_stems(a.label) - _name_stems(b.label))


_POLL = re.compile(
    r"\b(?:poll|(?<!to the )polls|polling|pollsters?|surveys?|surveyed|respondents"
    r"|margin of (?:sampling )?error|average (?:calculated|compiled) by)\b",
    re.IGNORECASE,
)
_NAMED_POLL = re.compile(
    r"((?:[A-Z][\w&'’/.-]*\s+){1,5})(?:[Pp]olls?|[Ss]urveys?)\b"
    r"|\b(?:polls?|surveys?|conducted|calculated|compiled|according to)\s+"
    r"(?:(?:from|by|of|for|to)\s+)?"
    r"(?:the\s+)?((?:[A-Z][\w&'’/.-]*\s*){1,5})"
)
_NOT_POLL_NAMES = (
    lexicon.DAY_NAMES
    | lexicon.MONTHS
    | frozenset(
        "the a an new latest recent last this that its their his her national state".split()
    )
)


@lru_cache(maxsize=65_536)
def polls(sentence: str) -> frozenset[str] | None:
    """The names of the polls a sentence reads its numbers from ('cnn/orc', 'quinnipiac');
    None for a sentence about no poll, an empty set for an unnamed one."""
    if not _POLL.search(sentence):
        return None
    found: set[str] = set()
    for match in _NAMED_POLL.finditer(sentence):
        for word in (match.group(1) or match.group(2) or "").split():
            word = re.sub(r"['’]s$", "", word.strip(".,")).lower()
            if word and word not in _NOT_POLL_NAMES:
                found.add(word)
    return frozenset(found)


def same_poll(a: str, b: str) -> bool:
    """Sentences about polls read one poll's numbers only when they name the same one."""
    one, two = polls(a), polls(b)
    if one is None and two is None:
        return True
    return bool(one and two and one & two)


_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"
    r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\.|\s+\d)"  # not Mar-a-Lago
    r"|\b(May)\b(?=\s+\d)|(?<=\d\s)(May)\b|\b(?:in|of|by|on|since|until|from)\s(May)\b"
)


@lru_cache(maxsize=65_536)
def months(sentence: str) -> frozenset[str]:
    """The months a sentence names, by their first three letters ('Sept.' is 'sep')."""
    return frozenset(
        next(g for g in m.groups() if g)[:3].lower() for m in _MONTH.finditer(sentence)
    )


_AGO = re.compile(r"\b[\w-]+\s+(?:years?|months?|weeks?|decades?)\s+(?:ago|earlier)\b", re.I)


def same_months(a: str, b: str) -> bool:
    """Sentences that both date what they report by month share a month, and both look
    back the same way or neither does ('four years ago, 46 percent' is another time)."""
    one, two = months(a), months(b)
    if one and two and not one & two:
        return False
    return {m.lower() for m in _AGO.findall(a)} == {m.lower() for m in _AGO.findall(b)}


def rival_readings(a: FigureMention, b: FigureMention) -> bool:
    """Two values of one measure are outlets at odds over one thing: the same thing
    counted, neither sentence printing both, from the same poll, in the same month (see
    the module's docstring)."""
    return (
        same_wording(a, b)
        and not printed(a.display, b.sentence)
        and not printed(b.display, a.sentence)
        and same_poll(a.sentence, b.sentence)
        and same_months(a.sentence, b.sentence)
        and up_to_a_date(a.sentence) == up_to_a_date(b.sentence)
        and same_proposer(a, b)
    )


_DATE_WORDS = "|".join(sorted(lexicon.MONTHS | lexicon.DAY_NAMES, key=len, reverse=True))
_UP_TO = re.compile(
    r"\b(?:on or (?:before|by)|or (?:before|earlier)|up to and including"
    r"|(?:by|through|until|before)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{_DATE_WORDS})\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=65_536)
def up_to_a_date(sentence: str) -> bool:
    """The sentence counts everything up to a date ('on or before March 1', 'by
    Friday'), not what happens on it."""
    return bool(_UP_TO.search(sentence))


_PROPOSES = re.compile(
    r"\b(?:supports?|supported|supporting|propos(?:es?|ed|ing|als?)|demand(?:s|ed|ing)?"
    r"|call(?:s|ed|ing)?\s+for|push(?:es|ed|ing)?\s+for|campaign(?:s|ed|ing)?\s+for"
    r"|(?<!in\s)favou?r(?:s|ed|ing)?|embrac(?:es?|ed|ing)|advocat(?:es?|ed|ing)"
    r"|backs?|backed|backing"
    r"|(?:go|going|went)\s+(?:above|beyond|higher\s+than|below))\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)


def proposed(mention: FigureMention) -> bool:
    """The number is a level someone proposes, backs or demands ('supports a $12 minimum
    wage', 'unions demanded a £15 one'), read in the words just before it."""
    at = mention.sentence.find(mention.display)
    return at >= 0 and bool(_PROPOSES.search(mention.sentence, max(0, at - 80), at))


def _proposers(sentence: str) -> frozenset[str]:
    """The names a sentence gives, its first word too when it is a name ('Unison
    demanded …')."""
    first = re.match(r"[A-Z][a-z]{2,}\b", sentence)
    lead = first.group().lower() if first else ""
    opening = {lead} if lead and lead not in STOPWORDS and lead not in _NOT_POLL_NAMES else set()
    return names(sentence) | opening


def same_proposer(a: FigureMention, b: FigureMention) -> bool:
    """A proposed level is its proposer's: it disagrees with another value only when both
    sentences name the same proposer."""
    if not (proposed(a) or proposed(b)):
        return True
    return bool(_proposers(a.sentence) & _proposers(b.sentence))


_RUNNING = re.compile(
    r"\b(?:so far|to date|thus far|at stake|remaining|as of|since|until now|up to now"
    r"|running total)\b",
    re.IGNORECASE,
)


def running(mention: FigureMention) -> bool:
    """The number is a tally up to the day it was printed ('has won 412 delegates so far',
    'needs 61 percent of the remaining delegates', 'as of Thursday, 271 days')."""
    return bool(_RUNNING.search(mention.sentence))


MOMENT_DAYS = 14
"""Reports this many days apart are of two moments: polls come weekly, statistics monthly,
and outlets covering one event print within days of each other."""


def moments_apart(one: Sequence[str], two: Sequence[str], periods: Sequence[str | None]) -> bool:
    """Publication dates (ISO, '' for unknown) of two values' sources a fortnight or more
    apart, every one of them known, and no period named by either value's mentions."""
    if any(periods) or not all(one) or not all(two) or not one or not two:
        return False
    try:
        first = sorted(date.fromisoformat(d[:10]) for d in one)
        second = sorted(date.fromisoformat(d[:10]) for d in two)
    except ValueError:
        return False
    gap = max((second[0] - first[-1]).days, (first[0] - second[-1]).days)
    return gap >= MOMENT_DAYS
