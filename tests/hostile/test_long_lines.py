"""A one-line file (or one with no full stop) is read in bounded paragraphs and sentences,
so every extractor's cost stays linear in the file's size; bench/hostile.py times 5 MB.
The run's one-line files took 5.7 s at 0.5 MB, 17 s at 1 MB and 64 s at 2 MB."""

from __future__ import annotations

import re
import time

from briefings import RawArticle, build_briefing
from briefings.clean import MAX_PARAGRAPH_CHARS, MAX_SENTENCE_CHARS, clean_article

SENTENCES = [
    'The port authority said 1,200 jobs were at risk, and "we will fight for every one," '
    "its chair, Aileen Morrow, told reporters.",
    "Union officials called the plan reckless.",
    "According to the council, the closure would save £4.5m a year.",
    "Critics said the figures had not been published.",
]


def one_line(size: int, *, stops: bool = True) -> str:
    text = " ".join(SENTENCES)
    if not stops:
        text = re.sub(r"[.!?]", "", text)
    return ((text + " ") * (size // len(text) + 1))[:size]


def test_a_one_line_file_is_read_in_bounded_paragraphs_of_exact_sentences():
    text = one_line(200_000)
    doc = clean_article(RawArticle(text=text, title="Port jobs"))
    assert len(doc.paragraphs) > 1
    assert max(map(len, doc.paragraphs)) <= MAX_PARAGRAPH_CHARS
    assert all(s.text in text for s in doc.sentences)
    for sentence in doc.sentences:
        assert sentence.text in doc.paragraphs[sentence.paragraph]


def test_text_without_a_full_stop_is_read_in_bounded_pieces():
    text = one_line(50_000, stops=False)
    doc = clean_article(RawArticle(text=text, title="Port jobs"))
    assert max(len(s.text) for s in doc.sentences) <= MAX_SENTENCE_CHARS
    assert all(s.text in text for s in doc.sentences)


def test_a_short_paragraph_is_kept_as_it_was():
    text = " ".join(SENTENCES)
    doc = clean_article(RawArticle(text=text, title="Port jobs"))
    assert doc.paragraphs == (text,)


def test_cost_grows_linearly_with_a_one_line_file():
    """Twice the text takes about twice the time (quadratic would be four times): the
    median of three runs of each size, generous for a busy machine."""

    def seconds(size: int) -> float:
        raw = RawArticle(text=one_line(size), title="Port jobs")
        runs = []
        for _ in range(3):
            start = time.process_time()
            build_briefing([raw])
            runs.append(time.process_time() - start)
        return sorted(runs)[1]

    small, large = seconds(40_000), seconds(160_000)
    assert large / small < 8, (small, large)  # linear: ~4; quadratic: ~16
