"""The announcement's incremental index: every sentence's class of content stems, its
weight and position, and the candidate pools, kept current as articles come and go.

Sentences with the same content stems are one class, and agreement belongs to the class:
numpy scores every class at once. Each pool keeps its best sentences as of the last
announcement (`_Top`), so most rankings read only those and what was added since.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Document, Evidence
from .anchors import anchors, distinctive, states_ask

EPSILON = 1e-9
"""Relative error allowed to numpy's sums (another rounding order than Python's): scores
and overlaps this close to a decision are worked out again in plain Python."""


class Column:
    """A numpy column that grows: appends wait in a list until the column is read, then
    go into spare room (doubled when full)."""

    def __init__(self, dtype: type) -> None:
        self.buffer: np.ndarray = np.zeros(64, dtype=dtype)
        self.length = 0
        self.pending: list[object] = []

    def append(self, value: object) -> None:
        self.pending.append(value)

    def view(self) -> np.ndarray:
        if self.pending:
            end = self.length + len(self.pending)
            if end > len(self.buffer):
                grown = np.zeros(max(end, 2 * len(self.buffer)), dtype=self.buffer.dtype)
                grown[: self.length] = self.buffer[: self.length]
                self.buffer = grown
            self.buffer[self.length : end] = self.pending
            self.length, self.pending = end, []
        return self.buffer[: self.length]

    def replace(self, values: np.ndarray) -> None:
        self.view()
        self.buffer, self.length = values.copy(), len(values)

    @property
    def size(self) -> int:
        return self.length + len(self.pending)


class Pool:
    """Candidate sentences, with what their approximate score is made of, and the best of
    them as of an earlier announcement (`_Top`), so most rankings read only those."""

    def __init__(self) -> None:
        self.slot, self.klass = Column(np.int64), Column(np.int64)
        self.doc, self.factor = Column(np.int64), Column(np.float64)
        self.top: _Top | None = None

    def add(self, slot: int, klass: int, doc: int, factor: float) -> None:
        for column, value in zip(self.columns, (slot, klass, doc, factor), strict=True):
            column.append(value)

    @property
    def columns(self) -> tuple[Column, ...]:
        return (self.slot, self.klass, self.doc, self.factor)

    def __len__(self) -> int:
        return self.slot.size

    def keep(self, alive: np.ndarray) -> None:
        """Drop the sentences of removed articles."""
        mask = alive[self.slot.view()]
        for column in self.columns:
            column.replace(column.view()[mask])
        self.top = None

    def shortlist(self, k: int, agreement: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """The slots whose approximate score is within `EPSILON` of the k-th best or better
        (k < len(self)): from the last `_Top` and the sentences added since, while it
        provably holds every such slot; else from a pass over the pool, which keeps a new
        `_Top` for the next ranking."""
        top = self.top
        if top is not None and len(top.positions) >= k:
            positions = np.concatenate([top.positions, np.arange(top.size, len(self))])
            approx = self._scores(positions, agreement, weight)
            needed = kth_best(approx, k) * (1 - 2 * EPSILON)
            if top.holds(agreement, weight, needed):
                held: np.ndarray = self.slot.view()[positions[approx >= needed]]
                return held
        approx = self._scores(np.arange(len(self)), agreement, weight)
        self.top = self._top(approx, max(TOP, 4 * k), agreement, weight)
        return self.slot.view()[approx >= kth_best(approx, k) * (1 - 2 * EPSILON)]

    def _top(
        self, approx: np.ndarray, size: int, agreement: np.ndarray, weight: np.ndarray
    ) -> _Top:
        """The best `size` sentences by these scores (every one of the pool)."""
        floor = kth_best(approx, size) if len(approx) > size else -math.inf
        below = np.zeros(len(agreement), dtype=bool)
        below[self.klass.view()[approx < floor]] = True
        return _Top(
            np.flatnonzero(approx >= floor),
            floor,
            agreement.copy(),
            weight.copy(),
            len(self),
            below,
        )

    def _scores(
        self, positions: np.ndarray, agreement: np.ndarray, weight: np.ndarray
    ) -> np.ndarray:
        klass, doc = self.klass.view()[positions], self.doc.view()[positions]
        scores: np.ndarray = agreement[klass] * weight[doc] * self.factor.view()[positions]
        return scores


TOP = 1024
"""How many of a pool's best sentences a `_Top` keeps: at least this, and four times as
many as the ranking reads, so that it goes on holding as scores drift."""


@dataclass(frozen=True)
class _Top:
    """A pool's best sentences as of one announcement. Every other sentence then scored
    below `floor`; since, its score can only have grown as much as its class's agreement
    (or by a weight rising, which `holds` refuses), so a ranking that needs only scores
    above `floor` times that growth can read these and the sentences added since."""

    positions: np.ndarray
    floor: float
    agreement: np.ndarray
    """Per class, then."""
    weight: np.ndarray
    """Per article, then."""
    size: int
    """The pool's length then: later positions are sentences added since."""
    below: np.ndarray
    """Per class: has sentences outside `positions`."""

    def holds(self, agreement: np.ndarray, weight: np.ndarray, needed: float) -> bool:
        """Whether no sentence outside can score `needed` or more now."""
        if not self.below.any():
            return True
        then = self.weight
        if np.any(weight[: len(then)] > then):
            return False
        before = self.agreement[self.below]
        now = agreement[: len(self.agreement)][self.below]
        if np.any((before == 0) & (now > 0)):
            return False
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = float(np.max(np.where(before > 0, now / before, 0.0)))
        # Rounding: scores are products of three floats, their error far below EPSILON.
        return self.floor * growth * (1 + 4 * EPSILON) < needed


def kth_best(values: np.ndarray, k: int) -> float:
    return float(np.partition(values, len(values) - k)[len(values) - k])


@dataclass
class _Doc:
    number: int
    first: int
    """Slot of its first sentence; its sentences have consecutive slots."""
    terms: frozenset[int]
    group: str | None = None


class SentenceIndex:
    """Every sentence's class, weight and position, kept as articles come and go, so the
    announcement costs a numpy pass over the classes plus the few sentences it reads.
    Its columns are read (never written) by the choice of lines (`announcement._Choice`)."""

    def __init__(self) -> None:
        self.docs: dict[str, _Doc] = {}
        self.base = Column(np.float64)
        self.group = Column(np.int64)
        self.group_numbers: dict[str, int] = {}
        self.sizes = Column(np.int64)
        self.weight = np.zeros(0)
        # per sentence slot
        self.klass = Column(np.int64)
        self.doc = Column(np.int64)
        self.factor = Column(np.float64)
        self.alive = Column(np.bool_)
        self.pools = (Pool(), Pool())  # every eligible sentence; the leads among them
        self.sentences: list[tuple[str, str, str]] = []  # source id, sentence id, text
        self.stems: list[frozenset[str]] = []
        self.asks: list[bool] = []  # an eligible sentence stating an ask or decision
        self.ask_slots: dict[str, list[int]] = {}  # a sum or share → the asks printing it
        self._evidence: list[Evidence | None] = []
        self.removals = 0
        # per class: sentences with the same content stems
        self.classes: dict[frozenset[str], int] = {}
        self.class_stems: list[frozenset[str]] = []
        self.class_terms: list[frozenset[int]] = []
        """Each class's stems as term ids (an article's vocabulary is made of them)."""
        self.members: list[array[int]] = []
        self.flat = Column(np.int64)
        self.starts = Column(np.int64)
        self.lengths = Column(np.int64)
        # per term
        self.term_ids: dict[str, int] = {}
        self.postings: list[array[int]] = []
        self.df = Column(np.int64)
        self.group_terms: dict[str, Counter[int]] = {}
        self.group_docs: Counter[str] = Counter()
        self.fresh: list[str] = []

    def add(
        self,
        doc: Document,
        stems: Sequence[frozenset[str]],
        points: Sequence[bool],
        base: float = 1.0,
    ) -> None:
        """An article, with its sentences' content stems, which of them are `eligible` as
        points, and its weight before it is shared with its duplicate group."""
        source_id = doc.source.id
        if source_id in self.docs:
            return
        terms: set[int] = set()
        entry = _Doc(self.base.size, len(self.sentences), frozenset())
        self.base.append(base)
        self.group.append(0)
        for sentence, found, point in zip(doc.sentences, stems, points, strict=True):
            slot, klass = len(self.sentences), self._class_of(found)
            factor = 0.6 + 0.4 * (1.0 / (1 + 0.15 * sentence.index))
            self.klass.append(klass)
            self.doc.append(entry.number)
            self.alive.append(True)
            if point and doc.source.kind != "opinion":  # a columnist's claim is no fact
                for pool in self.pools if sentence.index <= 2 else self.pools[:1]:
                    pool.add(slot, klass, entry.number, factor)
            self.factor.append(factor)
            ask = point and states_ask(sentence.text)
            self.asks.append(ask)
            for anchor in anchors(found) if ask else ():
                if distinctive(anchor):
                    self.ask_slots.setdefault(anchor, []).append(slot)
            self.sentences.append((source_id, sentence.id, sentence.text))
            self._evidence.append(None)
            self.stems.append(found)
            terms.update(self.class_terms[klass])
        entry.terms = frozenset(terms)
        self.docs[source_id] = entry
        self.fresh.append(source_id)

    def remove(self, source_id: str) -> None:
        entry = self.docs.pop(source_id, None)
        if entry is None:
            return
        self._regroup(entry, None)
        self.removals += 1
        alive = self.alive.view()
        slot = entry.first
        while slot < len(self.sentences) and self.sentences[slot][0] == source_id:
            alive[slot] = False
            slot += 1
        for pool in self.pools:
            pool.keep(alive)

    def carriers(self, slot: int) -> dict[int, int]:
        """The sources (by document number → an ask of it) stating an ask that prints one
        of this ask's sums or shares: 'asked for a 21% rise' and 'wants bills up 21%'."""
        alive, doc = self.alive.view(), self.doc.view()
        found: dict[int, int] = {}
        for anchor in sorted(anchors(self.stems[slot]), reverse=True):
            slots = self.ask_slots.get(anchor, ()) if distinctive(anchor) else ()
            found.update({int(doc[s]): s for s in reversed(slots) if alive[s]})
        return found

    def _class_of(self, stems: frozenset[str]) -> int:
        number = self.classes.get(stems)
        if number is None:
            number = self.classes[stems] = len(self.class_stems)
            self.class_stems.append(stems)
            self.members.append(array("q"))
            self.starts.append(self.flat.size)
            self.lengths.append(len(stems))
            for term in sorted(stems):
                if term not in self.term_ids:
                    self.term_ids[term] = len(self.postings)
                    self.postings.append(array("q"))
                    self.df.append(0)
                self.flat.append(self.term_ids[term])
                self.postings[self.term_ids[term]].append(number)
            self.class_terms.append(frozenset(self.term_ids[t] for t in stems))
        self.members[number].append(len(self.sentences))
        return number

    def _regroup(self, entry: _Doc, group: str | None) -> None:
        """Move an article's vocabulary from its duplicate group to another (or none)."""
        df, sizes = self.df.view(), self.sizes.view()
        if entry.group is not None:
            terms = self.group_terms[entry.group]
            terms.subtract(entry.terms)
            for term in entry.terms:
                if terms[term] == 0:
                    del terms[term]
                    df[term] -= 1
            sizes[self.group_numbers[entry.group]] -= 1
            self.group_docs[entry.group] -= 1
            if not self.group_docs[entry.group]:
                del self.group_docs[entry.group], self.group_terms[entry.group]
        entry.group = group
        if group is not None:
            terms = self.group_terms.setdefault(group, Counter())
            for term in entry.terms:
                if not terms[term]:
                    df[term] += 1
            terms.update(entry.terms)
            self.group_docs[group] += 1
            if group not in self.group_numbers:
                self.group_numbers[group] = self.sizes.size
                self.sizes.append(0)
                sizes = self.sizes.view()
            sizes[self.group_numbers[group]] += 1
            self.group.view()[entry.number] = self.group_numbers[group]

    def reweigh(self, groups: Mapping[str, str], moved: Iterable[str] | None = None) -> None:
        """Bring duplicate groups up to date. `moved`: the articles whose duplicate group
        changed since the last call (None: any). Each article weighs its base weight shared
        with its duplicate group."""
        fresh, self.fresh = self.fresh, []
        for source_id in [*fresh, *(self.docs if moved is None else moved)]:
            if (entry := self.docs.get(source_id)) is not None:
                if entry.group != groups[source_id]:
                    self._regroup(entry, groups[source_id])
        self.weight = self.base.view() / np.maximum(self.sizes.view()[self.group.view()], 1)

    def evidence(self, slot: int) -> Evidence:
        """The sentence in a slot as evidence: made once, shared by every announcement."""
        found = self._evidence[slot]
        if found is None:
            found = self._evidence[slot] = Evidence(*self.sentences[slot])
        return found


FIRST_READ = 64
"""A ranking first sorts its best 64 sentences, then twice as many each time it runs out."""


class Ranking:
    """A pool of candidates in exact `(-score, sentence id)` order, sorted only as far as it
    is read: numpy's scores pick a shortlist that must hold the top k, and the shortlist is
    re-scored exactly; k doubles when the reader wants more."""

    def __init__(
        self,
        score: Callable[[int], float],
        sentences: Sequence[tuple[str, str, str]],
        pool: Pool,
        agreement: np.ndarray,
        weight: np.ndarray,
    ) -> None:
        """`score`: a slot's exact score; `sentences`: (source id, sentence id, text) by
        slot, the sentence id breaking ties."""
        self.score, self.sentences, self.pool = score, sentences, pool
        self.agreement, self.weight = agreement, weight
        self.order: list[int] = []
        self.k = 0

    def __iter__(self) -> Iterator[int]:
        i = 0
        while True:
            if i >= len(self.order) and not self._extend():
                return
            yield self.order[i]
            i += 1

    def _extend(self) -> bool:
        total = len(self.pool)
        if self.k >= total:
            return False
        k = min(max(FIRST_READ, 2 * self.k), total)
        if k == total:
            shortlist = self.pool.slot.view()
        else:
            shortlist = self.pool.shortlist(k, self.agreement, self.weight)
            if len(shortlist) == total:
                k = total
        sentences = self.sentences
        scored = sorted((-self.score(s), sentences[s][1], s) for s in shortlist.tolist())
        self.order = [s for _, _, s in scored[:k]]
        self.k = k
        return True
