"""Question wording: an embedded clause put as a direct question in the source's own words.

A rewrite moves words, never invents them, and only when the clause's shape is plain
(subject, then auxiliary); otherwise the question asks about the clause as it stands.
'That plan' keeps what it refers to; a word capitalised only because it opened a
sentence loses its capital.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..model import Document

_DEMONSTRATIVE = re.compile(r"\b(?P<d>that|this|these|those) (?P<noun>[a-z][a-z-]{2,})\b")
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|by|from|last|next|this)\s+(?:[A-Z][a-z]+day|[A-Z][a-z]+ \d|\d|week|month|year)"
    r"|\s+(?:yesterday|today|tomorrow)\b"
)


def referent(question: str, previous: str) -> str:
    """'When would that plan take effect?' after 'set out a plan to close 12 courts': the
    plan it means, in the previous sentence's own words."""
    match = _DEMONSTRATIVE.search(question)
    if not match or not previous:
        return question
    before = question[: match.start()].split()
    if (
        before
        and before[-1].lower() not in lexicon.AUXILIARIES | lexicon.PREPOSITIONS | lexicon.WH_WORDS
    ):
        return question  # 'Is it the case that ministers …': a conjunction, not a pointer
    noun = match.group("noun")
    found = re.search(
        rf"\b(?:a|an|the|its|their|his|her)\s+((?:[a-z][\w'-]*\s+){{0,2}}?){re.escape(noun)}\b"
        r"((?:\s+(?:to|for|of|on)\s+[^,.;:!?]+)?)",
        previous,
    )
    if not found:
        return question
    tail = _TIME_TAIL.split(found.group(2))[0]
    if len(tail.split()) > 8:
        tail = ""
    phrase = f"the {found.group(1)}{noun}{tail}"
    return question[: match.start()] + phrase + question[match.end() :]


class Vocabulary:
    """Which capitalised words an article writes as names: a word it capitalises only at
    the start of a sentence ('Migration will feature …') is a common noun, and loses its
    capital inside a question. Each word is looked up in the article's text when asked."""

    def __init__(self, doc: Document) -> None:
        self.text = "\n".join(s.text for s in doc.sentences)
        self.starts = {s.text.split(" ", 1)[0] for s in doc.sentences}

    def common_nouns(self, question: str) -> str:
        words = question.split(" ")
        for i, word in enumerate(words[1:], start=1):
            if word[:1].isupper() and not word.isupper() and self._common(word):
                words[i] = word[:1].lower() + word[1:]
        return " ".join(words)

    def _common(self, word: str) -> bool:
        bare = word.strip("?,.;:'\"“”‘’")
        if bare.lower() in lexicon.HONORIFICS or not bare.isalpha():
            return False
        if not any(s.startswith(bare) for s in self.starts):
            return False  # capitalised where the article wrote it inside a sentence
        inside = re.search(rf"[^\n] {re.escape(bare)}\b", self.text)
        if inside:
            return False
        lower = bare[:1].lower() + bare[1:]
        return bare.lower().endswith(_NOUN_ENDINGS) or bool(re.search(rf"\b{lower}\b", self.text))


_NOUN_ENDINGS = ("tion", "tions", "ment", "ments", "ness", "ity", "ance", "ence", "ism", "ship")


def to_question(clause: str) -> str:
    """An embedded wh-clause as a direct question, or, where the words cannot be put in
    question order with confidence, a question about the clause as it stands.

    >>> to_question("where the flood victims could be rehoused")
    'Where could the flood victims be rehoused?'
    >>> to_question("which countries were involved in the talks")
    'Which countries were involved in the talks?'
    >>> to_question("how much the new stand would cost")
    'How much would the new stand cost?'
    >>> to_question("when the bridge reopens")
    'What is known about when the bridge reopens?'
    """
    words = clause.rstrip(" ?.").split()
    direct = _direct(words) if len(words) >= 2 else None
    return _capital(direct) if direct else about(clause)


def _direct(words: list[str]) -> str | None:
    """Question order for one embedded clause, or None where that would be a guess."""
    wh = words[0].lower()
    if wh in ("whether", "if"):
        body = words[3:] if [w.lower() for w in words[1:3]] == ["or", "not"] else words[1:]
        return is_it_so(body, yes_no=True)
    head = 2 if wh == "how" and words[1].lower() in lexicon.HOW_DEGREE else 1
    aux = _aux_at(words, head)
    if wh in ("where", "when", "why", "how") and words[head - 1].lower() not in ("much", "many"):
        return _invert(words, head, aux)  # 'how patients without cars will reach …'
    if wh in ("what", "who") and words[1].endswith("ed") and (aux is None or aux > 1):
        return None if aux is not None and _aux_at(words, 2, finite=True) else _q(words)
    start = next(
        (
            i
            for i in range(head, len(words))
            if (words[i].lower() in lexicon.SUBJECT_STARTS or words[i][:1].isupper())
            and words[i - 1].lower() not in lexicon.PREPOSITIONS
        ),
        None,
    )
    if start is not None and (aux is None or start < aux):
        return _invert(words, start, aux)  # 'which hospital the patients would be moved to'
    if aux is None:  # 'which reservoirs the ban covers': no auxiliary to move
        return None
    span = [w.lower() for w in words[head:aux]]
    # the wh-phrase is the subject: 'which contractor will', 'how many homes in the area
    # were'; 'how much money councils will' has a subject of its own, so is unsure
    if len(span) <= (0 if wh in ("what", "who") else 1) or lexicon.PREPOSITIONS.intersection(
        span[:3]
    ):
        return _q(words)
    return None


def is_it_so(body: list[str], yes_no: bool = False) -> str | None:
    """A finite clause as a yes/no question: with `yes_no`, 'the offer will be put to a
    ballot' → 'Will the offer be put to a ballot?'; otherwise, or with no auxiliary to
    move, 'Is it the case that …?' if the clause has a finite verb. None for what is not a
    clause ('to fund the links', 'a strike', 'raising taxes')."""
    if not body or body[0].lower() in ("to", *lexicon.PREPOSITIONS) or body[0].endswith("ing"):
        return None
    aux = _aux_at(body, 1)
    if yes_no and aux is not None:
        return _invert(body, 0, aux)
    finite = aux is not None or any(w.endswith("ed") for w in body[1:])
    if not finite or any(w.endswith(",") for w in body):
        return None
    return "Is it the case that " + " ".join(body).rstrip(" ?.") + "?"


def _invert(words: list[str], start: int, aux: int | None) -> str | None:
    """words[start:aux] is the subject; the auxiliary moves before it. None unless the
    subject is plain and the auxiliary truly one ('has the money' is a main verb)."""
    if aux is None or aux <= start:
        return None
    subject, verb, rest = words[start:aux], words[aux], words[aux + 1 :]
    if len(subject) > 10 or any(w.endswith((",", ";")) for w in subject):
        return None
    if any(w.lower() in ("who", "which", "whom", "whose", "that") for w in subject[1:]):
        return None  # a relative clause hides which auxiliary is the subject's
    if verb.lower() in ("do", "does", "did"):
        return None
    if verb.lower() in ("has", "have", "had"):
        after = rest[0].lower() if rest else ""
        if not (after in lexicon.PARTICIPLES or after.endswith(("ed", "en", "not"))):
            return None
    if _aux_at(rest, 0, finite=True) is not None:
        return None  # 'when the ward would reopen and patients will return'
    subject = [lower_first(" ".join(subject))]
    return _capital(" ".join([*words[:start], verb, *subject, *rest]).rstrip(" ?.") + "?")


def _aux_at(words: list[str], start: int, finite: bool = False) -> int | None:
    auxes = lexicon.AUXILIARIES - {"has", "have", "had"} if finite else lexicon.AUXILIARIES
    return next((i for i in range(start, len(words)) if words[i].lower() in auxes), None)


def about(clause: str) -> str:
    """The safe form: any clause the source wrote reads as the object of 'about' ('if'
    asking a question is 'whether' there)."""
    clause = re.sub(r"^if\b", "whether", clause.strip(" ?."), flags=re.I)
    return f"What is known about {lower_first(clause)}?"


def _q(words: list[str]) -> str:
    return " ".join(words).rstrip(" ?.") + "?"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(phrase: str) -> bool:
    """Whether a noun phrase's head ('representatives for the singer') is a plural common
    noun; names ('Thames Water', 'The Times') count as one."""
    noun = head_noun(phrase)
    return (
        noun.islower()
        and noun.endswith("s")
        and not noun.endswith(("ss", "us", "is", "ics", "news", "'s"))
    )


def head_noun(phrase: str) -> str:
    """The noun a phrase is about: the word before its first preposition, or its last."""
    words = phrase.split()
    at = next((i for i, w in enumerate(words) if w.lower() in lexicon.PREPOSITIONS), None)
    return words[at - 1] if at else words[-1] if words else ""


COMMON_HEADS = lexicon.PERSON_GROUPS | lexicon.PEOPLE_NOUNS | lexicon.ROLE_WORDS


def lower_first(text: str) -> str:
    """A subject moved inside a question loses its sentence capital: 'The council',
    'Ministers', 'It'; names keep theirs ('President Ruto', 'Democrats')."""
    words = text.split()
    first = words[0] if words else ""
    lowered = first.lower()
    common = lowered in COMMON_HEADS or lowered.removesuffix("s") in COMMON_HEADS
    if lowered in lexicon.SUBJECT_STARTS - {"i"} or (
        common and (len(words) == 1 or not words[1][:1].isupper())
    ):
        return text[:1].lower() + text[1:]
    return text
