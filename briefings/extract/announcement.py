"""The announcement: headline, summary and key points, chosen from source sentences.

Extractive by construction: every line is a sentence some source printed. Sentences are
scored by agreement: how much of their vocabulary the other sources (duplicate groups
counted once) share, weighted by rarity, so the line most outlets report wins. Choosing
is greedy with a redundancy check, so the summary does not say one thing twice.

Sentences with the same content stems are one class, and agreement belongs to the class:
numpy scores every class at once, and only the top of the ranking is re-scored in plain
Python, the arithmetic the definition uses, so the choice is exact (`EPSILON`). A point's
supporting sentences are found the same way, class by class.

A story grows one article at a time, so between announcements each ranking keeps its best
sentences (`_Top`) and each point its support (`_Support`); the next announcement reads
those and what was added since, as long as that provably gives the same answer.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..config import EngineConfig
from ..model import Announcement, Document, Evidence, Point

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

EPSILON = 1e-9
"""Relative error allowed to numpy's sums (another rounding order than Python's): scores
and overlaps this close to a decision are worked out again in plain Python."""

REDUNDANT = 0.4
"""A sentence this close to one already chosen says the same thing."""

ANCHORED_REDUNDANT = 0.15
"""A sentence this close to one already chosen that prints the same small number ('31
May', 'by 31 votes to 12') restates that fact, whatever else it adds; one printing the
same sum, share or large number ('a £38m loan', 'section 114') does at any distance."""

LEAD_REDUNDANT = 0.25
"""A sentence this close to the headline restates the story's lead in other words: every
outlet opens with it, so the lines after it must say something else."""

ANCHORED_SUPPORT = 0.3
"""A sentence of another source this close to a point that prints the same number
reports the same fact in its own words ('until 31 May to respond', 'have until 31 May
to decide'): it supports the point."""

_YEAR = re.compile(r"(?:19|20)\d\d")


def _distinctive(anchor: str) -> bool:
    """A sum, a share, a decimal or a number of three digits or more ('£62m', '14.99',
    '480'): two lines printing it state the same fact. A small whole number ('31', '12')
    may count many things."""
    return not anchor.isdigit() or len(anchor) >= 3


def anchors(stems: frozenset[str]) -> frozenset[str]:
    """The numbers among a sentence's stems ('£38m', '14.99', '31-12' as 31 and 12), years
    apart: the facts a sentence states that another cannot state in other words."""
    return frozenset(
        part
        for t in stems
        if any(c.isdigit() for c in t)
        for part in t.split("-")
        if any(c.isdigit() for c in part) and not _YEAR.fullmatch(part)
    )

RARE_WORDS = 12
"""A point's support is sought among the sentences sharing its rarest words."""

SLOT_BITS = 40
"""A support rank key is (12 - rare words shared, first rare word shared, slot) in one int."""


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
    """Candidate sentences, with what their approximate score is made of, and the best of
    them as of an earlier announcement (`_Top`), so most rankings read only those."""

    def __init__(self) -> None:
        self.slot, self.klass = _Column(np.int64), _Column(np.int64)
        self.doc, self.factor = _Column(np.int64), _Column(np.float64)
        self.top: _Top | None = None

    def add(self, slot: int, klass: int, doc: int, factor: float) -> None:
        for column, value in zip(self.columns, (slot, klass, doc, factor), strict=True):
            column.append(value)

    @property
    def columns(self) -> tuple[_Column, ...]:
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
            needed = _kth_best(approx, k) * (1 - 2 * EPSILON)
            if top.holds(agreement, weight, needed):
                return self.slot.view()[positions[approx >= needed]]
        approx = self._scores(np.arange(len(self)), agreement, weight)
        self.top = self._top(approx, max(TOP, 4 * k), agreement, weight)
        return self.slot.view()[approx >= _kth_best(approx, k) * (1 - 2 * EPSILON)]

    def _top(
        self, approx: np.ndarray, size: int, agreement: np.ndarray, weight: np.ndarray
    ) -> _Top:
        """The best `size` sentences by these scores (every one of the pool)."""
        floor = _kth_best(approx, size) if len(approx) > size else -math.inf
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
        return agreement[klass] * weight[doc] * self.factor.view()[positions]


FIRST_READ = 64
"""A ranking first sorts its best 64 sentences, then twice as many each time it runs out."""

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


def _kth_best(values: np.ndarray, k: int) -> float:
    return float(np.partition(values, len(values) - k)[len(values) - k])


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
        self._supports: dict[int, _Support] = {}
        """The last announcement's points' support, by slot: the next one catches up."""
        self._removals = 0
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
            if point and doc.source.kind != "opinion":  # a columnist's claim is no fact
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
        self._removals += 1
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
        choice = _Choice(self)
        made = choice.announcement()
        self._supports = choice.supports
        return made

    def evidence(self, slot: int) -> Evidence:
        """The sentence in a slot as evidence: made once, shared by every announcement."""
        found = self._evidence[slot]
        if found is None:
            found = self._evidence[slot] = Evidence(*self._sentences[slot])
        return found


@dataclass
class _Support:
    """A point's support as last worked out, kept so the next announcement only merges in
    the sentences added since (see `_Choice._support`)."""

    rare: list[str]
    """The point's rarest words, rarest first: the classes' rank keys depend on them."""
    removals: int
    """The index's removal count when made: a removal means gathering again."""
    classes: int
    """How many classes there were: later ones are checked for the point's rare words."""
    heads: dict[int, int]
    """Every class sharing two rare words → its rank key (fewer shared, later first)."""
    read: dict[int, int]
    """The classes that say much the same → how many of their members were read."""
    dead: dict[int, int]
    """Classes sharing two rare words whose sentences were all removed → how many."""
    doc: int
    keys: list[int] = field(default_factory=list)
    """Each other source's best sentence: head << SLOT_BITS | slot, ascending."""
    evidence: list[Evidence] = field(default_factory=list)
    """Their evidence, in the same order."""
    built: tuple[Evidence, ...] = ()


class _Choice:
    """One announcement: the corpus's agreement scores, then the greedy choice."""

    def __init__(self, index: AnnouncementIndex) -> None:
        self.index = index
        self.config = index.config
        self.n_groups = max(len(index._group_docs), 1)
        self.idf: dict[str, float] = {}
        self.value: dict[str, float] = {}
        self.norms: dict[frozenset[str], float] = {}
        self.overlaps: dict[tuple[int, int, float], bool] = {}
        self.chosen: list[int] = []
        self.supports: dict[int, _Support] = {}
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
            _Ranking(self, pool, self.agreement, weights) for pool in index._pools
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

    def _redundant(self, a: int, b: int) -> bool:
        """Sentence `a` says what chosen sentence `b` says: close in words (closer than
        usual to the headline), or printing one of its numbers and somewhat close."""
        index = self.index
        shared = anchors(index._stems[a]) & anchors(index._stems[b])
        if any(map(_distinctive, shared)):
            return True
        if shared:
            return self._overlaps(a, b, ANCHORED_REDUNDANT)
        return self._overlaps(a, b, LEAD_REDUNDANT if b == self.chosen[0] else REDUNDANT)

    def _overlaps(self, a: int, b: int, threshold: float) -> bool:
        """_overlap(stems of a, stems of b) >= threshold, decided per class of `a`
        unless it is too close to call."""
        index = self.index
        key = (int(self.klass[a]), b, threshold)
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
            if any(self._redundant(slot, c) for c in self.chosen):
                continue
            picked.append(slot)
            self.chosen.append(slot)
        return picked

    def _support(self, slot: int) -> tuple[Evidence, ...]:
        """The point's sentence, then for each other source its first sentence that says
        much the same: ranked by how many of the point's 12 rarest words it shares, ties
        in corpus order (reading every sentence of the corpus would give the same).

        The last announcement's support for the same point is caught up with the sentences
        added since, unless a removal, other rare words or a class's verdict moving with
        the words' weights means gathering it again."""
        index = self.index
        stems = index._stems[slot]
        rare = sorted(stems, key=lambda t: -self._idf(t))[:RARE_WORDS]
        support = index._supports.get(slot)
        if (
            support is None
            or support.rare != rare
            or support.removals != index._removals
            or not self._catch_up(support, stems)
        ):
            support = self._gather(slot, stems, rare)
        self.supports[slot] = support
        return support.built

    def _passes(self, stems: frozenset[str], number: int) -> bool | None:
        """Whether a class says much the same as the point; None: too close to call for
        the class as a whole, its sentences are judged one by one."""
        threshold = self._threshold(stems, self.index._class_stems[number])
        value = self._overlap(stems, self.index._class_stems[number])
        return None if abs(value - threshold) <= EPSILON else value >= threshold

    def _threshold(self, point: frozenset[str], other: frozenset[str]) -> float:
        """How close a sentence must be to support a point: less when it prints one of
        the point's numbers."""
        if anchors(point) & anchors(other):
            return min(ANCHORED_SUPPORT, self.config.support_threshold)
        return self.config.support_threshold

    def _gather(self, slot: int, stems: frozenset[str], rare: list[str]) -> _Support:
        """The support from scratch: numpy over the classes sharing two rare words."""
        index = self.index
        n_classes = len(index._class_stems)
        doc = int(self.doc[slot])
        support = _Support(rare, index._removals, n_classes, {}, {}, {}, doc)
        support.built = (index.evidence(slot),)
        if not rare:
            return support
        postings = [
            np.frombuffer(index._postings[index._term_ids[t]], dtype=np.int64) for t in rare
        ]
        shared = np.bincount(np.concatenate(postings), minlength=n_classes)
        first = np.full(n_classes, len(rare), dtype=np.int64)
        for rank in range(len(rare) - 1, -1, -1):
            first[postings[rank]] = rank
        alive = index._alive.view()
        found: list[np.ndarray] = []
        for number in np.flatnonzero(shared >= 2).tolist():
            members = np.frombuffer(index._members[number], dtype=np.int64)
            members = members[alive[members]]
            if not len(members):
                support.dead[number] = len(index._members[number])
                continue
            head = support.heads[number] = _head(int(shared[number]), int(first[number]))
            verdict = self._passes(stems, number)
            if verdict is False:
                continue
            support.read[number] = len(index._members[number])
            if verdict is None:
                threshold = self._threshold(stems, index._class_stems[number])
                keep = [self._overlap(stems, index._stems[m]) >= threshold for m in members]
                members = members[np.array(keep, dtype=bool)]
            found.append((head << SLOT_BITS) | members)
        if found:
            keys = np.sort(np.concatenate(found))
            docs = self.doc[keys & _SLOT_MASK]
            _, at = np.unique(docs, return_index=True)
            at.sort()
            keys = keys[at[docs[at] != doc]]
            support.keys = keys.tolist()
            support.evidence = [index.evidence(k & _SLOT_MASK) for k in support.keys]
            support.built = (*support.built, *support.evidence)
        return support

    def _catch_up(self, support: _Support, stems: frozenset[str]) -> bool:
        """Merge into a point's last support the sentences added since; False when a
        class's verdict is no longer the same (or too close to call): gather again."""
        index = self.index
        rank = {term: n for n, term in enumerate(support.rare)}
        for number in range(support.classes, len(index._class_stems)):
            ranks = [rank[t] for t in index._class_stems[number] if t in rank]
            if len(ranks) >= 2:
                support.heads[number] = _head(len(ranks), min(ranks))
                support.read[number] = 0  # judged just below, with the others
        support.classes = len(index._class_stems)
        if any(len(index._members[n]) != read for n, read in support.dead.items()):
            return False
        for number in support.heads:
            verdict = self._passes(stems, number)
            if verdict is None:
                return False
            if verdict != (number in support.read):
                if support.read.get(number) != 0:
                    return False
                del support.read[number]
        best: dict[int, int] = {}
        for number, read in support.read.items():
            members = index._members[number]
            if len(members) == read:
                continue
            head = support.heads[number] << SLOT_BITS
            for member in members[read:]:
                doc = int(self.doc[member])
                if doc != support.doc and (doc not in best or head | member < best[doc]):
                    best[doc] = head | member
            support.read[number] = len(members)
        if best:
            for key in sorted(best.values()):
                at = bisect_left(support.keys, key)
                support.keys.insert(at, key)
                support.evidence.insert(at, index.evidence(key & _SLOT_MASK))
            support.built = (support.built[0], *support.evidence)
        return True


def _head(shared: int, first: int) -> int:
    """A class's part of a support rank key: more rare words shared, then rarer, first."""
    return (RARE_WORDS - shared) << 4 | first


_SLOT_MASK = (1 << SLOT_BITS) - 1


class _Ranking:
    """A pool of candidates in exact `(-score, sentence id)` order, sorted only as far as it
    is read: numpy's scores pick a shortlist that must hold the top k, and the shortlist is
    re-scored exactly; k doubles when the reader wants more."""

    def __init__(
        self, choice: _Choice, pool: _Pool, agreement: np.ndarray, weight: np.ndarray
    ) -> None:
        self.choice, self.pool = choice, pool
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
        sentences = self.choice.index._sentences
        scored = sorted(
            ((-self.choice.score(s), sentences[s][1], s) for s in shortlist.tolist()),
        )
        self.order = [s for _, _, s in scored[:k]]
        self.k = k
        return True
