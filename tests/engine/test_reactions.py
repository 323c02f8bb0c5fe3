"""A speaker's quotes merged statement by statement, as additions arrive, are the quotes a
rebuild merges: each piece of evidence once, in corpus order, the most printed first."""

from __future__ import annotations

import random

from briefings.dedupe import Weights
from briefings.extract.reactions import _Said, _Voice
from briefings.model import Evidence, Quote

LONG = "We will not accept a deal that leaves workers worse off than before"
SHORT = "A grave mistake for the whole country"


def said(source: str, text: str, sentences: tuple[str, ...]) -> _Said:
    evidence = tuple(Evidence(source, f"{source}-{s}", f"{text} ({s})") for s in sentences)
    return _Said(True, text, text.lower(), evidence, source)


def statements(articles: int, seed: int) -> dict[tuple[int, int], _Said]:
    """Many articles quoting two things, some an article's sentence twice (one quote read
    from two overlapping statements)."""
    rng = random.Random(seed)
    out = {}
    for pos in range(articles):
        source = f"a{pos}"
        for n in range(rng.randint(1, 3)):
            text = rng.choice([LONG, SHORT])
            out[pos, n] = said(source, text, tuple(rng.sample("xyz", rng.randint(1, 2))))
    return out


def expected(items: dict[tuple[int, int], _Said]) -> tuple[Quote, ...]:
    """What merging all statements at once gives: a quote's evidence each once, in order;
    quotes with more articles first."""
    evidence: dict[str, dict[Evidence, None]] = {}
    for at in sorted(items):
        evidence.setdefault(items[at].text, {}).update(dict.fromkeys(items[at].evidence))
    quotes = [Quote(text, True, tuple(e)) for text, e in evidence.items()]
    return tuple(sorted(quotes, key=lambda q: -len(q.sources)))


def test_quotes_merged_as_statements_arrive_are_those_of_a_rebuild() -> None:
    items = statements(300, seed=3)
    weights = Weights()
    for pos in range(300):
        weights.add(f"a{pos}", 1.0)
    voice = _Voice(weights)
    for count, at in enumerate(sorted(items)):
        voice.say(at, items[at])
        if count % 50 == 0:  # a briefing in between, then more evidence for the same quotes
            voice.merge()
    assert voice.merge() == expected(items)

    middle = (150, 7)  # re-resolved: an earlier article's statement lands mid-order
    items[middle] = said("a150", LONG, ("x", "w"))
    voice.say(middle, items[middle])
    assert voice.merge() == expected(items)

    voice.unsay((0, 0))
    del items[0, 0]
    assert voice.merge() == expected(items)
