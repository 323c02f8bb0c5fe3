"""Who an article names in its own voice: person and organisation mentions, with roles.

Read once per article (stored with its analysis); the speaker registry learns full names,
roles and organisations from these, and pronouns and surnames are resolved against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Document
from .quotes import _TRAILING_SKIP, _backward_np
from .speakers import Mention, role_phrase

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


def scan_people(doc: Document) -> PeopleScan:
    """Names (with their roles) in an article's own voice, for aliases and pronouns."""
    found: list[tuple[int, Mention]] = []
    acronyms: dict[str, str] = {}
    for sentence in doc.sentences:
        text = _unquoted(sentence.text)
        if _title_case(text):
            continue  # a headline or a list of names, not the article's sentences
        for match in _ACRONYM.finditer(text):
            if name := _expands(match.group(1), match.group(2)):
                acronyms.setdefault(match.group(2), name)
        for match in _NAME_RUN.finditer(text):
            if match.group().lower() in _NEVER_A_SPEAKER:
                continue
            mention = _backward_np(text[max(0, match.start() - 60) : match.end()])
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
            found.append((sentence.index, mention))
    return PeopleScan(tuple(found), tuple(acronyms.items()))


def _attributive(mention: Mention) -> bool:
    """'a Trump aide', 'the Lee campaign': the name describes something else."""
    return not mention.role and bool(re.match(r"(?:the|a|an)\s", mention.text, re.I))


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 6 and capitals == len(words)


_SMALL_WORDS = frozenset("a an the of for and or to in on at by with from as is".split())


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


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”?|\"[^\"]*\"?", lambda m: " " * len(m.group()), text)
