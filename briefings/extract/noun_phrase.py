"""The noun phrase a number counts: the words right after it ('new hospital beds', 'of
the workers', '236,000 Iowans'), and the noun phrase a number is the value of ('a deficit
of £62m'). Shared by the label readers (`labels.py`, `cut_label.py`)."""

from __future__ import annotations

import re

from .. import lexicon
from ..text import STOPWORDS
from .numerals import counted_noun

OF_PHRASE = re.compile(r"of\s+(?:[a-z][\w'’-]*\s*){1,3}?(?=$|[,;]|\s(?:and|or|but|to|in|on|at)\b)")
"""'2m barrels of crude': an 'of' phrase that is part of the counted noun."""
VALUE_OF = re.compile(
    r"(?:^|[,;:]\s*|(?<!\bby)(?<!\bto)(?<!\bfrom)(?<!\bat)(?<!\bin)(?<!\bof)(?<!\bwith)\s)"
    r"(?P<np>(?i:the|a|an|its|their|his|her|our)\s+(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*)"
    r"\s+of\s*$"
)
"""'Its unemployment rate of', 'a deficit of': a noun phrase of its own, not the object of
a preposition ('rose by an average of 18%' is a rise)."""

NOT_HEAD = (
    STOPWORDS
    | lexicon.PREPOSITIONS
    | frozenset(
        "earlier later ago times higher lower bigger smaller greater more fewer less each "
        "apiece respectively overall altogether alone now then too already yet instead "
        "last next every since until unless once though although while whereas".split()
    )
)
"""Words after a number that are not the thing it counts: '4.2% a year earlier'."""


PEOPLES = re.compile(r"[A-Z][a-z]+(?:ans|ats|ims|ons|ics|is|os)")
"""A people or party counted by name: '236,000 Iowans', 'four Americans', '12 Democrats'."""


def counted_phrase(after: str) -> tuple[str, str]:
    """The noun phrase a number counts ('new hospital beds', 'of the workers') and the
    rest of the clause after it; the phrase ends at its counted noun."""
    tokens = after.rstrip(" .!?\"'”’").split()  # a sentence-final noun is a noun too
    n = 2 if len(tokens) > 2 and tokens[0] == "of" and tokens[1] in lexicon.DETERMINERS else 0
    taken = 0
    while n < len(tokens) and taken < 4:
        word = tokens[n]
        following = tokens[n + 1] if n + 1 < len(tokens) else ""
        if not taken and PEOPLES.fullmatch(word) and not following[:1].isupper():
            return " ".join(tokens[: n + 1]), " ".join(tokens[n + 1 :])
        if not re.fullmatch(r"[a-z][a-z'’-]*", word) or word in NOT_HEAD:
            break
        if taken and word.endswith("ed"):
            break  # "a £10m package agreed by": the noun came first
        n, taken = n + 1, taken + 1
        if counted_noun(word):
            break
    if not taken:
        return "", after
    return " ".join(tokens[:n]), " ".join(tokens[n:])
