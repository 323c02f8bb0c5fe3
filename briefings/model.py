"""The briefing model: frozen records that carry their provenance.

Every item a renderer shows (a point, a quote, a figure, a question) holds the
`Evidence` it came from, so each line of output traces back to source sentences.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypeVar

from .corrections import Mark, Review
from .prefix import Prefix as Prefix  # the evidence sequences items share

Stance = Literal["supportive", "opposed", "critical", "conditional", "neutral"]
Qualifier = Literal["exact", "more than", "at least", "about", "up to", "less than"]
Kind = Literal["news", "opinion", "aggregator", "press release"]
T = TypeVar("T")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a cleaned document; `id` is `<source id>:<index>`."""

    id: str
    index: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    kind: Kind = "news"
    duplicate_group: str | None = None
    words: int = 0

    @property
    def name(self) -> str:
        """How a reader recognises the source: outlet, else title."""
        return self.outlet or self.title


@dataclass(frozen=True)
class Document:
    """A cleaned article: its source record, paragraphs and sentences."""

    source: Source
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    dropped: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a source id, the sentence id and its exact text; for a
    figure, also the number as that sentence prints it, since outlets round differently."""

    source: str
    sentence_id: str
    sentence: str
    display: str = ""


def source_ids(evidence: Sequence[Evidence]) -> tuple[str, ...]:
    """Distinct source ids of some evidence, in first-seen order."""
    return tuple(dict.fromkeys(e.source for e in evidence))


@dataclass(frozen=True)
class Point:
    """A sentence of the announcement, in the words of the sources it cites (`evidence`:
    each prints it); `support` holds other sources' sentences reporting the same fact in
    their own words, shown as "also reported by"."""

    text: str
    evidence: tuple[Evidence, ...]
    support: tuple[Evidence, ...] = ()
    corrected: tuple[Mark, ...] = ()
    """Editors' corrections of this item (`overlay.apply_corrections`); so for each below."""

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)

    @property
    def also(self) -> tuple[str, ...]:
        """Sources that report the point in other words (and do not print it)."""
        cited = set(self.sources)
        return tuple(s for s in source_ids(self.support) if s not in cited)


@dataclass(frozen=True)
class Announcement:
    headline: Point | None
    summary: tuple[Point, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Wording:
    """One outlet's words for a quote another outlet printed differently: cited only to
    the outlets that printed these words, so a reader who opens them finds them."""

    text: str
    evidence: Sequence[Evidence]
    context: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class Quote:
    """A direct quote (exact words inside quote marks) or an indirect statement.

    `text` and `evidence` are the wording shown, cited only to the outlets that printed
    it; `variants` are the same quote in other outlets' words, each citing its own."""

    text: str
    direct: bool
    evidence: Sequence[Evidence]
    context: str = ""
    """For a few quoted words in a sentence that says more ('called the plan “a betrayal”
    and said …'): the sentence, which a reader is shown instead of the words alone."""
    corrected: tuple[Mark, ...] = ()
    variants: tuple[Wording, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)

    @property
    def all_sources(self) -> tuple[str, ...]:
        """Every outlet that printed the quote, in whichever words."""
        return tuple(dict.fromkeys((*self.sources, *(s for v in self.variants for s in v.sources))))

    @property
    def shown(self) -> str:
        """What a reader sees: the sentence around a partial quote, a direct quote in
        quote marks, an indirect statement as written."""
        if self.context:
            return self.context
        return f"“{self.text}”" if self.direct else self.text


@dataclass(frozen=True)
class Reaction:
    speaker: str
    role: str | None
    stance: Stance
    stance_evidence: str
    quotes: tuple[Quote, ...]
    aliases: tuple[str, ...] = ()
    is_person: bool = True
    corrected: tuple[Mark, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for q in self.quotes for s in q.all_sources))


@dataclass(frozen=True)
class Conflict:
    """Another figure for the same measure whose value cannot also be true."""

    figure: str
    value: float
    display: str
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Revision:
    """An earlier value of the same measure that a later official figure replaced: not a
    disagreement, a change over time, with when each was published."""

    figure: str
    value: float
    display: str
    sources: tuple[str, ...]
    before: str
    after: str


@dataclass(frozen=True)
class Figure:
    id: str
    value: float
    unit: str
    display: str
    label: str
    period: str | None
    qualifier: Qualifier
    evidence: tuple[Evidence, ...]
    conflicts: tuple[Conflict, ...] = ()
    revised_from: Revision | None = None
    corrected: tuple[Mark, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)

    @property
    def printed(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each number as the sources printed it, with those sources: the figure's own
        display first, then any other ('passed 12,000' beside 12,700), so a reader sees
        each outlet's own number where they differ."""
        by_display: dict[str, dict[str, None]] = {self.display: {}}
        for e in self.evidence:
            by_display.setdefault(e.display or self.display, {})[e.source] = None
        return tuple((d, tuple(ids)) for d, ids in by_display.items() if ids)


@dataclass(frozen=True)
class OpenQuestion:
    question: str
    reason: str
    evidence: Sequence[Evidence]
    corrected: tuple[Mark, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event of the story (`briefings.timeline`): `text` is a cited sentence, or
    a fixed phrase ("first reported by BBC News") over its cited sources' names; `day`
    (ISO) is the day, or the first day of the week, month or year `precision` names."""

    day: str
    precision: Literal["day", "week", "month", "year"]
    kind: Literal["published", "dated", "version"]
    text: str
    evidence: tuple[Evidence, ...]
    phrase: str = ""
    """The words that date it, as the first source wrote them ('Thursday', 'last month')."""

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str


class Sentences(Mapping[str, Sentence]):
    """Every sentence of the sources by id, as a view over each document's own tuple, so
    a briefing of a big story does not copy hundreds of thousands of entries each time;
    its look-up table is made on first use, as most briefings are never searched."""

    def __init__(
        self, sources: Sequence[str] = (), sentences: Sequence[tuple[Sentence, ...]] = ()
    ) -> None:
        """Source ids and each one's sentences, side by side (immutable: not copied)."""
        self._pairs = (sources, sentences)
        self._table: dict[str, tuple[Sentence, ...]] | None = None

    @property
    def _by_source(self) -> dict[str, tuple[Sentence, ...]]:
        if self._table is None:
            self._table = dict(zip(*self._pairs, strict=True))
        return self._table

    def __getitem__(self, sentence_id: str) -> Sentence:
        source, _, index = sentence_id.rpartition(":")
        try:
            sentence = self._by_source[source][int(index)]
        except (KeyError, ValueError, IndexError):
            raise KeyError(sentence_id) from None
        if sentence.id != sentence_id:
            raise KeyError(sentence_id)
        return sentence

    def __iter__(self) -> Iterator[str]:
        return (s.id for sentences in self._by_source.values() for s in sentences)

    def __len__(self) -> int:
        return sum(map(len, self._by_source.values()))


@dataclass(frozen=True)
class Audit:
    """What verification checked and what it took out, by reason."""

    checked: int = 0
    """Items checked (points, quotes, figures, questions)."""
    citations: int = 0
    """Citations checked (an item citing three sentences counts three)."""
    corrected: int = 0
    """Items kept with some citations taken off."""
    dropped: int = 0
    """Items taken out of the briefing."""
    reasons: Mapping[str, int] = field(default_factory=dict)
    """Citations and items taken out, by reason."""

    def summary(self) -> str:
        """One line for a terminal: 'verified 120 items (410 citations): 2 corrected, …'."""
        line = (
            f"verified {self.checked} items ({self.citations} citations): "
            f"{self.corrected} corrected, {self.dropped} dropped"
        )
        if self.reasons:
            line += " (" + "; ".join(f"{n} {why}" for why, n in sorted(self.reasons.items())) + ")"
        return line


@dataclass(frozen=True)
class Briefing:
    """Everything Briefbot knows about a story at one moment: the single source of truth."""

    story: Story
    generated_at: str
    sources: tuple[Source, ...]
    announcement: Announcement
    reactions: tuple[Reaction, ...]
    figures: tuple[Figure, ...]
    open_questions: tuple[OpenQuestion, ...]
    sentences: Mapping[str, Sentence] = field(default_factory=Sentences, compare=False, repr=False)
    audit: Audit = field(default_factory=Audit, compare=False)
    """What verification checked and took out (`briefings.verify`)."""
    corrections: Review = field(default_factory=Review, compare=False)
    """Editors' corrections applied after verification, and those gone stale."""
    timeline: tuple[TimelineEvent, ...] = ()
    """Dated events, in date order (`briefings.timeline`)."""

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @cached_property
    def conflicts(self) -> tuple[tuple[Figure, Conflict], ...]:
        """Each disagreement once: its first figure against each other value, so a measure
        with two values is one line and nothing multiplies into pairs."""
        return tuple((lead, c) for lead, rivals in disagreements(self.figures) for c in rivals)


def disagreements(figures: Sequence[Figure]) -> tuple[tuple[Figure, tuple[Conflict, ...]], ...]:
    """One entry per measure whose sources disagree: its first figure (in briefing order)
    and the other values, each with its sources."""
    found: list[tuple[Figure, tuple[Conflict, ...]]] = []
    seen: set[str] = set()
    by_id = {f.id: f for f in figures}
    order = {f.id: n for n, f in enumerate(figures)}
    for figure in figures:
        if not figure.conflicts or figure.id in seen:
            continue
        members, todo = {figure.id}, [figure]
        while todo:
            for c in todo.pop().conflicts:
                if c.figure not in members and c.figure in by_id:
                    members.add(c.figure)
                    todo.append(by_id[c.figure])
        seen |= members
        rivals = {c.figure: c for c in figure.conflicts}
        for other in members - {figure.id} - rivals.keys():
            # A value that conflicts with another rival but agrees with this figure.
            f = by_id[other]
            rivals[other] = Conflict(other, f.value, f.display, f.sources, "")
        listed = sorted(rivals.values(), key=lambda c: order.get(c.figure, len(order)))
        found.append((figure, tuple(listed)))
    return tuple(found)
