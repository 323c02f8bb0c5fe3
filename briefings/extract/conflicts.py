"""Figure mentions → figures: one figure per measure and value, conflicts linked.

Mentions of the same measure (same unit and direction, similar label, compatible period)
are one measure. Within a measure, values that can all be true given their qualifiers
("passed 12,000" and "12,700") are one figure; values that cannot ("up 33%" and "a 40%
rise") become separate figures linked as a conflict.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..model import Conflict, Evidence, Figure
from .figures import FigureMention

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    """'12,000' may be 12,400 rounded; '33' is 33."""
    if value < 1000 or value != int(value):
        return 0.5 if value == int(value) else 0.05
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    return 0.5 * 10**zeros


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
    if not _compatible_units(a, b) or a.direction != b.direction:
        return False
    if not _periods_compatible(a, b):
        return False
    mods_a, mods_b = _modifiers(a), _modifiers(b)
    if mods_a and mods_b and not mods_a & mods_b:
        return False
    if a.source == b.source and a.value == b.value and a.unit == b.unit:
        return True
    sa, sb = a.stems, b.stems
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
    measures = _cluster(mentions)
    groups: list[list[list[FigureMention]]] = []
    for measure in measures:
        consistent: list[list[FigureMention]] = []
        common: list[tuple[float, float]] = []
        for mention in sorted(measure, key=lambda m: (m.qualifier != "exact", -m.value)):
            span = interval(mention)
            for n, group in enumerate(consistent):
                # Intervals that pairwise overlap share a common point (Helly, in 1-D).
                if _agree(span, common[n]):
                    group.append(mention)
                    common[n] = (max(span[0], common[n][0]), min(span[1], common[n][1]))
                    break
            else:
                consistent.append([mention])
                common.append(span)
        groups.append(consistent)

    def importance(group: list[FigureMention]) -> float:
        return sum(weight.get(s, 1.0) for s in {m.source for m in group})

    weights = {id(g): importance(g) for measure in groups for g in measure}
    best = [max(weights[id(g)] for g in measure) for measure in groups]
    ordered = sorted(
        ((m, g) for m, measure in enumerate(groups) for g in measure),
        key=lambda pair: (-best[pair[0]], pair[0], -weights[id(pair[1])]),
    )
    ids = {id(group): f"f{n + 1}" for n, (_, group) in enumerate(ordered)}
    figures = []
    for measure_index, group in ordered:
        rivals = [g for g in groups[measure_index] if g is not group]
        figures.append(_figure(ids[id(group)], group, [(ids[id(r)], r) for r in rivals]))
    return tuple(figures)


def _cluster(mentions: list[FigureMention]) -> list[list[FigureMention]]:
    """Single-link clusters of mentions of the same measure (blocked by unit)."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_unit: dict[tuple[str, int], list[int]] = {}
    for i, m in enumerate(mentions):
        unit = "people" if m.unit == "count" else m.unit
        by_unit.setdefault((unit, m.direction), []).append(i)
    for members in by_unit.values():
        index: dict[str, list[int]] = {}
        for i in members:
            for stem in mentions[i].stems:
                index.setdefault(stem, []).append(i)
        by_value: dict[tuple[str, float], list[int]] = {}
        for i in members:
            by_value.setdefault((mentions[i].source, mentions[i].value), []).append(i)
        for i in members:
            candidates = {j for stem in mentions[i].stems for j in index[stem][:200] if j > i}
            candidates |= {j for j in by_value[(mentions[i].source, mentions[i].value)] if j > i}
            for j in candidates:
                if find(i) != find(j) and same_measure(mentions[i], mentions[j]):
                    parent[find(j)] = find(i)
    clusters: dict[int, list[FigureMention]] = {}
    for i, mention in enumerate(mentions):
        clusters.setdefault(find(i), []).append(mention)
    return list(clusters.values())


def _figure(
    figure_id: str, group: list[FigureMention], rivals: list[tuple[str, list[FigureMention]]]
) -> Figure:
    best = _representative(group)
    labels = Counter(m.label for m in group)
    label = max(labels, key=lambda text: (labels[text], -abs(len(text.split()) - 6)))
    period = best.period or next((m.period for m in group if m.period), None)
    evidence = tuple(dict.fromkeys(Evidence(m.source, m.sentence_id, m.sentence) for m in group))
    conflicts = tuple(
        Conflict(
            figure=rival_id,
            value=_representative(rival).value,
            display=_representative(rival).display,
            sources=tuple(dict.fromkeys(m.source for m in rival)),
            note=f"{best.display} vs {_representative(rival).display}: cannot both be true "
            f"for {label}",
        )
        for rival_id, rival in rivals
    )
    return Figure(
        figure_id,
        best.value,
        best.unit if best.unit != "count" else _unit(group),
        best.display,
        label,
        period,
        best.qualifier,
        evidence,
        conflicts,
    )


def _unit(group: list[FigureMention]) -> str:
    units = [m.unit for m in group if m.unit != "count"]
    return units[0] if units else "count"


def _representative(group: list[FigureMention]) -> FigureMention:
    """The most precise statement: exact beats 'more than'; more sources beat fewer."""
    counts = Counter(m.value for m in group)
    return min(group, key=lambda m: (m.qualifier != "exact", -counts[m.value], -m.value))
