"""A label cut from its clause: the clause around a number with the number taken out
('Mr. Cruz raised | in February'), where no noun after the number says what it counts.
Where the cut leaves a hole the clause no longer reads, and the label is rebuilt from
what stays whole: the noun phrase the number was the value of, the whole it is a share
of, the noun it counts; or there is none, and the figure is left out."""

from __future__ import annotations

import re

from .. import lexicon
from .label_words import CHANGE_LEAD, UNREADABLE, strip_trailing, tidy
from .noun_phrase import NOT_HEAD, OF_PHRASE, VALUE_OF, counted_phrase
from .numerals import counted_noun

_DANGLING = re.compile(r"\s+(?:at|to|by|on|in|with|for)\s*\Z", re.I)
"""The preposition a number was the object of ('unchanged at 4.25%'): it goes with it."""


def cut_label(clause: str, end: int, cut: int, period: str | None, counts: bool) -> str:
    """What the number counts, in the source's words: the clause minus number and period,
    and minus the preposition the number was the object of ('unchanged at 4.25% on …').
    `counts`: a number in its unit counts the noun after it ('300 miles of highway')."""
    left, right = _DANGLING.sub("", clause[:cut]), clause[end:]
    if period:
        left, right = left.replace(period, " "), right.replace(period, " ")
    whole = tidy(f"{left} {right}")
    object_of = len(left) < len(clause[:cut].rstrip())  # 'led a delegation to | countries'
    if CHANGE_LEAD.match(whole):  # 'from a year earlier': the last figure's
        return whole
    if object_of:  # 'led a delegation to five | countries'
        hole = has_hole(left, right) or _noun_first(right)
    else:  # 'face a long | eight months.'
        hole = has_hole(left, right) or _ends_on_adjective(left, right)
    if not hole:
        return whole
    if (bare := _without_preposition(left)) and not has_hole(bare, right):
        return tidy(f"{bare} {right}")  # 'broke through | for the first time'
    if value := VALUE_OF.search(left):  # 'a deficit of | at a district council'
        noun = [w for w in value.group("np").split() if w.lower() not in lexicon.DETERMINERS]
        return tidy(" ".join([*noun, _WHOLE_END.split(right)[0]]))
    if re.match(r"\s*of\s+[a-z]", right):  # '84 percent | of young voters Sanders won'
        return tidy(f"{strip_trailing(_WHOLE_END.split(right)[0])} {_doer(left)}")
    head, rest = counted_phrase(right) if counts else ("", "")
    words = head.split()
    if not words or not right.lstrip().startswith(words[0]) or not counted_noun(words[-1]):
        return UNREADABLE
    doer = _doer(left)  # '12 counties | Ms. Bryce won', '15 points | Trump leads'
    if set(words) <= _MEASURE_WORDS and not doer:
        return UNREADABLE  # 'leading Trump by 15 points': whose lead, it does not say
    of_phrase = OF_PHRASE.match(rest.strip())  # '300 miles of highway'
    return tidy(f"{head} {of_phrase.group() if of_phrase else ''} {doer}")


_ENDS = " .,;:!?\"'”’"
_CLOSERS = " .!?\"'”’"
"""What may close a clause after a number: stripped before reading what follows it."""


def _ends_on_adjective(left: str, right: str) -> bool:
    """'Voters face a long | eight months.': an article and one word, then nothing; what
    the number measured was the noun, and none is left (a preposition stripped before the
    number says the phrase before it was whole: 'in the quarter to | $254m')."""
    words = left.split()
    return not right.strip(_ENDS) and len(words) > 1 and words[-2].lower() in lexicon.ARTICLES


def _without_preposition(left: str) -> str:
    """The clause before a number without the preposition whose object the number was
    ('broke through 100 billion yuan for the first time' → 'broke'), or ''."""
    words = left.split()
    if len(words) < 3 or words[-1].lower() not in lexicon.PREPOSITIONS - {"of", "than"}:
        return ""
    return " ".join(words[:-1])


def _noun_first(right: str) -> bool:
    """Does the clause go on with a noun the number counted ('to five | countries')?"""
    words = right.strip(_ENDS).split()
    first = words[0] if words else ""
    return (
        first.isalpha()
        and first.islower()
        and first not in _ENDS_PHRASE
        and not (first.endswith(("ing", "ly", "er")))
    )


def _doer(left: str) -> str:
    """Whose share or lead a number is, when a short active subject and verb say it
    ('Bernie Sanders won'), else nothing ('In the ballot,', 'was rejected by')."""
    doer = strip_trailing(left)
    words = doer.lower().split()
    if not _DOER.fullmatch(doer) or not 1 < len(words) <= 4 or set(words) & _BE:
        return ""
    if words[0] in lexicon.PREPOSITIONS:  # 'In the ballot,': an opening phrase
        return ""
    return doer[0].lower() + doer[1:] if words[0] in lexicon.DETERMINERS else doer


_WHOLE_END = re.compile(
    r"[.;:!?]\s|\s(?:compared|to|versus|vs\.?|while|whereas|and|but)\s|\s(?:[£$€]\s?)?\d"
)
"""Where the whole a share is part of ends: another clause or another figure."""
_DOER = re.compile(r"(?:[A-Z]|(?:the|its|their|his|her)\s)[\w'’. -]*")
"""A name or a noun phrase opening a subject."""
_BE = frozenset("is are was were be been being".split())
"""A passive's subject is not the doer ('was rejected by 60% of voters')."""
_MEASURE_WORDS = frozenset("points point percentage times".split())
"""Nouns that say how a number is measured, not what it counts."""


_ENDS_PHRASE = NOT_HEAD | lexicon.AUXILIARIES | frozenset({"per"})
"""Words after a number that end its phrase: '4.2% a year earlier', '$10 an hour'."""


def has_hole(left: str, right: str) -> bool:
    """Would cutting a number out of its clause leave a hole? Yes when the words either side
    were one phrase with it: a determiner or preposition before it and none of its noun
    after ('down from the | in 2008'), a possessive ('to Sanders’ |.'), a compound cut in
    two ('5-to-4'), an 'of' phrase that was its own ('won | of young voters'), or two noun
    phrases glued ('leads Sanders | pledged delegates'). Not when the number ended its
    phrase ('raised | in February') or modified a noun that stays ('a | loss')."""
    before, after = left.split(), right.strip(_CLOSERS).split()
    if not before:
        return False
    last = before[-1].lower()
    if last == "compared":
        return True  # 'compared with 39%': whose it is, is elsewhere
    first = after[0].lower() if after else ""
    ends = not re.match(r"[\w-]", first) or first in _ENDS_PHRASE
    if len(last) > 2 and last.endswith(("’s", "'s", "’", "'")):
        return ends  # whose what?
    if not after or not re.match(r"[\w-]", first):
        return False
    if first == "of" or re.match(r"-[a-z]", first) or first[0].isdigit():
        return True  # '-44%' after '47%' is a score's other side, which the score reads
    if last in lexicon.DETERMINERS or last in lexicon.PREPOSITIONS or last.endswith("-"):
        return ends
    if first in _ENDS_PHRASE or not first.isalpha():
        return False
    named = before[-1][:1].isupper() and len(before) > 1  # 'leads Sanders | pledged …'
    return named and not first.endswith(("ing", "ly", "er"))
