"""A figure's label as shown: the words of the source, without the quotes, fillers
('a total of'), opening phrases and dangling function words a phrase cut from a sentence
brings with it. `labels.py` finds the words; this module only trims them."""

from __future__ import annotations

import re

from .. import lexicon

_FILLER = re.compile(
    r"^(?:there (?:has|have|had) been|there (?:is|are|was|were)|a total of|a further|an extra|"
    r"an additional|a staggering|"
    r"a record|a|an|the|some|just|only|indeed,?|with)\s+",
    re.I,
)
_TRAILING = (
    lexicon.PREPOSITIONS
    | lexicon.DETERMINERS
    | frozenset(
        "and or but nor than when which who whom whose has have had is are was were be been "
        "being will would could alone now already yet not just only nearly almost roughly "
        "some".split()
    )
)
"""What a label never ends on: 'rise in', 'close of its', 'homes and'."""
_LEADING = re.compile(
    r"^(?:(?:and|or|but|while|whereas|than)\s+)+|^(?:in|on|at|for|from|with|by|under|"
    r"after|before|during|since|across|among|amid|despite|according to)\b[^,]{0,50},\s+",
    re.I,
)
_LEADING_WORDS = re.compile(
    r"^(?:(?:that|it|there)(?:[’']|\s)?s|(?:in|at|to|for|before|after|along|about|with|"
    r"from|on|into|by)(?=\s+(?:the|a|an|its|their|his|her|[a-z]+ing)\b))\s+",
    re.I,
)
"""'That's a sharp rise …', 'in the wake of …': no label opens on a pointer or a bare
preposition; what follows is the phrase."""
_LEADING_PLACE = re.compile(r"^(?i:in|at|from|across)\s+(?:[A-Z][\w'’-]*\s+)+(?=[a-z])")
"""What a label never starts on: a conjunction, or an opening phrase ('In the ballot, …',
'in Jerusalem the fine …')."""


def tidy(text: str) -> str:
    """A label without quotes, fillers ('a total of'), dangling function words, or more
    than 14 words."""
    text = re.sub(r"\s*[“”\"‘’()]\s*", " ", text)
    text = re.sub(r"^(?:up|down)\s+(?:by\s+)?", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-—–")
    lower = text.lower()
    for anchor in ("the number of ", "the total of ", "the level of ", "the amount of "):
        if anchor in lower:
            text = text[lower.index(anchor) :]
            break
    for _ in range(3):
        text = _LEADING_PLACE.sub("", _LEADING.sub("", text))
        text = _FILLER.sub("", _LEADING_WORDS.sub("", text))
        text = strip_trailing(text)
    return strip_trailing(" ".join(text.split()[:14]))


def strip_trailing(text: str) -> str:
    """Without the function words a label may not end on, nor 'so far'."""
    words = text.strip(" ,.;:-—–").split()
    while words:
        last = words[-1].lower()
        if last in _TRAILING or not any(c.isalnum() for c in last):
            words.pop()
        elif last == "far" and len(words) > 1 and words[-2].lower() == "so":
            del words[-2:]
        else:
            break
        if words:
            words[-1] = words[-1].rstrip(" ,.;:-—–")
    return " ".join(words)
