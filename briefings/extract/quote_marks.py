"""Quoted stretches of a paragraph, from its quote marks alone (no attribution).

Marks: curly “…”, straight "…", and doubled apostrophes ''…'' as some US papers print
double quotes. A straight mark opens when it does not follow a word; an unclosed quote
runs to the paragraph's end (news style leaves a quote open when it continues in the next
paragraph, which then opens with a quote mark again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon

QUOTE_MARK = re.compile(r"'''(?!')|''|‘‘|’’|[“”\"]")
"""Double quote marks; two apostrophes (or two single quotes) in a row are one mark, and
three are one such mark beside a single quote mark inside ('the word 'old-school,''')."""
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
    nested = False
    """A straight quote open inside a curly one ('“… shouted "Allah hu Akbar!" as …”')."""
    for mark in QUOTE_MARK.finditer(paragraph):
        i, ch = mark.start(), mark.group()
        if len(ch) == 3:  # the double mark is the outer two; the third is a word's own
            i, ch = (i if opened is None else i + 1), ch[:2]
        if opened is not None and ch == '"' and paragraph[opened[0]] == "“":
            if nested or (_opens(paragraph, i) and paragraph[i + 1 : i + 2].isalnum()):
                nested = not nested  # a quote within the quote: its marks are words
                continue
        if opened is None and (
            ch in ("“", "‘‘")
            or (ch in ('"', "''") and _opens(paragraph, i))
            or (ch == "”" and _opens(paragraph, i) and paragraph[i + 1 : i + 2].isalnum())
        ):  # '”This is …,” said Jo': a closing mark misprinted as the opening one
            opened = (i, i + 2 if len(mark.group()) == 3 else mark.end())
        elif (
            opened is not None
            and i >= opened[1]
            and (
                ch not in ("“", "‘‘") or paragraph[i - 1] in ",.!?"  # '“Apparently not,“ he said'
            )
        ):
            spans.append(QuoteSpan(opened[0], mark.end(), paragraph[opened[1] : i], True))
            opened, nested = None, False
    if opened is not None:
        spans.append(QuoteSpan(opened[0], len(paragraph), paragraph[opened[1] :], False))
    if not spans and (headline := _HEADLINE.match(paragraph)):
        group = next(g for g in ("curly", "straight", "double") if headline[g] is not None)
        start, end = headline.span(group)
        spans.append(QuoteSpan(start - 1, end + 1, headline[group], True))
    return spans


_HEADLINE = re.compile(lexicon.QUOTE_HEADLINE)


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it does not follow a word character or a stop; after a
    colon it opens ('Rep. Jo Roe (R-Utah):"I have not …"')."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;")


def clean_quote(inner: str) -> str:
    """The quote's words without the comma that handed over to the attribution."""
    return inner.strip().rstrip(",").strip()


_TITLE_LEAD = re.compile(
    r"(?:\b(?i:on|in|at|to|from|of|for|with)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'’&-]*\s+){0,3}"
    r"|\b(?:told|telling|tells)\s+"
    r"|\b(?:show|programme|program|podcast|book|memoir|autobiography|novel|documentary"
    r"|film|movie|song|album|series|column"
    r"|op-ed|essay|segment|headline|titled|entitled)\s*,?\s*"
    r"|\b[A-Z][\w.&]*['’]s\s*)$"
)
_MINOR = lexicon.MINOR_WORDS


def is_title(paragraph: str, span: QuoteSpan) -> bool:
    """A name in quote marks, not words spoken: 'said on ABC's “Good Morning America”',
    'his book “The Art of the Deal”', 'told NBC’s “Today”', 'told “Fox and Friends”'.
    Title Case words after a preposition, 'told', a title noun or a possessive name.

    >>> p = "On ABC’s “Good Morning America” Tuesday, he said it."
    >>> is_title(p, quote_spans(p)[0])
    True
    """
    words = span.inner.strip(" ,.!?").split()
    if not words or len(words) > 12:
        return False
    major = [w for w in words if w.lower() not in _MINOR]
    if not major or sum(w[:1].isupper() or w[:1].isdigit() for w in major) < len(major):
        return False
    return _TITLE_LEAD.search(paragraph[max(0, span.start - 60) : span.start]) is not None
