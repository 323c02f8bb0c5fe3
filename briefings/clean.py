"""RawArticle → Document: keep every paragraph of the story, drop the page furniture.

Dropped: stray HTML, paywall and newsletter prompts, photo captions and picture credits,
"Related posts" and the teasers after it, "Read more", comment and reaction prompts,
fact-check appendices, bare link lists, bylines and repeated titles. A paragraph broken
by a junk line (a quote cut by an HTML fragment) is joined again.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from . import lexicon
from .model import Document, Sentence
from .outlets import describe_source, parse_byline
from .raw import RawArticle
from .text import TEXT_CACHE, any_of, normalize, split_sentences, strip_controls

_BOILERPLATE = any_of(lexicon.BOILERPLATE_LINES, re.I)
_TEASERS = any_of(lexicon.TEASER_MARKERS, re.I)
_APPENDIX = any_of(lexicon.APPENDIX_MARKERS, re.I)
_CAPTION = any_of(lexicon.CAPTION_CUES, re.I)
_LINK_LINE = re.compile(lexicon.LINK_LINE, re.I)
_QUOTE_HEADLINE = re.compile(lexicon.QUOTE_HEADLINE)
_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u20ac\u201a-\u203a\u0152\u0153\u0160\u0161\u017d\u017e\u0178]"
)
"""The marks of UTF-8 read as Latin-1 or Windows-1252 ('Ã©', 'â€™'): only such text goes
through ftfy, which is slower than the rest of cleaning."""
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.S)
_OPEN_TAG_LINE = re.compile(r"^\s*</?[A-Za-z][\w:-]*(?:\s[^<>]*)?$")
_BULLET = re.compile(r"^\s*(?:[-*•▪·]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*$|["”’]$""")


@dataclass(frozen=True)
class Line:
    text: str
    bullet: bool = False


def clean_article(raw: RawArticle) -> Document:
    """Turn one raw article into a clean Document with sentence ids."""
    lines = _lines(raw.text)
    kept, dropped = _drop_furniture(lines, raw.title)
    paragraphs = tuple(_join_broken(kept))
    source = describe_source(raw, paragraphs, tuple(dropped), source_id(paragraphs, raw))
    paragraphs = without_dateline(paragraphs)  # read for the outlet above, not a sentence's
    if _QUOTE_HEADLINE.match(raw.title) and raw.title.strip() not in paragraphs[:1]:
        paragraphs = (raw.title.strip(), *paragraphs)  # 'Kasich: ‘…’': his words, as printed
    sentences: list[Sentence] = []
    split: list[str] = []
    for paragraph in paragraphs:
        runs = _bounded([piece for t in split_sentences(paragraph) for piece in _pieces(t)])
        for run in runs:
            for text in run:
                sentences.append(
                    Sentence(f"{source.id}:{len(sentences)}", len(sentences), len(split), text)
                )
            split.append(paragraph if len(runs) == 1 else " ".join(run))
    return Document(source, tuple(split), tuple(sentences), tuple(dropped))


MAX_PARAGRAPH_CHARS = 5_000
"""News paragraphs run to a few hundred characters. A longer one (a file that is one
line, a page whose markup was lost) is read as paragraphs of whole sentences up to this
size: extractors look across a paragraph, and a 5 MB paragraph made them quadratic."""


MAX_SENTENCE_CHARS = 1_500
"""A news sentence is rarely a third of this. Text without sentence stops is read in
pieces of at most this size, cut between words, since extractors read a whole sentence
for each figure or quote in it."""


def _pieces(sentence: str) -> list[str]:
    """A sentence, or an overlong one cut between words into exact pieces of its text.

    >>> [len(p) for p in _pieces("word " * 400)]
    [1499, 499]
    """
    pieces = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*pieces, sentence] if sentence else pieces


def _bounded(sentences: list[str]) -> list[list[str]]:
    """A paragraph's sentences in runs of at most MAX_PARAGRAPH_CHARS (a longer sentence
    stands alone); a single run when the paragraph is short enough.

    >>> [len(run) for run in _bounded(["x" * 3000, "y" * 3000, "z" * 10])]
    [1, 2]
    >>> _bounded([])
    [[]]
    """
    runs: list[list[str]] = [[]]
    size = 0
    for sentence in sentences:
        if runs[-1] and size + len(sentence) > MAX_PARAGRAPH_CHARS:
            runs.append([])
            size = 0
        runs[-1].append(sentence)
        size += len(sentence) + 1
    return runs


def without_dateline(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The story without the wire dateline its first paragraph opens with, which would
    otherwise be read as a speaker or start the lead.

    >>> without_dateline(("SACRAMENTO, Calif. (AP) — The state will spend $40 million.",))
    ('The state will spend $40 million.',)
    >>> without_dateline(("BRUSSELS, Nov 18 (Reuters) - EU ministers met.", "More."))[0]
    'EU ministers met.'
    >>> without_dateline(("The NHS — under strain — will get £2bn.",))[0]
    'The NHS — under strain — will get £2bn.'
    """
    match = _DATELINE.match(paragraphs[0]) if paragraphs else None
    if not match or not paragraphs[0][match.end() :].strip():
        return paragraphs
    return (paragraphs[0][match.end() :], *paragraphs[1:])


_DATELINE = re.compile(
    r"[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,3}"  # WASHINGTON, NEW YORK, ST. LOUIS
    r"(?:, [A-Z0-9][\w.' ]{1,30}?)?"  # , Calif. / , Ukraine / , Nov 18 / , 11 March
    r" ?(?:\([A-Za-z .&-]{2,30}\) ?)?"  # (AP), (Reuters)
    r"[-—–]{1,2} (?=[A-Z0-9“\"‘'])"
)


def source_id(paragraphs: tuple[str, ...], raw: RawArticle) -> str:
    """A stable id from the cleaned text, so the same article keeps its id everywhere."""
    key = "\n".join(normalize(p) for p in paragraphs) or raw.path or raw.url or raw.title
    return "s" + hashlib.sha256(key.encode()).hexdigest()[:8]


def _lines(text: str) -> list[Line]:
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    if _MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)  # 'Federico de JesÃºs': UTF-8 read as Latin-1
    if "&" in text:
        text = html.unescape(text)
    lines = (_line(raw_line) for raw_line in _TAG.sub(" ", text).split("\n"))
    return [line for line in lines if line is not None]


@lru_cache(maxsize=TEXT_CACHE)
def _line(raw_line: str) -> Line | None:
    """One line, spaces folded and a bullet taken off; None for a line of markup. Cached:
    a story's articles share lines."""
    if _OPEN_TAG_LINE.match(raw_line):
        return None
    line = re.sub(r"[ \t\u00a0]+", " ", raw_line).strip()
    if not line:
        return Line("")
    bullet = bool(_BULLET.match(line))
    return Line(_BULLET.sub("", line) if bullet else line, bullet)


def _drop_furniture(lines: list[Line], title: str) -> tuple[list[Line], list[str]]:
    kept: list[Line] = []
    dropped: list[str] = []
    captions = {i for i, line in enumerate(lines) if line.text and _is_caption(line.text)}
    title_key = normalize(title).lower()
    seen: set[str] = set()
    teasers = False
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            kept.append(line)
            continue
        short = len(text.split()) <= 25
        plain = normalize(text)
        key = plain.lower()
        marker = plain.strip(" -:") if short else ""
        if marker and _APPENDIX.match(marker):
            dropped.extend(x.text for x in lines[i:] if x.text)
            break
        if marker and _TEASERS.match(marker):
            teasers = True
        if teasers:
            if _is_story_sentence(plain):
                teasers = False
            else:
                dropped.append(text)
                continue
        if (
            i in captions
            or _junk(text)
            or (title_key and len(title.split()) <= 30 and key == title_key)
            or key in seen
            or _caption_neighbour(lines, i, captions)
        ):
            dropped.append(text)
            continue
        seen.add(key)
        kept.append(line)
    return kept, dropped


def _is_story_sentence(plain: str) -> bool:
    """A full sentence (not a teaser headline, a question headline such as 'What is X and
    who can get it?', or a '…' summary) ends a teaser block.

    `plain` is the line already normalized.
    """
    return (
        len(plain.split()) >= 8
        and bool(re.search(r"[.!][\"')]?$", plain))
        and not plain.endswith(("...", "…"))
        and not _BOILERPLATE.search(plain)
    )


@lru_cache(maxsize=TEXT_CACHE)
def _junk(text: str) -> bool:
    """Furniture by its own words, wherever it stands: boilerplate, a link line, no letters,
    a byline, a source credit. Cached: the same lines recur across a story's articles."""
    short = len(text.split()) <= 25
    return bool(
        (short and _BOILERPLATE.search(normalize(text)))
        or _LINK_LINE.match(text)
        or not re.search(r"[A-Za-z]", text)
        or (short and parse_byline(text))
        or (short and re.match(r"source:\s", text, re.I))
    )


@lru_cache(maxsize=TEXT_CACHE)
def _is_caption(text: str) -> bool:
    return len(text.split()) <= 45 and bool(_CAPTION.search(text))


def _caption_neighbour(lines: list[Line], i: int, captions: set[int]) -> bool:
    """A line without final punctuation right next to a credit line is its caption."""
    line = lines[i]
    if line.bullet or _TERMINAL.search(line.text) or len(line.text.split()) > 30:
        return False
    return any(j in captions for j in _neighbours(lines, i))


def _neighbours(lines: list[Line], i: int) -> list[int]:
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text:
            j += step
        if 0 <= j < len(lines):
            found.append(j)
    return found


def _join_broken(lines: list[Line]) -> list[str]:
    """Paragraphs from lines, joining a line that was cut mid-sentence.

    A piece ending without final punctuation followed by one starting in lower case
    is one paragraph (hard-wrapped text, or a quote cut by a dropped junk line).
    """
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line.text:
            continue
        if paragraphs and joinable and not line.bullet and line.text[0].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        joinable = not _TERMINAL.search(paragraphs[-1]) or _open_quote(paragraphs[-1])
    return paragraphs


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”")
