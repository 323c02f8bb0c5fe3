"""Figure mentions → figures: mentions of one measure merged, one figure per value.

Mentions are one measure when they count the same thing over the same period: the same
unit and direction, compatible periods, the same head noun where both name one (with
outlets' synonyms as one word: "posts"/"jobs", "plan"/"scheme") and labels that share
their words. A measure's first mention leads it and a later mention joins the first
measure whose leader it matches, so measures never chain unrelated mentions together
through a series of slightly similar labels, however large the story grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..model import Evidence, Figure, Revision
from ..weights import Weights
from .figure_groups import Group, Run, describe_figure
from .figures import FigureMention
from .measures import (
    comparable,
    modifiers,
    official,
    one_thing,
    same_measure,
    similar_labels,
    unit_of,
)
from .measures import stems as stems_of
from .rivals import moments_apart, running

STEM_CANDIDATES = 200
"""Only the first 200 measures with a label word are compared with later mentions that
share it, so a word every article uses does not make merging quadratic."""


SMALL = 20
"""Counts below this recur in an article for unrelated things."""

MAX_VALUES = 3
"""Outlets that disagree on a number print two or three values; a label under which four
or more values all disagree ('years ago', 'killed') names a kind of thing, not one measure."""


def build_figures(mentions: list[FigureMention], weight: dict[str, float]) -> tuple[Figure, ...]:
    """Merge mentions into measures, split each by consistent values, link conflicts."""
    weights = Weights()
    for source in dict.fromkeys(m.source for m in mentions):
        weights.add(source, weight.get(source, 1.0))
    index = FigureIndex(weights)
    index.add("", mentions)
    return index.figures()


def _unit_class(mention: FigureMention) -> str:
    """Mentions that may be one measure share this: their unit, counted nouns by synonym."""
    return "people" if mention.unit == "count" else unit_of(mention)


class _Measure:
    """Mentions of one measure, as runs by (qualifier, value) sort key, and its groups
    (figures) once split."""

    def __init__(self, leader: FigureMention, first: int) -> None:
        self.leader = leader
        self.first = first
        self.runs: dict[tuple[bool, float], Run] = {}
        self.groups: list[Group] | None = None
        self.rivals: dict[int, list[Group]] | None = None
        """Each group's rivals (by group id), worked out again when a group changes."""
        self.revisions: dict[int, Group] | None = None
        """The earlier group each later official group revises (by group id)."""

    @property
    def shared(self) -> bool:
        """A group borrows runs: appending to any run splits the measure again."""
        return any(g.loose for g in self.groups or ())


class FigureIndex:
    """Figures kept current as articles come and go: `build_figures`, one article at a time.

    Mentions alike in all but their source are one kind, placed once. A mention like one
    its measure already has joins that run and figure; anything else splits the measure
    again. Removing an article places everything again on the next look.
    """

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self._by_id: dict[str, Group] = {}
        self._docs: dict[str, list[tuple[int, FigureMention]]] = {}
        self._counter = 0
        self._pending: list[tuple[int, FigureMention]] = []
        self._valid = True
        self._serial = 0
        self._published: dict[str, str] = {}
        self._folded: dict[tuple[int, ...], tuple[tuple[Figure, ...], Figure]] = {}
        """Figures with another's evidence folded in, kept while their parts are the same
        objects, so a live story's next briefing hands back the same figure."""
        self._reset()

    def _reset(self) -> None:
        for measure in getattr(self, "_measures", []):
            for group in measure.groups or ():
                group.release()
        self._kinds: dict[tuple[object, ...], _Measure] = {}
        self._measures: list[_Measure] = []
        self._leaders: dict[str, dict[str, list[_Measure]]] = {}
        self._by_value: dict[tuple[object, ...], list[tuple[FigureMention, _Measure]]] = {}
        self._dirty: dict[int, Group] = {}
        self._per_sentence: dict[tuple[str, str], list[FigureMention]] = {}

    def add(
        self, key: str, mentions: Iterable[FigureMention], published: str | None = None
    ) -> None:
        """An article's mentions (`key`: its source id) and when it was published."""
        if published:
            self._published[key] = published
        items = [(self._counter + n, m) for n, m in enumerate(mentions)]
        self._counter += len(items)
        self._docs.setdefault(key, []).extend(items)
        self._pending.extend(items)

    def remove(self, key: str) -> None:
        self._published.pop(key, None)
        if self._docs.pop(key, None):
            self._valid = False

    def settle(self) -> None:
        """Place the mentions added since the last look now rather than at the next one."""
        self._refresh()

    def figures(self) -> tuple[Figure, ...]:
        """The figures, best first: measures by their best group's weight, then groups."""
        self._refresh()
        measures = self._measures
        for measure in measures:
            if measure.groups is None:
                measure.groups = Group.split(measure.runs, self.weights)
                self._dirty.update((id(g), g) for g in measure.groups)
        for group in self._dirty.values():
            self._serial += 1
            group.describe(self._serial)
        dirty, self._dirty = self._dirty, {}
        best: list[float] = []
        for measure in measures:
            for group in measure.groups or ():
                group.importance = float(group.tally)
            best.append(max(g.importance for g in measure.groups or ()))
            if measure.rivals is None or any(id(g) in dirty for g in measure.groups or ()):
                measure.rivals, measure.revisions = self._rivals(measure.groups or [])
        ordered = sorted(
            ((n, g) for n, measure in enumerate(measures) for g in measure.groups or ()),
            key=lambda pair: (-best[pair[0]], pair[0], -pair[1].importance),
        )
        ids = {group.serial: f"f{n + 1}" for n, (_, group) in enumerate(ordered)}
        self._by_id = {ids[group.serial]: group for _, group in ordered}
        figures = []
        for n, group in ordered:
            rivals = (measures[n].rivals or {}).get(id(group), [])
            earlier = (measures[n].revisions or {}).get(id(group))
            stamp = (
                ids[group.serial],
                *((ids[r.serial], r.serial) for r in rivals),
                earlier and (ids[earlier.serial], earlier.serial),
            )
            if group.figure is None or group.figure[0] != stamp:
                revision = (
                    None if earlier is None else self._revision(ids[earlier.serial], earlier, group)
                )
                figure = describe_figure(
                    ids[group.serial], group, [(ids[r.serial], r) for r in rivals], revision
                )
                group.figure = (stamp, figure)
            figures.append(group.figure[1])
        return _once_per_outlet(figures, [group for _, group in ordered], self._folded)

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

    # -- merging ----------------------------------------------------------------------------
    def _refresh(self) -> None:
        if not self._valid:
            self._reset()
            self._valid = True
            self._pending = sorted(item for items in self._docs.values() for item in items)
        pending, self._pending = self._pending, []
        for ordinal, mention in pending:
            self._place(ordinal, mention)

    def _rivals(self, groups: list[Group]) -> tuple[dict[int, list[Group]], dict[int, Group]]:
        """Each group's rival values (none when more than `MAX_VALUES` disagree), and the
        groups that revise an earlier one: a value only sources published later print,
        one of them in an official's words, replaces the earlier value."""
        if len(groups) < 2:
            return {}, {}
        rivals = {
            id(g): [h for h in groups if g.disagrees(h, self._alone) and self._same_day(g, h)]
            for g in groups
            if not g.loose
        }
        if sum(1 for found in rivals.values() if found) > MAX_VALUES:
            return {}, {}
        revisions: dict[int, Group] = {}
        by_id = {id(g): g for g in groups}
        for key, found in rivals.items():
            later = by_id[key]
            for earlier in list(found):
                if self._revises(later, earlier):
                    revisions[key] = earlier
                    found.remove(earlier)
                    rivals[id(earlier)].remove(later)
        for key, found in rivals.items():
            found[:] = [g for g in found if not self._moments_apart(by_id[key], g)]
        return rivals, revisions

    def _moments_apart(self, one: Group, two: Group) -> bool:
        periods = [m.period for g in (one, two) for run in g.runs for m in run.mentions]
        return moments_apart(self._dates(one), self._dates(two), periods)

    def _same_day(self, one: Group, two: Group) -> bool:
        """A running tally is a count up to the day it was printed: two of them printed
        on different days do not disagree (undated, they may be the same day's)."""
        if not (running(one.best) or running(two.best)):
            return True
        days = {date[:10] for date in (*self._dates(one), *self._dates(two))}
        return len(days) == 1 or "" in days

    def _dates(self, group: Group) -> list[str]:
        return [self._published.get(s, "") for s in group.source_ids]

    def _revises(self, later: Group, earlier: Group) -> bool:
        after, before = self._dates(later), self._dates(earlier)
        if not all(after) or not all(before) or min(after) <= max(before):
            return False
        return any(official(m) for run in later.runs for m in run.mentions)

    def _revision(self, figure_id: str, earlier: Group, later: Group) -> Revision:
        return Revision(
            figure_id,
            earlier.best.value,
            earlier.best.display,
            earlier.source_ids,
            max(self._dates(earlier)),
            min(self._dates(later)),
        )

    def _alone(self, mention: FigureMention) -> bool:
        """The only number of its unit for much the same thing in its sentence."""
        others = self._per_sentence[(mention.sentence_id, _unit_class(mention))]
        return not any(o is not mention and similar_labels(o, mention) for o in others)

    def _place(self, ordinal: int, mention: FigureMention) -> None:
        key = (mention.sentence_id, _unit_class(mention))
        self._per_sentence.setdefault(key, []).append(mention)
        evidence = Evidence(mention.source, mention.sentence_id, mention.sentence, mention.display)
        stems = stems_of(mention)
        block = _unit_class(mention)
        kind = (
            mention.unit, mention.direction, mention.period, modifiers(mention),
            stems, mention.head_stem, mention.value, mention.qualifier,
        )  # fmt: skip
        measure = self._kinds.get(kind) if stems else None
        same_value = self._by_value.setdefault((block, mention.source, mention.value), [])
        if measure is None:
            measure = self._measure_of(mention, block, same_value)
            if measure is None:
                measure = _Measure(mention, ordinal)
                self._measures.append(measure)
                leaders = self._leaders.setdefault(block, {})
                for stem in stems:
                    posting = leaders.setdefault(stem, [])
                    if len(posting) < STEM_CANDIDATES:
                        posting.append(measure)
            if stems:
                self._kinds[kind] = measure
        same_value.append((mention, measure))
        sort_key = (mention.qualifier != "exact", -mention.value)
        run = measure.runs.get(sort_key)
        if run is None:
            measure.runs[sort_key] = Run([(mention, evidence)])
            self._unsplit(measure)
        else:
            run.append(mention, evidence)
            if len(run.qualifiers) > 1 or measure.shared:
                self._unsplit(measure)
            elif measure.groups is not None and run.group is not None:
                run.group.append(run, mention, evidence)
                self._dirty[id(run.group)] = run.group

    def _measure_of(
        self,
        mention: FigureMention,
        block: str,
        same_value: list[tuple[FigureMention, _Measure]],
    ) -> _Measure | None:
        """The measure a new kind of mention joins: the earliest whose leader it matches;
        else that of the same value printed earlier by the same source, if comparable and
        not a small count (an article's 'two candidates' and 'two states' are two things)."""
        leaders = self._leaders.get(block, {})
        candidates = {id(m): m for s in stems_of(mention) for m in leaders.get(s, ())}
        matching = [
            m
            for m in candidates.values()
            if comparable(m.leader, mention) and one_thing(m.leader, mention)
        ]
        if matching:
            return min(matching, key=lambda m: m.first)
        if mention.value < SMALL and mention.unit in ("count", "people"):
            return None
        for other, measure in same_value:
            if same_measure(other, mention):
                return measure
        return None

    def _unsplit(self, measure: _Measure) -> None:
        """The measure's groups are out of date: let their tallies go."""
        for group in measure.groups or ():
            group.release()
            self._dirty.pop(id(group), None)
        measure.groups = None
        measure.rivals = measure.revisions = None


def _once_per_outlet(
    figures: list[Figure],
    groups: list[Group],
    made: dict[tuple[int, ...], tuple[tuple[Figure, ...], Figure]],
) -> tuple[Figure, ...]:
    """An outlet that prints its own number twice in other words ('a 40% rise' in its
    headline, 'a 40% increase' below) may have one mention read with another outlet's
    measure and the other left alone: the lone one folds into the figure that has the
    outlet's same number for the same measure, so the number shows once."""
    same_number: dict[tuple[float, str], list[int]] = {}
    revised = {f.revised_from.figure for f in figures if f.revised_from is not None}
    for n, figure in enumerate(figures):
        same_number.setdefault((figure.value, figure.unit), []).append(n)
    into: dict[int, list[Figure]] = {}
    for numbered in same_number.values():
        if len(numbered) < 2:
            continue  # the usual case: nothing else prints this number
        for n in numbered:
            figure, sources = figures[n], groups[n].source_ids
            if len(sources) != 1 or figure.conflicts or figure.revised_from is not None:
                continue
            if figure.id in revised:
                continue  # a later figure names it as what it revised: it stays shown
            source, lone = sources[0], groups[n].runs[0].first
            host = next(
                (
                    m
                    for m in numbered
                    if m != n
                    and (len(groups[m].source_ids) > 1 or figures[m].conflicts)
                    and source in groups[m].source_ids
                    and any(
                        mention.source == source and same_measure(mention, lone)
                        for run in groups[m].runs
                        for mention in run.mentions
                    )
                ),
                None,
            )
            if host is not None:
                into.setdefault(host, []).append(figure)
    if not into:
        return tuple(figures)
    kept: dict[tuple[int, ...], tuple[tuple[Figure, ...], Figure]] = {}
    for n, parts in into.items():
        key = tuple(map(id, (figures[n], *parts)))
        found = made.get(key)
        if found is None or any(
            a is not b for a, b in zip(found[0], (figures[n], *parts), strict=True)
        ):
            evidence = (*figures[n].evidence, *(e for g in parts for e in g.evidence))
            found = ((figures[n], *parts), replace(figures[n], evidence=evidence))
        kept[key] = found
        figures[n] = found[1]
    made.clear()
    made.update(kept)
    folded = {id(f) for fs in into.values() for f in fs}
    return tuple(f for f in figures if id(f) not in folded)
