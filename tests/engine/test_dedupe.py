"""Duplicate groups kept one article at a time are the groups the definition gives: LSH
candidates (a band in common, a quarter of the signature alike) that are near duplicates,
joined transitively, named after the earliest member. Checked against a brute force over
every pair, with chunks small enough that the chunked comparison is exercised."""

from __future__ import annotations

import random

import numpy as np
import pytest

from briefings import RawArticle, analyze, dedupe
from briefings.corpus import Corpus

_words = random.Random(1)
POOL = [" ".join(f"w{_words.randrange(300)}" for _ in range(10)) + "." for _ in range(25)]


def story(count: int, seed: int) -> list[str]:
    """Texts drawn from one pool of sentences: one large chain of copies, small groups
    and loners, as in a story that wire copy runs through."""
    rng = random.Random(seed)
    return [" ".join(rng.sample(POOL, rng.randint(2, 16))) for _ in range(count)]


def expected_groups(sets: list[bytes], threshold: float = 0.5) -> dict[int, int]:
    """Every pair checked by the definition: article number → its group's first article."""
    signatures = [np.frombuffer(dedupe.minhash(s), dtype=np.uint32) for s in sets]
    head = list(range(len(sets)))

    def find(i: int) -> int:
        while head[i] != i:
            i = head[i]
        return i

    for j in range(len(sets)):
        for i in range(j):
            if _candidates(signatures[i], signatures[j]) and (
                dedupe.containment(sets[i], sets[j]) >= threshold
            ):
                a, b = find(i), find(j)
                head[max(a, b)] = min(a, b)
    return {i: find(i) for i in range(len(sets))}


def _candidates(a: np.ndarray, b: np.ndarray) -> bool:
    if not len(a) or not len(b):
        return False
    alike = a == b
    banded = alike.reshape(dedupe.BANDS, dedupe.ROWS).all(axis=1).any()
    return bool(banded) and alike.sum() >= dedupe.AGREEMENT * dedupe.PERMUTATIONS


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedupe, "EXACT_BELOW", 20)
    monkeypatch.setattr(dedupe, "CHUNK", 8)


def test_groups_kept_one_by_one_are_the_groups_of_every_pair(small_chunks) -> None:
    texts = story(160, seed=3)
    sets = [dedupe.shingles(t) for t in texts]
    ids = [f"a{n:03}" for n in range(len(texts))]
    index = dedupe.DuplicateIndex()
    for number, (source_id, items) in enumerate(zip(ids, sets, strict=True)):
        index.add(source_id, items)
        if number % 3 == 0:  # one at a time, and a few together (not in bulk)
            index.settle()
    want = {ids[i]: ids[g] for i, g in expected_groups(sets).items()}
    assert index.groups() == want
    sizes = sorted(len(index.members(g)) for g in set(want.values()))
    assert sizes[-1] > 5 * dedupe.CHUNK and sizes[0] == 1  # a large group, and loners
    # The same after a removal (a rebuild, in bulk) and more additions one by one.
    index.remove(ids[0])
    more = [dedupe.shingles(t) for t in story(30, seed=4)]
    for number, items in enumerate(more):
        index.add(f"b{number:03}", items)
        index.settle()
    kept = [*ids[1:], *(f"b{n:03}" for n in range(len(more)))]
    want = {kept[i]: kept[g] for i, g in expected_groups([*sets[1:], *more]).items()}
    assert index.groups() == want
    rebuilt = dedupe.DuplicateIndex()
    for source_id, items in zip(kept, [*sets[1:], *more], strict=True):
        rebuilt.add(source_id, items)
    assert rebuilt.groups() == want


def test_an_earlier_copy_from_the_same_outlet_is_the_most_contained_candidate(
    small_chunks,
) -> None:
    texts = story(90, seed=5)
    outlets = ["Daily", "Weekly", "Courier"]
    analyses = [
        analyze(RawArticle(text=t, title=f"T{n}", meta={"outlet": outlets[n % 3]}))
        for n, t in enumerate(texts)
    ]
    corpus = Corpus()
    for analysis in analyses:
        corpus.add(analysis)
    named = 0
    for n, text in enumerate(story(40, seed=6)):
        raw = RawArticle(text=text, title=f"New {n}", meta={"outlet": outlets[n % 3]})
        new = analyze(raw)
        verdict = corpus.check(raw, new)
        assert verdict.same_as == _earlier_copy(new, analyses, outlets[n % 3])
        named += verdict.same_as is not None
    assert named >= 5


def _earlier_copy(new, analyses, outlet: str) -> str | None:
    """By the definition: of the same outlet's LSH candidates that are near duplicates, the
    one containing most, the likeliest candidate (then the earliest) on a tie."""
    mine = np.frombuffer(new.signature, dtype=np.uint32)
    best = None
    for number, old in enumerate(analyses):
        theirs = np.frombuffer(old.signature, dtype=np.uint32)
        if old.doc.source.outlet != outlet or not _candidates(mine, theirs):
            continue
        score = dedupe.containment(new.shingles, old.shingles)
        if score >= 0.5:
            key = (score, int((mine == theirs).sum()), -number)
            if best is None or key > best[0]:
                best = (key, old.doc.source.id)
    return best and best[1]


@pytest.mark.parametrize(("exact_below", "first"), [(20, 1), (1000, 0)])
def test_on_a_tie_the_likeliest_candidate_then_the_earliest_is_named(
    monkeypatch: pytest.MonkeyPatch, exact_below: int, first: int
) -> None:
    """Through LSH the candidates most alike come first; compared exactly (a small
    corpus), the earliest. Either way, the earliest of equally alike ones."""
    monkeypatch.setattr(dedupe, "EXACT_BELOW", exact_below)
    base = " ".join(POOL[:6])
    extra = [" ".join(POOL[n : n + 3]) for n in (10, 13, 16)]
    copies = [
        f"{base} {extra[0]} {extra[1]}",  # contains all of `base`, less alike than
        f"{base} {extra[2]}",  # this one
        base.upper(),  # the same shingles as the next
        base,
    ]
    others = [
        analyze(RawArticle(text=t, title=f"T{n}", meta={"outlet": "Other"}))
        for n, t in enumerate(story(30, seed=7))
    ]
    mine = [
        analyze(RawArticle(text=t, title=f"C{n}", meta={"outlet": "Daily"}))
        for n, t in enumerate(copies)
    ]
    corpus = Corpus()
    for analysis in [*others, *mine[:2]]:
        corpus.add(analysis)
    raw = RawArticle(text=base.lower(), title="New", meta={"outlet": "Daily"})
    assert corpus.check(raw).same_as == mine[first].doc.source.id
    for analysis in mine[2:]:
        corpus.add(analysis)
    raw = RawArticle(text=f"{base} {extra[1]}", title="New", meta={"outlet": "Daily"})
    assert corpus.check(raw).same_as == mine[2].doc.source.id
