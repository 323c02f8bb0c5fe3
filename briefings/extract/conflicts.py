"""Figure mentions → figures: one figure per measure and value, conflicts linked.

Mentions of the same measure (same unit and direction, similar label, compatible period)
are one measure; labels compare with outlets' synonyms as one word ("plan", "scheme"), and
two sums in one currency pricing the same noun ("a £45m plan", "the £50m scheme") are one.
Within a measure, values that can all be true given their qualifiers ("passed 12,000" and
"12,700") are one figure; values that cannot ("up 33%" and "a 40% rise", "£45m" and
"£50m") become separate figures linked as a conflict.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, groupby
from typing import Generic, TypeVar

from .. import lexicon
from ..dedupe import Tally, Weights
from ..model import Conflict, Evidence, Figure
from .figures import FigureMention

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
V = TypeVar("V")


def interval(mention: FigureMention) -> tuple[float, float]:
    """The values a mention allows, given its qualifier and how round it is.

    >>> interval_of(12_000, "more than")
    (12000, inf)
    """
    return interval_of(mention.value, mention.qualifier)


def interval_of(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "more than" or qualifier == "at least":
        return (value, math.inf)
    if qualifier in ("up to", "less than"):
        return (0.0, value)
    if qualifier == "about":
        return (value * 0.9, value * 1.1)
    return (value - _rounding(value), value + _rounding(value))


def _rounding(value: float) -> float:
    """'12,000' may be 12,400 rounded; '33' is 33; '£50m' is not £45m: rounding stays
    within 5% of the value, as an outlet that rounds further would say 'about'."""
    if value < 1000 or value != int(value):
        return 0.5 if value == int(value) else 0.05
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    return min(0.5 * 10**zeros, 0.05 * value)


def _agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def _compatible_units(a: FigureMention, b: FigureMention) -> bool:
    if a.unit == b.unit:
        return True
    return {a.unit, b.unit} <= {"people", "count"}


def _periods_compatible(a: FigureMention, b: FigureMention) -> bool:
    years_a = set(_YEAR.findall(a.period or ""))
    years_b = set(_YEAR.findall(b.period or ""))
    return not (years_a and years_b and not years_a & years_b)


def _modifiers(mention: FigureMention) -> set[str]:
    """Capitalised words in a label ('Albanian arrivals'), by their first five letters."""
    words = re.findall(r"\b[A-Z][a-z]{3,}\b", mention.label)
    return {w[:5].lower() for w in words[1:] if w} | (
        {words[0][:5].lower()} if words and not mention.label.startswith(words[0]) else set()
    )


def same_measure(a: FigureMention, b: FigureMention) -> bool:
    """Could two mentions be about the same thing? Labels, units, periods, direction."""
    if not _comparable(a, b):
        return False
    if a.source == b.source and a.value == b.value and a.unit == b.unit:
        return True
    return _similar_labels(a, b, a.stems, b.stems) or _same_priced_thing(a, b)


_CURRENCIES = frozenset(lexicon.CURRENCY_SYMBOLS.values()) | frozenset(
    lexicon.CURRENCY_WORDS.values()
)


def _same_priced_thing(a: FigureMention, b: FigureMention) -> bool:
    """'a £45m plan' and 'the £50m scheme': one sum, if the noun it prices is the same (or
    a synonym), in one currency, and neither is more than a quarter more than the other.
    Outlets that differ on a sum differ by less; two sums that far apart are two things."""
    return (
        a.unit == b.unit
        and a.unit in _CURRENCIES
        and bool(a.head_stem)
        and a.head_stem == b.head_stem
        and max(a.value, b.value) <= 1.25 * min(a.value, b.value)
    )


def _comparable(a: FigureMention, b: FigureMention) -> bool:
    if not _compatible_units(a, b) or a.direction != b.direction:
        return False
    if a.value != b.value and a.sentence_id == b.sentence_id and a.source == b.source:
        return False  # one sentence never contradicts itself: "fell 2% to 18%"
    if not _periods_compatible(a, b):
        return False
    mods_a, mods_b = _modifiers(a), _modifiers(b)
    return not (mods_a and mods_b and not mods_a & mods_b)


def _similar_labels(
    a: FigureMention, b: FigureMention, sa: frozenset[str], sb: frozenset[str]
) -> bool:
    if not sa or not sb:
        return False
    shared = len(sa & sb)
    similarity = shared / len(sa | sb)
    close = _agree(interval(a), interval(b)) or (
        a.value and abs(a.value - b.value) / max(a.value, b.value) <= 0.1
    )
    return similarity >= 0.34 or (shared >= 1 and close and similarity >= 0.1)


def build_figures(mentions: list[FigureMention], weight: dict[str, float]) -> tuple[Figure, ...]:
    """Cluster mentions into measures, split each by consistent values, link conflicts."""
    weights = Weights()
    for source in dict.fromkeys(m.source for m in mentions):
        weights.add(source, weight.get(source, 1.0))
    index = FigureIndex(weights)
    index.add("", mentions)
    return index.figures()


STEM_CANDIDATES = 200
"""Only the first 200 kinds of mention with a label word are compared with the later ones
that share it, so a word every article uses does not make clustering quadratic."""


@dataclass
class _Kind:
    """Mentions alike in everything `same_measure` reads but their source: one measure."""

    node: int
    mention: FigureMention
    stems: frozenset[str]


class _Run:
    """Mentions of one measure with the same value and qualifier sort key, in corpus order,
    with what their figure needs from them kept current as mentions are appended."""

    def __init__(self, mentions: Iterable[tuple[FigureMention, Evidence]] = ()) -> None:
        self.mentions: list[FigureMention] = []
        self.evidence: list[Evidence] = []
        self.sentences: list[str] = []
        self.sources: list[str] = []
        self.labels: dict[str, list[int]] = {}  # label -> [count, first position]
        self.qualifiers: set[str] = set()
        self.period: str | None = None
        self.unit: str | None = None
        self.group: _Group | None = None
        for mention, evidence in mentions:
            self.append(mention, evidence)

    def append(self, mention: FigureMention, evidence: Evidence) -> None:
        if (seen := self.labels.get(mention.label)) is not None:
            seen[0] += 1
        else:
            self.labels[mention.label] = [1, len(self.mentions)]
        self.mentions.append(mention)
        self.evidence.append(evidence)
        self.sentences.append(mention.sentence_id)
        self.sources.append(mention.source)
        self.qualifiers.add(mention.qualifier)
        self.period = self.period or mention.period
        if self.unit is None and mention.unit != "count":
            self.unit = mention.unit

    @property
    def first(self) -> FigureMention:
        return self.mentions[0]


class _FirstSeen(Generic[V]):
    """Distinct keys (with a value each) in the order they first occur across a group's
    runs, kept as mentions are appended to runs: the keys first seen in the first run, in
    order, then those first seen in the second, and so on. A key seen before only in a
    later run moves to the end of this run's keys."""

    def __init__(self, runs: int) -> None:
        self.keys: list[str] = []
        self.values: list[V] = []
        self.run_of: dict[str, int] = {}
        self.per_run = [0] * runs
        self._joined: list[tuple[int, str]] = [(0, "")] * runs
        """Per run: how many of its first keys `joined` has read, and their texts."""

    def add(self, key: str, run: int, value: V) -> bool:
        """A key's occurrence appended to a run (after everything already in it); whether
        the key is new."""
        seen = self.run_of.get(key)
        if seen is not None:
            if seen <= run:
                return False
            start = sum(self.per_run[:seen])
            at = self.keys.index(key, start, start + self.per_run[seen])
            del self.keys[at], self.values[at]
            self.per_run[seen] -= 1
            if at - start < self._joined[seen][0]:
                self._joined[seen] = (0, "")
        at = sum(self.per_run[: run + 1])
        self.keys.insert(at, key)
        self.values.insert(at, value)
        self.per_run[run] += 1
        self.run_of[key] = run
        return seen is None

    def joined(self, text: Mapping[str, str]) -> str:
        """Each key's text (which must not change), comma-separated, in order: only the
        keys appended to a run since the last call are looked up."""
        start = 0
        for run, count in enumerate(self.per_run):
            read, joined = self._joined[run]
            if read < count:
                more = ", ".join(map(text.__getitem__, self.keys[start + read : start + count]))
                self._joined[run] = (count, f"{joined}, {more}" if read else more)
            start += count
        return ", ".join(joined for read, joined in self._joined if read)


class _Rivals:
    """Two conflicting groups, as their conflict question needs them: made when first asked
    for, then kept current as mentions are appended to either group."""

    def __init__(self, one: _Group, two: _Group) -> None:
        self.tally = Tally(one.weights, chain(one.mention_sources(), two.mention_sources()))
        """The sources printing either figure: what the conflict weighs."""
        self.overlap = not one.sentences.run_of.keys().isdisjoint(two.sentences.run_of.keys())
        """Whether a sentence is evidence for both figures."""


class _Group:
    """Runs of one measure whose values can all be true: one figure.

    A shared group is a loose value ("more than £1bn") that agrees with several groups
    which conflict with each other: it shows what all their sources agree on, so it
    borrows their runs as evidence and conflicts with none of them.
    """

    def __init__(
        self, runs: list[_Run], weights: Weights, borrowed: list[_Run] | None = None
    ) -> None:
        self.own = len(runs)
        self.shared = bool(borrowed)
        runs = [*runs, *(borrowed or ())]
        self.runs = runs
        self.weights = weights
        self.tally = Tally(weights, self.mention_sources())
        """The sources printing the figure: what it weighs, duplicate groups once."""
        self.rivals: dict[_Group, _Rivals] = {}
        """Conflicting groups asked about so far (by `FigureIndex.weight_of`, `evidence_of`)."""
        self._source_ids: tuple[str, ...] | None = None
        self.figure: tuple[tuple[object, ...], Figure] | None = None
        self.serial = 0
        self.index = {id(run): n for n, run in enumerate(runs)}
        self.pending: list[tuple[int, FigureMention, Evidence]] | None = None
        """Mentions appended since the last description (None: describe from scratch)."""
        for run in runs[: self.own]:
            run.group = self

    def append(self, run: _Run, mention: FigureMention, evidence: Evidence) -> None:
        """A mention appended to one of the group's runs."""
        self.tally.add(mention.source)
        for rivals in self.rivals.values():
            rivals.tally.add(mention.source)
        if self.pending is not None:
            self.pending.append((self.index[id(run)], mention, evidence))

    def rivals_with(self, rival: _Group) -> _Rivals:
        """This group and a rival as a pair, made once and shared by the two."""
        rivals = self.rivals.get(rival)
        if rivals is None:
            rivals = self.rivals[rival] = rival.rivals[self] = _Rivals(self, rival)
        return rivals

    def release(self) -> None:
        """The group is out of date: let its tallies go."""
        self.tally.release()
        for rivals in self.rivals.values():
            rivals.tally.release()

    def mention_sources(self) -> Iterator[str]:
        """The source of each mention in the runs (repeats included)."""
        return chain.from_iterable(run.sources for run in self.runs)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Distinct sources in first-seen order: made only for groups that are a rival."""
        if self._source_ids is None:
            self._source_ids = tuple(self.sources.keys)
        return self._source_ids

    def describe(self, serial: int) -> None:
        """What the figure shows, from the runs: the same as reading every mention in order."""
        runs, self.serial, self.figure = self.runs, serial, None
        pending, self.pending = self.pending, []
        if pending is None:
            self.sentences: _FirstSeen[Evidence] = _FirstSeen(len(runs))
            self.sources: _FirstSeen[None] = _FirstSeen(len(runs))
            pending = [
                (n, mention, evidence)
                for n, run in enumerate(runs)
                for mention, evidence in zip(run.mentions, run.evidence, strict=True)
            ]
        for n, mention, evidence in pending:
            if self.sentences.add(mention.sentence_id, n, evidence):
                for rival, rivals in self.rivals.items():
                    # A sentence new to both groups is seen by whichever is described last.
                    rivals.overlap |= mention.sentence_id in rival.sentences.run_of
            self.sources.add(mention.source, n, None)
        self._source_ids = None
        self.evidence = tuple(self.sentences.values)
        counts: Counter[float] = Counter()
        for run in runs:
            counts[run.first.value] += len(run.mentions)
        self.best = min(
            (r.first for r in runs[: self.own]),
            key=lambda m: (m.qualifier != "exact", -counts[m.value], -m.value),
        )
        labels: dict[str, list[int]] = {}
        for run in runs:
            for text, (count, _) in run.labels.items():
                labels.setdefault(text, [0])[0] += count
        self.label = max(labels, key=lambda text: (labels[text][0], -abs(len(text.split()) - 6)))
        self.period = self.best.period or next((r.period for r in runs if r.period), None)
        unit = next((r.unit for r in runs if r.unit), "count")
        self.unit = self.best.unit if self.best.unit != "count" else unit


class _Measure:
    """A cluster of mentions, by (qualifier, value) sort key, and its groups once split."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.runs: dict[tuple[bool, float], _Run] = {}
        self.groups: list[_Group] | None = None
        self.shared = False
        """A group borrows runs: appending to any run re-splits the measure."""


class FigureIndex:
    """Figures kept current as articles come and go: `build_figures`, one article at a time.

    Mentions alike in all but their source are one `_Kind`, clustered once; clusters only
    merge while articles are added. A mention like one its measure already has joins that
    run and group; anything else splits the measure again. Removing an article re-clusters
    everything on the next look.
    """

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self._by_id: dict[str, _Group] = {}
        self._docs: dict[str, list[tuple[int, FigureMention]]] = {}
        self._counter = 0
        self._pending: list[tuple[int, FigureMention]] = []
        self._valid = True
        self._serial = 0
        self._reset()

    def _reset(self) -> None:
        for measure in getattr(self, "_measures", {}).values():
            for group in measure.groups or ():
                group.release()
        self._kinds: dict[tuple[object, ...], _Kind] = {}
        self._parent: list[int] = []
        self._measures: dict[int, _Measure] = {}
        self._stems: dict[tuple[str, int], dict[str, list[_Kind]]] = {}
        self._by_value: dict[tuple[str, int, str, float], list[tuple[FigureMention, int]]] = {}
        self._order: dict[int, int] = {}
        self._dirty: dict[int, _Group] = {}

    def add(self, key: str, mentions: Iterable[FigureMention]) -> None:
        items = [(self._counter + n, m) for n, m in enumerate(mentions)]
        self._counter += len(items)
        self._docs.setdefault(key, []).extend(items)
        self._pending.extend(items)

    def remove(self, key: str) -> None:
        if self._docs.pop(key, None):
            self._valid = False

    def settle(self) -> None:
        """Place the mentions added since the last look now rather than at the next one."""
        self._refresh()

    def figures(self) -> tuple[Figure, ...]:
        """The figures, best first: measures by their best group's weight, then groups."""
        self._refresh()
        measures = sorted(self._measures.values(), key=lambda m: m.first)
        for measure in measures:
            if measure.groups is None:
                measure.groups = self._split(measure)
        for group in self._dirty.values():
            self._serial += 1
            group.describe(self._serial)
        self._dirty = {}
        best: list[float] = []
        for measure in measures:
            for group in measure.groups or ():
                group.importance = float(group.tally)
            best.append(max(g.importance for g in measure.groups or ()))
        ordered = sorted(
            ((n, g) for n, measure in enumerate(measures) for g in measure.groups or ()),
            key=lambda pair: (-best[pair[0]], pair[0], -pair[1].importance),
        )
        ids = {group.serial: f"f{n + 1}" for n, (_, group) in enumerate(ordered)}
        self._by_id = {ids[group.serial]: group for _, group in ordered}
        figures = []
        for n, group in ordered:
            rivals = [
                g
                for g in measures[n].groups or ()
                if g is not group and not g.shared and _apart(group, g)
            ]
            rivals = [] if group.shared else rivals
            stamp = (ids[group.serial], *((ids[r.serial], r.serial) for r in rivals))
            if group.figure is None or group.figure[0] != stamp:
                figure = _figure(ids[group.serial], group, [(ids[r.serial], r) for r in rivals])
                group.figure = (stamp, figure)
            figures.append(group.figure[1])
        return tuple(figures)

    def evidence_of(self, a: str, b: str) -> tuple[Evidence, ...]:
        """Two figures' evidence, without repeats, in first-seen order."""
        one, two = self._by_id[a], self._by_id[b]
        evidence = one.evidence + two.evidence
        if one.rivals_with(two).overlap:
            evidence = tuple(dict.fromkeys(evidence))
        return evidence

    def names_of(self, figure_id: str, names: Mapping[str, str]) -> str:
        """The names of a figure's sources (by source id), comma-separated, in first-seen
        order (that of its evidence: a sentence is one source's): kept joined, so only
        sources new to the figure are looked up."""
        return self._by_id[figure_id].sources.joined(names)

    def weight_of(self, a: str, b: str) -> float:
        """The weight of the sources of two figures (duplicate groups once)."""
        return float(self._by_id[a].rivals_with(self._by_id[b]).tally)

    # -- clustering ------------------------------------------------------------------------
    def _refresh(self) -> None:
        if not self._valid:
            self._reset()
            self._valid = True
            self._pending = sorted(item for items in self._docs.values() for item in items)
        pending, self._pending = self._pending, []
        for ordinal, mention in pending:
            self._place(ordinal, mention)

    def _place(self, ordinal: int, mention: FigureMention) -> None:
        self._order[id(mention)] = ordinal
        evidence = Evidence(mention.source, mention.sentence_id, mention.sentence, mention.display)
        stems = mention.stems
        block = ("people" if mention.unit == "count" else mention.unit, mention.direction)
        key = (
            mention.unit, mention.direction, frozenset(_YEAR.findall(mention.period or "")),
            frozenset(_modifiers(mention)), stems, mention.value, mention.qualifier,
        )  # fmt: skip
        kind = self._kinds.get(key) if stems else None
        if kind is None:
            kind = _Kind(len(self._parent), mention, stems)
            self._parent.append(kind.node)
            self._measures[kind.node] = _Measure(ordinal)
            if stems:
                self._kinds[key] = kind
            postings = self._stems.setdefault(block, {})
            others: dict[int, _Kind] = {}
            for stem in stems:
                posting = postings.setdefault(stem, [])
                if len(posting) < STEM_CANDIDATES:
                    others.update((k.node, k) for k in posting)
                    posting.append(kind)
            for other in others.values():
                if self._find(other.node) != self._find(kind.node) and _same_kind_measure(
                    other, kind
                ):
                    self._union(other.node, kind.node)
        same_value = self._by_value.setdefault((*block, mention.source, mention.value), [])
        for other, node in same_value:
            if self._find(node) != self._find(kind.node) and same_measure(other, mention):
                self._union(node, kind.node)
        same_value.append((mention, kind.node))
        measure = self._measures[self._find(kind.node)]
        sort_key = (mention.qualifier != "exact", -mention.value)
        run = measure.runs.get(sort_key)
        if run is None:
            measure.runs[sort_key] = _Run([(mention, evidence)])
            self._unsplit(measure)
        else:
            run.append(mention, evidence)
            if len(run.qualifiers) > 1 or measure.shared:
                self._unsplit(measure)
            elif measure.groups is not None and run.group is not None:
                run.group.append(run, mention, evidence)
                self._dirty[id(run.group)] = run.group

    def _find(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _union(self, a: int, b: int) -> None:
        """Merge two clusters, keeping each sort key's mentions in corpus order."""
        a, b = self._find(a), self._find(b)
        keep, gone = self._measures[a], self._measures.pop(b)
        self._parent[b] = a
        keep.first = min(keep.first, gone.first)
        for sort_key, run in gone.runs.items():
            if (mine := keep.runs.get(sort_key)) is None:
                keep.runs[sort_key] = run
                continue
            merged = heapq.merge(
                zip(mine.mentions, mine.evidence, strict=True),
                zip(run.mentions, run.evidence, strict=True),
                key=lambda pair: self._order[id(pair[0])],
            )
            keep.runs[sort_key] = _Run(merged)
        self._unsplit(keep)
        self._unsplit(gone)

    def _unsplit(self, measure: _Measure) -> None:
        """The measure's groups are out of date: let their tallies go."""
        for group in measure.groups or ():
            group.release()
            self._dirty.pop(id(group), None)
        measure.groups = None
        measure.shared = False

    def _split(self, measure: _Measure) -> list[_Group]:
        """Values that can all be true are one group (greedy over the sorted mentions)."""
        consistent: list[list[_Run]] = []
        common: list[tuple[float, float]] = []
        loose: list[tuple[_Run, list[int]]] = []
        for sort_key in sorted(measure.runs):
            run = measure.runs[sort_key]
            if len(run.qualifiers) == 1:
                runs = [run]
            else:
                pairs = zip(run.mentions, run.evidence, strict=True)
                runs = [_Run(same) for _, same in groupby(pairs, key=lambda p: p[0].qualifier)]
            for part in runs:
                # Alike mentions have the same interval and land in the same group.
                span = interval(part.first)
                # Intervals that pairwise overlap share a common point (Helly, in 1-D).
                agree = [n for n in range(len(consistent)) if _agree(span, common[n])]
                if len(agree) > 1 and part.first.qualifier != "exact":
                    loose.append((part, agree))
                elif agree:
                    n = agree[0]
                    consistent[n].append(part)
                    common[n] = (max(span[0], common[n][0]), min(span[1], common[n][1]))
                else:
                    consistent.append([part])
                    common.append(span)
        groups = [_Group(runs, self.weights) for runs in consistent]
        for part, agree in loose:
            borrowed = [run for n in agree for run in consistent[n]]
            groups.append(_Group([part], self.weights, borrowed))
        measure.shared = bool(loose)
        self._dirty.update((id(g), g) for g in groups)
        return groups


def _apart(a: _Group, b: _Group) -> bool:
    """Sources disagree only where each value has a source that does not print the other:
    a source printing both ("a £45m plan for stations and a £60m plan for depots") is
    telling two things apart, unless others print one value alone ("not 9,400 as reported")."""
    one, two = set(a.source_ids), set(b.source_ids)
    return bool(one - two) and bool(two - one)


def _same_kind_measure(a: _Kind, b: _Kind) -> bool:
    """`same_measure` of two kinds, apart from the same-source rule (checked per mention)."""
    return _comparable(a.mention, b.mention) and (
        _similar_labels(a.mention, b.mention, a.stems, b.stems)
        or _same_priced_thing(a.mention, b.mention)
    )


def _figure(figure_id: str, group: _Group, rivals: list[tuple[str, _Group]]) -> Figure:
    best, label = group.best, group.label
    conflicts = tuple(
        Conflict(
            figure=rival_id,
            value=rival.best.value,
            display=rival.best.display,
            sources=rival.source_ids,
            note=f"{best.display} vs {rival.best.display}: cannot both be true for {label}",
        )
        for rival_id, rival in rivals
    )
    return Figure(
        figure_id,
        best.value,
        group.unit,
        best.display,
        label,
        group.period,
        best.qualifier,
        group.evidence,
        conflicts,
    )
