"""The briefing model: frozen records that carry their provenance.

Every item a renderer shows (a point, a quote, a figure, a question) holds the
`Evidence` it came from, so each line of output traces back to source sentences.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["supportive", "opposed", "critical", "conditional", "neutral"]
Qualifier = Literal["exact", "more than", "at least", "about", "up to", "less than"]
Kind = Literal["news", "opinion", "aggregator", "press release"]


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
    """Where a fact was read: a source id, the sentence id and its exact text."""

    source: str
    sentence_id: str
    sentence: str


def source_ids(evidence: tuple[Evidence, ...]) -> tuple[str, ...]:
    """Distinct source ids of some evidence, in first-seen order."""
    return tuple(dict.fromkeys(e.source for e in evidence))


@dataclass(frozen=True)
class Point:
    text: str
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class Announcement:
    headline: Point | None
    summary: tuple[Point, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Quote:
    """A direct quote (exact words inside quote marks) or an indirect statement."""

    text: str
    direct: bool
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class Reaction:
    speaker: str
    role: str | None
    stance: Stance
    stance_evidence: str
    quotes: tuple[Quote, ...]
    aliases: tuple[str, ...] = ()
    is_person: bool = True

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for q in self.quotes for s in q.sources))


@dataclass(frozen=True)
class Conflict:
    """Another figure for the same measure whose value cannot also be true."""

    figure: str
    value: float
    display: str
    sources: tuple[str, ...]
    note: str


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

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class OpenQuestion:
    question: str
    reason: str
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.evidence)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str


class Sentences(Mapping[str, Sentence]):
    """Every sentence of the sources by id, as a view over each document's own tuple, so
    a briefing of a big story does not copy hundreds of thousands of entries each time."""

    def __init__(self, by_source: Mapping[str, tuple[Sentence, ...]] | None = None) -> None:
        self._by_source = dict(by_source or {})

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

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @property
    def conflicts(self) -> tuple[tuple[Figure, Conflict], ...]:
        """Each conflicting pair once (the figure with the lower id first)."""
        return tuple((f, c) for f in self.figures for c in f.conflicts if f.id < c.figure)
