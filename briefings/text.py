"""Small text primitives shared by every stage: sentences, words, stems, similarity."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st sen gov rep gen col lt sgt capt prof rev jr sr inc ltd co corp no vs
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k a.m p.m approx est fig
    """.split()
)

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9£$€])""")
_WORD = re.compile(r"[A-Za-z0-9£$€%]+(?:['’\-.][A-Za-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

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


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping the exact source text of each.

    >>> split_sentences('Mr. Smith said "It works." Then he left.')
    ['Mr. Smith said "It works."', 'Then he left.']
    """
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rsplit(None, 1)
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
    """NFC, straight quotes and dashes, single spaces: for comparing, never for display."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTE_TABLE)
    return re.sub(r"\s+", " ", text).strip()


_QUOTE_TABLE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning, for comparing sentences across outlets."""
    return frozenset(
        stem(w) for w in words(normalize(text)) if w.lower() not in STOPWORDS and len(w) > 1
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def weighted_overlap(a: Iterable[str], b: Iterable[str], idf: dict[str, float]) -> float:
    """Cosine-like overlap of two stem sets, rare words counting more."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    shared = sum(idf.get(t, 1.0) ** 2 for t in sa & sb)
    na = math.sqrt(sum(idf.get(t, 1.0) ** 2 for t in sa))
    nb = math.sqrt(sum(idf.get(t, 1.0) ** 2 for t in sb))
    return shared / (na * nb)


def word_count(text: str) -> int:
    return len(text.split())
