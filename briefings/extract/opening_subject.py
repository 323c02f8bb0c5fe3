"""The noun phrase a sentence opens with, past its opening words ('On Tuesday, …', 'At a
rally in Ames, Iowa, …', a dateline): who '…, saying …' and '… and said' refer back to
when no speaker stands right before the verb."""

from __future__ import annotations

import re

from .. import lexicon
from ..text import STOPWORDS, normalize
from .speaker_phrase import (
    LINKS,
    NP_TOKEN,
    OBJECT_MARKERS,
    OF_PLACE,
    POSSESSIVE,
    QUESTION_WORDS,
    backward_np,
)
from .speakers import Mention, parse_mention

_DETERMINERS = lexicon.ARTICLES

_SUBJECT_WORDS = (
    lexicon.ROLE_WORDS | lexicon.ROLE_MODIFIERS | lexicon.INSTITUTION_WORDS | _DETERMINERS | LINKS
)
"""Lower-case words a sentence's subject phrase may hold ('the home secretary of …')."""

_OPENING = re.compile(
    r"(?:(?:Then|So|But|And|Later|Still|Yet|Now|Meanwhile|Instead|Afterwards?|Finally"
    r"|Earlier|Separately|Also|Again)\b,?\s+|Here(?:['’]s| is| was)\s+"
    r"|(?i:In|On|At|During|After|Before|Speaking|Asked|When|While|Since|Following|Last|Through"
    r"|Throughout|Under|Given|Within|Across|Among"
    r"|Although|Though|Because|Despite|Amid|Unlike|Once|Here in|Here at|There in)"
    r"\s[^,“”\"]{1,80},\s+|(?:[\w-]+\s){1,3}ago,\s+"
    r"|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}(?:,\s[A-Z][\w.]*)?\s\([A-Za-z]{2,12}\)\s*[—–-]{1,2}\s+)+"
)
"""'Then he …', 'On Tuesday, Trump …', 'In a statement, the senator …', a dateline
('Washington (AFP) – …'): the words before a sentence's subject."""
_PLACE_GOES_ON = re.compile(
    r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2},\s+(?=[A-Z\d]|(?:on|in|at|last|this)\s)"
)
_AGE = re.compile(r"^(?:\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)-year-old\s+(?=[A-Z])")
_SUBJECT_PRONOUN = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey)\b(?!['’])")


def subject(text: str, pronoun: bool = False) -> Mention | None:
    """The noun phrase a sentence opens with, which '…, saying …' refers back to; with
    `pronoun`, a pronoun too ('He smiled and said …')."""
    text = normalize(text)
    if opening := _OPENING.match(text):
        text = text[opening.end() :]
        # 'At a rally in Ames, Iowa, on Sunday, Mrs. Clinton …': the place goes on past a
        # comma, and the time after it.
        if place := _PLACE_GOES_ON.match(text):
            text = text[place.end() :]
            text = text[opening.end() :] if (opening := _OPENING.match(text)) else text
    text = _AGE.sub("", text, count=1)  # '17-year-old Jared Potts'
    if re.match(r"(?:I|We|You)\b", text):
        return None  # 'I'm old enough to remember Carter …, declaring': the writer, no one quoted
    if pronoun and (word := _SUBJECT_PRONOUN.match(text)):
        return parse_mention(word.group().lower())
    tokens = NP_TOKEN.findall(text)
    end = 0
    for end, token in enumerate(tokens):  # noqa: B007 (the loop finds the end)
        if not (_subject_word(token) or _modifies_name(tokens, end)):
            break
    else:
        end = len(tokens)
    if tokens and tokens[0].lower() in QUESTION_WORDS:
        return None  # 'What do you think of Carson saying …': a question names nobody.
    if end == 1 and (
        tokens[0].lower() in STOPWORDS
        or tokens[0].lower() in lexicon.SPELLED_WORDS
        or (len(tokens) > 1 and (tokens[1].lower() in OBJECT_MARKERS or tokens[1][0].isdigit()))
    ):
        return None  # 'Back in 2015, …', 'Some …', 'Hours after …': not a name.
    phrase = " ".join(tokens[:end])
    if (of := OF_PLACE.search(phrase)) and (person := backward_np(phrase[: of.start()])):
        if person.kind == "person":
            return person  # 'Senator Bernie Sanders of Vermont endorsed …, saying'
    return backward_np(phrase) if end else None


def _subject_word(token: str) -> bool:
    return token[:1].isupper() or POSSESSIVE.sub("", token.lower().rstrip(".")) in _SUBJECT_WORDS


_NOT_IN_A_SUBJECT = lexicon.POSSESSIVES | frozenset(
    """
    shook took gave made went came got held left met ran saw sat stood spoke wrote thought
    brought began drove fell felt found heard kept knew led lost paid put rose sent set
    struck threw won wore told said
    """.split()
)
"""A past tense without '-ed', or a possessive ('shook her head'): the subject has ended."""


def _modifies_name(tokens: list[str], i: int) -> bool:
    """'Republican presidential candidate Donald Trump': a lower-case word inside the
    subject, right before a role word or a name."""
    if (
        tokens[i].endswith("ed")
        or tokens[i].lower() in _NOT_IN_A_SUBJECT
        or tokens[i].lower() in lexicon.AUXILIARIES  # 'Sanders has cast former …'
    ):
        return False  # a verb in the past tense ends the subject ('Kerpen needled the …')
    return tokens[i].isalpha() and any(
        _subject_word(t) and t.lower() not in _DETERMINERS | LINKS for t in tokens[i + 1 : i + 3]
    )
