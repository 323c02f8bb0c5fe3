"""Speaker phrases that name more than one speaker, or part of a crowd.

'Sanders and his supporters argue …' is Sanders's position (the person heads the phrase);
'Tom Reyes and Ines Moreau said …' is both of theirs, which a reaction (one speaker) cannot
carry, so it is nobody's rather than the second name's alone; 'current and former
officials' and 'teachers and parents' are one crowd, named by all its words. 'Some
Democrats say …' is said by some Democrats, not by Democrats: a quantifier stays in a
crowd's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import lexicon
from ..text import normalize
from .mentions import Mention, bare

Reader = Callable[[str], Mention | None]

_AND = re.compile(r"(?P<comma>,\s*)?\band\s+(?P<owner>(?:his|her|their)\s+)?$")
"""'… and ', '… and his ', '…, and ': what joins a phrase to the one before it."""
_LIST = re.compile(r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+){2,8}$")
"""'Autor, Acemoglu, and': a list of names before ', and'."""
_QUANTIFIER = re.compile(
    r"(?:^|(?<=\s))(?P<q>(?i:some|many|most|several|few|a few|half|a third|two-thirds"
    r"|a majority|a minority|\d+(?:\.\d+)?\s?(?:percent|per cent|%)|\w+ in \d+|\w+ out of \d+))"
    r"\s+(?P<of>of\s+(?:the\s+|these\s+|those\s+)?)?(?P<mods>(?:(?!(?:that|which|who|whom|the|a|an|to|of|and|or)\s)[a-z][\w-]*\s+){0,2})$"
)
"""'Some Democrats', 'many of the marchers': part of a crowd, never all of it."""
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ic|an|al|ent|ive|ed|ing|ish|ern)")
"""A capitalised modifier opening a sentence ('Current and former officials',
'Democratic and Republican lawmakers'), which a name rarely looks like."""
_CROWDS = ("group", "role")


def shared(segment: str, mention: Mention | None, read: Reader) -> Mention | None:
    """The speaker of a phrase ending `segment`, `mention` being the phrase right before
    the verb as `read` (the speaker-phrase reader) found it: the person heading a
    coordination, a crowd named by all its words, or None for several named speakers."""
    if mention is None:
        return None
    text = normalize(segment).rstrip()
    at = text.rfind(mention.text)
    if at < 0:
        return mention
    before = text[:at]
    joined = _AND.search(before)
    if joined is None:
        return _quantified(before, mention)
    first_text = before[: joined.start()]
    if joined["comma"] and not _LIST.search(first_text + ", "):
        return _quantified(before, mention)  # ', and Reyes said': a new clause
    if mention.kind in _CROWDS and _plural(mention) and not joined["owner"]:
        words = first_text.split()
        modifier = words[-1] if words else ""
        lead = words[:-1]
        if (
            modifier.isalpha()
            and (modifier.islower() or _ADJECTIVE.fullmatch(modifier))
            and (
                not lead
                or lead[-1].lower() in _OPENERS | _DETERMINERS
                or _QUANTIFIER.search(" ".join(lead) + " ")
                or " ".join(lead).endswith(_BOUNDARIES)
            )
        ):
            # 'current and former officials', 'Democratic and Republican lawmakers'
            return _crowd(f"{modifier} and {mention.text}", before[: len(first_text)])
    if first_text.split() and bare(first_text.split()[-1]) in lexicon.ROLE_WORDS:
        return mention  # 'Jo Roe, president and chief executive of Northline, said'
    last_word = first_text.split()[-1] if first_text.split() else ""
    if (
        mention.kind in ("role", "institution")
        and mention.text[:1].isupper()
        and last_word[:1].isupper()
    ):
        return mention  # 'the Customs and Border Protection commissioner': one name
    first = read(first_text + " ")
    if first is None or not _opens_clause(first_text, first):
        return _quantified(before, mention)  # 'a woman asked for a photo and Clinton said'
    if first.kind in ("person", "pronoun") and (
        joined["owner"] or mention.text.lower().startswith(("other ", "others"))
    ):
        return first  # 'Sanders and his aides', 'Ward and other security experts'
    if first.kind in _CROWDS and mention.kind in _CROWDS and _plural(first) and _plural(mention):
        name = f"{first.text} and {mention.text}"  # 'cyber security experts and U.S. officials'
        return _crowd(name, before[: max(0, len(first_text) - len(first.text))])
    return None  # two named speakers, or a person and a crowd: no one reaction holds both


def _opens_clause(text: str, first: Mention) -> bool:
    """Whether the phrase before 'and' opens its clause, so that it and the one after are
    the verb's subject together; 'X asked for a photo and Clinton said' joins two clauses."""
    at = text.rfind(first.text)
    lead = text[:at].rstrip() if at >= 0 else text
    words = lead.split()
    return not words or lead.endswith(_BOUNDARIES) or words[-1].lower() in _OPENERS


_DETERMINERS = frozenset("the these those both".split())
_BOUNDARIES = tuple(',;:—–-("“”')
_OPENERS = frozenset(
    "that but while when as because since although though and so yet after before if".split()
)


def _plural(mention: Mention) -> bool:
    """'officials', 'Democrats', 'RNC members': a crowd, not one holder of a role."""
    head = mention.text.split()[-1] if mention.text.split() else ""
    return mention.kind == "group" or (head.endswith("s") and not head.endswith("ss"))


def _crowd(name: str, before: str) -> Mention:
    """A crowd's name as written, with the quantifier before it ('Some of the …')."""
    shown = re.sub(r"^(?i:the|these|those)\s+", "", name)
    found = _QUANTIFIER.search(before)
    if found is not None:
        shown = f"{found['q']} {found['of'] or ''}{found['mods']}{name}"
    shown = shown[:1].upper() + shown[1:]
    return Mention(shown, "group", name=shown)


def _quantified(before: str, mention: Mention) -> Mention:
    """'Some Democrats', 'Most Republicans', 'Many of the marchers': the crowd as written."""
    if mention.kind not in _CROWDS or not _plural(mention):
        return mention
    first = mention.text.split()[0].lower()
    if first in ("some", "many", "most", "several", "few"):
        return _crowd(mention.text, "")
    if _QUANTIFIER.search(before) is None:
        return mention
    return _crowd(mention.text, before)
