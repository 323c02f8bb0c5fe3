"""One measure's mentions as figures: runs of alike values, grouped by what can all be true.

A figure's evidence is only the sentences of its own runs, each printing a value that is
that figure (the same value, or one that its qualifier makes compatible, "passed 12,000"
beside "12,700"); each evidence keeps the number as its source printed it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, groupby
from typing import Generic, TypeVar

from ..model import Evidence, Figure, Revision
from ..weights import Tally, Weights
from .conflicts import apart, conflict, near, split
from .figures import FigureMention
from .measures import comparable, one_thing, same_context
from .rivals import rival_readings

V = TypeVar("V")


class Run:
    """Mentions of one measure with the same value and qualifier sort key, in corpus order,
    with what their figure needs from them kept current as mentions are appended."""

    def __init__(self, mentions: Iterable[tuple[FigureMention, Evidence]] = ()) -> None:
        self.mentions: list[FigureMention] = []
        self.evidence: list[Evidence] = []
        self.sources: list[str] = []
        self.labels: dict[str, int] = {}  # label -> count
        self.qualifiers: set[str] = set()
        self.period: str | None = None
        self.unit: str | None = None
        self.group: Group | None = None
        for mention, evidence in mentions:
            self.append(mention, evidence)

    def append(self, mention: FigureMention, evidence: Evidence) -> None:
        self.labels[mention.label] = self.labels.get(mention.label, 0) + 1
        self.mentions.append(mention)
        self.evidence.append(evidence)
        self.sources.append(mention.source)
        self.qualifiers.add(mention.qualifier)
        self.period = self.period or mention.period
        if self.unit is None and mention.unit != "count":
            self.unit = mention.unit

    @property
    def first(self) -> FigureMention:
        return self.mentions[0]


class FirstSeen(Generic[V]):
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


class Rivals:
    """Two conflicting groups, as their conflict question needs them: made when first asked
    for, then kept current as mentions are appended to either group."""

    def __init__(self, one: Group, two: Group) -> None:
        self.tally = Tally(one.weights, chain(one.mention_sources(), two.mention_sources()))
        """The sources printing either figure: what the conflict weighs."""
        self.overlap = not one.sentences.run_of.keys().isdisjoint(two.sentences.run_of.keys())
        """Whether a sentence is evidence for both figures."""


class Group:
    """Runs of one measure whose values can all be true: one figure.

    A loose group ('more than £1bn' beside £1.2bn and £1.5bn, which disagree) agrees with
    several others: it shows what all their sources agree on, so it borrows their runs as
    evidence (each printing a value it allows) and conflicts with none of them.
    """

    def __init__(
        self, runs: list[Run], weights: Weights, borrowed: list[Run] | None = None
    ) -> None:
        self.loose = bool(borrowed)
        self.borrowed = len(borrowed or ())
        own = list(runs)
        runs = [*runs, *(borrowed or ())]
        self.runs = runs
        self.weights = weights
        self.tally = Tally(weights, self.mention_sources())
        """The sources printing the figure: what it weighs, duplicate groups once."""
        self.rivals: dict[Group, Rivals] = {}
        """Conflicting groups asked about so far (by `FigureIndex.weight_of`, `evidence_of`)."""
        self._source_ids: tuple[str, ...] | None = None
        self.figure: tuple[tuple[object, ...], Figure] | None = None
        self.serial = 0
        self.importance = 0.0
        self.index = {id(run): n for n, run in enumerate(runs)}
        self.pending: list[tuple[int, FigureMention, Evidence]] | None = None
        """Mentions appended since the last description (None: describe from scratch)."""
        for run in own:
            run.group = self

    @staticmethod
    def split(runs: Mapping[tuple[bool, float], Run], weights: Weights) -> list[Group]:
        """A measure's runs as figures: values that can all be true are one group."""
        parts: list[Run] = []
        for sort_key in sorted(runs):
            run = runs[sort_key]
            if len(run.qualifiers) == 1:
                parts.append(run)
            else:
                pairs = zip(run.mentions, run.evidence, strict=True)
                parts += [Run(same) for _, same in groupby(pairs, key=lambda p: p[0].qualifier)]
        consistent, loose = split([(part.first, n) for n, part in enumerate(parts)])
        groups = [Group([parts[n] for n in members], weights) for members in consistent]
        for n, agreeing in loose:
            borrowed = [parts[m] for g in agreeing for m in consistent[g]]
            groups.append(Group([parts[n]], weights, borrowed))
        return groups

    def disagrees(self, rival: Group, alone: Callable[[FigureMention], bool]) -> bool:
        """A rival value of the same measure: its own figure, printed by sources that do not
        print this one, for the same thing over the same period, each the only number of
        its kind in its sentence (a sentence listing '46 percent to 41 percent' compares
        things, and which is which is the reader's job), and within half again of each
        other (outlets that differ on one number differ by less)."""
        if rival is self or rival.loose:
            return False
        if not apart(self.sources.run_of, rival.sources.run_of):
            return False
        one, two = self.best, rival.best
        if not near(one.value, two.value) or not (alone(one) and alone(two)):
            return False
        return (
            comparable(one, two)
            and one_thing(one, two)
            and same_context(one, two)
            and rival_readings(one, two)
        )

    def append(self, run: Run, mention: FigureMention, evidence: Evidence) -> None:
        """A mention appended to one of the group's runs."""
        self.tally.add(mention.source)
        for rivals in self.rivals.values():
            rivals.tally.add(mention.source)
        if self.pending is not None:
            self.pending.append((self.index[id(run)], mention, evidence))

    def rivals_with(self, rival: Group) -> Rivals:
        """This group and a rival as a pair, made once and shared by the two."""
        rivals = self.rivals.get(rival)
        if rivals is None:
            rivals = self.rivals[rival] = rival.rivals[self] = Rivals(self, rival)
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
        """Distinct sources in first-seen order."""
        if self._source_ids is None:
            self._source_ids = tuple(self.sources.keys)
        return self._source_ids

    def describe(self, serial: int) -> None:
        """What the figure shows, from the runs: the same as reading every mention in order."""
        runs, self.serial, self.figure = self.runs, serial, None
        pending, self.pending = self.pending, []
        if pending is None:
            self.sentences: FirstSeen[Evidence] = FirstSeen(len(runs))
            self.sources: FirstSeen[None] = FirstSeen(len(runs))
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
            (r.first for r in runs[: len(runs) - self.borrowed]),
            key=lambda m: (m.qualifier != "exact", -counts[m.value], -m.value),
        )
        labels: Counter[str] = Counter()
        for run in runs:
            labels.update(run.labels)
        self.label = max(labels, key=lambda text: (labels[text], -abs(len(text.split()) - 6)))
        self.period = self.best.period or next((r.period for r in runs if r.period), None)
        unit = next((r.unit for r in runs if r.unit), "count")
        self.unit = self.best.unit if self.best.unit != "count" else unit


def describe_figure(
    figure_id: str,
    group: Group,
    rivals: list[tuple[str, Group]],
    revision: Revision | None = None,
) -> Figure:
    best, label = group.best, group.label
    return Figure(
        figure_id,
        best.value,
        group.unit,
        best.display,
        label,
        group.period,
        best.qualifier,
        group.evidence,
        tuple(
            conflict(best, label, rival_id, rival.best, rival.source_ids)
            for rival_id, rival in rivals
        ),
        revision,
    )
