"""Who an article names in its own voice: person and organisation mentions, with roles.

Read once per article (stored with its analysis); the speaker registry learns full names,
roles and organisations from these, and pronouns and surnames are resolved against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..model import Document, Sentence
from ..text import TEXT_CACHE
from .mentions import Mention, parse_mention, role_phrase
from .quotes import _TRAILING_SKIP, _backward_np

_NAME_RUN = re.compile(
    r"(?:(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w’'-]+))*"
)
_NEVER_A_SPEAKER = (
    (lexicon.NON_NAME_CAPITALS - set(lexicon.HONORIFICS) - _TRAILING_SKIP - {"one", "another"})
    | set(lexicon.PRONOUNS)
    | {"the", "a", "an"}
)
"""A capitalised word that, alone, `_backward_np` never reads as a person or institution
('The', 'But', 'He'): skipped without parsing, about a fifth of all capitalised runs."""
_APPOSITIVE = re.compile(r"^,(?!\s*(?:and|or|but)\b)\s*((?:the\s+)?[^,.;“”\"]{3,80}),")
_ROLE_BEFORE = re.compile(
    r"(?:^|[,;]\s*)(?:(?:and|or|but)\s+)?((?:the\s+|a\s+)?[^,.;“”\"]{3,60}),\s*$", re.I
)
"""'The prime minister, David Archer, and the Dutch prime minister, Jane Roe': each role
is the one right before its name, never the next person's after 'and'."""


_ACRONYM = re.compile(
    r"((?:[A-Z][\w&'’-]*)(?:\s+(?:of|for|and|on|in|the|&|[A-Z][\w&'’-]*)){1,8})"
    r"\s+\(([A-Z][A-Za-z&]{1,7})\)"
)
"""'the National Education Union (NEU)': a name with its acronym in brackets."""


@dataclass(frozen=True)
class PeopleScan:
    """Person mentions of one article: (sentence index, mention), outside quotes."""

    mentions: tuple[tuple[int, Mention], ...]
    acronyms: tuple[tuple[str, str], ...] = ()
    """(acronym, full name) pairs the article defines."""
    genders: tuple[tuple[int, str], ...] = ()
    """(index in `mentions`, 'm' or 'f'): the pronoun the article itself uses for a person
    it names in full, later in the same sentence ('Ann Harris said she …'); the next
    sentence's 'He …' is left out, as a sentence moved between stories would mislead."""


def scan_people(doc: Document) -> PeopleScan:
    """Names (with their roles) in an article's own voice, for aliases and pronouns."""
    found: list[tuple[int, Mention]] = []
    acronyms: dict[str, str] = {}
    genders: dict[int, str] = {}
    for sentence, text in _own_voice(doc):
        mentions, defined, gender = _sentence_people(text)
        for acronym, name in defined:
            acronyms.setdefault(acronym, name)
        if gender is not None:
            genders[len(found) + gender[0]] = gender[1]
        found.extend((sentence.index, mention) for mention in mentions)
    return PeopleScan(tuple(found), tuple(acronyms.items()), tuple(sorted(genders.items())))


_SentencePeople = tuple[tuple[Mention, ...], tuple[tuple[str, str], ...], tuple[int, str] | None]


@lru_cache(maxsize=TEXT_CACHE)
def _sentence_people(text: str) -> _SentencePeople:
    """One sentence's mentions, the acronyms it defines, and the gender of its first person
    named in full (index among its mentions): a pure function of the sentence, cached since
    a story's outlets repeat each other's sentences."""
    if _title_case(text):
        return (), (), None  # a headline or a list of names, not the article's sentences
    found: list[Mention] = []
    acronyms: list[tuple[str, str]] = []
    people: list[tuple[int, int]] = []
    for match in _ACRONYM.finditer(text) if "(" in text else ():
        if name := _expands(match.group(1), match.group(2)):
            acronyms.append((match.group(2), name))
    for match in _NAME_RUN.finditer(text):
        if match.group().lower() in _NEVER_A_SPEAKER:
            continue
        mention = _backward_np(text[max(0, match.start() - 60) : match.end()], anywhere=True)
        if (owned := _OWNED.match(text, match.end())) and (
            org := parse_mention(text[match.start() : owned.end()])
        ):
            found.append(org)  # 'Clinton's campaign': what 'the campaign said' refers back to
        if mention is None or mention.kind not in ("person", "institution"):
            continue
        if mention.kind == "person" and _attributive(mention):
            continue
        if mention.kind == "person" and not mention.role:
            after = _APPOSITIVE.match(text[match.end() :]) or _ROLE_BEFORE.search(
                text[: match.start()]
            )
            if after and (role := role_phrase(after.group(1))):
                mention = Mention(mention.text, "person", mention.name, role, mention.honorific)
            elif (
                after
                and after.group(1).split()[-1].lower() in lexicon.INSTITUTION_WORDS
                and after.group(1).split()[0].lower() != "who"  # 'X, who leads the group,'
            ):
                # 'Hallam Robotics, the warehouse automation group, …': an organisation.
                mention = Mention(mention.text, "institution", mention.name, after.group(1))
        if mention.kind == "person":
            people.append((match.end(), len(found)))
        found.append(mention)
    gender = None
    if people and len(found[people[0][1]].name.split()) >= 2:
        end = people[1][0] if len(people) > 1 else len(text)
        if pronoun := _PRONOUN.search(text, people[0][0], end):
            gender = (people[0][1], _GENDER[pronoun.group(1).lower()])
    return tuple(found), tuple(acronyms), gender


_PRONOUN = re.compile(r"\b(he|his|himself|she|hers|herself)\b", re.I)
"""Pronouns that refer back to a sentence's subject ('him', 'her' are often another's)."""
_GENDER = {
    **dict.fromkeys(("he", "his", "him", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}


_OWNED = re.compile(
    r"\s+(?:(?:editorial|election|presidential|re-election|press)\s+)?"
    r"(?:campaign|board|office|team|administration)\b"
)
"""A person's organisation named after them ('Clinton's campaign', 'the Post's editorial
board')."""


_DETERMINER_START = re.compile(r"(?:the|a|an)\s", re.I)


def _attributive(mention: Mention) -> bool:
    """'a Trump aide', 'the Lee campaign': the name describes something else."""
    return not mention.role and bool(_DETERMINER_START.match(mention.text))


def _title_case(text: str) -> bool:
    """A line in Title Case ('Refugees Fleeing President Trump Welcomed'): no sentence."""
    if _LOWER_WORD.search(text):
        return False  # (most sentences: decided without splitting)
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 6 and capitals == len(words)


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}")
_SMALL_WORDS = lexicon.MINOR_WORDS


def _expands(name: str, acronym: str) -> str:
    """The name an acronym stands for, from its initials ('National Education Union',
    'NEU'); '' when the initials do not spell it."""
    words = re.sub(r"^(?:The|A|An)\s+", "", name).split()
    for start in range(len(words)):
        tail = words[start:]
        initials = "".join(w[0] for w in tail if w[:1].isupper() or w == "&")
        if tail[0][:1].isupper() and initials.upper() == acronym.upper().replace("&", ""):
            return " ".join(tail)
        spelled = "".join(w[0] for w in tail)
        if tail[0][:1].isupper() and spelled.upper() == acronym.upper():
            return " ".join(tail)
    return ""


def _own_voice(doc: Document) -> list[tuple[Sentence, str]]:
    """Each sentence with quoted words blanked, quotes read over the whole paragraph (a
    quote running over sentences: '“… of their own making. She must resign.”')."""
    out: list[tuple[Sentence, str]] = []
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for index, sentences in by_paragraph.items():
        paragraph = doc.paragraphs[index] if index < len(doc.paragraphs) else ""
        blank, at = _unquoted(paragraph), 0
        for sentence in sentences:
            start = paragraph.find(sentence.text, at)
            if start < 0:
                out.append((sentence, _unquoted(sentence.text)))
                continue
            at = start + len(sentence.text)
            out.append((sentence, blank[start:at]))
    return out


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”?|\"[^\"]*\"?", lambda m: " " * len(m.group()), text)
