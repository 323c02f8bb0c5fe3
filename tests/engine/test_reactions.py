"""A speaker's quotes merged statement by statement, as additions arrive, are the quotes a
rebuild merges: each piece of evidence once, in corpus order, the most printed first."""

from __future__ import annotations

import random

from briefings import RawArticle, analyze, assemble
from briefings.extract.merge import Said as _Said
from briefings.extract.merge import Voice as _Voice
from briefings.model import Evidence, Quote, Reaction
from briefings.weights import Weights

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


def _reactions(*texts: str) -> tuple[Reaction, ...]:
    raws = [RawArticle(text=t, title="", path=f"r{n}.txt") for n, t in enumerate(texts)]
    return assemble([analyze(raw) for raw in raws]).reactions


def test_a_partial_quote_in_a_sentence_that_says_more_is_shown_once_in_that_sentence() -> None:
    sentence = (
        "The mayor, Joan Okoro, called the ruling “a dark day for the city” and said she "
        "would appeal to the Supreme Court."
    )
    (reaction,) = _reactions(f"A judge has blocked the new stadium.\n\n{sentence}")
    (quote,) = reaction.quotes
    assert quote.direct and quote.text == "a dark day for the city"
    assert quote.context == sentence and quote.shown == sentence
    assert [e.sentence for e in quote.evidence] == [sentence]


def test_a_quote_standing_on_its_own_is_shown_in_quote_marks() -> None:
    (reaction,) = _reactions(
        "A judge has blocked the new stadium.\n\n"
        "The mayor, Joan Okoro, said: “This is a dark day for the city.”"
    )
    assert [q.shown for q in reaction.quotes] == ["“This is a dark day for the city.”"]


def test_unnamed_groups_come_after_everyone_named() -> None:
    reactions = _reactions(
        "The cod quota will be cut by a third. Critics said it was reckless.\n\n"
        "Fisheries minister Tom Reid said: “The stocks must recover.”",
        "Critics said the cut was unfair and damaging to coastal towns.",
    )
    assert [r.speaker for r in reactions] == ["Tom Reid", "Critics"]


def test_speakers_quoted_as_often_are_listed_in_the_order_the_coverage_quotes_them() -> None:
    reactions = _reactions(
        "The cod quota will be cut by a third.\n\n"
        "Fisheries minister Tom Reid said: “The stocks must recover.”\n\n"
        "Anna Burns, a local skipper, said: “This will finish the fleet.”",
    )
    assert [r.speaker for r in reactions] == ["Tom Reid", "Anna Burns"]  # not alphabetical
