"""What changed between two briefings: the "since your last digest" part of a digest.

A digest stores a small JSON `summary` of the briefing it showed; the next digest compares
the current briefing with it, so each channel hears about each change once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Briefing, Conflict, Figure, OpenQuestion, Quote, Reaction, Source


@dataclass(frozen=True)
class Changes:
    first: bool  # no earlier digest to compare with
    sources: tuple[Source, ...] = ()
    figures: tuple[Figure, ...] = ()
    revised: tuple[tuple[str, Figure], ...] = ()  # (display before, figure now)
    conflicts: tuple[tuple[Figure, Conflict], ...] = ()
    speakers: tuple[Reaction, ...] = ()
    quotes: tuple[tuple[Reaction, Quote], ...] = ()
    questions: tuple[OpenQuestion, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(
            (self.sources, self.figures, self.revised, self.conflicts, self.speakers,
             self.quotes, self.questions)
        )  # fmt: skip


def figure_key(figure: Figure) -> str:
    """One measure across briefings: what it counts, in which unit, over which period."""
    return f"{figure.unit}|{figure.label.lower()}|{(figure.period or '').lower()}"


def value_key(unit: str, value: float) -> str:
    """One number in one unit, whatever it counts: a figure whose label changed as sources
    came in (a new majority wording, a merge) is not a new figure."""
    return f"{unit}|{value:g}"


def summarize(briefing: Briefing) -> dict[str, Any]:
    """The JSON-able facts a later digest compares against."""
    by_id = {f.id: f for f in briefing.figures}
    return {
        "generated_at": briefing.generated_at,
        "sources": sorted(s.id for s in briefing.sources),
        "figures": {figure_key(f): f.display for f in briefing.figures},
        "values": sorted({value_key(f.unit, f.value) for f in briefing.figures}),
        "conflicts": sorted(
            _conflict_key(f, by_id.get(c.figure), c) for f, c in briefing.conflicts
        ),
        "quotes": {r.speaker: sorted(q.text for q in r.quotes) for r in briefing.reactions},
        "questions": sorted(q.question for q in briefing.open_questions),
    }


def changes(previous: Mapping[str, Any] | None, briefing: Briefing) -> Changes:
    """Everything in `briefing` that the `previous` summary did not have."""
    if previous is None:
        return Changes(first=True)
    old_figures = previous.get("figures", {})
    old_quotes = previous.get("quotes", {})
    old_conflicts = set(previous.get("conflicts", []))
    old_questions = set(previous.get("questions", []))
    old_sources = set(previous.get("sources", []))
    by_id = {f.id: f for f in briefing.figures}
    old_values = set(previous.get("values", ()))
    new_figures, revised = [], []
    for f in briefing.figures:
        before = old_figures.get(figure_key(f))
        earlier = f.revised_from
        if earlier is not None and value_key(f.unit, earlier.value) in old_values:
            if value_key(f.unit, f.value) not in old_values:
                revised.append((earlier.display, f))
        elif before is None:
            if value_key(f.unit, f.value) not in old_values:
                new_figures.append(f)
        elif before != f.display and value_key(f.unit, f.value) not in old_values:
            revised.append((before, f))
    speakers, quotes = [], []
    for r in briefing.reactions:
        if r.speaker not in old_quotes:
            speakers.append(r)
        else:
            known = set(old_quotes[r.speaker])
            quotes += [(r, q) for q in r.quotes if q.text not in known]
    return Changes(
        first=False,
        sources=tuple(s for s in briefing.sources if s.id not in old_sources),
        figures=tuple(new_figures),
        revised=tuple(revised),
        conflicts=tuple(
            (f, c)
            for f, c in briefing.conflicts
            if _conflict_key(f, by_id.get(c.figure), c) not in old_conflicts
        ),
        speakers=tuple(speakers),
        quotes=tuple(quotes),
        questions=tuple(q for q in briefing.open_questions if q.question not in old_questions),
    )


def _conflict_key(figure: Figure, other: Figure | None, conflict: Conflict) -> str:
    """The two values, not the labels: a disagreement stays the same one as its label
    changes with new sources."""
    return " vs ".join(sorted((value_key(figure.unit, figure.value),
                               value_key((other or figure).unit, conflict.value))))  # fmt: skip
