"""Who published an article and what kind it is, from metadata or in-text cues.

Cues, strongest first: metadata; a byline ("By Jane Smith, BBC News", or a name glued to
the outlet as scraped pages print it); a dateline "(Reuters) -"; "Source: …"; an agency
credit at the end; an outlet's own newsletter prompt.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from . import lexicon
from .model import Kind, Source
from .text import normalize, word_count

if TYPE_CHECKING:
    from .ingest import RawArticle

_ALIASES = sorted(
    ((alias, name) for name, aliases in lexicon.OUTLETS.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_ALIAS_RE = "|".join(re.escape(a) for a, _ in _ALIASES)
_DATELINE = re.compile(rf"^[A-Z][A-Za-z ,.'-]{{0,40}}\((?P<o>{_ALIAS_RE})\)\s*[-—–]", re.I)
_SOURCE_LINE = re.compile(r"^source:\s*(?P<o>.{2,60}?)\.?$", re.I)
_CREDIT = re.compile(
    rf"(?:additional reporting by|reporting by|^[-—–]\s*|^\(?c\)\s*|^copyright\s+)"
    rf"(?P<o>{_ALIAS_RE})\b",
    re.I,
)
_BY = re.compile(
    r"^(?i:by)\s+(?P<a>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}?)"
    rf"(?:\s*(?:,|and|\||-|–|—)?\s*(?P<o>(?i:{_ALIAS_RE})))?$"
)
_GLUED = re.compile(
    rf"^(?P<a>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){{0,3}}?)\s*,?\s*"
    rf"(?P<o>(?i:{_ALIAS_RE}))$"
)


def canonical_outlet(name: str) -> str | None:
    key = normalize(name).lower().strip(" .")
    return next((canon for alias, canon in _ALIASES if alias == key), None)


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, outlet) if the line is a byline, else None.

    >>> parse_byline("Ben HattonBBC News")
    ('Ben Hatton', 'BBC News')
    """
    text = normalize(line)
    if word_count(text) > 9 or re.search(r"[.!?]$", text):
        return None
    if match := _BY.match(text):
        outlet = match.group("o")
        return match.group("a"), canonical_outlet(outlet) if outlet else None
    if match := _GLUED.match(text):
        author = match.group("a").strip()
        return (author or None), canonical_outlet(match.group("o"))
    return None


def describe_source(
    raw: RawArticle, paragraphs: tuple[str, ...], dropped: tuple[str, ...], source_id: str
) -> Source:
    """The Source record: metadata first, then cues read from the text."""
    meta = raw.meta
    author, outlet = meta.get("author"), meta.get("outlet")
    head = [*dropped[:6], *paragraphs[:3]]
    for line in head:
        if found := parse_byline(line):
            author = author or found[0]
            outlet = outlet or found[1]
    outlet = outlet or _outlet_from_cues(paragraphs, dropped)
    kind = meta.get("kind") or infer_kind(paragraphs, dropped)
    if kind not in ("news", "opinion", "aggregator", "press release"):
        kind = "news"
    return Source(
        id=source_id,
        title=raw.title or (paragraphs[0][:120] if paragraphs else ""),
        path=raw.path,
        url=raw.url,
        outlet=outlet,
        author=author,
        published=meta.get("published"),
        kind=cast(Kind, kind),
        words=sum(word_count(p) for p in paragraphs),
    )


def _outlet_from_cues(paragraphs: tuple[str, ...], dropped: tuple[str, ...]) -> str | None:
    if paragraphs and (match := _DATELINE.match(normalize(paragraphs[0]))):
        return canonical_outlet(match.group("o"))
    for line in (*dropped, *paragraphs[-3:]):
        text = normalize(line)
        if match := _SOURCE_LINE.match(text):
            name = match.group("o").strip()
            return canonical_outlet(name) or name
        if match := _CREDIT.search(text):
            return canonical_outlet(match.group("o"))
    for pattern, name in lexicon.OUTLET_PAGE_CUES.items():
        if any(re.search(pattern, normalize(line), re.I) for line in dropped):
            return name
    return None


def infer_kind(paragraphs: tuple[str, ...], dropped: tuple[str, ...]) -> str:
    lines = [normalize(x) for x in (*paragraphs, *dropped)]

    def seen(patterns: tuple[str, ...]) -> bool:
        return any(re.search(p, line, re.I) for p in patterns for line in lines)

    if seen(lexicon.PRESS_RELEASE_CUES):
        return "press release"
    if seen(lexicon.AGGREGATOR_CUES):
        return "aggregator"
    if seen(lexicon.OPINION_CUES):
        return "opinion"
    return "news"
