"""A person's age, and an age a rule sets: part of the number grammar
(briefings.extract.numbers). A person's age is no key figure unless the story is about it;
an age a rule sets ('a voting age of 16') is one, counted in years."""

from __future__ import annotations

import re

from .. import lexicon

_AGE_AFTER = re.compile(r"(?:[,;]|\)|\.(?!\d)|-year-old|\s+years?\s+old|\s+and\s+\d{1,2}\s?[,)])")
"""After an age: a comma, a bracket, a full stop ('said Carla Cruz, 24.'), 'years old', or
a second age ('John and Brian Meza, 22 and 19,')."""
_PAIRED_AGE = re.compile(r"[A-Z][a-z]+\s?,\s?\d{1,2}\s+and\s+$")
_AGE_BOUND = re.compile(
    rf"\b(?:{'|'.join(lexicon.PEOPLE_NOUNS)}|those|anyone|everyone)\s+(?:under|over)\s+$", re.I
)
_OWN_AGE = re.compile(
    r"\b(?:I['’]m|I am|he['’]s|she['’]s|you['’]re|you are|they['’]re|we['’]re)\s+$", re.I
)
_WHO_WAS = re.compile(
    r"(?:,\s+who|\bwhen\s+(?:he|she|I|you|they|we))\s+(?:is|was|were|are|turned)\s+$", re.I
)
"""'Bamberg, who is 28, said', 'when she was 25 and': a person's age then."""
_WILL_BE = re.compile(r"\b[A-Z][a-z.]+\s+[A-Z][\w'’-]+\s+(?:will|would)\s+be\s+$")
"""'Justice Kennedy will be 80,': a named person's age to come."""
_GROUPS = lexicon.PEOPLE_NOUNS | frozenset(
    "blacks whites hispanics latinos latinas asians republicans democrats independents "
    "liberals conservatives moderates evangelicals catholics protestants millennials "
    "respondents boys girls veterans those".split()
)
_BAND_BEFORE = re.compile(rf"\b(?:{'|'.join(_GROUPS)})\s+$", re.I)
_BAND_AFTER = re.compile(
    r"\s*(?:(?:[-–]|to|through)\s*(?P<high>\d{1,3})|\s(?:and|or)\s+(?:older|over|up|above|"
    r"younger|under))(?!\s*(?:%|per\s?cent|percent))\b(?!\s+[a-z]+s\b)"
)
_BAND_HIGH = re.compile(rf"\b(?:{'|'.join(_GROUPS)})\s+\d{{1,2}}\s*(?:[-–]|to|through)\s*$", re.I)
"""'blacks 30 to 44', 'voters 65 and older': an age band after a group of people."""
_CAPTION = re.compile(
    r"[A-Z][a-z]+\s\((?:left|right|centre|center|pictured|above|below|top|inset)\)\s?,\s?$"
    r"|[A-Z][\w'’-]*[^\W\d_],\s?$"
)
"""'Richard Osman (left), 40.', 'Mohamed Shoukair, 36.': a caption, a name and an age."""
_NOW = re.compile(r"(?:[A-Z][a-z]+|\b[a-z]+(?:er|or|ist|ent|ant|man|woman)),\s+now\s+$")
"""'The singer, now 81,', 'Mr Hale, now 79,': a person's age today."""
_TURNS = re.compile(r"\b(?:turns|turned|turning|turn)\s+$", re.I)
POLICY_AGE = re.compile(r"\bage(?:\s+\w+){0,3}\s+(?:to|of|at|from)\s+$", re.I)
"""'raise the state pension age to 68', 'a voting age of 16': an age a rule sets, counted in
years (a person's age, 'Jo Roe, 68,', is no figure)."""


def is_age(before: str, after: str) -> bool:
    """'Maria Santos, 68,', 'Smith (68)', 'aged 68', 'age 87', '68-year-old'."""
    if re.search(
        r"\b(?:aged|ages?|ages\s+of)(?:\s+(?:under|over|between|up\s+to))?\s+$"
        r"|\bages\s+of\s+\d+\s+(?:and|to)\s+$"
        r"|\b(?:since|at|from|until|by|before|after)\s+(?:the\s+)?age\s+of\s+$"
        r"|\bage\s?[,(]\s?$|\bas\s+(?:old|young)\s+as\s+$|\byoung\s+at\s+$",
        before,
        re.I,
    ):
        return True
    if _AGE_BOUND.search(before) or (_OWN_AGE.search(before) and re.match(r"[,.;]", after)):
        return True  # "voters under 29", "I'm 76, and …"
    if _WILL_BE.search(before[-60:]) and re.match(r"[,.;]|\s+(?:and|when|by|in)\b", after):
        return True
    if _WHO_WAS.search(before) and re.match(r"[,.;]|\s+(?:and|when|at|in)\b", after):
        return True
    if (band := _BAND_AFTER.match(after)) and _BAND_BEFORE.search(before):
        high = band.group("high")
        return high is None or int(high) < 120  # "voters 65 and older", "blacks 30 to 44"
    if _BAND_HIGH.search(before) and not re.match(r"\s*(?:%|per\s?cent|percent|[a-z]+s\b)", after):
        return True  # "blacks 30 to 44": the band's upper end
    if _TURNS.search(before) and not re.match(r"\s*(?:%|per\s?cent|percent|[a-z]+s\b)", after):
        return True  # "As Bill Clinton turns 70,"
    if (_NOW.search(before) and re.match(r"\s?[,;.)]", after)) or _ends_caption(before, after):
        return True
    if _PAIRED_AGE.search(before) and re.match(r"\s?[,)]", after):
        return True  # "Brian Meza, 22 and 19,"
    if not _AGE_AFTER.match(after):
        return False
    return after.startswith(("-", " ")) or bool(re.search(r"[A-Z][a-z]+\s?[,(]\s?$", before))


def _ends_caption(before: str, after: str) -> bool:
    """A name, maybe a picture's side, then a number that ends the sentence."""
    return re.fullmatch(r"\.?\s*", after) is not None and _CAPTION.search(before) is not None


def people_noun(after: str) -> bool:
    """Whether a people noun follows within two words ('2016 voters' is a count), with no
    other number first ('the disaster of 1987 killed 250 people' counts the 250)."""
    words = re.findall(r"[a-z]+|\d", after)[:2]
    return bool(words) and not words[0].isdigit() and any(w in lexicon.PEOPLE_NOUNS for w in words)
