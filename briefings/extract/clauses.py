"""Clauses of a sentence for labels: where the clause around a number starts and ends,
and the subject a clause leaves outside it (a relative clause's noun, the name before an
apposition, the subject two joined verbs share), which a label needs to say whose
number it is."""

from __future__ import annotations

import re

from .. import lexicon
from ..text import STOPWORDS

_RELATIVE = frozenset({"who", "that"})
_BOUNDARY = re.compile(
    # "with" is no boundary ("the deal with the group is worth …"); "and" is one before a
    # new subject or verb phrase ("… worth £2bn and will treat 1.5m patients").
    r"(?:,\s+|;\s*|:\s+|\s+[—–]\s*|—|\s+-\s+|\bthat\s+|\bas\s+|\bwhile\s+|\bafter\s+|"
    r"\bbecause\s+|\bwhich\s+|\bwho\s+|\bsaid\s+|"
    r"\band\s+(?=(?:the|will|would|could|can|is|are|was|were|has|have|had)\b)|"
    r"\band\s+(?=(?-i:[a-z]+\s+)?(?:[£$€]\s?)?\d)(?!(?-i:[a-z]+\s+)?(?:19|20)\d\d\b))",
    re.I,
)
_NAMED_CLAUSE = re.compile(
    r"(?<=(?-i:[a-z%\d])\s)and(?=\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:[a-z][\w'’-]*\s+){1,4}"
    r"(?:[£$€]\s?)?\d)"
)
"""'… won 52% and Councilman Eli Ford took 41%': after a lower-case word, 'and' and a
named subject with its own verb and number open a new clause ('Harlow and Stansted
Airports handled …' joins two names)."""


def mark_clauses(masked: str) -> str:
    """The masked sentence with each 'and' that opens a named clause read as a boundary;
    the word before it must not be a name (a name's first letter is upper case)."""

    def mark(match: re.Match[str]) -> str:
        before = masked[: match.start()].split()
        return ";  " if before and not before[-1][:1].isupper() else match.group()

    return _NAMED_CLAUSE.sub(mark, masked) if " and " in masked else masked


def relative(masked: str, text: str, clause_start: int, start: int) -> str:
    """The noun phrase a 'which' or 'who' clause is about, four words at most; or a 'that'
    clause opening on an auxiliary ('a rule that had stopped firms passing on $1bn'), as
    a 'that' clause with its own subject is said or thought ('said that it spent £2m')."""
    own = masked[clause_start:start].split()
    that = "|that" if own and own[0].lower() in lexicon.AUXILIARIES else ""
    opener = re.search(rf"\b(?:which|who{that})\s+$", masked[:clause_start], re.I)
    if not opener:
        return ""
    prefix = masked[: opener.start()].rstrip(" ,")
    left = 0
    for match in _BOUNDARY.finditer(prefix):
        left = match.end()
    words = text[left : len(prefix)].split()
    if len(words) > 4 or opener.group().lower().startswith("that"):
        # '… winning favour from local trusts, which …': the noun phrase
        function = STOPWORDS | lexicon.PREPOSITIONS  # after the last function word
        tail = len(words) - next(
            (n for n, w in enumerate(reversed(words)) if w.lower() in function), len(words)
        )
        while tail > 1 and words[tail - 1].lower() in _IN_NAMES and words[tail - 2][:1].isupper():
            tail -= 2  # 'a group called Citizens for Trump': the name, not its last word
            while tail and words[tail - 1][:1].isupper():
                tail -= 1
        if 0 < tail < len(words) - 1 and words[tail - 1].lower() == "to":
            tail += 1  # 'sought to protect Mississippians, who …': the verb's object
        words = words[tail:] if len(words) - tail <= 4 else []
    while words and any(c.isdigit() for c in words[0]):
        words = words[1:]  # 'Under 30 Summit EMEA': no number opens a subject
        if words and words[0].lower() in _UNIT_WORDS:
            return ""  # 'close to 5 percent, who …': another figure, no noun phrase
    return " ".join(words)


_UNIT_WORDS = frozenset("percent per % points point".split())


_IN_NAMES = frozenset({"of", "for", "and", "&"})
"""Words inside a name ('Citizens for Trump', 'Bank of England')."""


def apposed_subject(masked: str, text: str, clause_start: int, start: int) -> str:
    """'Marta Feld, the firm's finance director, had approved 340 shifts': a clause that
    opens on an auxiliary has its subject before the apposition, the sentence's short
    opening phrase ('Marta Feld'), which the label needs ('shifts Marta Feld had
    approved'). Empty when the clause has its own subject or the opening is no name."""
    own = masked[clause_start:start].split()
    if (
        not own
        or own[0] not in lexicon.AUXILIARIES
        or not masked[:clause_start].rstrip().endswith(",")
    ):
        return ""
    opening = re.match(r"\s*([A-Z][^,;:]*?),\s", text)
    if not opening or opening.end() > clause_start:
        return ""
    if "," in text[opening.end() : clause_start].rstrip().rstrip(","):
        return ""  # one apposition between name and verb, not a list or another clause
    words = opening.group(1).split()
    if len(words) > 5 or any(c.isdigit() for c in opening.group(1)):
        return ""
    if words[0].lower() in (STOPWORDS - lexicon.DETERMINERS) | lexicon.PREPOSITIONS:
        return ""  # 'In Ohio, …', 'After the vote, …': an opening phrase, not a subject
    return " ".join(
        [words[0].lower() if words[0].lower() in lexicon.ARTICLES else words[0]] + words[1:]
    )


def shared(masked: str, text: str, clause_start: int, start: int) -> str:
    joined = re.search(r"\band\s+$", masked[:clause_start])
    own = masked[clause_start:start].split()
    if not joined or len(own) > 1:
        return ""
    previous, _ = clause_span(masked, joined.start(), joined.start())
    first = re.search(r"(?:[£$€]\s?)?\d", masked[previous : joined.start()])
    if not first:
        return ""
    words = text[previous : previous + first.start()].split()
    shared = words[:-1] if own else words  # "and cut 480 posts": its own verb
    shared = [w for w in shared if w.lower() not in _QUALIFIER_WORDS] if not own else shared
    return " ".join(shared) if len(shared) <= 8 else ""


_QUALIFIER_WORDS = frozenset(
    "about around some nearly almost more than over up to at least roughly approximately "
    "an estimated".split()
)


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause a number sits in. A relative clause right after a short noun phrase
    belongs to it: '90% of members who voted backed strikes'."""
    left = 0
    for match in _BOUNDARY.finditer(text, 0, end):  # to `end`: "and cut 480" looks ahead
        if match.end() > start:
            break
        left = match.end()
    right_match = _BOUNDARY.search(text, end)
    while (
        right_match
        and right_match.group().strip().lower() in _RELATIVE
        and sum(w.lower() not in STOPWORDS for w in text[end : right_match.start()].split()) < 2
    ):
        right_match = _BOUNDARY.search(text, right_match.end())
    right = right_match.start() if right_match else len(text)
    return left, right
