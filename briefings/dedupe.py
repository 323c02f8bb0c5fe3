"""Near-duplicate groups: wire copy that several outlets ran with small edits.

Articles are compared by the word 5-grams they share (containment in the shorter one).
MinHash with banded LSH proposes candidate pairs, so the cost stays near-linear in the
number of articles; each candidate is then checked exactly.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

from .model import Document
from .text import normalize

SHINGLE = 5
PERMUTATIONS = 96
BANDS = 48
EXACT_BELOW = 300
"""Smaller corpora compare every pair exactly; larger ones go through LSH."""
MAX_CANDIDATES = 200
"""Per article: a bound on exact checks, so a corpus of near-identical pages stays linear."""
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20250515)
_A = _rng.integers(1, 1 << 61, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 61, PERMUTATIONS, dtype=np.uint64)


def shingles(text: str) -> frozenset[int]:
    """Hashes of the overlapping 5-word runs of a text, case and punctuation folded."""
    tokens = re.findall(r"[a-z0-9]+", normalize(text).lower())
    if len(tokens) < SHINGLE:
        return frozenset({_hash(" ".join(tokens))}) if tokens else frozenset()
    return frozenset(
        _hash(" ".join(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1)
    )


def _hash(text: str) -> int:
    """A hash that is the same in every process (str hashes are salted per process)."""
    return zlib.crc32(text.encode())


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the larger: an edited copy still scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _signature(items: frozenset[int]) -> np.ndarray:
    values = np.fromiter(iter(items), dtype=np.uint64, count=len(items))
    hashed = (values[None, :] * _A[:, None] + _B[:, None]) % _PRIME
    return hashed.min(axis=1)


def _candidate_pairs(sets: list[frozenset[int]]) -> list[tuple[int, int]]:
    """Pairs worth an exact check: all of them for a small corpus, else LSH candidates
    whose signatures agree on at least a quarter of their positions."""
    n = len(sets)
    if n < EXACT_BELOW:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    rows = PERMUTATIONS // BANDS
    empty = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    signatures = np.stack([_signature(s) if s else empty for s in sets])
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i in range(n):
        for band in range(BANDS):
            key = signatures[i, band * rows : (band + 1) * rows].tobytes()
            buckets[(band, key)].append(i)
    candidates: dict[int, set[int]] = defaultdict(set)
    for members in buckets.values():
        for x, i in enumerate(members):
            if len(candidates[i]) < MAX_CANDIDATES:
                candidates[i].update(members[x + 1 : x + 1 + MAX_CANDIDATES])
    pairs = []
    for i, others in candidates.items():
        js = np.fromiter(others, dtype=np.int64, count=len(others))
        agree = (signatures[js] == signatures[i]).mean(axis=1)
        pairs.extend((i, int(j)) for j in js[agree >= 0.25])
    return pairs


def group_duplicates(
    docs: list[Document], threshold: float = 0.5, sets: list[frozenset[int]] | None = None
) -> dict[str, str]:
    """Map each source id to its group id (the id of the group's first member).

    >>> from briefings.model import Document, Source
    >>> text = "the cat sat on the mat and then it went to sleep by the fire"
    >>> docs = [Document(Source(id=i, title=""), (text,), ()) for i in ("a", "b")]
    >>> group_duplicates(docs)
    {'a': 'a', 'b': 'a'}
    """
    sets = sets if sets is not None else [shingles(doc.text) for doc in docs]
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(sets):
        if find(i) != find(j) and containment(sets[i], sets[j]) >= threshold:
            parent[find(j)] = find(i)
    return {doc.source.id: docs[find(i)].source.id for i, doc in enumerate(docs)}
