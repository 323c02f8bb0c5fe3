"""Editors' corrections laid over a verified briefing: Briefing × corrections → Briefing.

Run after verification on every briefing a story gets (a rebuild, an article added one at
a time, a restart), so a correction holds for as long as its item exists. Each correction
finds its items by their stable identity (`identity`), in the order the log recorded them;
one whose item is gone is reported in `Briefing.corrections.stale`, never dropped silently.
Every item a correction changed carries a `Mark` ("corrected by @alice").

Corrections are the editors' word, so they are applied after verification and not checked
by it; what they cannot do is invent text: they move, merge, hide and relabel what the
sources said.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .corrections import UNKNOWN, Correction, Mark, Review, Target
from .extract.stance import stance_statement
from .figure_edits import FigureEdits
from .identity import best_quote, folded, source_matches, text_index
from .model import Announcement, Briefing, Point, Quote, Reaction, Source, Stance
from .timeline import without_sources
from .verbatim import fold

STANCES: tuple[Stance, ...] = ("supportive", "opposed", "critical", "conditional", "neutral")


def apply_corrections(briefing: Briefing, corrections: Sequence[Correction]) -> Briefing:
    """The briefing as the editors corrected it, with what applied and what went stale."""
    if not corrections:
        return briefing
    draft = _Draft(briefing)
    applied: list[Correction] = []
    stale: list[Correction] = []
    for correction in sorted(corrections, key=lambda c: c.id):
        apply = _APPLY.get(correction.kind)  # a kind a newer Briefbot wrote: not applied
        found = apply is not None and apply(draft, correction)
        (applied if found else stale).append(correction)
    return draft.briefing(Review(tuple(applied), tuple(stale)))


@dataclass(eq=False)  # compared and hashed by identity: each is one speaker
class _Speaker:
    """A reaction being corrected; `reaction` is the original, shown unchanged if nothing
    touched it."""

    reaction: Reaction | None
    name: str
    role: str | None
    stance: Stance
    stance_evidence: str
    quotes: list[Quote]
    aliases: list[str] = field(default_factory=list)
    is_person: bool = True
    marks: list[Mark] = field(default_factory=list)
    changed: bool = False

    @classmethod
    def of(cls, r: Reaction) -> _Speaker:
        fields = (r.speaker, r.role, r.stance, r.stance_evidence, list(r.quotes))
        return cls(r, *fields, list(r.aliases), r.is_person, list(r.corrected))

    def names(self) -> list[str]:
        return [self.name.casefold(), *(a.casefold() for a in self.aliases)]

    def mark(self, mark: Mark) -> None:
        self.marks.append(mark)
        self.changed = True

    def lost_quotes(self) -> None:
        """As verification does: a stance whose words left with a quote is no longer shown."""
        self.changed = True
        said = " ".join(fold(f"{q.text} {q.context}") for q in self.quotes)
        if self.stance_evidence and fold(stance_statement(self.stance_evidence)) not in said:
            self.stance, self.stance_evidence = "neutral", ""

    def built(self) -> Reaction:
        if not self.changed and self.reaction is not None:
            return self.reaction
        return Reaction(
            self.name,
            self.role,
            self.stance,
            self.stance_evidence,
            tuple(self.quotes),
            tuple(dict.fromkeys(a for a in self.aliases if a.casefold() != self.name.casefold())),
            self.is_person,
            tuple(self.marks),
        )


class _Draft:
    """The briefing's items, mutable while the corrections are applied in turn."""

    def __init__(self, briefing: Briefing) -> None:
        self.original = briefing
        self.speakers = [_Speaker.of(r) for r in briefing.reactions]
        a = briefing.announcement
        self.summary, self.points = list(a.summary), list(a.points)
        self.headline = a.headline
        self.figures = FigureEdits(briefing.figures, briefing.open_questions, briefing.sources)
        self.sources = list(briefing.sources)
        self.removed: set[str] = set()
        self._by_text: dict[str, list[_Speaker]] | None = None

    # -- finding -------------------------------------------------------------------------
    def speaker(self, name: str) -> _Speaker | None:
        wanted = name.strip().casefold()
        return next((s for s in self.speakers if wanted in s.names()), None)

    def take_quote(self, target: Target, within: _Speaker | None = None) -> tuple[_Speaker, Quote]:
        """Take the target's quote out of its speaker (or of `within`); KeyError if gone."""
        if self._by_text is None:
            self._by_text = {}
            for s in self.speakers:
                for q in s.quotes:
                    self._by_text.setdefault(folded(q.text), []).append(s)
        candidates = [within] if within else self._by_text.get(folded(target.text), [])
        pairs = [(s, q) for s in dict.fromkeys(candidates) for q in s.quotes]
        quote = best_quote([q for _, q in pairs], target)
        if quote is None:
            raise KeyError(target.text)
        owner = next(s for s, q in pairs if q is quote)
        owner.quotes.remove(quote)
        owner.lost_quotes()
        if not owner.quotes:
            self.speakers.remove(owner)
        return owner, quote

    def give_quote(self, quote: Quote, name: str, mark: Mark) -> None:
        to = self.speaker(name)
        if to is None:
            unknown = name.strip().casefold() in ("unknown", UNKNOWN.casefold())
            to = _Speaker(None, UNKNOWN if unknown else name.strip(), None, "neutral", "", [])
            to.is_person = not unknown
            to.mark(mark)
            self.speakers.append(to)
        to.quotes.append(replace(quote, corrected=(*quote.corrected, mark)))
        to.changed = True
        if self._by_text is not None:
            self._by_text.setdefault(folded(quote.text), []).append(to)

    # -- removing an article -------------------------------------------------------------
    def remove_source(self, source: Source) -> None:
        sid = source.id
        self.removed.add(sid)
        members = [s for s in self.sources if s.duplicate_group == source.duplicate_group]
        self.sources = [s for s in self.sources if s.id != sid]
        heir = next((s.id for s in members if s.id != sid), None)
        self.sources = [
            replace(s, duplicate_group=heir) if s.duplicate_group == sid else s
            for s in self.sources
        ]
        for speaker in list(self.speakers):
            kept = [_without(q, sid) for q in speaker.quotes]
            if any(k is not q for k, q in zip(kept, speaker.quotes, strict=True)):
                speaker.quotes = [q for q in kept if q.evidence]
                speaker.lost_quotes()
                if not speaker.quotes:
                    self.speakers.remove(speaker)
        self._by_text = None
        self.summary = [p for p in (_point_without(p, sid) for p in self.summary) if p]
        self.points = [p for p in (_point_without(p, sid) for p in self.points) if p]
        if self.headline is not None:
            self.headline = self.summary[0] if self.summary else None
        self.figures.remove_source(sid)

    def hide_point(self, target: Target) -> bool:
        for points in (self.summary, self.points):
            at = text_index([p.text for p in points], target)
            if at is not None:
                del points[at]
                if points is self.summary and self.headline is not None:
                    self.headline = self.summary[0] if self.summary else None
                return True
        return False

    def briefing(self, review: Review) -> Briefing:
        b = self.original
        announcement = Announcement(self.headline, tuple(self.summary), tuple(self.points))
        if announcement == b.announcement:
            announcement = b.announcement
        figures, questions = self.figures.built()
        return replace(
            b,
            sources=tuple(self.sources),
            announcement=announcement,
            reactions=tuple(s.built() for s in self.speakers),
            figures=figures,
            open_questions=questions,
            corrections=review,
            timeline=without_sources(b.timeline, self.removed),
        )


def _without(quote: Quote, source_id: str) -> Quote:
    if all(e.source != source_id for e in quote.evidence):
        return quote
    return replace(quote, evidence=tuple(e for e in quote.evidence if e.source != source_id))


def _point_without(point: Point, source_id: str) -> Point | None:
    if all(e.source != source_id for e in (*point.evidence, *point.support)):
        return point
    evidence = tuple(e for e in point.evidence if e.source != source_id)
    support = tuple(e for e in point.support if e.source != source_id)
    return replace(point, evidence=evidence, support=support) if evidence else None


def _mark(c: Correction, what: str) -> Mark:
    return Mark(c.by, c.at, what)


# -- one function per kind: True when every item it names was found ----------------------
def _move_quote(d: _Draft, c: Correction) -> bool:
    try:
        owner, quote = d.take_quote(c.targets[0])
    except KeyError:
        return False
    d.give_quote(quote, c.value or UNKNOWN, _mark(c, f"moved from {owner.name}"))
    return True


def _split_speaker(d: _Draft, c: Correction) -> bool:
    speaker = d.speaker(c.targets[0].text)
    if speaker is None:
        return False
    found = 0
    for target in c.targets[1:]:
        try:
            owner, quote = d.take_quote(target, within=speaker)
        except KeyError:
            continue
        d.give_quote(quote, c.value, _mark(c, f"split from {owner.name}"))
        found += 1
    return found == len(c.targets) - 1


def _merge_speakers(d: _Draft, c: Correction) -> bool:
    merged, into = (d.speaker(t.text) for t in c.targets[:2])
    if merged is None or into is None:
        return False
    if merged is into:
        return True  # merged already (an earlier correction, or the engine now does it)
    texts = {q.text for q in into.quotes}
    into.quotes += [q for q in merged.quotes if q.text not in texts]
    into.aliases += [merged.name, *merged.aliases]
    into.role = into.role or merged.role
    if into.stance == "neutral":
        into.stance, into.stance_evidence = merged.stance, merged.stance_evidence
    into.marks += merged.marks
    into.mark(_mark(c, f"merged with {merged.name}"))
    d.speakers.remove(merged)
    d._by_text = None
    return True


def _set_stance(d: _Draft, c: Correction) -> bool:
    speaker = d.speaker(c.targets[0].text)
    if speaker is None or c.value not in STANCES:
        return False
    speaker.stance = next(s for s in STANCES if s == c.value)
    speaker.stance_evidence = ""
    speaker.mark(_mark(c, f"stance set to {c.value}"))
    return True


def _set_role(d: _Draft, c: Correction) -> bool:
    speaker = d.speaker(c.targets[0].text)
    if speaker is None:
        return False
    speaker.role = c.value.strip() or None
    speaker.mark(_mark(c, "role set" if speaker.role else "role cleared"))
    return True


def _hide(d: _Draft, c: Correction) -> bool:
    target = c.targets[0]
    if target.kind == "quote":
        try:
            d.take_quote(target)
        except KeyError:
            return False
        return True
    if target.kind == "point":
        return d.hide_point(target)
    if target.kind == "figure":
        return d.figures.hide(target)
    if target.kind == "question":
        return d.figures.hide_question(target)
    return False


def _relabel(d: _Draft, c: Correction) -> bool:
    return d.figures.relabel(c.targets[0], c.value, _mark(c, "label corrected"))


def _same_measure(d: _Draft, c: Correction) -> bool:
    first, second = c.targets[:2]
    return d.figures.same_measure(first, second, _mark(c, "marked as one measure"))


def _not_conflict(d: _Draft, c: Correction) -> bool:
    first, second = c.targets[:2]
    return d.figures.not_conflict(first, second, _mark(c, "marked as not in conflict"))


def _remove_article(d: _Draft, c: Correction) -> bool:
    source = next((s for s in d.sources if source_matches(s, c.targets[0])), None)
    if source is None:
        return False
    d.remove_source(source)
    return True


_APPLY: dict[str, Callable[[_Draft, Correction], bool]] = {
    "move_quote": _move_quote,
    "split_speaker": _split_speaker,
    "merge_speakers": _merge_speakers,
    "set_stance": _set_stance,
    "set_role": _set_role,
    "hide": _hide,
    "relabel": _relabel,
    "same_measure": _same_measure,
    "not_conflict": _not_conflict,
    "remove_article": _remove_article,
}
