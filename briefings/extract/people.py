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
    r"(?:(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
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


@dataclass(frozen=True)
class PeopleScan:
    """Person mentions of one article: (sentence index, mention), outside quotes."""

    mentions: tuple[tuple[int, Mention], ...]


def scan_people(doc: Document) -> PeopleScan:
    """Names (with their roles) in an article's own voice, for aliases and pronouns."""
    found: list[tuple[int, Mention]] = []
    for sentence in doc.sentences:
        text = _unquoted(sentence.text)
        for match in _NAME_RUN.finditer(text):
            if match.group().lower() in _NEVER_A_SPEAKER:
                continue
            mention = _backward_np(text[max(0, match.start() - 60) : match.end()])
            if mention is None or mention.kind not in ("person", "institution"):
                continue
            if mention.kind == "person" and not mention.role:
                after = _APPOSITIVE.match(text[match.end() :]) or _ROLE_BEFORE.search(
                    text[: match.start()]
                )
                if after and (role := role_phrase(after.group(1))):
                    mention = Mention(mention.text, "person", mention.name, role, mention.honorific)
                elif after and after.group(1).split()[-1].lower() in lexicon.INSTITUTION_WORDS:
                    # 'Hallam Robotics, the warehouse automation group, …': an organisation.
                    mention = Mention(mention.text, "institution", mention.name, after.group(1))
            found.append((sentence.index, mention))
    return PeopleScan(tuple(found))


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”?|\"[^\"]*\"?", lambda m: " " * len(m.group()), text)
