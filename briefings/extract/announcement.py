"""The announcement: headline, summary and key points, chosen from source sentences.

Extractive by construction: every line is a sentence some source printed. Sentences are
scored by agreement: how much of their vocabulary the other sources (duplicate groups
counted once) share, weighted by rarity, so the line most outlets report wins. Choosing
is greedy with a redundancy check, so the summary does not say one thing twice.

Scoring and choosing live here; the index of sentences, classes and pools that keeps them
cheap as a story grows is `announcement_index`. Only the top of a ranking is re-scored in
plain Python, the arithmetic the definition uses, so the choice is exact (`EPSILON`). A
point's supporting sentences are found class by class, and each point keeps its support
(`announcement_support`) so the next announcement reads only what was added since, as
long as that provably gives the same answer.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..config import EngineConfig
from ..model import Announcement, Document, Evidence, Point
from .anchors import anchors, distinctive
from .announcement_index import EPSILON, Ranking, SentenceIndex
from .announcement_support import RARE_WORDS, SLOT_BITS, SLOT_MASK, Support, head_key
from .restates import restates

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

ASK_SCAN = 40
"""How far down the ranking the summary's ask is sought: a story's asks are among its
best-agreed sentences, and the search stays bounded as a story grows."""


class _Choice:
    """One announcement: the corpus's agreement scores, then the greedy choice."""

    def __init__(
        self, index: SentenceIndex, config: EngineConfig, supports: dict[int, Support]
    ) -> None:
        self.index = index
        self.config = config
        self.last = supports
        self.n_groups = max(len(index.group_docs), 1)
        self.idf: dict[str, float] = {}
        self.value: dict[str, float] = {}
        self.norms: dict[frozenset[str], float] = {}
        self.overlaps: dict[tuple[int, int, float], bool] = {}
        self.chosen: list[int] = []
        self.restated: dict[int, list[int]] = {}
        """A chosen line → the lines passed over as saying it in other words."""
        self.supports: dict[int, Support] = {}
        self.klass, self.doc = index.klass.view(), index.doc.view()
        self.factor, self.df = index.factor.view(), index.df.view()
        n = self.n_groups
        df = self.df.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(df > 0, (df - 1) / n * np.log(1 + n / df), 0.0)
        lengths = index.lengths.view()
        gathered = values[index.flat.view()]
        if len(gathered):
            starts = np.minimum(index.starts.view(), len(gathered) - 1)
            sums = np.where(lengths > 0, np.add.reduceat(gathered, starts), 0.0)
        else:
            sums = np.zeros(len(lengths))
        with np.errstate(divide="ignore", invalid="ignore"):
            self.agreement = np.where(lengths > 0, sums / np.sqrt(lengths), 0.0)
        weights = index.weight
        self.candidates, self.leads = (
            Ranking(self.score, index.sentences, pool, self.agreement, weights)
            for pool in index.pools
        )

    # -- exact arithmetic, as reading sentence by sentence would do it ----------------------
    def _idf(self, term: str) -> float:
        if term not in self.idf:
            count = int(self.df[self.index.term_ids[term]])
            self.idf[term] = math.log(1 + self.n_groups / count)
        return self.idf[term]

    def score(self, slot: int) -> float:
        index = self.index
        stems = index.stems[slot]
        agreement = 0.0
        if stems:
            n, df, ids = self.n_groups, self.df, index.term_ids
            for term in stems:
                if term not in self.value:
                    self.value[term] = (int(df[ids[term]]) - 1) / n * self._idf(term)
            agreement = sum(map(self.value.__getitem__, stems)) / math.sqrt(len(stems))
        w = float(index.weight[self.doc[slot]])
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
        usual to the headline), printing one of its numbers and somewhat close, or the
        same thing in other words (`restates`)."""
        index = self.index
        shared = anchors(index.stems[a]) & anchors(index.stems[b])
        if any(map(distinctive, shared)):
            return True
        if shared and self._overlaps(a, b, ANCHORED_REDUNDANT):
            return True
        threshold = LEAD_REDUNDANT if b == self.chosen[0] else REDUNDANT
        if not shared and self._overlaps(a, b, threshold):
            return True
        return restates(index.sentences[a][2], index.sentences[b][2])

    def _overlaps(self, a: int, b: int, threshold: float) -> bool:
        """_overlap(stems of a, stems of b) >= threshold, decided per class of `a`
        unless it is too close to call."""
        index = self.index
        key = (int(self.klass[a]), b, threshold)
        if key not in self.overlaps:
            value = self._overlap(index.class_stems[key[0]], index.stems[b])
            if abs(value - threshold) <= EPSILON:
                return self._overlap(index.stems[a], index.stems[b]) >= threshold
            self.overlaps[key] = value >= threshold
        return self.overlaps[key]

    # -- choosing ---------------------------------------------------------------------------
    def announcement(self) -> Announcement:
        config = self.config
        headline = self._pick(self.leads, 1, config.headline_max_words)
        asks = self._asks(config.summary_sentences - 1)
        summary = asks + self._pick(self.leads, config.summary_sentences - 1 - len(asks))
        summary = summary or self._pick(self.candidates, 1)
        points = self._pick(self.candidates, config.max_points)
        made: dict[int, Point] = {}

        def point(slot: int) -> Point:
            if slot not in made:
                text = self.index.sentences[slot][2]
                made[slot] = Point(text, self._support(slot), self._also(slot))
            return made[slot]

        return Announcement(
            headline=point(headline[0]) if headline else None,
            summary=tuple(point(s) for s in [*headline, *summary]),
            points=tuple(point(s) for s in points),
        )

    def _asks(self, room: int) -> list[int]:
        """The best-agreed ask or decision with its number ('asked for a £38m loan'), when
        another source carries it too, in its words or as its own ask with the same sum:
        agreement alone lets the background every outlet repeats crowd it out of the
        summary. Sought among the top of the ranking only."""
        if room < 1:
            return []
        for n, slot in enumerate(self.candidates):
            if n >= ASK_SCAN:
                break
            if not self.index.asks[slot] or any(self._redundant(slot, c) for c in self.chosen):
                continue
            group = self.index.group.view()  # duplicate groups count once
            carried = len({int(group[d]) for d in self.index.carriers(slot)}) >= 2
            if carried or len({e.source for e in self._support(slot)}) >= 2:
                self.chosen.append(slot)
                return [slot]
        return []

    def _pick(self, pool: Ranking, count: int, max_words: int | None = None) -> list[int]:
        picked: list[int] = []
        for slot in pool:
            if len(picked) >= count:
                break
            if max_words and len(self.index.sentences[slot][2].split()) > max_words:
                continue
            same = next((c for c in self.chosen if self._redundant(slot, c)), None)
            if same is not None:
                self.restated.setdefault(same, []).append(slot)
                continue
            picked.append(slot)
            self.chosen.append(slot)
        return picked

    def _also(self, slot: int) -> tuple[Evidence, ...]:
        """Other sources reporting a line's fact whose sentences are not close enough in
        words to be its support: lines passed over as restating it, and, for an ask, each
        source's ask printing its sum (verification checks each prints it)."""
        index, text = self.index, self.index.sentences[slot][2]
        seen = {e.source for e in self._support(slot)}
        others = [s for s in self.restated.get(slot, ()) if restates(text, index.sentences[s][2])]
        if index.asks[slot]:
            others += index.carriers(slot).values()
        found: list[Evidence] = []
        for other in others:
            if (source := index.sentences[other][0]) not in seen:
                seen.add(source)
                found.append(index.evidence(other))
        return tuple(found)

    def _support(self, slot: int) -> tuple[Evidence, ...]:
        """The point's sentence, then for each other source its first sentence that says
        much the same: ranked by how many of the point's 12 rarest words it shares, ties
        in corpus order (reading every sentence of the corpus would give the same).

        The last announcement's support for the same point is caught up with the sentences
        added since, unless a removal, other rare words or a class's verdict moving with
        the words' weights means gathering it again. Once per announcement (`_asks` too)."""
        if (done := self.supports.get(slot)) is not None:
            return done.built
        index = self.index
        stems = index.stems[slot]
        rare = sorted(stems, key=lambda t: -self._idf(t))[:RARE_WORDS]
        support = self.last.get(slot)
        if (
            support is None
            or support.rare != rare
            or support.removals != index.removals
            or not self._catch_up(support, stems)
        ):
            support = self._gather(slot, stems, rare)
        self.supports[slot] = support
        return support.built

    def _passes(self, stems: frozenset[str], number: int) -> bool | None:
        """Whether a class says much the same as the point; None: too close to call for
        the class as a whole, its sentences are judged one by one."""
        threshold = self._threshold(stems, self.index.class_stems[number])
        value = self._overlap(stems, self.index.class_stems[number])
        return None if abs(value - threshold) <= EPSILON else value >= threshold

    def _threshold(self, point: frozenset[str], other: frozenset[str]) -> float:
        """How close a sentence must be to support a point: less when it prints one of
        the point's numbers."""
        if anchors(point) & anchors(other):
            return min(ANCHORED_SUPPORT, self.config.support_threshold)
        return self.config.support_threshold

    def _gather(self, slot: int, stems: frozenset[str], rare: list[str]) -> Support:
        """The support from scratch: numpy over the classes sharing two rare words."""
        index = self.index
        n_classes = len(index.class_stems)
        doc = int(self.doc[slot])
        support = Support(rare, index.removals, n_classes, {}, {}, {}, doc)
        support.built = (index.evidence(slot),)
        if not rare:
            return support
        postings = [np.frombuffer(index.postings[index.term_ids[t]], dtype=np.int64) for t in rare]
        shared = np.bincount(np.concatenate(postings), minlength=n_classes)
        first = np.full(n_classes, len(rare), dtype=np.int64)
        for rank in range(len(rare) - 1, -1, -1):
            first[postings[rank]] = rank
        alive = index.alive.view()
        found: list[np.ndarray] = []
        for number in np.flatnonzero(shared >= 2).tolist():
            members = np.frombuffer(index.members[number], dtype=np.int64)
            members = members[alive[members]]
            if not len(members):
                support.dead[number] = len(index.members[number])
                continue
            head = support.heads[number] = head_key(int(shared[number]), int(first[number]))
            verdict = self._passes(stems, number)
            if verdict is False:
                continue
            support.read[number] = len(index.members[number])
            if verdict is None:
                threshold = self._threshold(stems, index.class_stems[number])
                keep = [self._overlap(stems, index.stems[m]) >= threshold for m in members]
                members = members[np.array(keep, dtype=bool)]
            found.append((head << SLOT_BITS) | members)
        if found:
            keys = np.sort(np.concatenate(found))
            docs = self.doc[keys & SLOT_MASK]
            _, at = np.unique(docs, return_index=True)
            at.sort()
            keys = keys[at[docs[at] != doc]]
            support.keys = keys.tolist()
            support.evidence = [index.evidence(k & SLOT_MASK) for k in support.keys]
            support.built = (*support.built, *support.evidence)
        return support

    def _catch_up(self, support: Support, stems: frozenset[str]) -> bool:
        """Merge into a point's last support the sentences added since; False when a
        class's verdict is no longer the same (or too close to call): gather again."""
        index = self.index
        rank = {term: n for n, term in enumerate(support.rare)}
        for number in range(support.classes, len(index.class_stems)):
            ranks = [rank[t] for t in index.class_stems[number] if t in rank]
            if len(ranks) >= 2:
                support.heads[number] = head_key(len(ranks), min(ranks))
                support.read[number] = 0  # judged just below, with the others
        support.classes = len(index.class_stems)
        if any(len(index.members[n]) != read for n, read in support.dead.items()):
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
            members = index.members[number]
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
                support.evidence.insert(at, index.evidence(key & SLOT_MASK))
            support.built = (support.built[0], *support.evidence)
        return True


class AnnouncementIndex:
    """The sentence index and the last announcement's points' support, by slot, which the
    next announcement catches up with what was added."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self.sentences = SentenceIndex()
        self.supports: dict[int, Support] = {}

    def add(
        self,
        doc: Document,
        stems: Sequence[frozenset[str]],
        points: Sequence[bool],
        base: float = 1.0,
    ) -> None:
        """An article, with its sentences' content stems, which of them are `eligible` as
        points, and its weight before it is shared with its duplicate group."""
        self.sentences.add(doc, stems, points, base)

    def remove(self, source_id: str) -> None:
        self.sentences.remove(source_id)

    def announcement(
        self, groups: Mapping[str, str], moved: Iterable[str] | None = None
    ) -> Announcement:
        """Headline, summary and points. `moved`: the articles whose duplicate group
        changed since the last call (None: any)."""
        self.sentences.reweigh(groups, moved)
        choice = _Choice(self.sentences, self.config, self.supports)
        made = choice.announcement()
        self.supports = choice.supports
        return made
