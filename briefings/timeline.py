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

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import Any

from .dates import DateMention, find_dates
from .diff import figure_key, value_key
from .model import Briefing, Document, Evidence, Figure, TimelineEvent
from .text import TEXT_CACHE, content_stems, jaccard
from .verbatim import fold
from .verify_quotes import NO_CITATION_LEFT, NOT_IN_SOURCE

SAME_EVENT = 0.3
"""Jaccard overlap of meaning words (the date's own words left out) above which two
outlets' sentences on the same date tell the same event."""

EVENT_NOT_VERBATIM = "event's sentence not verbatim in a cited source"

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
        m = _first_date(sentence.text, published)
        if m is None:
            continue
        evidence = Evidence(doc.source.id, sentence.id, sentence.text)
        event = TimelineEvent(
            m.day.isoformat(), m.precision, "dated", sentence.text, (evidence,), m.phrase
        )
        found.append((event, content_stems(sentence.text) - content_stems(m.phrase)))
    return tuple(found)


@lru_cache(maxsize=TEXT_CACHE)
def _first_date(text: str, published: date | None) -> DateMention | None:
    """The first date a sentence writes: cached, as a story's outlets repeat sentences."""
    mentions = find_dates(text, published)
    return mentions[0] if mentions else None


@dataclass(eq=False)  # hashed by identity: each is one event
class _Cluster:
    """One event as several sources tell it: the meaning words of the first sentence put
    in it, and each sentence, as added."""

    stems: frozenset[str]
    members: list[TimelineEvent]
    built: tuple[tuple[int, ...], TimelineEvent] | None = None


SourceKey = tuple[str, str, str, int]
"""Where a source stands among the story's: publication date, outlet, path, arrival."""


class TimelineIndex:
    """The story's dated events, kept merged and in order as articles are added and
    removed: adding an article costs the events it touches, not the story's size, and an
    event that did not change is handed back as the same object, so verification remembers
    it (`verify.Verifier`). A merged event is told in its earliest source's words and cites
    each source once; 'first reported by OUTLET' is each outlet's earliest dated article."""

    def __init__(self) -> None:
        self._dated: dict[str, tuple[Dated, ...]] = {}
        """By source id, in the order added."""
        self._keys: dict[str, SourceKey] = {}
        self._counter = 0
        self._openings: dict[str, tuple[date, str, Evidence]] = {}
        """Each dated source's publication day, outlet and opening sentence."""
        self._outlets: dict[str, set[str]] = {}
        self._groups: dict[tuple[str, str], list[_Cluster]] = {}
        self._reports: dict[tuple[str, str, str], TimelineEvent] = {}
        self._dirty: set[_Cluster] = set()
        self._dirty_outlets: set[str] = set()
        self._shown: dict[object, tuple[tuple[object, ...], int, TimelineEvent]] = {}
        self._sorted: list[tuple[tuple[object, ...], int, TimelineEvent]] = []
        self._result: tuple[TimelineEvent, ...] | None = ()

    def add(self, doc: Document) -> None:
        source = doc.source
        if source.id in self._dated:
            return
        self._keys[source.id] = (source.published or "", source.outlet or "~",
                                 source.path or source.url or "", self._counter)  # fmt: skip
        self._counter += 1
        self._dated[source.id] = dated = dated_sentences(doc)
        day = published_day(source.published)
        if day is not None and doc.sentences:
            s = doc.sentences[0]
            self._openings[source.id] = (day, source.name, Evidence(source.id, s.id, s.text))
            self._outlets.setdefault(source.name, set()).add(source.id)
            self._dirty_outlets.add(source.name)
        for event, stems in dated:
            self._place(event, stems)

    def remove(self, source_id: str) -> None:
        """Take an article out: the events are merged again without it (rare: an editor's
        correction or a story trimmed)."""
        if self._dated.pop(source_id, None) is None:
            return
        del self._keys[source_id]
        opening = self._openings.pop(source_id, None)
        if opening is not None:
            self._outlets[opening[1]].discard(source_id)
        self._groups, self._shown, self._sorted, self._dirty = {}, {}, [], set()
        self._dirty_outlets = set(self._outlets)
        for dated in self._dated.values():
            for event, stems in dated:
                self._place(event, stems)

    def events(self) -> tuple[TimelineEvent, ...]:
        """Every event, in date order (`ordered`'s, with sources in briefing order)."""
        for cluster in self._dirty:
            self._show(cluster, self._merged(cluster))
        for name in self._dirty_outlets:
            self._show(name, self._report(name))
        self._dirty, self._dirty_outlets = set(), set()
        if self._result is None:
            self._result = tuple(event for *_, event in self._sorted)
        return self._result

    def _place(self, event: TimelineEvent, stems: frozenset[str]) -> None:
        clusters = self._groups.setdefault((event.day, event.precision), [])
        same = next((c for c in clusters if jaccard(c.stems, stems) >= SAME_EVENT), None)
        if same is None:
            same = _Cluster(stems, [event])
            clusters.append(same)
        else:
            same.members.append(event)
        self._dirty.add(same)

    def _merged(self, cluster: _Cluster) -> TimelineEvent:
        chosen: dict[str, TimelineEvent] = {}
        for m in sorted(cluster.members, key=lambda m: self._keys[m.evidence[0].source]):
            chosen.setdefault(m.evidence[0].source, m)
        key = tuple(map(id, chosen.values()))
        if cluster.built is not None and cluster.built[0] == key:
            return cluster.built[1]
        lead, *rest = chosen.values()
        event = replace(lead, evidence=(*lead.evidence, *(m.evidence[0] for m in rest)))
        cluster.built = (key, event if rest else lead)
        return cluster.built[1]

    def _report(self, name: str) -> TimelineEvent | None:
        places = [(self._openings[i][0], self._keys[i], i) for i in self._outlets.get(name, ())]
        if not places:
            return None
        day, _, source_id = min(places)
        opening = self._openings[source_id][2]
        key = (name, opening.sentence_id, day.isoformat())
        if key not in self._reports:
            self._reports[key] = TimelineEvent(
                day.isoformat(), "day", "published", f"first reported by {name}", (opening,)
            )
        return self._reports[key]

    def _show(self, owner: object, event: TimelineEvent | None) -> None:
        """Put `owner`'s event (a cluster's, an outlet's first report) in its place in
        the sorted list, instead of the one it showed before."""
        old = self._shown.get(owner)
        if old is not None and old[2] is event:
            return
        self._result = None
        if old is not None:
            del self._sorted[bisect_left(self._sorted, old[:2])]
            del self._shown[owner]
        if event is not None:
            lead = self._keys[event.evidence[0].source]
            sort_key = (event.day, _PRECISION_ORDER[event.precision], _KIND_ORDER[event.kind],
                        lead, event.text)  # fmt: skip
            self._counter += 1
            entry = self._shown[owner] = (sort_key, self._counter, event)
            insort(self._sorted, entry)


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
