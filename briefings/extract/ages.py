"""A person's age, and an age a rule sets: part of the number grammar
(briefings.extract.numbers). A person's age is no key figure unless the story is about it;
an age a rule sets ('a voting age of 16') is one, counted in years."""

from __future__ import annotations

import re

from .. import lexicon

_AGE_AFTER = re.compile(r"(?:[,;]|\)|-year-old|\s+years?\s+old)")
_AGE_BOUND = re.compile(
    rf"\b(?:{'|'.join(lexicon.PEOPLE_NOUNS)}|those|anyone|everyone)\s+(?:under|over)\s+$", re.I
)
_OWN_AGE = re.compile(r"\b(?:I['’]m|I am|he['’]s|she['’]s)\s+$", re.I)
POLICY_AGE = re.compile(r"\bage(?:\s+\w+){0,3}\s+(?:to|of|at|from)\s+$", re.I)
"""'raise the state pension age to 68', 'a voting age of 16': an age a rule sets, counted in
years (a person's age, 'Jo Roe, 68,', is no figure)."""


def is_age(before: str, after: str) -> bool:
    """'Maria Santos, 68,', 'Smith (68)', 'aged 68', 'age 87', '68-year-old'."""
    if re.search(
        r"\b(?:aged|ages?|ages\s+of)(?:\s+(?:under|over|between|up\s+to))?\s+$"
        r"|\bages\s+of\s+\d+\s+(?:and|to)\s+$",
        before,
        re.I,
    ):
        return True
    if _AGE_BOUND.search(before) or (_OWN_AGE.search(before) and re.match(r"[,.;]", after)):
        return True  # "voters under 29", "I'm 76, and …"
    if not _AGE_AFTER.match(after):
        return False
    return after.startswith(("-", " ")) or bool(re.search(r"[A-Z][a-z]+\s?[,(]\s?$", before))


def people_noun(after: str) -> bool:
    """Whether a people noun follows within two words ('2016 voters' is a count)."""
    words = re.findall(r"[a-z]+", after)[:3]
    return any(w in lexicon.PEOPLE_NOUNS for w in words[:2])
