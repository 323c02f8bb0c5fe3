"""HTML: the whole briefing as one self-contained web page, for a reader outside the chat.

Every line opens (a `<details>` element: no JavaScript, works from the keyboard) to the
sentences it was read from and their links. The page carries its own CSS and draws its
chart as inline SVG on the server, so it loads nothing from anywhere else.

Jinja2 with autoescaping: article text is only ever a value, escaped on the way out, and
links from articles are kept only when they are http(s).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..corrections import Mark, editors
from ..dates import spoken_time
from ..extract.numbers import read_quantities
from ..model import Briefing, Evidence, Figure, Point, TimelineEvent
from ..resources import shipped
from ..text import safe_url, strip_controls
from ..timeline import day_label

TEMPLATES = shipped("templates")
MAX_EVIDENCE = 12
"""Sentences shown under one line; a quote said in hundreds of articles lists the first."""
MAX_MEASURES = 12
"""Measures in the chart; the list below it has every figure."""
MAX_EVENTS = 300
"""Timeline events on the page, the latest; the spreadsheet's Timeline sheet has them all."""
CHART_WIDTH = 360
"""The chart's width in CSS pixels: drawn 1:1 on a desktop, barely scaled on a phone."""
ROW_HEIGHT = 40


@dataclass(frozen=True)
class Cited:
    """One sentence behind a line: its source's number and name, the words, and a link."""

    number: int
    outlet: str
    title: str
    sentence: str
    url: str | None


@dataclass(frozen=True)
class Bar:
    """One outlet's number for a measure, as that outlet printed it."""

    outlet: str
    number: int
    display: str
    fraction: float
    """Bar length as a share of the measure's largest value (0 to 1)."""


@dataclass(frozen=True)
class Measure:
    label: str
    bars: tuple[Bar, ...]
    disputed: bool


def printed_value(display: str, fallback: float) -> float:
    """The number an outlet printed ('more than 12,000' → 12000.0), for a bar's length;
    `fallback` (the figure's own value) when the words hold no numeral ('doubled').

    >>> printed_value("more than 12,000", 0.0), printed_value("doubled", 2.0)
    (12000.0, 2.0)
    """
    quantities = read_quantities(display)
    return quantities[0].value if quantities else fallback


def chart(briefing: Briefing, numbers: dict[str, int]) -> tuple[Measure, ...]:
    """The measures two or more outlets report, each outlet's own printed number as a bar:
    where they agree the bars match, where they differ (rounding, or a conflict) a reader
    sees by how much."""
    by_id = {f.id: f for f in briefing.figures}
    measures: list[Measure] = []
    grouped: set[str] = set()
    for lead, rivals in _disagreements(briefing):
        members = [lead, *(by_id[c.figure] for c in rivals if c.figure in by_id)]
        grouped.update(f.id for f in members)
        measures.append(_measure(lead.label, members, briefing, numbers, disputed=True))
    for figure in briefing.figures:
        if figure.id not in grouped:
            measures.append(_measure(figure.label, [figure], briefing, numbers, disputed=False))
    return tuple(m for m in measures if len(m.bars) > 1)[:MAX_MEASURES]


def _disagreements(briefing: Briefing) -> list[tuple[Figure, list[Any]]]:
    grouped: dict[str, tuple[Figure, list[Any]]] = {}
    for lead, conflict in briefing.conflicts:
        grouped.setdefault(lead.id, (lead, []))[1].append(conflict)
    return list(grouped.values())


def _measure(
    label: str,
    figures: Sequence[Figure],
    briefing: Briefing,
    numbers: dict[str, int],
    *,
    disputed: bool,
) -> Measure:
    rows: list[tuple[str, int, str, float]] = []
    seen: set[tuple[str, str]] = set()
    for figure in figures:
        for e in figure.evidence:
            display = e.display or figure.display
            if (e.source, display) in seen or e.source not in numbers:
                continue
            seen.add((e.source, display))
            value = abs(printed_value(display, figure.value))
            rows.append((briefing.source(e.source).name, numbers[e.source], display, value))
    top = max((r[3] for r in rows), default=0.0)
    bars = tuple(Bar(o, n, d, v / top if top else 0.0) for o, n, d, v in rows)
    return Measure(label, bars, disputed)


def timeline_days(
    events: Sequence[TimelineEvent],
) -> list[tuple[str, str, list[TimelineEvent]]]:
    """The latest events, oldest first, grouped by the day as a reader says it (with the ISO
    day, for a `<time>` element)."""
    days: dict[str, tuple[str, list[TimelineEvent]]] = {}
    for event in events[-MAX_EVENTS:]:
        days.setdefault(day_label(event), (event.day, []))[1].append(event)
    return [(label, day, shown) for label, (day, shown) in days.items()]


def view(briefing: Briefing) -> dict[str, Any]:
    """What the page template sees: the briefing, plus helpers that turn evidence into
    numbered, linked sentences."""
    numbers = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    by_id = {f.id: f for f in briefing.figures}

    def cite(ids: Iterable[str]) -> str:
        marks = sorted({numbers[i] for i in ids if i in numbers})
        return "[" + ",".join(map(str, marks)) + "]" if marks else ""

    def cited(evidence: Sequence[Evidence]) -> list[Cited]:
        out, seen = [], set()
        for e in evidence:
            if e.source not in numbers or (e.source, e.sentence_id) in seen:
                continue
            seen.add((e.source, e.sentence_id))
            source = briefing.source(e.source)
            out.append(
                Cited(
                    numbers[e.source], source.name, source.title, e.sentence, safe_url(source.url)
                )
            )
            if len(out) == MAX_EVIDENCE:
                break
        return out

    def more(evidence: Sequence[Evidence]) -> int:
        """How many sentences `cited` left out."""
        return max(0, len({(e.source, e.sentence_id) for e in evidence}) - MAX_EVIDENCE)

    def fixed(marks: tuple[Mark, ...]) -> str:
        return f"corrected by {editors(marks)}" if marks else ""

    def also(point: Point) -> list[Evidence]:
        """Sentences of the sources that report the point in their own words."""
        return [e for e in point.support if e.source in point.also]

    def rival(figure_id: str) -> Figure | None:
        return by_id.get(figure_id)

    return {
        "b": briefing,
        "a": briefing.announcement,
        "numbers": numbers,
        "cite": cite,
        "cited": cited,
        "more": more,
        "fixed": fixed,
        "also": also,
        "rival": rival,
        "safe_url": safe_url,
        "when": spoken_time,
        "measures": chart(briefing, numbers),
        "days": timeline_days(briefing.timeline),
        "max_events": MAX_EVENTS,
        "chart_width": CHART_WIDTH,
        "row_height": ROW_HEIGHT,
    }


def _finalize(value: Any) -> Any:
    """Values on their way out: None shows as nothing, and control characters from
    articles are dropped (autoescaping then escapes the rest)."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_controls(value)
    return value


@lru_cache(maxsize=2)
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def render_html(briefing: Briefing) -> str:
    return environment().get_template("briefing.html.j2").render(view(briefing))
