"""Labels: what a number counts, in the source's words.

A label reads after the value: the counted noun and what it does ("1,200 staff move to
the new site"), an object with its clause ("800 of the workers Unison represents"), a
passive turned round ("12,000 people signed a petition"), the size of a change by what
changed ("3% rise in waiting times") and a new level by what it measures ("14 weeks
waiting times"). Otherwise the clause with the number cut out. A label never crosses a
clause boundary, and never ends on a preposition, a determiner or a conjunction.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..model import Qualifier
from ..text import STOPWORDS, content_stems
from .clauses import apposed_subject, clause_span, mark_clauses, relative, shared
from .cut_label import cut_label
from .label_words import SUBORDINATOR, UNREADABLE, tidy
from .noun_phrase import OF_PHRASE, PEOPLES, VALUE_OF, counted_phrase
from .numerals import PERIOD as _PERIOD
from .numerals import counted_noun as _counted_noun

CHANGE_NOUN = re.compile(
    r"^(?:increase|rise|jump|fall|drop|reduction|decline|cut|"
    r"decrease|growth|surge|reduction)\s+in\s+",
    re.I,
)
RATIOS = frozenset({"percent", "percentage points", "multiplier", "fraction"})
_RATIOS = RATIOS


def unit_of(label: str) -> str:
    words = set(re.findall(r"[a-z]+", label.lower()))
    return "people" if words & lexicon.PEOPLE_NOUNS else "count"


Described = tuple[float, str, str, str, str | None, Qualifier, int, str]
"""A figure as `describe` reads it: value, unit, display, label, period, qualifier,
direction (1 rise, -1 fall, 0 a level) and counted noun."""


def describe(
    text: str,
    masked: str,
    start: int,
    end: int,
    value: float,
    unit: str,
    display: str,
    qualifier: Qualifier | None = None,
    label: str | None = None,
) -> Described:
    """Label, period, qualifier, direction and counted noun from the clause around a number.

    A range's two ends come with their qualifiers ("at least", "up to") and share a span;
    a vote tally comes with its own label.
    """
    masked = mark_clauses(masked)
    clause_start, clause_end = clause_span(masked, start, end)
    clause = text[clause_start:clause_end]
    before = text[clause_start:start].lower()
    cut = len(before)
    if qualifier is not None:
        cut = before.rfind("between") if before.endswith("between ") else cut
    else:
        qualifier = "exact"
        for cue, meaning, pattern in _CUES:
            if pattern.search(before):
                qualifier = meaning
                cut = before.rfind(cue)
                break
    period_match = _PERIOD.search(clause)
    period = period_match.group() if period_match else None
    if period_match and _RECORD.search(clause, 0, period_match.start()):
        period = None  # 'its lowest in 33 years': the record's span, not the figure's period
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
            head = counted_phrase(after)[0] if direction == 0 else ""
            if head and unit not in _RATIOS and not label.lower().startswith(head.lower()):
                label = f"{head} {label}"  # "14 weeks waiting times at the hospitals"
        subject = apposed_subject(masked, text, clause_start, start) or relative(
            masked, text, clause_start, start
        )
        if change is None and unit not in ("multiplier", "fraction"):  # 'doubled': a clause
            antecedent = subject or shared(masked, text, clause_start, start)
            head, label = _counted_label(before, after, antecedent)
        if not label:
            label = _value_of(before, after) or cut_label(
                clause, end - clause_start, cut, period, _counts(unit)
            )
            if subject and label != UNREADABLE and not label.startswith("of "):
                label = f"{subject} {label}"
        opening = before.split()[:1]
        shares = masked[:clause_start].rstrip().endswith(" and")  # '… and will treat'
        if opening and opening[0] in lexicon.AUXILIARIES and not subject and not shares:
            if label.lower().startswith(opening[0]):
                label = UNREADABLE  # 'is why I support a … wage': whose, it does not say
    if head == "people" and PEOPLES.fullmatch(unit.capitalize()):
        unit = "people"  # '41,000 Iowans' counts people
    if unit == "count" and head and _counted_noun(head) and head not in lexicon.DURATION_NOUNS:
        unit = "people" if head in lexicon.PEOPLE_NOUNS else head  # "11 of its 17 libraries"
    if unit == "count":
        unit = unit_of(label) if label else unit
    return value, unit, display, label, period, qualifier, direction, head


_CUES = [
    (cue, meaning, re.compile(rf"(?:^|\W){re.escape(cue)}\s+(?:by\s+)?(?:[£$€]\s?)?$"))
    for cue, meaning in lexicon.QUALIFIER_CUES
]
"""'more than 300': each qualifier cue right before a number, in the lexicon's order."""
_RECORD = re.compile(
    r"\b(?:[a-z]+est|most|least|fewest|first|record)(?:\s+(?:level|rate|time|point))?\s+\Z", re.I
)
"""'lowest in 33 years', 'highest since 2008', 'first time in a decade': a span that
follows a superlative is what the record is measured over, not when the figure holds."""
_OLD_LEVEL = re.compile(r"\bfrom\s+(?:[£$€]\s?)?\Z", re.I)
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


def _value_of(before: str, after: str) -> str:
    """'Its unemployment rate of 4.9% is its lowest': the number is the value of the noun
    phrase before 'of', and what the sentence then says of it is no part of the label."""
    match = VALUE_OF.search(before)
    if match is None or not _PREDICATE.match(after):
        return ""
    words = [w for w in match.group("np").split() if w.lower() not in lexicon.DETERMINERS]
    return tidy(" ".join(words)) if words and words[-1].lower() not in STOPWORDS else ""


_PREDICATE = re.compile(
    r"\s*(?:$|[,;.]|(?:is|was|are|were|has|have|had|will|would|remains?|remained|stands?|stood)\b)",
    re.I,
)


def _change_label(before: str, unit: str) -> tuple[str, int] | None:
    """'Waiting times rose by 3%' → ('rise in Waiting times', +1): the size of a change is
    labelled by what changed; '… rose to 14 weeks' → ('Waiting times', 0), the new level.
    A size is a percentage, or 'by' a count: 'will cut 1,200 jobs' counts jobs."""
    if level := _LEVEL.search(before):
        subject = tidy(_AUXILIARY.sub("", before[: level.start()].rstrip()))
        return (subject, 0) if content_stems(subject) else None
    match = _CHANGE.search(before)
    if not match or not (match.group("by") or unit in _RATIOS):
        return None
    subject = tidy(_AUXILIARY.sub("", before[: match.start()].rstrip()))
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
    if partitive := _PARTITIVE.match(after):  # "11 of its 17 libraries"
        head = f"{partitive.group('noun')} of {partitive.group('total')}"
        rest = after[partitive.end() :].strip()
    else:
        head, rest = counted_phrase(after)
    if not head:
        return "", None
    rest = re.split(r"\s\S*\d", f" {rest}", maxsplit=1)[0].strip()  # another figure's
    if re.search(r"\d[\d,.]*\s+of\s+(?:its|their|the|our|his|her)\s*$", before, re.I):
        return head.split()[-1].lower(), tidy(f"{head} {rest}")  # "17" of "11 of its 17"
    noun = partitive.group("noun") if partitive else head.split()[-1].lower()
    noun = "people" if PEOPLES.fullmatch(head.split()[-1]) else noun  # '4,000 Iowans'
    if of_phrase := OF_PHRASE.match(rest):  # "2m barrels of crude": part of the noun
        head, rest = f"{head} {of_phrase.group().strip()}", rest[of_phrase.end() :]
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
        return noun, tidy(f"{head} {passive.group('part')} {thing[0].lower()}{thing[1:]}")
    if verb_like or not content_stems(tidy(f"{antecedent} {before}")):
        return noun, tidy(f"{head} {rest}")
    said = re.findall(r"[\w'’-]+", f"{antecedent} {before}".lower())
    if len(said) > 1 and said[-1] in lexicon.ARTICLES and said[-2] not in _NOT_VERB:
        before = before.rstrip()[: -len(said[-1])]  # 'is expecting a 6.5% growth rate'
    elif len(said) > 2 and said[-2] in lexicon.ARTICLES and said[-3] not in _NOT_VERB:
        if _SIZE_WORD.fullmatch(said[-1]):  # 'lasted an extraordinary 76 minutes'
            before = before.rstrip()[: -len(said[-1])].rstrip()[: -len(said[-2])]
    last = re.findall(r"[\w'’-]+", f"{antecedent} {before}".lower())[-1:]
    if not last or last[0] in STOPWORDS or last[0] in lexicon.PREPOSITIONS:
        # "at the two hospitals", "along 300 miles": inside a phrase, unless the noun
        # says enough on its own ("300 sq km of sea")
        return noun, tidy(f"{head} {rest}") if " of " in head else None
    subject = SUBORDINATOR.sub("", " ".join(f"{antecedent} {before}".split()))  # 'when …'
    if subject.split()[0].lower() in lexicon.AUXILIARIES:
        return noun, tidy(f"{head} {rest}")  # 'is why the board backs a £12 hourly rate'
    if len(content_stems(subject)) < 2:
        return noun, None  # "affecting 4,500 appointments": no subject to read after
    if subject.split()[0].lower() in lexicon.DETERMINERS | _PRONOUNS:
        subject = subject[0].lower() + subject[1:]  # "people the plant will employ"
    if first in _CONJUNCTIONS:
        rest = ""  # "destroyed 120 homes and forced …": the next clause is not theirs
    return noun, tidy(f"{head} {subject} {rest}")


_NOT_VERB = STOPWORDS | lexicon.PREPOSITIONS | lexicon.AUXILIARIES
"""Words before 'a' that leave the number inside a phrase ('with a', 'is a'): after a verb
('approved a £2m plan'), the noun phrase is its object and reads as one."""
_SIZE_WORD = re.compile(
    r"[a-z]+(?:ary|ing|ous|ive|ible|able)|record|whopping|mere|hefty|modest|total|further"
    r"|additional|extra|estimated|reported|staggering|massive|huge|paltry|meagre|meager"
)
"""How big a number is found ('an extraordinary 76 minutes', 'a whopping $2bn'): no part of
what it counts."""
_PARTITIVE = re.compile(
    r"\s*of\s+(?:its|their|the|our|his|her)\s+(?P<total>\d[\d,.]*)\s+(?P<noun>[a-z][a-z-]+)"
)
_CONJUNCTIONS = frozenset(
    "and or but when if because while as until unless once since where who which that "
    "whose whom though although".split()
)


_PRONOUNS = lexicon.SUBJECT_PRONOUNS


def _counts(unit: str) -> bool:
    """Does a number in this unit count the noun after it? A count or a measure ('300
    miles of highway') does; money and shares do not ('$5m home', '20% stake')."""
    return unit not in _RATIOS and unit != "percent" and not unit.isupper()


def tally_label(text: str, masked: str, start: int, end: int, label: str) -> str:
    """'votes for, 18 against' and what was voted on: 'council to approve the budget'."""
    clause_start, clause_end = clause_span(masked, start, end)
    before = re.sub(r"\b(?:by|voted)\s*$", "", text[clause_start:start].strip())
    motion = re.search(r"\b(?:to|for|against|in favour of)\s+[a-z].*", text[end:clause_end])
    context = tidy(f"{before} {motion.group() if motion else ''}")
    return f"{label}: {context}" if len(content_stems(context)) >= 2 else label
