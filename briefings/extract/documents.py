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
    r"\b(?:(?:sent|put|sending|putting)(?:\s+out)?|wrote|writing|released|releasing|issued"
    r"|issuing|published|publishing|posted|posting|filed|filing|circulated|signed|emailed"
    r"|ran|running|launched|launching|aired|airing|sends|writes|releases|issues|publishes"
    r"|posts|files|runs|launches|airs)\s+"
    r"(?:a|an|the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>" + _NOUNS + r")s?\b",
)
"""'Boreing sent an email to members', 'the campaign is releasing a new online ad'."""
_FROM = re.compile(
    r"\b(?P<noun>" + _NOUNS + r")s?\s+(?:(?:was|were|has been|had been)\s+)?"
    r"(?:(?:sent|put|released|issued|published|filed|written|signed|circulated)(?:\s+out)?"
    r"(?:\s+(?:in|on|last|this)\s+[\w.]+(?:\s+\d{1,2})?)?\s+)?(?:from|by)\s+",
)
"""'an email from Jeremy Boreing', 'an email was sent from the club's director, Jeremy
Boreing', 'a lawsuit filed by Bradley Podliska', 'a report released in September by …'."""
_NAMED = re.compile(r"(?P<name>(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.'’&-]*)*)")
_DESCRIBED = re.compile(r"(?:[\w'’-]+,?\s+){1,6}?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+)")
"""'a former aide named Peter Quill', 'the club's director, Jane Marlow'."""
_OWNED = re.compile(
    r"(?P<owner>\S+['’]s?)\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + _NOUNS + r")s?\b"
    r"|\b(?i:the|a|an)\s+(?P<named>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"
    r"(?P<between>(?:[a-z][\w-]*\s+){0,2}?)(?P<noun2>" + _NOUNS + r")s?\b"
)
"""'Boreing's email', 'the committee's draft report', 'the Rove ad', 'a Clinton campaign
email'."""

_AUXILIARY = re.compile(r"(?:\s+(?:is|are|was|were|has|have|had|will|would|been|also))+\s*$")

Authors = dict[str, list[tuple[int, Mention]]]
"""Per document noun, its authors in reading order: (sentence index, author)."""


def authors(doc: Document) -> Authors:
    """Who the article says sent, wrote or issued each kind of document, sentence by
    sentence: only a person or an organisation it names."""
    found: Authors = {}
    for sentence in doc.sentences:
        text, lower = sentence.text, sentence.text.lower()
        if not any(noun in lower for noun in lexicon.DOCUMENT_NOUNS):
            continue
        for noun, author in _read(text):
            if author is not None and author.kind in ("person", "institution"):
                found.setdefault(noun, []).append((sentence.index, author))
    return found


def _read(text: str) -> list[tuple[str, Mention | None]]:
    """Each document the sentence says someone sent, wrote or owns, with whom."""
    out: list[tuple[str, Mention | None]] = []
    for match in _SENT.finditer(text):
        subject = _AUXILIARY.sub("", text[: match.start()])  # 'the campaign is releasing'
        out.append((match["noun"].lower(), backward_np(subject)))
    for match in _FROM.finditer(text):
        # 'from the Riverside Residents Association', 'by a former aide named Peter Quill'
        name = _NAMED.match(text, match.end()) or _DESCRIBED.match(text, match.end())
        who = parse_mention(name["name"]) if name else None
        out.append((match["noun"].lower(), who))
    for match in _OWNED.finditer(text):
        if match["named"]:  # 'a Clinton campaign email' is the campaign's, not Clinton's
            org = [w for w in match["between"].split() if w in lexicon.INSTITUTION_WORDS]
            named = " ".join([match["named"], *org[:1]])
            out.append((match["noun2"].lower(), parse_mention(named)))
            continue
        owner = re.sub(r"['’]s?$", "", match["owner"])
        out.append((match["noun"].lower(), parse_mention(owner) if owner[:1].isupper() else None))
    return out


def author(found: Authors, noun: str, at: int) -> Mention | None:
    """The author of the last such document the article mentioned up to sentence `at`."""
    named = found.get(noun, [])
    i = bisect_right(named, at, key=lambda item: item[0]) - 1
    return named[i][1] if i >= 0 else None
