"""Small text primitives shared by every stage: sentences, words, stems, similarity, and
which of an article's links a rendered briefing may offer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

import snowballstemmer

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st sen gov rep gen col lt sgt capt prof rev jr sr inc ltd co corp no vs cllr
    supt insp det hon fr maj brig adm cmdr msgr rt
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k a.m p.m approx est fig
    """.split()
)

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9£$€])""")
_WORD = re.compile(r"[A-Za-z0-9£$€%]+(?:['’\-.][A-Za-z0-9]+)*")
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""Control characters, and the invisible direction marks and overrides some pages paste
before a quote ('\u202a”This is …'): they hide the quote mark from every reader of the
text, and in chat they can reorder what a line appears to say."""

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at for from by with as is are was were be been being
    has have had do does did it its this that these those there here he she they we i you
    his her their our your them him us me my not no so than then which who whom whose what
    when where why how all any some more most such into over also just about after before
    would could should will can may might must said says say told added s t says its
    """.split()
)

_stemmer = snowballstemmer.stemmer("english")

TEXT_CACHE = 4096
"""How many texts (lines, sentences, paragraphs) each cache of a per-text reading keeps:
the sentences a story's outlets share recur within a few hundred articles, and a small
cache holds few objects for the garbage collector to walk."""


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping the exact source text of each.

    >>> split_sentences('Mr. Smith said "It works." Then he left.')
    ['Mr. Smith said "It works."', 'Then he left.']
    """
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        # The word before the stop; a bounded look back (no abbreviation is that long)
        # keeps a run of skipped stops ('A. B. C. …') from rescanning the whole paragraph.
        before = paragraph[max(start, match.start() - 40) : match.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (
            last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())
        ):
            continue
        out.append(paragraph[start : match.end()].strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


def normalize(text: str) -> str:
    """NFKC, straight quotes and dashes, single spaces: for comparing, never for display."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        # str.replace beats str.translate here: translate looks every character up.
        for curly, straight in _STRAIGHT:
            if curly in text:
                text = text.replace(curly, straight)
    return " ".join(text.split())


_STRAIGHT = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"))


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching any of `patterns`, with their leading anchors (line start, word
    boundary) factored out: Python's re tries every branch at every position, so forty
    word-boundary alternatives cost several times one boundary before a group of forty."""
    groups: dict[str, list[str]] = {"^": [], r"\b": [], "": []}
    for pattern in patterns:
        lead = next((a for a in ("^", r"\b") if pattern.startswith(a)), "")
        if _top_level_bar(pattern):  # `^a|b` is not `^(?:a|b)`
            lead = ""
        groups[lead].append(f"(?:{pattern[len(lead) :]})")
    parts = [f"{lead}(?:{'|'.join(group)})" for lead, group in groups.items() if lead and group]
    return re.compile("|".join(parts + groups[""]), flags)


_Trie = dict[str, "_Trie"]
"""Next character → the rest; the key "" marks where a word ends."""


def one_of(words: Iterable[str]) -> str:
    """A regex for any of these literal strings, as a trie ('ad(?:ded|ds)'): one branch
    per first letter instead of one per word, and the longest match still wins."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return emit(trie)


def _top_level_bar(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmed: str = _stemmer.stemWord(word.lower())
    return stemmed


@lru_cache(maxsize=2 * TEXT_CACHE)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning, for comparing sentences across outlets
    (cached: each sentence is compared by several stages, and outlets repeat sentences)."""
    return frozenset(
        stem(w) for w in words(normalize(text)) if w.lower() not in STOPWORDS and len(w) > 1
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def word_count(text: str) -> int:
    return len(text.split())


_LINK_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")
MAX_LINK = 2000
"""Longer links are not offered (Excel refuses hyperlinks much past this)."""


def safe_url(url: str | None) -> str | None:
    """`url` if a reader may be sent to it from a page or a spreadsheet: http(s) with a
    host, no space or control character, not too long (each renderer escapes the rest).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)")
    ('https://example.org/a?b=1', None)
    """
    if not url or len(url) > MAX_LINK or _LINK_UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
