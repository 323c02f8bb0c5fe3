"""Stable identities of briefing items: the `Target` a correction names, and finding it again.

An item is known by what it says and one citation of it, as a reader would find it again:
a quote by its words, a figure by the number a source printed and that source's sentence,
a point or question by its text, a source by its id or link, a speaker by name. Words are
compared exactly first and then folded (quote marks, dashes, case and spacing), so a
cleaner that prints the same sentence with other quote marks still finds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from .corrections import Target
from .model import Evidence, Figure, OpenQuestion, Point, Quote, Reaction, Source
from .verbatim import fold

Item = Quote | Figure | Point | OpenQuestion | Source | Reaction


def target_of(item: Item, label: str = "") -> Target:
    """The identity a correction of `item` stores; `label` says whose quote it is."""
    if isinstance(item, Reaction):
        return Target("speaker", item.speaker)
    if isinstance(item, Source):
        return Target("source", item.url or item.title, item.id, label=item.name)
    if isinstance(item, Figure):
        first = item.evidence[0] if item.evidence else None
        shown = (first.display if first else "") or item.display
        return Target("figure", shown, *_cited(first), label=item.label)
    first = item.evidence[0] if item.evidence else None
    if isinstance(item, Quote):
        return Target("quote", item.text, *_cited(first), label=label)
    if isinstance(item, Point):
        return Target("point", item.text, *_cited(first))
    return Target("question", item.question, *_cited(first))


def token(target: Target) -> str:
    """A short reference to an item for a chat menu, found again by comparing it with the
    tokens of the items a briefing shows: its kind and folded words (and a figure's label),
    not its position.

    >>> token(Target("quote", "“Never,” she said")) == token(Target("quote", '"never," she said'))
    True
    """
    words = folded(target.text) + ("\n" + target.label if target.kind == "figure" else "")
    return hashlib.sha256(f"{target.kind}\n{words}".encode()).hexdigest()[:16]


def _cited(evidence: Evidence | None) -> tuple[str, str]:
    return (evidence.source, evidence.sentence) if evidence else ("", "")


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """`verbatim.fold`, remembered: the same quotes are compared on every briefing."""
    return fold(text)


def same_words(a: str, b: str) -> bool:
    return a == b or folded(a) == folded(b)


def cites(evidence: Sequence[Evidence], target: Target) -> bool:
    """Whether some citation is the target's: the same source, else the same sentence."""
    if not target.source and not target.sentence:
        return True
    if any(e.source == target.source for e in evidence):
        return True
    return bool(target.sentence) and any(same_words(e.sentence, target.sentence) for e in evidence)


def best_quote(quotes: Iterable[Quote], target: Target) -> Quote | None:
    """The quote with the target's words, the one with its citation first (a quote two
    speakers share is told apart by where it was read)."""
    quotes = list(quotes)
    same = [q for q in quotes if q.text == target.text]
    if not same:
        same = [q for q in quotes if same_words(q.text, target.text)]
    if not same:  # the words are another outlet's, which more outlets now outnumber
        same = [q for q in quotes if any(same_words(v.text, target.text) for v in q.variants)]
    return next((q for q in same if cites(q.evidence, target)), same[0] if same else None)


def figure_index(figures: Sequence[Figure], target: Target) -> int | None:
    """Where the figure is that printed the target's number in the target's sentence of
    the target's source; else in that sentence, else in that source (one source can print
    one number for two measures); else the one showing that number under that label."""
    tiers: tuple[Callable[[Evidence], bool], ...] = (
        lambda e: e.source == target.source and e.sentence == target.sentence,
        lambda e: bool(target.sentence) and same_words(e.sentence, target.sentence),
        lambda e: e.source == target.source,
    )
    for cited in tiers:
        for n, f in enumerate(figures):
            if any((e.display or f.display) == target.text and cited(e) for e in f.evidence):
                return n
    return next(
        (n for n, f in enumerate(figures) if f.display == target.text and f.label == target.label),
        None,
    )


def text_index(texts: Sequence[str], target: Target) -> int | None:
    """Where the target's words are among `texts` (points, questions)."""
    for same in (str.__eq__, same_words):
        found = next((n for n, text in enumerate(texts) if same(text, target.text)), None)
        if found is not None:
            return found
    return None


def source_matches(source: Source, target: Target) -> bool:
    """The same article: its id, else its link, else its title from the same outlet (an id
    changes when the cleaner reads the text differently; the link and title do not).
    Never its path: where the server keeps a file is no one's business in chat."""
    if source.id == target.source:
        return True
    if source.url:
        return source.url == target.text
    return source.title == target.text and source.name == target.label
