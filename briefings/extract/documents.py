"""Who wrote what a quote is read from: 'The email said, “…”' speaks for whoever the
article said sent the email ('Jeremy Boreing sent an email to members', 'an email from
Jeremy Boreing', 'Boreing's email').

A document the article gives no author for speaks for nobody, so its quote is left out:
'the report' of one article is not 'the report' of another, and a reader must not be told
a document said something in a person's name the text never gave it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .. import lexicon
from ..model import Document
from .mentions import Mention, parse_mention
from .speaker_phrase import backward_np

_NOUNS = "|".join(sorted(lexicon.DOCUMENT_NOUNS, key=len, reverse=True))
_SENT = re.compile(
    r"\b(?:sent|wrote|released|issued|published|posted|filed|circulated|signed|emailed"
    r"|put out|sends|writes|releases|issues|publishes|posts|files)\s+"
    r"(?:a|an|the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>" + _NOUNS + r")s?\b",
)
"""'Boreing sent an email to members', 'the group released a two-page memo'."""
_FROM = re.compile(
    r"\b(?P<noun>" + _NOUNS + r")s?\s+(?:from|by|signed by|written by|sent by)\s+",
)
"""'an email from Jeremy Boreing', 'a letter from the Riverside Residents Association'."""
_NAMED = re.compile(r"(?:the\s+)?(?:[A-Z][\w.'’&-]*\s*)+")
_OWNED = re.compile(r"(?P<owner>\S+['’]s?)\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + _NOUNS + r")s?\b")
"""'Boreing's email', 'the committee's draft report'."""

Authors = dict[str, list[tuple[int, Mention]]]
"""Per document noun, its authors in reading order: (sentence index, author)."""


def authors(doc: Document) -> Authors:
    """Who the article says sent, wrote or issued each kind of document, sentence by
    sentence: only a person or an organisation it names."""
    found: Authors = {}
    for sentence in doc.sentences:
        text = sentence.text
        if not any(noun in text.lower() for noun in lexicon.DOCUMENT_NOUNS):
            continue
        for noun, author in _read(text):
            if author is not None and author.kind in ("person", "institution"):
                found.setdefault(noun, []).append((sentence.index, author))
    return found


def _read(text: str) -> list[tuple[str, Mention | None]]:
    out: list[tuple[str, Mention | None]] = []
    for match in _SENT.finditer(text):
        out.append((match["noun"].lower(), backward_np(text[: match.start()])))
    for match in _FROM.finditer(text):
        name = _NAMED.match(text, match.end())
        out.append((match["noun"].lower(), parse_mention(name[0]) if name else None))
    for match in _OWNED.finditer(text):
        owner = re.sub(r"['’]s?$", "", match["owner"])
        out.append((match["noun"].lower(), parse_mention(owner) if owner[:1].isupper() else None))
    return out


def author(found: Authors, noun: str, at: int) -> Mention | None:
    """The author of the last such document the article mentioned up to sentence `at`."""
    named = found.get(noun, [])
    i = bisect_right(named, at, key=lambda item: item[0]) - 1
    return named[i][1] if i >= 0 else None
