"""A figure's label as shown: the words of the source, without the quotes, fillers
('a total of'), opening phrases and dangling function words a phrase cut from a sentence
brings with it. `labels.py` finds the words; this module only trims them."""

from __future__ import annotations

import re

from .. import lexicon
from ..text import ABBREVIATIONS, STOPWORDS

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
        "some if though although because where whereas while unless until once whether "
        "what how why we you he she it they".split()
    )
)
"""What a label never ends on: 'rise in', 'close of its', 'homes and', a subordinator or
a subject pronoun whose clause was cut off ('the same amount it', 'a plant where it')."""
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
    """A label without quotes (an apostrophe stays: 'Trump’s club'), fillers ('a total
    of'), dangling function words, or more than 14 words; never past the end of a
    sentence."""
    text = _first_sentence(re.sub(r"\s*(?:''|[“”\"‘()]|’(?![A-Za-z]))\s*", " ", text))
    text = re.sub(r"^(?:up|down)\s+(?:by\s+)?", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-—–")
    lower = text.lower()
    for anchor in ("the number of ", "the total of ", "the level of ", "the amount of "):
        if anchor in lower:
            text = text[lower.index(anchor) :]
            break
    for _ in range(3):
        text = _LEADING_PLACE.sub("", _LEADING.sub("", SUBORDINATOR.sub("", text)))
        text = _FILLER.sub("", _LEADING_WORDS.sub("", text))
        text = strip_trailing(text)
    text = _OBJECT_END.sub("", text)
    return strip_trailing(" ".join(text.split()[:14]))


_OBJECT_END = re.compile(
    r"(?:\s+(?:in|on|at|with|for|to|from|against|about|of|behind|around)\s+(?:\w+\s+){0,2}?"
    r"|\s+(?:and|or|but|unless|if)\s+.*?)\b(?:them|it|him|her|me|us|you)$",
    re.I,
)
"""'rows reserved in front of them', 'families here and resettle them': a phrase ending on
a pronoun points at what the label cannot show; the label ends before it."""


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


_SENTENCE_STOP = re.compile(r"(\S+)[.!?]\s+(?=['\"“‘]*[A-Z])")
SUBORDINATOR = re.compile(
    r"^(?:when|where|whereas|though|although|because|if|unless|once|whether)\s+(?=\S)"
)
"""'… in 1998, when 2,300 residents left': the clause reads without its opening word."""


def _first_sentence(text: str) -> str:
    """A label read across a sentence's end ('expects to attend. They have …') stops at
    it; an abbreviation or an initial ('Gov. Ruiz', 'W. Bush') is no end."""
    for stop in _SENTENCE_STOP.finditer(text):
        word = stop.group(1).lower()
        if word.rstrip(".") not in ABBREVIATIONS and len(word.strip(".")) > 1 and "." not in word:
            return text[: stop.start(1) + len(stop.group(1))]
    return text


_NOT_NOUNS = (
    STOPWORDS
    | lexicon.PREPOSITIONS
    | lexicon.DETERMINERS
    | lexicon.AUXILIARIES
    | frozenset(
        "me us them you i we he she they it been being am nor yet so per "
        "gave paid spent won lost took got made rose fell grew sold bought held led kept "
        "left met ran saw sent went came became began brought drew found put".split()
    )
)
"""Words that are never the thing a label names: function words and, as news writes them,
verbs in the past ('he spent', 'they gave you')."""


UNREADABLE = "?"
"""The label of a number no label can be read for (no tidied label is only punctuation):
its figure is left out, where an empty label ('by') takes the last figure's."""
_WH_OPENING = re.compile(r"^(?:what|why|how|which|whom|whose)\b")
"""'double what organisers had hoped', 'why the mayor …': the thing counted is outside the
clause (lower case only: 'Which?' can be a magazine's name)."""


def unreadable(label: str) -> bool:
    """A label a reader cannot tell what the number counts from: none was read, or a
    clause opening on 'what' or 'why' (its noun is outside it)."""
    return label == UNREADABLE or bool(_WH_OPENING.match(label))


def has_noun(label: str) -> bool:
    """Does the label name anything? Not when every word is a function word, a verb in
    the past or an adverb ('It raised', 'killed', 'he spent on it', '49%'): a number no
    noun is read for is no key figure (precision over recall)."""
    for word in re.findall(r"[A-Za-z][\w'’-]*", label):
        lower = word.lower()
        if lower in _NOT_NOUNS or lower.endswith(("ed", "ly")) and word[:1].islower():
            continue
        return True
    return False


CHANGE_LEAD = re.compile(
    r"^(?:and\s+)?(?:falling|rising|dropping|climbing|increasing|decreasing|from|to)\b", re.I
)
"""A label that continues the last figure ('…, falling to 64', 'from a year earlier')."""


def holed(label: str) -> bool:
    """Does a label show where a number was cut from it? An article, a possessive or 'of'
    right before a preposition ('down from the in 2008', 'at the request of of
    members'), a possessive with nothing after it ('fall in Clinton’s'), or half a
    compound ('a -to-4 vote', 'a 150,000-square-foot')."""
    words = label.lower().split()
    for word, following in zip(words, words[1:], strict=False):
        if word in _BEFORE_NOUN and following in lexicon.PREPOSITIONS:
            return True
    if words and len(words[-1]) > 2 and words[-1].endswith(("'s", "’s", "s'", "s’")):
        return True  # 'fall in Clinton’s', 'rise in it's': whose what, it does not say
    return bool(re.search(r"(?:^|\s)-[\w-]|[\w]-(?:\s|$)", label))


_BEFORE_NOUN = lexicon.ARTICLES | frozenset("its their our my your of".split())
"""Words a noun must follow ('her' may end a phrase: 'beat her in Iowa')."""
