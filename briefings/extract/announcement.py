"""The announcement: headline, summary and key points, chosen from source sentences.

Extractive by construction: every line is a sentence some source printed. Sentences are
scored by agreement: how much of their vocabulary the other sources (duplicate groups
counted once) share, weighted by rarity, so the line most outlets report wins. Choosing
is greedy with a redundancy check, so the summary does not say one thing twice.

Sentences with the same content stems are one class, and agreement belongs to the class:
numpy scores every class at once, and only the top of the ranking is re-scored in plain
Python, the arithmetic the definition uses, so the choice is exact (`EPSILON`). A point's
supporting sentences are found the same way, class by class.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import EngineConfig
from ..model import Announcement, Document, Evidence, Point

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

EPSILON = 1e-9
"""Relative error allowed to numpy's sums (another rounding order than Python's): scores
and overlaps this close to a decision are worked out again in plain Python."""

REDUNDANT = 0.4
"""A sentence this close to one already chosen says the same thing."""


def eligible(text: str) -> bool:
    """May be an announcement point: a statement of fact, not a question, not mostly a
    quote, not too short or long. Read per article (in `analyze`), not per corpus."""
    words = len(text.split())
    if words < 8 or words > 60 or text.rstrip().endswith("?"):
        return False
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return quoted < 0.4 * len(text) and not text.startswith(("“", '"'))


class _Column:
    """A numpy column that grows: appends wait in a list until the column is read, then
    go into spare room (doubled when full)."""

    def __init__(self, dtype: type) -> None:
        self.buffer = np.zeros(64, dtype=dtype)
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


class _Pool:
    """Candidate sentences, with what their approximate score is made of."""

    def __init__(self) -> None:
        self.slot, self.klass = _Column(np.int64), _Column(np.int64)
        self.doc, self.factor = _Column(np.int64), _Column(np.float64)

    def add(self, slot: int, klass: int, doc: int, factor: float) -> None:
        for column, value in zip(self.columns, (slot, klass, doc, factor), strict=True):
            column.append(value)

    @property
    def columns(self) -> tuple[_Column, ...]:
        return (self.slot, self.klass, self.doc, self.factor)

    def keep(self, alive: np.ndarray) -> None:
        """Drop the sentences of removed articles."""
        mask = alive[self.slot.view()]
        for column in self.columns:
            column.replace(column.view()[mask])

    def scores(self, agreement: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return agreement[self.klass.view()] * weight[self.doc.view()] * self.factor.view()


@dataclass
class _Doc:
    number: int
    first: int
    """Slot of its first sentence; its sentences have consecutive slots."""
    terms: frozenset[int]
    group: str | None = None


class AnnouncementIndex:
    """Every sentence's class, weight and position, kept as articles come and go, so the
    announcement costs a numpy pass over the classes plus the few sentences it reads."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self._docs: dict[str, _Doc] = {}
        self._base = _Column(np.float64)
        self._group = _Column(np.int64)
        self._group_numbers: dict[str, int] = {}
        self._sizes = _Column(np.int64)
        self._weight = np.zeros(0)
        # per sentence slot
        self._class = _Column(np.int64)
        self._doc = _Column(np.int64)
        self._factor = _Column(np.float64)
        self._alive = _Column(np.bool_)
        self._pools = (_Pool(), _Pool())  # every eligible sentence; the leads among them
        self._sentences: list[tuple[str, str, str]] = []  # source id, sentence id, text
        self._stems: list[frozenset[str]] = []
        self._evidence: list[Evidence | None] = []
        self._points: dict[int, tuple[np.ndarray, tuple[Evidence, ...]]] = {}
        self._made = _Column(np.bool_)
        # per class: sentences with the same content stems
        self._classes: dict[frozenset[str], int] = {}
        self._class_stems: list[frozenset[str]] = []
        self._members: list[array[int]] = []
        self._flat = _Column(np.int64)
        self._starts = _Column(np.int64)
        self._lengths = _Column(np.int64)
        # per term
        self._term_ids: dict[str, int] = {}
        self._postings: list[array[int]] = []
        self._df = _Column(np.int64)
        self._group_terms: dict[str, Counter[int]] = {}
        self._group_docs: Counter[str] = Counter()
        self._fresh: list[str] = []

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
        if source_id in self._docs:
            return
        terms: set[int] = set()
        entry = _Doc(self._base.size, len(self._sentences), frozenset())
        self._base.append(base)
        self._group.append(0)
        for sentence, found, point in zip(doc.sentences, stems, points, strict=True):
            slot, klass = len(self._sentences), self._class_of(found)
            factor = 0.6 + 0.4 * (1.0 / (1 + 0.15 * sentence.index))
            self._class.append(klass)
            self._doc.append(entry.number)
            self._alive.append(True)
            self._made.append(False)
            if point:
                for pool in self._pools if sentence.index <= 2 else self._pools[:1]:
                    pool.add(slot, klass, entry.number, factor)
            self._factor.append(factor)
            self._sentences.append((source_id, sentence.id, sentence.text))
            self._evidence.append(None)
            self._stems.append(found)
            terms.update(self._term_ids[t] for t in found)
        entry.terms = frozenset(terms)
        self._docs[source_id] = entry
        self._fresh.append(source_id)

    def remove(self, source_id: str) -> None:
        entry = self._docs.pop(source_id, None)
        if entry is None:
            return
        self._regroup(entry, None)
        alive = self._alive.view()
        slot = entry.first
        while slot < len(self._sentences) and self._sentences[slot][0] == source_id:
            alive[slot] = False
            slot += 1
        for pool in self._pools:
            pool.keep(alive)

    def _class_of(self, stems: frozenset[str]) -> int:
        number = self._classes.get(stems)
        if number is None:
            number = self._classes[stems] = len(self._class_stems)
            self._class_stems.append(stems)
            self._members.append(array("q"))
            self._starts.append(self._flat.size)
            self._lengths.append(len(stems))
            for term in sorted(stems):
                if term not in self._term_ids:
                    self._term_ids[term] = len(self._postings)
                    self._postings.append(array("q"))
                    self._df.append(0)
                self._flat.append(self._term_ids[term])
                self._postings[self._term_ids[term]].append(number)
        self._members[number].append(len(self._sentences))
        return number

    def _regroup(self, entry: _Doc, group: str | None) -> None:
        """Move an article's vocabulary from its duplicate group to another (or none)."""
        df, sizes = self._df.view(), self._sizes.view()
        if entry.group is not None:
            terms = self._group_terms[entry.group]
            terms.subtract(entry.terms)
            for term in entry.terms:
                if terms[term] == 0:
                    del terms[term]
                    df[term] -= 1
            sizes[self._group_numbers[entry.group]] -= 1
            self._group_docs[entry.group] -= 1
            if not self._group_docs[entry.group]:
                del self._group_docs[entry.group], self._group_terms[entry.group]
        entry.group = group
        if group is not None:
            terms = self._group_terms.setdefault(group, Counter())
            for term in entry.terms:
                if not terms[term]:
                    df[term] += 1
            terms.update(entry.terms)
            self._group_docs[group] += 1
            if group not in self._group_numbers:
                self._group_numbers[group] = self._sizes.size
                self._sizes.append(0)
                sizes = self._sizes.view()
            sizes[self._group_numbers[group]] += 1
            self._group.view()[entry.number] = self._group_numbers[group]

    def announcement(
        self,
        groups: Mapping[str, str],
        moved: Iterable[str] | None = None,
    ) -> Announcement:
        """Headline, summary and points. `moved`: the articles whose duplicate group
        changed since the last call (None: any). Each article weighs its base weight shared
        with its duplicate group."""
        fresh, self._fresh = self._fresh, []
        for source_id in [*fresh, *(self._docs if moved is None else moved)]:
            if (entry := self._docs.get(source_id)) is not None:
                if entry.group != groups[source_id]:
                    self._regroup(entry, groups[source_id])
        self._weight = self._base.view() / np.maximum(self._sizes.view()[self._group.view()], 1)
        return _Choice(self).announcement()


class _Choice:
    """One announcement: the corpus's agreement scores, then the greedy choice."""

    def __init__(self, index: AnnouncementIndex) -> None:
        self.index = index
        self.config = index.config
        self.n_groups = max(len(index._group_docs), 1)
        self.idf: dict[str, float] = {}
        self.value: dict[str, float] = {}
        self.norms: dict[frozenset[str], float] = {}
        self.overlaps: dict[tuple[int, int], bool] = {}
        self.chosen: list[int] = []
        self.klass, self.doc = index._class.view(), index._doc.view()
        self.factor, self.df = index._factor.view(), index._df.view()
        n = self.n_groups
        df = self.df.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(df > 0, (df - 1) / n * np.log(1 + n / df), 0.0)
        lengths = index._lengths.view()
        gathered = values[index._flat.view()]
        if len(gathered):
            starts = np.minimum(index._starts.view(), len(gathered) - 1)
            sums = np.where(lengths > 0, np.add.reduceat(gathered, starts), 0.0)
        else:
            sums = np.zeros(len(lengths))
        with np.errstate(divide="ignore", invalid="ignore"):
            self.agreement = np.where(lengths > 0, sums / np.sqrt(lengths), 0.0)
        weights = index._weight
        self.candidates, self.leads = (
            _Ranking(self, pool.slot.view(), pool.scores(self.agreement, weights))
            for pool in index._pools
        )

    # -- exact arithmetic, as reading sentence by sentence would do it ----------------------
    def _idf(self, term: str) -> float:
        if term not in self.idf:
            count = int(self.df[self.index._term_ids[term]])
            self.idf[term] = math.log(1 + self.n_groups / count)
        return self.idf[term]

    def score(self, slot: int) -> float:
        index = self.index
        stems = index._stems[slot]
        agreement = 0.0
        if stems:
            n, df, ids = self.n_groups, self.df, index._term_ids
            for term in stems:
                if term not in self.value:
                    self.value[term] = (int(df[ids[term]]) - 1) / n * self._idf(term)
            agreement = sum(map(self.value.__getitem__, stems)) / math.sqrt(len(stems))
        w = float(index._weight[self.doc[slot]])
        return agreement * w * float(self.factor[slot])

    def _overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Cosine-like overlap of two stem sets, rare words counting more (this choice's
        idf); each set's norm is worked out once, as a point meets many classes."""
        shared = sum(self._idf(t) ** 2 for t in a & b)
        return shared / (self._norm(a) * self._norm(b)) if shared else 0.0

    def _norm(self, stems: frozenset[str]) -> float:
        norm = self.norms.get(stems)
        if norm is None:
            norm = self.norms[stems] = math.sqrt(sum(self._idf(t) ** 2 for t in stems))
        return norm

    def _overlaps(self, a: int, b: int, threshold: float) -> bool:
        """_overlap(stems of a, stems of b) >= threshold, decided per class of `a`
        unless it is too close to call."""
        index = self.index
        key = (int(self.klass[a]), b)
        if key not in self.overlaps:
            value = self._overlap(index._class_stems[key[0]], index._stems[b])
            if abs(value - threshold) <= EPSILON:
                return self._overlap(index._stems[a], index._stems[b]) >= threshold
            self.overlaps[key] = value >= threshold
        return self.overlaps[key]

    # -- choosing ---------------------------------------------------------------------------
    def announcement(self) -> Announcement:
        config = self.config
        headline = self._pick(self.leads, 1, config.headline_max_words)
        summary = self._pick(self.leads, config.summary_sentences - 1) or self._pick(
            self.candidates, 1
        )
        points = self._pick(self.candidates, config.max_points)
        made: dict[int, Point] = {}

        def point(slot: int) -> Point:
            if slot not in made:
                made[slot] = Point(self.index._sentences[slot][2], self._support(slot))
            return made[slot]

        return Announcement(
            headline=point(headline[0]) if headline else None,
            summary=tuple(point(s) for s in [*headline, *summary]),
            points=tuple(point(s) for s in points),
        )

    def _pick(self, pool: _Ranking, count: int, max_words: int | None = None) -> list[int]:
        picked: list[int] = []
        for slot in pool:
            if len(picked) >= count:
                break
            if max_words and len(self.index._sentences[slot][2].split()) > max_words:
                continue
            if any(self._overlaps(slot, c, REDUNDANT) for c in self.chosen):
                continue
            picked.append(slot)
            self.chosen.append(slot)
        return picked

    def _evidence(self, slot: int, slots: np.ndarray) -> tuple[Evidence, ...]:
        """Evidence objects for these sentences (made once each; the last tuple for a
        point is kept, as the next announcement often has the same)."""
        index = self.index
        last = index._points.get(slot)
        if last is not None and np.array_equal(last[0], slots):
            return last[1]
        cache, made = index._evidence, index._made.view()
        for number in slots[~made[slots]].tolist():
            cache[number] = Evidence(*index._sentences[number])
        made[slots] = True
        found = tuple(map(cache.__getitem__, slots.tolist()))
        index._points[slot] = (slots, found)  # type: ignore[assignment]
        return found  # type: ignore[return-value]

    def _support(self, slot: int) -> tuple[Evidence, ...]:
        """The point's sentence, then for each other source its first sentence that says
        much the same: ranked by how many of the point's 12 rarest words it shares, ties
        in corpus order (reading every sentence of the corpus would give the same)."""
        index, threshold = self.index, self.config.support_threshold
        stems = index._stems[slot]
        rare = sorted(stems, key=lambda t: -self._idf(t))[:12]
        n_classes = len(index._class_stems)
        postings = [
            np.frombuffer(index._postings[index._term_ids[t]], dtype=np.int64) for t in rare
        ]
        if not postings:
            return self._evidence(slot, np.array([slot]))
        shared = np.bincount(np.concatenate(postings), minlength=n_classes)
        first = np.full(n_classes, len(rare), dtype=np.int64)
        for rank in range(len(rare) - 1, -1, -1):
            first[postings[rank]] = rank
        alive = index._alive.view()
        slots: list[np.ndarray] = []
        for number in np.flatnonzero(shared >= 2).tolist():
            members = np.frombuffer(index._members[number], dtype=np.int64)
            members = members[alive[members]]
            if not len(members):
                continue
            value = self._overlap(stems, index._class_stems[number])
            if abs(value - threshold) <= EPSILON:
                keep = [self._overlap(stems, index._stems[m]) >= threshold for m in members]
                members = members[np.array(keep, dtype=bool)]
            elif value < threshold:
                continue
            slots.append(members)
        support = np.array([slot])
        if slots:
            found = np.concatenate(slots)
            classes = self.klass[found]
            found = found[np.lexsort((found, first[classes], -shared[classes]))]
            docs = self.doc[found]
            _, at = np.unique(docs, return_index=True)
            at.sort()
            at = at[docs[at] != self.doc[slot]]
            support = np.concatenate([support, found[at]])
        return self._evidence(slot, support)


class _Ranking:
    """A pool of candidates in exact `(-score, sentence id)` order, sorted only as far as it
    is read: numpy's scores pick a shortlist that must hold the top k, and the shortlist is
    re-scored exactly; k doubles when the reader wants more."""

    def __init__(self, choice: _Choice, slots: np.ndarray, approx: np.ndarray) -> None:
        self.choice, self.slots, self.approx = choice, slots, approx
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
        total = len(self.slots)
        if self.k >= total:
            return False
        k = min(max(64, 2 * self.k), total)
        if k == total:
            shortlist = self.slots
        else:
            theta = np.partition(self.approx, total - k)[total - k]
            shortlist = self.slots[self.approx >= theta * (1 - 2 * EPSILON)]
            if len(shortlist) == total:
                k = total
        sentences = self.choice.index._sentences
        scored = sorted(
            ((-self.choice.score(s), sentences[s][1], s) for s in shortlist.tolist()),
        )
        self.order = [s for _, _, s in scored[:k]]
        self.k = k
        return True
