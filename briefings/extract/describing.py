"""Numbers that describe or date something rather than count what the story reports.

Part of the number grammar (briefings.extract.numbers, spelled): a number-noun compound
before a noun is that noun's size or length, a description ('a 15-member committee', 'the
four-day convention', 'the Standard & Poor's 500-stock index'), unless it measures a
margin or change ('a 10-point lead') or the length is what was decided ('a two-year
delay'); and a span counted from an edge of time ('the first 100 days', 'each of the
last four years') dates what the sentence reports.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..model import Qualifier
from ..text import STOPWORDS
from .numerals import unit_after

_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’.-]*)")
_COUNTING = frozenset({"strong", "plus", "odd", "magnitude"})
"""Compounds that count or measure the noun they modify ('a 1,000-strong crowd', '90-plus
parties', 'a 5.1-magnitude earthquake')."""


def describes_noun(text: str, end: int, keep: frozenset[str], compound: str = "") -> bool:
    """Whether a compound ending at `end` only describes the noun phrase after it: there
    is one (up to three words, to a function word or a mark), and no word of it is one
    that `keep` says the compound measures."""
    if compound.lower() in _COUNTING:
        return False
    words: list[str] = []
    at = end
    while len(words) < 3 and (word := _WORD.match(text, at)):
        bare = re.sub(r"(?:['’]s?|\.)$", "", word.group(1)).lower()
        if bare in STOPWORDS:
            break
        words.append(bare)
        at = word.end()
        if word.group(1)[-1:] in "'’." or text[at : at + 1] not in " \t":
            break  # a possessive, an abbreviation or a mark ends the phrase
    return bool(words) and not any(w in keep or w.rstrip("s") in keep for w in words)


def describes_size(text: str, end: int, compound: str = "") -> bool:
    """'a 15-member committee', 'the 100-seat Senate': a size, not 'a 10-point lead'."""
    return describes_noun(text, end, lexicon.MARGIN_NOUNS, compound)


def describes_length(text: str, end: int) -> bool:
    """'the four-day convention', 'a 30-second advert': a length, not 'a two-year delay'."""
    return describes_noun(text, end, lexicon.TERM_NOUNS)


_EDGE = re.compile(
    r"\b(?:the|his|her|its|their|our|my|your|this|that)\s+(?:\w+\s+)?"
    r"(?:first|last|past|next|previous|coming|final|opening|closing|initial|"
    + "|".join(lexicon.ORDINALS)
    + r")\s+$",
    re.IGNORECASE,
)


def from_an_edge(before: str) -> bool:
    """'within his first 100 days', 'in each of the last four years', 'the past 15 years':
    a span counted from an edge of time dates what is reported; it is no figure."""
    return bool(_EDGE.search(before[-60:]))


_RANKED = re.compile(
    r"(?:\b(?:the|its|their|his|her|our|a|an)|[A-Z][\w.]*['’]s?)\s+(?:top|bottom)\s+$",
    re.IGNORECASE,
)


def ranked_group(before: str) -> bool:
    """'the top 1 percent', 'America's top 25', 'the bottom 95 percent': the size of a
    ranked group names it; it counts nothing reported ('sales could top $5bn' does)."""
    return bool(_RANKED.search(before[-40:]))


_STREET = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\.?\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Place"
    r"|Drive|Way|Square|Concourse|Terrace|Court|Parkway|Broadway)\b"
)
_LISTED_NAME = re.compile(r"\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*\.?\s*")


def names_a_place(masked: str, start: int, end: int) -> bool:
    """'1600 Pennsylvania Avenue', '115 Spring St.': a street number; and a sentence that
    is only a number and a name ('3 Marco Rubio.'): a place in a ranked list."""
    if _STREET.match(masked, end):
        return True
    return not masked[:start].strip() and bool(_LISTED_NAME.fullmatch(masked, end))


_CAREER = re.compile(
    r"\b(?:worked|covered|served|lived|been|taught|run|ran|led|reported|written|wrote|"
    r"practised|practiced|spent|known|followed|edited|presented|played|represented|"
    r"campaigned|studied|owned|married|chaired|headed|managed|coached|hosted|directed)\b"
    r"[^,.;]{0,40}\bfor\s+(?:(?:more than|over|nearly|almost|about|around|some|"
    r"the (?:past|last))\s+)?$",
    re.I,
)


def career(before: str) -> bool:
    """'covered local government for 20 years', 'who worked for Trump for three years': a
    career, not a figure of the story."""
    return bool(_CAREER.search(before[-80:]))


_NAME_OF = re.compile(r"\b(?:Group|Gang|Club)\s+of\s*$")
_CAUSE = re.compile(r"\b(?:Fight|Fighting|Campaign|March|Push)\s+for\s*$")
_OWNED_LIST = re.compile(r"[A-Z][\w.]*['’]s?\s*$")
_LIST_AFTER = re.compile(r"\s+(?:most|least|best|worst|[a-z]+est|list)\b")
_EMERGENCY = re.compile(r"\s+(?:calls?|callers?|operators?|dispatchers?|services?|system|line)\b")
_AIRCRAFT = re.compile(r"\s*(?:jets?|planes?|airliners?|aircraft|jumbos?|jetliners?|fleet)\b")
_IDIOM = re.compile(r"\$\s?64(?:,000)?$")


def names_a_group(before: str, number: str, after: str) -> bool:
    """A number that is part of a name: 'the Group of 20' (a club of nations), 'the Fight
    for $15' (a movement), 'Time's 100 most influential', 'Forbes' 400 richest' (a
    ranked list), an emergency number ('911 calls') and the idiom 'the $64,000 question'."""
    if _NAME_OF.search(before[-20:]) or _CAUSE.search(before[-20:]):
        return True
    if _OWNED_LIST.search(before[-30:]) and _LIST_AFTER.match(after):
        return True
    if re.fullmatch(r"7[0-8]7", number) and _AIRCRAFT.match(after):
        return True  # "his 757 jet": a Boeing model
    if number in ("911", "999", "112") and _EMERGENCY.match(after):
        return True  # "police received 911 calls", "a 999 call": the number dialled
    return (
        bool(_IDIOM.search(number)) and re.match(r"\s+(?:dollar\s+)?question\b", after) is not None
    )


_GROUP_NOUNS = frozenset(
    "crowd delegation workforce force army team group contingent mob membership squad "
    "union party crew band choir congregation community militia brigade battalion "
    "regiment audience gathering cast staff".split()
)
_MAGNITUDE = re.compile(r"\bmagnitude(?:\s+of)?\s*$", re.I)


def counting_unit(compound: str, text: str, end: int) -> tuple[str, Qualifier | None] | None:
    """The unit of a compound that counts or measures its noun: 'a 1,000-strong crowd'
    counts people (a group of anything else is a count), '90-plus parties' at least 90
    parties, 'a 5.8-magnitude earthquake' is a magnitude. None for any other compound."""
    word = _WORD.match(text, end)
    noun = word.group(1).lower() if word else ""
    if compound == "magnitude":
        return "magnitude", None
    if compound == "strong":
        people = noun in _GROUP_NOUNS or noun in lexicon.PEOPLE_NOUNS
        return ("people" if people else "count"), None
    if compound == "plus":
        return (unit_after(text[end:].lower()) or "count"), "at least"
    return None


def a_magnitude(before: str, after: str) -> bool:
    """'a magnitude 6.1 earthquake', 'measured 7.2 on the Richter scale': a magnitude."""
    return bool(_MAGNITUDE.search(before[-20:])) or after.startswith(" on the richter scale")
