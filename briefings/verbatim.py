"""Whether a sentence says something: the text tests verification applies.

Each is deliberately plain (folded substrings, whole numbers, shared stems), so that what
the briefing shows can be checked by a reader with the article open.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .extract.anchors import anchors, distinctive, states_ask
from .extract.restates import restates
from .model import Reaction
from .text import TEXT_CACHE, content_stems, normalize

SAME_FACT = 0.6
"""Share of a point's meaning words another outlet's sentence must have to support it."""
SAME_FACT_WITH_NUMBER = 0.4

_QUOTE_MARKS = re.compile("[\"'`´‘’‚‛“”„‟«»‹›″′]+")
_DASHES = re.compile("[\u2010-\u2015\u2212-]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[A-Za-z]+")
_REFERENCES = frozenset(
    """
    he she they it we i his her their its our him them us hers theirs who which
    """.split()
)
_ORGANISATION_NOUNS = lexicon.INSTITUTION_WORDS | lexicon.COMPANY_NOUNS
_MINOR = lexicon.MINOR_WORDS | lexicon.NAME_PARTICLES | {"mr", "mrs", "ms", "dr"}


@lru_cache(maxsize=4 * TEXT_CACHE)
def fold(text: str) -> str:
    """For comparing quoted words with their source: quote marks dropped (outlets print
    '…', “…” or ''…''), dashes one hyphen, ellipses three dots, white space single, and
    lower case (a quote taken up mid-sentence loses its capital). Cached: verification
    folds the same cited sentences for every item that cites them.

    >>> fold("“It’s  a ‘disgrace’ — frankly…”")
    'its a disgrace - frankly...'
    """
    text = normalize(text).replace("…", "...")
    text = _DASHES.sub("-", _QUOTE_MARKS.sub("", text))
    return " ".join(text.lower().split())


def same_fact(point: str, sentence: str) -> bool:
    """Whether another outlet's sentence reports a point's fact in its own words: every
    number the point prints, and most of its meaning words (stems; the same threshold the
    announcement uses to count support, lower where a shared number anchors it).

    >>> same_fact("The council asked for a £38m loan.", "It wants a loan of £38m.")
    True
    >>> same_fact("The council asked for a £38m loan.", "It wants a loan of £40m.")
    False
    """
    numbers = _NUMBER.findall(point)
    if not all(printed(n, sentence) for n in numbers):
        return False
    overlap = len(content_stems(point) & content_stems(sentence)) / max(
        1, len(content_stems(point))
    )
    return overlap >= (SAME_FACT_WITH_NUMBER if numbers else SAME_FACT)


def reports(point: str, sentence: str) -> bool:
    """Whether another outlet's sentence reports a point's fact: in much the same words
    (`same_fact`), in other words with every number the point prints (`restates`), or,
    for an ask or decision, as its own ask printing one of the point's sums ('has asked
    for a £38m loan', 'wants to borrow £38m from ministers').

    >>> reports("The council asked for a £38m loan.", "Ministers were asked to lend it £38m.")
    True
    """
    if same_fact(point, sentence):
        return True
    numbers = _NUMBER.findall(point)
    if all(printed(n, sentence) for n in numbers) and restates(point, sentence):
        return True
    if not (states_ask(point) and states_ask(sentence)):
        return False
    sums = anchors(content_stems(point)) & anchors(content_stems(sentence))
    return any(distinctive(n) and printed(n, sentence) for n in sums)


def printed(display: str, sentence: str) -> bool:
    """Whether a sentence prints a number as displayed: every run of digits in it, as a
    whole number (so '12,000' is not found in '112,000' or '12,0001'); a number in words
    ('three', 'dozens') as words.

    >>> printed("£12.5m", "a £12.5m loan"), printed("12,000", "passed 112,000")
    (True, False)
    """
    numbers = _NUMBER.findall(display)
    if not numbers:
        return fold(display) in fold(sentence)
    found = {m.group() for m in _NUMBER.finditer(sentence)}
    found |= {n.rstrip(".,") for n in found}
    return all(n in found for n in numbers)


def attribution_words(text: str, words: str) -> set[str]:
    """The words of a sentence outside the statement it reports (all of them where the
    statement is the whole sentence, attribution included)."""
    rest = _WORDS.findall(text.replace(words, " ")) or _WORDS.findall(text)
    # Folding drops the apostrophe: 'Sir Keir's spokesman' reads 'keirs'.
    return set(rest) | {w[:-1] for w in rest if w.endswith("s") and len(w) > 3}


def reference_words(reaction: Reaction) -> frozenset[str]:
    """Words by which a sentence can refer to a speaker: their name's words, their
    role's, pronouns, and for an organisation the nouns that stand for one ('the
    company said')."""
    words = _names_words((reaction.speaker, *reaction.aliases, reaction.role or ""))
    return words if reaction.is_person else words | _ORGANISATION_NOUNS


@lru_cache(maxsize=4096)
def _names_words(names: tuple[str, ...]) -> frozenset[str]:
    words = set(_REFERENCES)
    for name in names:
        words.update(w for w in _WORDS.findall(name.lower()) if w not in _MINOR and len(w) > 1)
    if "spokesperson" in words:
        words.update(lexicon.SPOKESPEOPLE)
    return frozenset(words)
