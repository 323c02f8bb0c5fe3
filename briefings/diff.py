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


def summarize(briefing: Briefing) -> dict[str, Any]:
    """The JSON-able facts a later digest compares against."""
    by_id = {f.id: f for f in briefing.figures}
    return {
        "generated_at": briefing.generated_at,
        "sources": sorted(s.id for s in briefing.sources),
        "figures": {figure_key(f): f.display for f in briefing.figures},
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
    new_figures, revised = [], []
    for f in briefing.figures:
        before = old_figures.get(figure_key(f))
        if before is None:
            new_figures.append(f)
        elif before != f.display:
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
    return " vs ".join(sorted((f"{figure_key(figure)}={figure.display}",
                               f"{figure_key(other or figure)}={conflict.display}")))  # fmt: skip
