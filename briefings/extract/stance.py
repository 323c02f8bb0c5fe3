"""A speaker's stance, with the words that justify it.

Cue phrases from the lexicon are counted over everything the speaker said; a negated
supportive cue ("not effective") counts as critical. The label comes with the cue and
the statement it was read in, so a reader can check it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..model import Stance
from ..text import normalize


def _cue_pattern(cue: str) -> str:
    """A cue as a regex: "…" stands for up to four words."""
    return r"(?:\s+\S+){0,4}\s+".join(re.escape(part) for part in cue.split(" … "))


_CUES = {
    stance: re.compile(
        r"(?<![\w-])("
        + "|".join(
            _cue_pattern(c) for c in sorted(lexicon.STANCE_CUES[stance], key=len, reverse=True)
        )
        + r")(?![\w-])",
        re.I,
    )
    for stance in lexicon.STANCE_ORDER
}


_PASSIVE = re.compile(r"\s+(?:of|for|with|over|as|by)\b", re.I)


@lru_cache(maxsize=65536)
def stance_hits(text: str) -> tuple[tuple[Stance, str], ...]:
    """(stance, cue) pairs found in one statement; remembered, since a speaker's stance is
    read again each time their quotes change.

    >>> stance_hits("We said no to the plan")
    (('opposed', 'said no'),)
    """
    plain = normalize(text)
    hits: list[tuple[Stance, str]] = []
    for stance in lexicon.STANCE_ORDER:
        for match in _CUES[stance].finditer(plain):
            if _in_name(plain, match.start()):
                continue
            phrase = match.group(1).lower()
            before = plain[: match.start()].lower().split()[-3:]
            if phrase in _VERB_CUES and before and before[-1] in lexicon.DETERMINERS:
                continue  # 'on the backs of', 'the block': a noun, not the verb
            active = set(before[-1:]) & lexicon.ACTIVE_BEFORE
            if (
                phrase in lexicon.OBJECT_FIRST_VERBS
                and not active
                and _PASSIVE.match(plain, match.end())
            ):
                continue  # 'The mayor, criticized for the delay, said': she was criticized

            negated = any(w.strip(",.") in lexicon.NEGATIONS or w.endswith("n't") for w in before)
            if negated and stance == "supportive":
                hits.append(("critical", f"not … {phrase}"))
            elif not negated:
                hits.append((stance, phrase))
    return _longest(hits)


_VERB_CUES = frozenset({"backs", "back", "block", "scrap", "halt", "boost", "attack"})


def _in_name(text: str, start: int) -> bool:
    """A capitalised cue inside a sentence is part of a name ('Great Western Railway')."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“‘'(—–-"


def _longest(hits: list[tuple[Stance, str]]) -> tuple[tuple[Stance, str], ...]:
    """Drop a cue contained in a longer cue found in the same text ('effective')."""
    cues = [c for _, c in hits]
    return tuple((s, c) for s, c in hits if not any(c != o and c in o for o in cues))


_IN = " in: "


def stance_statement(evidence: str) -> str:
    """The statement a stance's evidence quotes ('“a disgrace” in: It is a disgrace.' →
    'It is a disgrace.'), for checking that the statement is still shown."""
    return evidence.partition(_IN)[2] if evidence.startswith("“") else evidence


def judge_stance(statements: tuple[str, ...]) -> tuple[Stance, str]:
    """The stance most supported by the statements, and the evidence for it."""
    cues: dict[Stance, set[str]] = {}
    evidence: dict[Stance, str] = {}
    for text in statements:
        for stance, cue in stance_hits(text):
            cues.setdefault(stance, set()).add(cue.lower())
            evidence.setdefault(stance, f"“{cue}”{_IN}{text}")
    scores = {stance: len(found) for stance, found in cues.items()}
    if not scores:
        return "neutral", ""
    order = {s: i for i, s in enumerate(lexicon.STANCE_ORDER)}
    best = max(scores, key=lambda s: (scores[s], -order[s]))
    return best, evidence[best]


@lru_cache(maxsize=65536)
def has_cue(text: str) -> bool:
    """Whether a statement carries any stance cue (statements without one change nothing)."""
    return bool(stance_hits(text))
