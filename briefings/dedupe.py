"""Near-duplicate groups: wire copy that several outlets ran with small edits.

Articles are compared by the word 5-grams they share (containment in the shorter one). A
group is a connected component of "near-duplicate" pairs, named after its earliest member,
so it depends only on which articles there are and in what order, never on the order pairs
were compared in; that is what lets `DuplicateIndex` keep the groups current one article at
a time. Under EXACT_BELOW articles every pair is checked; above it MinHash with banded LSH
proposes the pairs (a shared band and signatures agreeing on a quarter of their positions).
A new article's candidates are compared a chunk at a time, and once it joins a group the
rest of that group is dropped unseen, so joining even a very large group stays cheap.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Collection
from itertools import accumulate, repeat

import numpy as np

from .model import Document
from .text import normalize

SHINGLE = 5
PERMUTATIONS = 96
BANDS = 48
ROWS = PERMUTATIONS // BANDS
AGREEMENT = 0.25
"""LSH candidates must also agree on this share of signature positions (about Jaccard)."""
EXACT_BELOW = 300
"""Smaller corpora compare every pair exactly; larger ones go through LSH."""
BULK = 64
"""Joining this many articles at once compares signatures in bulk rather than by band:
the same candidates, found faster."""
CHUNK = 512
"""A new article's possible candidates are compared this many at a time: after the first
near one, the rest of its group is dropped before it is compared."""
BUCKETS = 4096
"""Each indexed article keeps how many of its shingles fall in each of this many buckets
(see `_bucket_counts`): 4 KB an article."""
_BAND = np.dtype(f"u{ROWS}")
_BAND_ALIKE = int.from_bytes(bytes([1] * ROWS))
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20250515)
_A = _rng.integers(1, 1 << 61, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 61, PERMUTATIONS, dtype=np.uint64)


Shingles = bytes
"""A text's shingle hashes: sorted, distinct, packed as uint32. Bytes rather than a set:
a tenth of the memory, nearly free to send back from a worker process, and compared by a
binary search that stays in the CPU cache."""


def shingles(text: str) -> Shingles:
    """Hashes of the overlapping 5-word runs of a text, case and punctuation folded."""
    tokens = re.findall(r"[a-z0-9]+", normalize(text).lower())
    if len(tokens) < SHINGLE:
        hashes = {_hash(" ".join(tokens))} if tokens else set()
    else:
        # The hash of each run's text, read as a slice of the text joined once (ASCII
        # tokens: a character is a byte) rather than joined and encoded run by run.
        joined = " ".join(tokens).encode()
        starts = list(accumulate((len(t) + 1 for t in tokens), initial=0))
        crc32 = zlib.crc32
        hashes = {
            crc32(joined[starts[i] : starts[i + SHINGLE] - 1])
            for i in range(len(tokens) - SHINGLE + 1)
        }
    return np.array(sorted(hashes), dtype=np.uint32).tobytes()


def _hash(text: str) -> int:
    """A hash that is the same in every process (str hashes are salted per process)."""
    return zlib.crc32(text.encode())


def containment(a: Shingles, b: Shingles) -> float:
    """Share of the smaller set found in the larger: an edited copy still scores high."""
    if not a or not b:
        return 0.0
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    if len(x) > len(y):
        x, y = y, x
    at = np.searchsorted(y, x)
    np.minimum(at, len(y) - 1, out=at)
    return int(np.count_nonzero(y[at] == x)) / len(x)


def minhash(items: Shingles) -> bytes:
    """The MinHash signature of a shingle set (low 32 bits of each position, enough to
    count agreeing positions): a pure function of the article, so `analyze` works it out
    in the worker processes and the corpus-wide step only compares."""
    if not items:
        return b""
    values = np.frombuffer(items, dtype=np.uint32).astype(np.uint64)
    hashed = (values[None, :] * _A[:, None] + _B[:, None]) % _PRIME
    return bytes(hashed.min(axis=1).astype(np.uint32).data)


def _bucket_counts(items: Shingles) -> np.ndarray | None:
    """How many shingles fall in each bucket (hash modulo BUCKETS). Two articles share at
    most the sum, over the buckets, of the smaller of their two counts: most LSH candidates
    are ruled out by that bound, without comparing their shingles. None when a count does
    not fit in a byte (a text of a million words): such an article is always compared."""
    counts = np.bincount(np.frombuffer(items, dtype=np.uint32) % BUCKETS, minlength=BUCKETS)
    return counts.astype(np.uint8) if counts.max(initial=0) <= 255 else None


def _unpack(signature: bytes) -> np.ndarray | None:
    """A packed `minhash` as an array to compare; None for an article without shingles."""
    return np.frombuffer(signature, dtype=np.uint32) if signature else None


def _band_keys(signature: np.ndarray) -> list[bytes]:
    packed, width = signature.tobytes(), ROWS * signature.itemsize
    return [bytes([b]) + packed[b * width : (b + 1) * width] for b in range(BANDS)]


def group_duplicates(
    docs: list[Document], threshold: float = 0.5, sets: list[Shingles] | None = None
) -> dict[str, str]:
    """Map each source id to its group id (the id of the group's earliest member).

    >>> from briefings.model import Document, Source
    >>> text = "the cat sat on the mat and then it went to sleep by the fire"
    >>> docs = [Document(Source(id=i, title=""), (text,), ()) for i in ("a", "b")]
    >>> group_duplicates(docs)
    {'a': 'a', 'b': 'a'}
    """
    sets = sets if sets is not None else [shingles(doc.text) for doc in docs]
    index = DuplicateIndex(threshold)
    for doc, items in zip(docs, sets, strict=True):
        index.add(doc.source.id, items)
    return {doc.source.id: index.group(doc.source.id) for doc in docs}


class DuplicateIndex:
    """Duplicate groups kept current as articles are added (cheap) and removed (a rebuild).

    Adding compares the new article with the LSH candidates only (every article while the
    corpus is small), those sharing most bands first; once it joins a group, the rest of
    that group is skipped. Groups only ever merge on an add. A removal, or crossing
    EXACT_BELOW, recomputes every group on the next look, as `group_duplicates` would.
    """

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold
        self._order: dict[str, int] = {}
        self._sets: dict[str, Shingles] = {}
        self._minhash: dict[str, bytes] = {}
        self._pending: list[str] = []
        self._lsh = False
        self._valid = True
        self._ids: list[str] = []
        self._sigs = np.zeros((64, PERMUTATIONS), dtype=np.uint32)
        self._label = np.zeros(64, dtype=np.int64)
        """Per slot, a number for its group: compares a candidate's group in bulk."""
        self._counts = np.zeros((64, BUCKETS), dtype=np.uint8)
        self._sizes = np.zeros(64, dtype=np.int64)
        """Per slot, its `_bucket_counts` and how many shingles it has (0: no counts)."""
        self._slot: dict[str, int] = {}
        """Signatures' low 32 bits, enough to count agreeing positions, in half the memory."""
        self._buckets: dict[bytes, array[int]] = {}
        self._group: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._moved: set[str] = set()
        self._resized: set[str] = set()
        self._counter = 0

    def __len__(self) -> int:
        return len(self._order)

    def add(self, source_id: str, items: Shingles, signature: bytes | None = None) -> None:
        """An article by its shingles, and their `minhash` when already worked out."""
        if source_id in self._order:
            return
        self._order[source_id] = self._counter
        self._counter += 1
        self._sets[source_id] = items
        if signature is not None:
            self._minhash[source_id] = signature
        self._pending.append(source_id)

    def remove(self, source_id: str) -> None:
        if source_id not in self._order:
            return
        del self._order[source_id]
        del self._sets[source_id]
        self._minhash.pop(source_id, None)
        self._group.pop(source_id, None)
        self._valid = False

    def settle(self) -> None:
        """Join the articles added since the last look now rather than at the next one."""
        self._refresh()

    def group(self, source_id: str) -> str:
        self._refresh()
        return self._group[source_id]

    def groups(self) -> dict[str, str]:
        """Source id → group id, for every article (a live view: do not keep it)."""
        self._refresh()
        return self._group

    def members(self, group_id: str) -> list[str]:
        self._refresh()
        return self._members[group_id]

    def changes(self) -> tuple[set[str], set[str]]:
        """Since the last call: articles whose group changed (or new), and the groups whose
        members changed (by group id)."""
        self._refresh()
        moved, resized = self._moved, {g for g in self._resized if g in self._members}
        self._moved, self._resized = set(), set()
        return moved, resized

    def similar(
        self, items: Shingles, among: Collection[str], signature: bytes | None = None
    ) -> dict[str, float]:
        """Of the articles `among`, those an article with these shingles would be grouped
        with (the same candidates and check as adding it would make), with their
        `containment`: most alike first, else in corpus order. Only `among` is compared,
        however large the corpus."""
        self._refresh()
        if not self._lsh:
            others = sorted(among, key=self._order.__getitem__)
        elif (unpacked := _unpack(minhash(items) if signature is None else signature)) is None:
            others = []
        else:
            # Slots are in corpus order; an article without shingles has none.
            slots = np.fromiter(map(self._slot.get, among, repeat(-1)), np.int64, len(among))
            found = self._compare(unpacked, np.sort(slots[slots >= 0]))
            others = [self._ids[s] for s in found.tolist()]
        shares = ((i, containment(items, self._sets[i])) for i in others)
        return {i: share for i, share in shares if share >= self.threshold}

    # -- keeping the groups ----------------------------------------------------------------
    def _refresh(self) -> None:
        lsh = len(self._order) >= EXACT_BELOW
        if not self._valid or lsh != self._lsh:
            before = self._group
            self._lsh, self._valid = lsh, True
            self._ids, self._buckets, self._group, self._members = [], {}, {}, {}
            self._slot = {}
            self._pending = list(self._order)
            self._join_all()
            # Since the last `changes()`, not since the last look: a look in between (a
            # `settle`, a `similar`) must not lose what moved before it.
            self._moved |= {i for i, g in self._group.items() if before.get(i) != g}
            self._resized |= set(self._members)
        else:
            self._join_all()

    def _join_all(self) -> None:
        """Join the pending articles in order; many at once are compared in bulk."""
        pending, self._pending = self._pending, []
        if not self._lsh:
            for source_id in pending:
                self._join(source_id, [i for i in self._group if i != source_id])
            return
        if len(pending) < BULK:
            for source_id in pending:
                signature = self._signature(source_id)
                if signature is None:
                    self._start(source_id)
                    continue
                banded = self._banded(signature)
                self._index(source_id, signature)
                self._join_slots(source_id, banded)
            return
        signatures = [self._signature(i) for i in pending]
        slots = [
            self._index(i, s) if s is not None else -1
            for i, s in zip(pending, signatures, strict=True)
        ]
        for source_id, slot in zip(pending, slots, strict=True):
            if slot < 0:
                self._start(source_id)
            else:
                self._join_slots(source_id, np.arange(slot))

    def _join(self, source_id: str, candidates: list[str]) -> None:
        items = self._sets[source_id]
        self._start(source_id)
        for other in candidates:
            if self._group[other] != self._group[source_id] and self._near(
                items, self._sets[other]
            ):
                self._merge(self._group[other], self._group[source_id])

    def _join_slots(self, source_id: str, slots: np.ndarray) -> None:
        """As `_join`, for an indexed article and the earlier slots that may be its LSH
        candidates. A chunk at a time, the candidates most alike first: the first check
        usually joins a group, and then its other members are dropped, compared or not."""
        items, own = self._sets[source_id], self._slot[source_id]
        signature = self._sigs[own]
        self._start(source_id)
        while len(slots):
            found, slots = self._compare(signature, slots[:CHUNK]), slots[CHUNK:]
            found = found[self._may_be_near(own, found)]
            while len(found):
                other = self._ids[found[0]]
                found = found[1:]
                if self._near(items, self._sets[other]):
                    self._merge(self._group[other], self._group[source_id])
                    found = found[self._label[found] != self._label[own]]
                    slots = slots[self._label[slots] != self._label[own]]

    def _may_be_near(self, own: int, slots: np.ndarray) -> np.ndarray:
        """Which of these slots may be near the article in slot `own`: those whose bound on
        the shingles they share (see `_bucket_counts`) reaches the threshold of `_near`."""
        sizes, size = self._sizes[slots], self._sizes[own]
        if not size:
            return np.ones(len(slots), dtype=bool)
        bound = np.minimum(self._counts[slots], self._counts[own]).sum(axis=1, dtype=np.int64)
        smaller = np.minimum(np.maximum(sizes, 1), size)
        may: np.ndarray = (bound / smaller >= self.threshold) | (sizes == 0)
        return may

    def _start(self, source_id: str) -> None:
        self._group[source_id] = source_id
        self._members[source_id] = [source_id]
        self._moved.add(source_id)
        self._resized.add(source_id)

    def _near(self, a: Shingles, b: Shingles) -> bool:
        return containment(a, b) >= self.threshold

    def _signature(self, source_id: str) -> np.ndarray | None:
        packed = self._minhash.get(source_id)
        if packed is None:
            packed = self._minhash[source_id] = minhash(self._sets[source_id])
        return _unpack(packed)

    def _banded(self, signature: np.ndarray) -> np.ndarray:
        """The indexed slots sharing a band with this signature, those sharing the most
        first: the likeliest duplicates come in the first chunk to compare."""
        lists = [self._buckets[k] for k in _band_keys(signature) if k in self._buckets]
        listed = np.frombuffer(b"".join(lists), dtype=np.int64)
        shared = np.bincount(listed, minlength=len(self._ids))
        slots = np.flatnonzero(shared)
        # Few distinct counts (at most BANDS) in a byte: a stable sort in linear time.
        return slots[np.argsort((BANDS - shared[slots]).astype(np.uint8), kind="stable")]

    def _compare(self, signature: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """Of these slots, the LSH candidates: a band in common and a quarter of the
        positions alike; most alike first, ties in the order given."""
        same = self._sigs[slots] == signature
        # Count the equal positions eight bytes at a time: add the words, then their bytes.
        words = np.einsum("ij->i", same.view(np.uint64))
        agree = (words * np.uint64(0x0101010101010101)) >> np.uint64(56)
        keep = np.flatnonzero(agree >= AGREEMENT * PERMUTATIONS)
        # A band is alike when its ROWS bytes of `same` are all 1: one integer compare.
        banded = (same[keep].view(_BAND) == _BAND_ALIKE).any(axis=1)
        keep = keep[banded]
        alike: np.ndarray = slots[keep[np.argsort(-agree[keep].astype(np.int64), kind="stable")]]
        return alike

    def _index(self, source_id: str, signature: np.ndarray) -> int:
        slot = len(self._ids)
        if slot == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
            self._label = np.concatenate([self._label, np.zeros_like(self._label)])
            self._counts = np.concatenate([self._counts, np.zeros_like(self._counts)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        self._sigs[slot] = signature
        self._label[slot] = slot
        counts = _bucket_counts(self._sets[source_id])
        if counts is not None:
            self._counts[slot] = counts
        self._sizes[slot] = 0 if counts is None else len(self._sets[source_id]) // 4
        self._ids.append(source_id)
        self._slot[source_id] = slot
        for key in _band_keys(signature):
            self._buckets.setdefault(key, array("q")).append(slot)
        return slot

    def _merge(self, a: str, b: str) -> None:
        """Union two groups; the merged group is named after its earliest member."""
        if len(self._members[a]) < len(self._members[b]):
            a, b = b, a
        head = min(a, b, key=self._order.__getitem__)
        members, moved = self._members.pop(a), self._members.pop(b)
        relabel = moved if head == a else [*members, *moved]
        for member in relabel:
            self._group[member] = head
        if self._lsh:
            label = self._label[self._slot[members[0]]]
            self._label[[self._slot[m] for m in moved]] = label
        self._moved.update(relabel)
        members.extend(moved)
        self._members[head] = members
        self._resized.add(head)
