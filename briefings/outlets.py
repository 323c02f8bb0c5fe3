"""Who published an article and what kind it is, from metadata or in-text cues.

Cues, strongest first: metadata; a byline ("By Jane Smith, BBC News", "By MARIA LOPEZ
Associated Press", "By Name | Paper | date", "Guardian staff and agencies", or a name glued
to the outlet or to a job title as scraped pages print it); a dateline "(Reuters) -";
"Source: …"; an agency credit at the end; an outlet's own newsletter prompt; a paper's
masthead. A press release is published by the organisation that issues it; an opinion
piece names its writer on a line of its own, before a colon, or in a closing tagline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from . import lexicon
from .extract.quotes import Statement, _backward_np
from .extract.speakers import Mention
from .model import Kind, Source
from .text import any_of, normalize, one_of, word_count

if TYPE_CHECKING:
    from .raw import RawArticle

_ALIASES = sorted(lexicon.OUTLET_ALIASES.items(), key=lambda pair: -len(pair[0]))
_ALIAS_RE = "|".join(re.escape(a) for a, _ in _ALIASES)
_DATELINE = re.compile(rf"^[A-Z][A-Za-z0-9 ,.'/-]{{0,40}}\((?P<o>{_ALIAS_RE})\)\s*[-—–]", re.I)
"""'LONDON (Reuters) -', 'LONDON, March 11 (Reuters) -': a wire dateline, date or not."""
_SOURCE_LINE = re.compile(r"^source:\s*(?P<o>.{2,60}?)\.?$", re.I)
_CREDIT = re.compile(rf"(?:^[-—–]\s*|^\(?c\)\s*|^copyright\s+)(?P<o>{_ALIAS_RE})\b", re.I)
"""An agency credit; 'Additional reporting by Reuters' is help, not the publisher."""
_SIGNOFF = re.compile(r"^\(?(?i:reporting by) (?P<a>[A-Z][^;()]{2,80}?)\s*(?:[;)]|$)")
"""A wire sign-off '(Reporting by X; Editing by Y)': the reporter is the author."""
_NAME = re.compile(r"[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,4}")
_ENDS_WITH_OUTLET = re.compile(rf"^(?P<a>.+?)(?:\s+|(?<=[a-z])(?=[A-Z]))(?P<o>(?i:{_ALIAS_RE}))$")
_STAFF = re.compile(
    rf"^(?P<o>(?i:{_ALIAS_RE})\s+)?staff(?:\s+and\s+agencies|\s+reporters?|\s+writers?)?$",
    re.I,
)
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
"""Where a scraped byline glued two fields ('Alan CroweHealth correspondent')."""
_TAGLINE = re.compile(
    r"^(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}) is (?:a|an|the)\s+(?P<o>.*?)\s*"
    r"(?:columnist|commentator|writer|contributor|contributing editor)\b"
)
_NAME_COLON = re.compile(r"^(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}):\s+\S")


def canonical_outlet(name: str) -> str | None:
    key = normalize(name).lower().strip(" .")
    return next((canon for alias, canon in _ALIASES if alias == key), None)


def others_words(statements: list[Statement], outlet: str | None) -> tuple[Statement, ...]:
    """The statements but the outlet's own: 'USA TODAY reported last month that …' in USA
    Today is its narration, no one's reaction."""
    own = (canonical_outlet(outlet) or outlet).lower() if outlet else None
    return tuple(s for s in statements if own is None or _name_of(s.mention) != own)


def _name_of(mention: Mention) -> str:
    """An organisation's outlet name, lower case ('' for anyone else)."""
    if mention.kind != "institution":
        return ""
    return (canonical_outlet(mention.name) or mention.name).lower()


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, outlet) if the line is a byline, else None.

    >>> parse_byline("Ben HattonBBC News")
    ('Ben Hatton', 'BBC News')
    >>> parse_byline("By Rachel Dunn | Halifax Courier | 14 May 2024")
    ('Rachel Dunn', 'Halifax Courier')
    """
    text = normalize(line)
    if word_count(text) > 12 or re.search(r"[.!?]$", text):
        return None
    if match := _STAFF.match(text):
        return None, canonical_outlet(match.group("o") or "")
    has_by = text[:3].lower() == "by "
    fields = [
        f.strip() for f in re.split(r"\s*(?:[,|]|\s[-–—]\s)\s*", text[3:] if has_by else text)
    ]
    first, rest = fields[0], fields[1:]
    outlet = None
    if match := _ENDS_WITH_OUTLET.match(first):
        first, outlet = match.group("a"), canonical_outlet(match.group("o"))
    elif not has_by and rest and (canonical_outlet(rest[0]) or len(rest) > 1):
        first = _GLUE.split(first, maxsplit=1)[0]  # 'Alan CroweHealth correspondent'
    if not _NAME.fullmatch(first) or (not has_by and (outlet is None and not rest)):
        return None
    for field in rest:
        if outlet:
            break
        outlet = canonical_outlet(field) or (field if "|" in text and _paper_name(field) else None)
    if not has_by and outlet is None:
        return None
    return (first.title() if first.isupper() else first), outlet


def _paper_name(text: str) -> bool:
    """A newspaper's name as a masthead prints it: 'Halifax Courier', 'The Northern Echo'."""
    words = text.split()
    return (
        1 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() in lexicon.NEWSPAPER_WORDS
    )


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
    if kind == "press release":
        outlet = outlet or _issuer(paragraphs[:5])
    if kind == "opinion":
        writer, paper = _writer(paragraphs)
        author, outlet = author or writer, outlet or paper
    author = author or _signoff(paragraphs[-3:], dropped)
    outlet = outlet or next((normalize(p) for p in head[:4] if _paper_name(normalize(p))), None)
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


def _signoff(tail: tuple[str, ...], dropped: tuple[str, ...]) -> str | None:
    for line in (*dropped, *tail):
        if (match := _SIGNOFF.match(normalize(line))) and not canonical_outlet(match.group("a")):
            return match.group("a")
    return None


_ISSUER_VERB = re.compile(
    r"\b(?:announced|announces|confirmed|confirms|said|says|unveiled|unveils|launched|"
    r"launches|welcomed|welcomes)\b"
)


def _issuer(paragraphs: tuple[str, ...]) -> str | None:
    """A press release's publisher: the organisation that announces something at its top."""
    for paragraph in paragraphs:
        text = normalize(paragraph)
        for match in _ISSUER_VERB.finditer(text):
            mention = _backward_np(text[max(0, match.start() - 120) : match.start()])
            if mention is not None and mention.kind == "institution":
                return re.sub(lexicon.LEGAL_SUFFIXES, "", mention.name)
    return None


def _writer(paragraphs: tuple[str, ...]) -> tuple[str | None, str | None]:
    """An opinion piece's writer (and paper): a closing 'X is a Guardian columnist', a
    'Name: headline' column title, or the writer's name on a line of its own at the top."""
    for line in paragraphs[-2:]:
        if match := _TAGLINE.match(normalize(line)):
            paper = canonical_outlet(match.group("o").split(" at ")[0])
            return match.group("a"), paper
    for line in paragraphs[:4]:
        text = normalize(line)
        if match := _NAME_COLON.match(text):
            return match.group("a"), None
        words = text.split()
        if (
            2 <= len(words) <= 3
            and _NAME.fullmatch(text)
            and not canonical_outlet(text)
            and not _paper_name(text)
            and not any(w.lower() in lexicon.NON_NAME_CAPITALS for w in words)
        ):
            return text, None
    return None, None


def _any_line(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a cue list, matched line by line over the joined text."""
    return any_of(patterns, re.I | re.M)


_KIND_CUES = (
    ("press release", _any_line(lexicon.PRESS_RELEASE_CUES)),
    ("aggregator", _any_line(lexicon.AGGREGATOR_CUES)),
    ("opinion", _any_line(lexicon.OPINION_CUES)),
)


def infer_kind(paragraphs: tuple[str, ...], dropped: tuple[str, ...]) -> str:
    text = "\n".join(normalize(x) for x in (*paragraphs, *dropped))
    for kind, cues in _KIND_CUES:
        if cues.search(text):
            return kind
    return "opinion" if _first_person(paragraphs) else "news"


def _first_person(paragraphs: tuple[str, ...]) -> bool:
    """Written as 'I' outside quotes, in more than one paragraph: a column, not a report."""
    hits = 0
    for paragraph in paragraphs:
        plain = _QUOTED.sub(" ", normalize(paragraph)).replace("’", "'")
        if _FIRST_PERSON.search(plain.lower()):
            hits += 1
    return hits >= 2


_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]?")
_FIRST_PERSON = re.compile(rf"(?<!\S){one_of(lexicon.FIRST_PERSON)}(?!\S)")
"""A first-person word standing between spaces."""
