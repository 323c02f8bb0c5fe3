"""Dates, times, URLs, chapter and verse and short years blanked out of a sentence, so their
digits are never read as quantities. Part of the number grammar (briefings.extract.numbers):
the masked sentence keeps every character where it was."""

from __future__ import annotations

import re

from .. import lexicon

__all__ = ["mask"]


def mask(text: str) -> str:
    """Blank out URLs, times and dates so their digits are never read as figures."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())

    text = _URL.sub(blank, text)
    text = _DATE.sub(blank, text)
    text = _TIME.sub(blank, text)
    text = _COLON.sub(blank, text)
    text = _MONTH_DAY.sub(blank, text)
    text = _SHORT_YEAR.sub(_short_year, text)
    return re.sub(r"\b\d+(?:st|nd|rd|th)\b", blank, text)


def _short_year(match: re.Match[str]) -> str:
    """Blank a year after an apostrophe ('in ’08'), not a quote opening on a number."""
    word, year = match.group("word") or "", match.group("year")
    if year[0] != "’" and word.lower() not in _YEAR_LEADS:
        return match.group()
    return match.group()[: match.start("year") - match.start()] + " " * len(year)


_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_TIME = re.compile(
    # "08:00", "4.30pm", "3pm"; never a price ("£4.80") or a decimal ("4.80").
    r"(?<![£$€\d.,])\b\d{1,2}(?::[0-5]\d(?:\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst))?|"
    r"\.[0-5]\d\s?(?:am|pm|a\.m\.|p\.m\.))(?!\w)|"
    r"\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
    re.I,
)
_SHORT_YEAR = re.compile(r"(?:(?P<word>\b[A-Za-z]+)\s)?(?P<year>[‘’']\d\d)(?![\w%]|[.,]\d)")
_YEAR_LEADS = frozenset("in of since from until by the for".split())
"""'in ’08', 'the class of '92': a year."""
_COLON = re.compile(
    r"(?<![\w.,:])\d{1,4}:\d{1,4}(?:[-–]\d{1,3})?(?![\w:]|[.,]\d)"
    r"|\b[1-3]\s(?=[A-Z][a-z]+\.?\s\d{1,3}:\d)"
    r"|\b\d{1,2}\s?o['’]clock\b|\b[0-2]\d[0-5]\d\s?(?:GMT|UTC|BST|CET|EST|EDT|hrs)\b"
)
"""'John 3:16', '2 Timothy 3:1-5' (chapter and verse, and a book's number), 'odds of 3:1'
(a ratio or a score, never two counts), '10 o'clock', '0930 GMT': no quantity."""
_DATE = re.compile(
    # "2026-11-20", "2026-11-20T09:30Z", "20.11.2026", "20/11/26", and spans of years
    # ("2024-25", "2019/20"): never a range of two counts.
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\w)|"
    r"\b\d{1,2}([./])\d{1,2}\1\d{2,4}\b|"
    r"\b(?:19|20)\d\d[-–/](?:(?:19|20)\d\d|\d\d)\b"
)
_MONTHS = "|".join(lexicon.MONTHS)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NEXT_DAY = (
    rf"(?:\s?[-–]\s?|\s+(?:and|or|to|through|&)\s+){_DAY}\b"
    r"(?!\s*(?:%|per\s?cent|people|men|women|children|[a-z]+s\b))"
)
"""'July 8 and 9', 'Nov. 6 to 10', '8-9 July': a second day, unless a count follows it
('on July 8 and 12 people …')."""
_MONTH_DAY = re.compile(
    rf"(?<![\d.,])\b(?:{_DAY}(?:\s?[-–]\s?|\s+(?:and|or|to|&)\s+))?{_DAY}\s+(?:of\s+)?"
    rf"(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+{_DAY}\b(?:{_NEXT_DAY})?",
    re.I,
)
