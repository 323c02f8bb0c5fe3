"""The story's timeline: dated events, each citing the sentences that date it.

Three kinds of event, all extractive:

- *published*: each outlet's first article, "first reported by OUTLET" on its date, citing
  the article's opening sentence;
- *dated*: a sentence that writes a date ("met on Thursday", "last month", "on 12 May"),
  the date read against that article's own publication date (`briefings.dates`), never
  against today; an undated article gives only the dates it writes in full. The same event
  told by several outlets (same date, mostly the same words) is one event citing each;
- *version*: what the story's stored versions record (first briefing, new speaker, figure
  revised, conflict opened or settled), from the bot's version history: `version_events`.

Verification (`check_event`, called by `briefings.verify`) keeps an event only if its
sentence stands verbatim in a cited source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from .dates import find_dates
from .diff import figure_key, value_key
from .model import Briefing, Document, Evidence, Figure, Source, TimelineEvent
from .text import content_stems, jaccard
from .verbatim import fold

SAME_EVENT = 0.3
"""Jaccard overlap of meaning words (the date's own words left out) above which two
outlets' sentences on the same date tell the same event."""

NOT_IN_SOURCE = "cited sentence not in its source"
EVENT_NOT_VERBATIM = "event's sentence not verbatim in a cited source"
NO_CITATION_LEFT = "no citation left"

_PRECISION_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}
_KIND_ORDER = {"published": 0, "dated": 1, "version": 2}

Dated = tuple[TimelineEvent, frozenset[str]]
"""A dated sentence's event and its meaning words, as one article gives them."""


def published_day(published: str | None) -> date | None:
    """An article's publication date (its UTC date when it has a time); None if unknown."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip()).date()
    except ValueError:
        return None


def dated_sentences(doc: Document) -> tuple[Dated, ...]:
    """One event per sentence that writes a date: the first date it writes (the one its
    main clause hangs on, in news style), read against this article's own date."""
    published = published_day(doc.source.published)
    found = []
    for sentence in doc.sentences:
        mentions = find_dates(sentence.text, published)
        if not mentions:
            continue
        m = mentions[0]
        evidence = Evidence(doc.source.id, sentence.id, sentence.text)
        event = TimelineEvent(
            m.day.isoformat(), m.precision, "dated", sentence.text, (evidence,), m.phrase
        )
        found.append((event, content_stems(sentence.text) - content_stems(m.phrase)))
    return tuple(found)


def first_reports(docs: Iterable[Document]) -> tuple[TimelineEvent, ...]:
    """'first reported by OUTLET' on the date of each outlet's earliest dated article,
    citing its opening sentence."""
    first: dict[str, tuple[date, Document]] = {}
    for doc in docs:
        day = published_day(doc.source.published)
        if day is None or not doc.sentences:
            continue
        name = doc.source.name
        if name not in first or day < first[name][0]:
            first[name] = (day, doc)
    events = []
    for name, (day, doc) in first.items():
        s = doc.sentences[0]
        evidence = (Evidence(doc.source.id, s.id, s.text),)
        events.append(TimelineEvent(day.isoformat(), "day", "published",
                                    f"first reported by {name}", evidence))  # fmt: skip
    return tuple(events)


def timeline(
    sources: Sequence[Source],
    reports: Iterable[TimelineEvent],
    dated: Mapping[str, Sequence[Dated]],
) -> tuple[TimelineEvent, ...]:
    """The story's events in date order: `reports` (`first_reports`) and each source's
    dated sentences (`dated_sentences`, by source id), the same event from several
    sources merged into one citing them all (the earliest source's sentence shown)."""
    groups: dict[tuple[str, str], list[tuple[TimelineEvent, frozenset[str], list[Evidence]]]]
    groups = {}
    for source in sources:
        for event, stems in dated.get(source.id, ()):
            clusters = groups.setdefault((event.day, event.precision), [])
            same = next((c for c in clusters if jaccard(c[1], stems) >= SAME_EVENT), None)
            if same is None:
                clusters.append((event, stems, list(event.evidence)))
            elif all(e.source != source.id for e in same[2]):
                same[2].extend(event.evidence)
    merged = [
        replace(event, evidence=tuple(evidence))
        for clusters in groups.values()
        for event, _, evidence in clusters
    ]
    return ordered([*reports, *merged], [s.id for s in sources])


def ordered(events: Iterable[TimelineEvent], sources: Sequence[str]) -> tuple[TimelineEvent, ...]:
    """By date; on one date, coarser spans first ('March' before 'Thursday 5 March'), then
    publications, dated sentences and versions, each in source order."""
    rank = {s: n for n, s in enumerate(sources)}

    def key(e: TimelineEvent) -> tuple[str, int, int, int, str]:
        first = min((rank.get(s, len(rank)) for s in e.sources), default=len(rank))
        return (e.day, _PRECISION_ORDER[e.precision], _KIND_ORDER[e.kind], first, e.text)

    return tuple(sorted(events, key=key))


def without_sources(
    events: Sequence[TimelineEvent], removed: set[str]
) -> tuple[TimelineEvent, ...]:
    """The events left when articles are taken out of the story (an editor's correction):
    their citations go, and events that cited only them."""
    if not removed:
        return tuple(events)
    kept = []
    for event in events:
        evidence = tuple(e for e in event.evidence if e.source not in removed)
        if evidence and event.kind == "dated" and evidence[0] is not event.evidence[0]:
            evidence = ()  # the sentence shown was the removed article's
        if evidence:
            kept.append(event if len(evidence) == len(event.evidence) else
                        replace(event, evidence=evidence))  # fmt: skip
    return tuple(kept)


def check_event(
    event: TimelineEvent, in_source: Callable[[Evidence], bool]
) -> tuple[TimelineEvent | None, list[str], int]:
    """Verification of one event: each citation's sentence must be its source's, and a
    dated event's sentence (and its date's words) must stand verbatim in the first kept."""
    kept = tuple(e for e in event.evidence if in_source(e))
    reasons = [NOT_IN_SOURCE] * (len(event.evidence) - len(kept))
    if kept and event.kind == "dated":
        shown = fold(kept[0].sentence)
        if fold(event.text) not in shown or fold(event.phrase) not in shown:
            reasons.append(EVENT_NOT_VERBATIM)
            kept = ()
    if not kept:
        return None, [*reasons, NO_CITATION_LEFT], len(event.evidence)
    if len(kept) == len(event.evidence):
        return event, reasons, len(kept)
    return replace(event, evidence=kept), reasons, len(event.evidence)


def version_events(
    history: Sequence[tuple[str, Mapping[str, Any]]],
    briefing: Briefing,
    zone: tzinfo = UTC,
) -> tuple[TimelineEvent, ...]:
    """Events from the story's successive versions, oldest first: each a (created_at,
    `diff.summarize` summary) pair, as the bot stores them. Each event cites what the
    current `briefing` still holds (a speaker gone since cannot be cited, so is left out);
    dates are in `zone`."""
    events: list[TimelineEvent] = []
    seen: set[str] = set()
    figures = {figure_key(f): f for f in briefing.figures}
    by_value = {value_key(f.unit, f.value): f for f in briefing.figures}
    leads = {s.id: s for s in briefing.sources}

    def add(when: str, text: str, evidence: Iterable[Evidence]) -> None:
        cited = tuple(dict.fromkeys(evidence))
        day = _local_day(when, zone)
        if cited and day and text not in seen:
            seen.add(text)
            events.append(TimelineEvent(day, "day", "version", text, cited))

    previous: Mapping[str, Any] | None = None
    for when, summary in history:
        if previous is None or not previous.get("sources"):
            if summary.get("sources"):
                count = len(summary["sources"])
                cited = [_opening(briefing, s) for s in summary["sources"] if s in leads]
                add(when, f"first briefed from {count} article{'s' * (count != 1)}",
                    (e for e in cited if e))  # fmt: skip
            previous = summary
            continue
        old_quotes = previous.get("quotes", {})
        for speaker in summary.get("quotes", {}):
            if speaker not in old_quotes:
                reaction = next((r for r in briefing.reactions if r.speaker == speaker), None)
                if reaction is not None:
                    add(when, f"new speaker: {speaker}", _first_each(
                        e for q in reaction.quotes for e in q.evidence))  # fmt: skip
        old_figures = previous.get("figures", {})
        for key, display in summary.get("figures", {}).items():
            before = old_figures.get(key)
            figure = figures.get(key)
            if before is None or before == display or figure is None:
                continue
            printing = [e for e in figure.evidence if (e.display or figure.display) == display]
            add(when, f"figure revised: {figure.label}, {before} → {display}",
                _first_each(printing))  # fmt: skip
        old_conflicts = set(previous.get("conflicts", ()))
        new_conflicts = set(summary.get("conflicts", ()))
        for key in sorted(new_conflicts - old_conflicts):
            add(when, *_conflict_event("conflict opened", key, by_value))
        for key in sorted(old_conflicts - new_conflicts):
            add(when, *_conflict_event("conflict settled", key, by_value))
        previous = summary
    return tuple(events)


def day_label(event: TimelineEvent) -> str:
    """How a reader sees an event's date: 'Thu 5 Mar 2026', 'week of 2 Mar 2026',
    'March 2026' or '2026', as precise as the source was.

    >>> day_label(TimelineEvent("2026-03-02", "week", "dated", "…", ()))
    'week of 2 Mar 2026'
    """
    day = date.fromisoformat(event.day)
    if event.precision == "year":
        return str(day.year)
    if event.precision == "month":
        return f"{day:%B %Y}"
    if event.precision == "week":
        return f"week of {day.day} {day:%b %Y}"
    return f"{day:%a} {day.day} {day:%b %Y}"


def with_versions(briefing: Briefing, events: Iterable[TimelineEvent]) -> Briefing:
    """The briefing with version events (`version_events`) in its timeline, in order."""
    merged = ordered([*briefing.timeline, *events], [s.id for s in briefing.sources])
    return replace(briefing, timeline=merged)


def _conflict_event(
    what: str, key: str, by_value: Mapping[str, Figure]
) -> tuple[str, list[Evidence]]:
    sides = [by_value.get(v) for v in key.split(" vs ")]
    present = [f for f in sides if f is not None]
    shown = " vs ".join(f.display for f in present)
    label = present[0].label if present else ""
    return f"{what}: {label}, {shown}", [e for f in present for e in f.evidence[:1]]


def _first_each(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The first citation from each source."""
    found: dict[str, Evidence] = {}
    for e in evidence:
        found.setdefault(e.source, e)
    return list(found.values())


def _opening(briefing: Briefing, source_id: str) -> Evidence | None:
    s = briefing.sentences.get(f"{source_id}:0")
    return Evidence(source_id, s.id, s.text) if s else None


def _local_day(when: str, zone: tzinfo) -> str | None:
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date().isoformat()
