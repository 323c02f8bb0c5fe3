"""Quoted stretches of a paragraph, from its quote marks alone (no attribution).

Marks: curly “…”, straight "…", and doubled apostrophes ''…'' as some US papers print
double quotes. A straight mark opens when it does not follow a word; an unclosed quote
runs to the paragraph's end (news style leaves a quote open when it continues in the next
paragraph, which then opens with a quote mark again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MARK = re.compile(r"''|‘‘|’’|[“”\"]")
"""Double quote marks; two apostrophes (or two single quotes) in a row are one mark."""
_OPENERS = ("“", '"', "''", "‘‘")


@dataclass(frozen=True)
class QuoteSpan:
    """A quote: `start`/`end` include its marks, `inner` is the words between them."""

    start: int
    end: int
    inner: str
    closed: bool


def has_quote_mark(text: str) -> bool:
    return QUOTE_MARK.search(text) is not None


def opens_with_quote(paragraph: str) -> bool:
    return paragraph.lstrip().startswith(_OPENERS)


def quote_spans(paragraph: str) -> list[QuoteSpan]:
    """Quoted stretches of a paragraph; an unclosed one runs to the paragraph's end. A
    paragraph continuing an open quote opens with a quote mark again, so one that does not
    is read afresh (the earlier quote was never closed: a misprint).

    >>> [s.inner for s in quote_spans("''We will win,'' she said. \\"Soon.\\"")]
    ['We will win,', 'Soon.']
    """
    spans: list[QuoteSpan] = []
    opened: tuple[int, int] | None = None
    """Where the open quote's mark starts and its words start."""
    for mark in QUOTE_MARK.finditer(paragraph):
        i, ch = mark.start(), mark.group()
        if opened is None and (ch in ("“", "‘‘") or (ch in ('"', "''") and _opens(paragraph, i))):
            opened = (i, mark.end())
        elif opened is not None and ch not in ("“", "‘‘") and i >= opened[1]:
            spans.append(QuoteSpan(opened[0], mark.end(), paragraph[opened[1] : i], True))
            opened = None
    if opened is not None:
        spans.append(QuoteSpan(opened[0], len(paragraph), paragraph[opened[1] :], False))
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it does not follow a word character."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:")


def clean_quote(inner: str) -> str:
    """The quote's words without the comma that handed over to the attribution."""
    return inner.strip().rstrip(",").strip()
