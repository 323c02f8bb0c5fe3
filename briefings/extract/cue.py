"""An attribution cue: a reporting verb (or a signature) and the speaker it names, as
`attributions.py` and `signed.py` find them and `assign.py` gives them their quotes; and
where a paragraph's reporting verbs are (`cue_words`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from .mentions import Mention
from .quote_marks import QuoteSpan
from .speaker_phrase import ABBREVIATION_END


@dataclass(frozen=True)
class Attribution:
    """A reporting verb and its speaker; `after_quote` when it follows its quote."""

    start: int
    end: int
    verb: str
    mention: Mention | None
    after_quote: bool
    subordinate: bool = False
    """Inside another clause ('a humiliation that Starmer had announced …'): it may carry
    a quote next to it, but reports nothing of its own."""


def inside(spans: list[QuoteSpan], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in spans)


_PHRASAL = re.compile(
    r"\b(?:shot|fired|hit|snapped|wrote|screamed|shouted|yelled|pushed|lashed|struck)\s+back\b"
    r"|\b(?:chimed|weighed)\s+in\b|\bpointed\s+out\b"
)
"""'Hillary shot back, “…”', 'as Byler pointed out, “…”': a verb and its particle, which
attribute only a quote next to them."""
_VERBS = (
    lexicon.REPORTING_VERBS
    | lexicon.REPORTING_PARTICIPLES
    | lexicon.QUOTE_ONLY_VERBS
    | lexicon.BELIEF_VERBS
    | lexicon.POSITION_VERBS
)
_WORD = re.compile(r"(?<![\w-])[A-Za-z]+\b")
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_PARTICIPLES = lexicon.REPORTING_PARTICIPLES - {"saying", "adding"}
_PARTICIPLE_FRAME = re.compile(
    r"(?:,|\b(?:is|are|was|were|been|be|also)|\bwith\s+(?:[\w.'’-]+\s+){1,6})\s*$"
)
"""'…, arguing that …', 'she is arguing that …': a participle reports the subject's words
after a comma or as a verb; 'by suggesting', 'those describing themselves' do not."""


def _verb_here(paragraph: str, match: re.Match[str]) -> bool:
    """Not a noun or an adjective ('the alleged deal', 'a warning'), and a participle only
    where it reports ('…, arguing that …', 'is arguing that …')."""
    before = paragraph[max(0, match.start() - 60) : match.start()]
    if (last := _LAST_WORD.search(before)) and last[1].lower() in lexicon.DETERMINERS:
        return False
    if last and last[1].lower() in _BE and match.group().endswith(("ed", "told", "said")):
        return False  # 'the 17th judge who has been confirmed', 'was told': a passive
    return match.group().lower() not in _PARTICIPLES or bool(_PARTICIPLE_FRAME.search(before))


_BE = frozenset("be been being is are was were".split())
_LAST_WORD = re.compile(r"\b([A-Za-z]+)\s+$")


def cue_words(paragraph: str) -> list[re.Match[str]]:
    """The reporting verbs of a paragraph, and 'according to', in order: a scan of its
    words against a set (one regex alternative per verb would try each at every letter)."""
    found = [
        m
        for m in _WORD.finditer(paragraph)
        if m.group().lower() in _VERBS
        and (m.group()[0].islower() or m.start() == sentence_start(paragraph, m.start()))
        and _verb_here(paragraph, m)
    ]  # 'the United States' holds no verb; 'Says Trump: …' opens a sentence
    extra = [*_ACCORDING.finditer(paragraph)] if "ccording to" in paragraph else []
    extra += _PHRASAL.finditer(paragraph)
    return sorted([*found, *extra], key=lambda m: m.start()) if extra else found


def sentence_start(paragraph: str, pos: int) -> int:
    """Where the sentence around `pos` starts; 'Dr.', 'Inc.' and 'U.S.' do not end one."""
    while True:
        cut = max(
            paragraph.rfind(". ", 0, pos),
            paragraph.rfind("? ", 0, pos),
            paragraph.rfind("! ", 0, pos),
        )
        if cut < 0:
            return 0
        if paragraph[cut] != "." or not ABBREVIATION_END.search(
            paragraph[max(0, cut - 5) : cut + 1]
        ):
            return cut + 2
        pos = cut
