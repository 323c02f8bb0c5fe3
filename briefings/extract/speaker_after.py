"""The speaker after an inverted verb ('said Jane Roe, the chief executive', 'said the
council leader, Tom Hadley'), and the words that describe a name before it: the readers
of what follows a reporting verb, beside `speaker_phrase`'s of what precedes it."""

from __future__ import annotations

import re

from .. import lexicon
from .coordination import shared
from .speaker_phrase import ABBREVIATION, OF_PLACE, PARENTHESIS, backward_np
from .speakers import Mention, role_phrase
from .unnamed import unnamed

_CIRCUMSTANCE = re.compile(
    r"\s(?:in|on|at|during|after|before|to|from|via|while|when|through|with)\s(?=[a-z])"
)
"""'in a statement', 'on Sunday', 'to reporters': after the name, never part of it."""
_RELATIVE = re.compile(r"\s(?:who|whose|which)\s")
_AND = re.compile(r"\sand\s")
_LAST_PHRASE = re.compile(
    r"\s+(?:at|in|of|for|from|on|with)(?:\s+(?!(?:at|in|of|for|from|on|with)\b)\S+)*$"
)


def forward_np(text: str) -> Mention | None:
    """The speaker after an inverted verb: 'said Jane Roe, the chief executive'."""
    text = ABBREVIATION.sub(lambda m: m.group()[:-1], text[:200].replace("\xad", ""))
    text = PARENTHESIS.sub("", text)  # 'said Rep. Jo Roe (D-Tex.), a …
    match = re.match(r"\s*([^,.;:!?“”\"]{1,80})(?:,\s*([^,.;:!?“”\"]{1,80}))?", text)
    if not match:
        return None
    # 'said Paul Ryan in a statement': the speaker ends where the circumstances start;
    # 'said Stephen Vladeck of the University of Texas': the person before 'of'.
    phrase = _CIRCUMSTANCE.split(match.group(1), maxsplit=1)[0]
    phrase = _RELATIVE.split(phrase, maxsplit=1)[0]  # 'said Sen. Jo Roe who represents …'

    if (of := OF_PLACE.search(phrase)) and (person := backward_np(phrase[: of.start()])):
        if person.kind == "person" and " " in person.name:
            return person
    # 'said Tom Reyes and Ines Moreau': both, which no reaction carries; 'said Jo Price
    # and her deputy': Jo Price (`coordination.shared`)
    head = shared(phrase + " ", backward_np(phrase), backward_np)
    if head is None and _AND.search(phrase):
        return None
    if head is None:
        # 'said another Twitter user, Johanna Bayer': the name in the appositive.
        person = backward_np(match.group(2)) if match.group(2) else None
        if person is not None and person.kind == "person":
            return person
        return unnamed(phrase) or unnamed(match.group(1))
    appositive = match.group(2)
    if appositive and re.match(r"\w", text[match.end() :]):
        # Cut at 80 characters: no half a word, nor the phrase it was in ('director of
        # the Centre for Flood Research at Columbia Univers' → '… Flood Research').
        appositive = _LAST_PHRASE.sub("", appositive.rsplit(" ", 1)[0])
    if appositive and head.kind == "person" and (role := role_phrase(appositive)):
        return Mention(head.text, "person", head.name, role, head.honorific)
    if appositive and head.kind in ("role", "spokesperson"):
        # 'said the council leader, Tom Hadley': the person, in that role.
        person = backward_np(appositive)
        if person is not None and person.kind == "person":
            role = head.role or head.text.removeprefix("the ").removeprefix("The ")
            return Mention(person.text, "person", person.name, role, person.honorific)
    return head


_INVERTED = re.compile(r"\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[,.]|$)")


def inverted(after: str) -> Mention | None:
    """'…, said David Axelrod, a former strategist.': a named speaker right after the verb
    that ends the sentence or takes an appositive."""
    after = after[:200]
    mention = forward_np(after)
    if mention is None or mention.kind != "person":
        return None
    if _INVERTED.match(after):
        return mention
    at = after.find(mention.text)
    lead = after[:at].replace(",", " ").split() if at >= 0 else ["?"]
    if mention.role and len(lead) <= 8 and all(map(describes, lead)):
        return mention  # '…, said the company's chief executive, Jo Roe.': a role, then her
    return None


def describes(word: str) -> bool:
    """A word of the role or description before a name ('the company's chief executive')."""
    bare = re.sub(r"['’]s$", "", word.lower())
    return word[:1].isupper() or bare in _DESCRIBING or word.endswith(("'s", "’s"))


_DESCRIBING = (
    lexicon.ROLE_WORDS
    | lexicon.ROLE_MODIFIERS
    | lexicon.DESCRIPTORS
    | lexicon.INSTITUTION_WORDS
    | lexicon.ARTICLES
    | frozenset("of for at".split())
)
