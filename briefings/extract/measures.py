"""Whether two figure mentions are one measure: the same thing counted over the same period.

Same unit and direction, compatible periods, no proper names telling them apart, the same
head noun where both name one (outlets' synonyms as one word: "posts"/"jobs",
"plan"/"scheme"), and labels that share most of their words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon, units
from ..text import content_stems, stem
from .conflicts import agree, interval, periods_compatible
from .figures import FigureMention

_CURRENCIES = units.CURRENCIES

_ANYONE = frozenset({"peopl", "person"})
"""Head nouns that name no particular group: '5,200 people' may be '5,000 residents'."""


_AMOUNTS = frozenset({"percent", "percentage points", "multiplier", "fraction"}) | _CURRENCIES

_UNIT_SYNONYM = {
    stem(word): group.split()[0] for group in lexicon.LABEL_SYNONYMS for word in group.split()
}


def unit_of(mention: FigureMention) -> str:
    """A counted noun by its synonym group ('posts' and 'jobs' are one unit)."""
    unit = mention.unit
    return _UNIT_SYNONYM.get(stem(unit), unit) if " " not in unit else unit


def _compatible_units(a: FigureMention, b: FigureMention) -> bool:
    if a.unit == b.unit or unit_of(a) == unit_of(b):
        return True
    return {a.unit, b.unit} <= {"people", "count"}


def _compatible_directions(a: FigureMention, b: FigureMention) -> bool:
    """A rise is never a fall; but a count of things cut ('cut 480 posts') is a level
    when another outlet words it without the verb ('axe 520 jobs')."""
    if a.direction == b.direction:
        return True
    return 0 in (a.direction, b.direction) and a.unit not in _AMOUNTS and b.unit not in _AMOUNTS


def modifiers(mention: FigureMention) -> frozenset[str]:
    """Capitalised words in a label ('Albanian arrivals'), by their first five letters."""
    return _modifiers(mention.label)


@lru_cache(maxsize=100_000)
def _modifiers(label: str) -> frozenset[str]:
    words = re.findall(r"\b[A-Z][a-z]{3,}\b", label)
    return frozenset({w[:5].lower() for w in words[1:] if w}) | (
        {words[0][:5].lower()} if words and not label.startswith(words[0]) else frozenset()
    )


_STEMS: dict[str, frozenset[str]] = {}


def stems(mention: FigureMention) -> frozenset[str]:
    """`mention.stems`, worked out once per label: merging compares each label many times."""
    found = _STEMS.get(mention.label)
    if found is None:
        if len(_STEMS) > 100_000:
            _STEMS.clear()
        found = _STEMS[mention.label] = mention.stems
    return found


def comparable(a: FigureMention, b: FigureMention) -> bool:
    """Same unit, direction and period, and no proper names telling them apart."""
    if not _compatible_units(a, b) or not _compatible_directions(a, b):
        return False
    if a.value != b.value and a.sentence_id == b.sentence_id and a.source == b.source:
        return False  # one sentence never contradicts itself: "fell 2% to 18%"
    if not periods_compatible(a.period, b.period):
        return False
    mods_a, mods_b = modifiers(a), modifiers(b)
    return not (mods_a and mods_b and not mods_a & mods_b)


def similar_labels(a: FigureMention, b: FigureMention) -> bool:
    """Labels count the same thing: never when both name a head noun and the nouns differ;
    else half their words shared, or a few words (or the head noun) with values close
    enough to be one."""
    ha, hb = a.head_stem, b.head_stem
    if ha and hb and ha != hb and not {ha, hb} & _ANYONE:
        return False
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return False
    shared = len(sa & sb)
    similarity = shared / len(sa | sb)
    if similarity >= 0.5 or shared >= 4:
        return True
    close = agree(interval(a), interval(b)) or (
        bool(a.value) and abs(a.value - b.value) / max(a.value, b.value) <= 0.1
    )
    if not close:
        return False
    if shared >= 3 or (shared >= 2 and similarity >= 0.25):
        return True
    return bool(ha and hb) and (bool((sa & sb) - {ha}) or _shared_context(a, b) >= 2)


def _shared_context(a: FigureMention, b: FigureMention) -> int:
    """Words two sentences share besides the counted noun: one head noun and close values
    are one measure only in one context ('480 posts' at Thornbury council and '480 jobs at
    Thornbury council'), never '250 Americans lost in Beirut' and 'about 270 people
    resettled'."""
    common = content_stems(a.sentence) & content_stems(b.sentence)
    return len({w for w in common if not w[:1].isdigit()} - {a.head_stem, b.head_stem})


def same_priced_thing(a: FigureMention, b: FigureMention) -> bool:
    """'a £45m plan' and 'the £50m scheme': one sum, if the noun it prices is the same (or
    a synonym), in one currency, and neither is more than a quarter more than the other.
    Outlets that differ on a sum differ by less; two sums that far apart are two things."""
    return (
        a.unit == b.unit
        and a.unit in _CURRENCIES
        and bool(a.head_stem)
        and a.head_stem == b.head_stem
        and max(a.value, b.value) <= 1.25 * min(a.value, b.value)
    )


def one_thing(a: FigureMention, b: FigureMention) -> bool:
    """The labels or the priced nouns say two mentions count the same thing."""
    return similar_labels(a, b) or same_priced_thing(a, b)


def same_measure(a: FigureMention, b: FigureMention) -> bool:
    """Could two mentions be about the same thing? Labels, heads, units, periods, direction."""
    if not comparable(a, b):
        return False
    if a.source == b.source and a.value == b.value and a.unit == b.unit:
        return True
    return similar_labels(a, b) or same_priced_thing(a, b)


_NOT_NAMES = (
    lexicon.MONTH_NAMES
    | lexicon.DAY_NAMES
    | lexicon.DEMONSTRATIVES
    | frozenset("the but and mr mrs ms dr sir".split())
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def names(sentence: str) -> frozenset[str]:
    """Capitalised words inside a sentence (not its first): the places, bodies and people
    a number is about."""
    return frozenset(w.lower() for w in _NAME.findall(sentence)) - _NOT_NAMES


def same_context(a: FigureMention, b: FigureMention) -> bool:
    """Two values can disagree only about one event: sentences that both name places,
    bodies or people must share one ('14 killed in Orlando', '49 killed in San Bernardino'
    are two counts), unless their labels share three words (outlets name different
    officials for one number)."""
    na, nb = names(a.sentence), names(b.sentence)
    return not (na and nb and not na & nb) or len(stems(a) & stems(b)) >= 3


_OFFICIAL = re.compile(
    r"\b(?:official|revised|updated|final|latest|new)\s+(?:figures?|data|statistics|"
    r"count|estimates?|numbers?)\b|\b(?:figures?|data|statistics)\s+(?:published|released|"
    r"issued)\s+by\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|confirmed|announced|published|revised|according to|told)\b", re.I
)
_WORD = re.compile(r"[a-z]+")


def official(mention: FigureMention) -> bool:
    """The number comes from an official count: 'official figures', 'data published by',
    or a government body, minister or agency saying so."""
    text = mention.sentence
    if _OFFICIAL.search(text):
        return True
    words = set(_WORD.findall(text.lower()))
    return bool(words & lexicon.OFFICIAL_WORDS) and bool(_ATTRIBUTION.search(text))
