"""build_briefing: runs every stage, articles in, one frozen Briefing out.

Per-article work (cleaning, quotes, figures, questions) is a pure function of the article,
`analyze`, so it can run in worker processes and be cached; the corpus-wide steps
(duplicate groups, speaker merging, figure conflicts, announcement) run after it, in an
`Assembly`: each step keeps an index that one more article updates at the cost of what
that article touches, so `Corpus` can keep a story's briefing current as articles arrive,
and `assemble` is the same code given every article at once.
"""

from __future__ import annotations

import gc
import os
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import repeat

from .clean import clean_article
from .config import EngineConfig
from .dedupe import DuplicateIndex, Shingles, minhash, shingles
from .errors import NoArticlesError
from .extract.anchors import eligible
from .extract.announcement import AnnouncementIndex
from .extract.figures import FigureMention, find_figures
from .extract.merging import FigureIndex
from .extract.questions import QuestionMention, find_questions
from .extract.quotes import Statement, find_statements
from .extract.reactions import PeopleScan, ReactionIndex, scan_people
from .model import (
    Briefing,
    Conflict,
    Document,
    Evidence,
    Figure,
    OpenQuestion,
    Prefix,
    Sentence,
    Sentences,
    Source,
    Story,
    disagreements,
)
from .outlets import others_words
from .raw import RawArticle
from .text import content_stems, jaccard
from .timeline import TimelineIndex
from .verify import CONFLICT_QUESTION, Verifier
from .weights import Tally, Weights

KIND_WEIGHT = {"news": 1.0, "press release": 0.8, "opinion": 0.6, "aggregator": 0.5}
"""How much each kind of source counts when sources are weighed against each other."""

SETTLE_FIRST = 64
"""`assemble` settles the corpus-wide indexes after this many articles, then each time the
corpus has doubled: that work runs while worker processes still read the next articles,
and no article is resolved again more than a few times (settling every 64 articles
re-resolved each article of an 840-article story seven times)."""


DEFAULT_STORY = Story(slug="story", title="News briefing")
"""For callers that brief loose articles; real stories come from the bot's story settings."""


@dataclass(frozen=True)
class Analysis:
    """Everything read from one article on its own: the unit of caching."""

    doc: Document
    statements: tuple[Statement, ...]
    people: PeopleScan
    figures: tuple[FigureMention, ...]
    questions: tuple[QuestionMention, ...]
    shingles: Shingles
    """For near-duplicate grouping: word 5-grams of the whole text."""
    signature: bytes
    """Their MinHash signature, which proposes near-duplicate candidates."""
    stems: tuple[frozenset[str], ...]
    """Content stems of each sentence, for the announcement's agreement scores."""
    points: tuple[bool, ...]
    """Whether each sentence may be an announcement point."""


def analyze(raw: RawArticle, config: EngineConfig | None = None) -> Analysis:
    config = config or EngineConfig()
    doc = clean_article(raw)
    items = shingles(doc.text)
    return Analysis(
        doc,
        others_words(find_statements(doc, config.min_quote_words), doc.source.outlet),
        scan_people(doc),
        tuple(find_figures(doc)),
        tuple(find_questions(doc)),
        items,
        minhash(items),
        tuple(content_stems(s.text) for s in doc.sentences),
        tuple(eligible(s.text) for s in doc.sentences),
    )


def analyze_all(raws: list[RawArticle], config: EngineConfig) -> Iterator[Analysis]:
    """Each article's analysis, in order, as it is ready: across worker processes when
    there are many, so the caller assembles the first while the workers read the rest.
    Workers run without the cyclic collector: an analysis makes no cycles, and walking the
    per-text caches cost a twentieth of the time."""
    workers = config.workers or os.cpu_count() or 1
    if workers <= 1 or len(raws) < 200:
        yield from (analyze(raw, config) for raw in raws)
        return
    with ProcessPoolExecutor(workers, initializer=gc.disable) as pool:
        yield from pool.map(analyze, raws, repeat(config), chunksize=32)


def build_briefing(
    articles: Iterable[RawArticle],
    story: Story = DEFAULT_STORY,
    config: EngineConfig | None = None,
    now: datetime | None = None,
) -> Briefing:
    """The briefing for a set of articles; raises NoArticlesError when none has text."""
    config = config or EngineConfig()
    return assemble(analyze_all(list(articles), config), story, config, now)


def assemble(
    analyses: Iterable[Analysis],
    story: Story = DEFAULT_STORY,
    config: EngineConfig | None = None,
    now: datetime | None = None,
) -> Briefing:
    """The corpus-wide steps over per-article analyses, in the order given.

    An article without text is left out; the same article twice (same cleaned text) is
    read once, where it first appears.
    """
    assembly = Assembly(config)
    with collector_paused():
        for n, analysis in enumerate(analyses, 1):
            assembly.add(analysis)
            if n >= SETTLE_FIRST and n & (n - 1) == 0:  # 64, 128, 256, …
                assembly.settle()
        return assembly.briefing(story, now)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many articles are added at once (a
    corpus assembled, a stored story loaded).

    Assembly keeps millions of small objects alive and frees almost none, so every full
    collection rescans them all for nothing: a fifth of the time at 10,000 articles.
    Reference counting still frees everything that is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Assembly:
    """The corpus-wide steps, kept current as analyses are added and removed.

    The briefing depends only on which articles there are and their order (the order they
    were added in, removals closing the gaps), never on how they got there: `assemble` adds
    them all and asks once; `Corpus` adds them one by one and asks after each.
    """

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config = config or EngineConfig()
        self.analyses: dict[str, Analysis] = {}
        """By source id, in corpus order."""
        self.duplicates = DuplicateIndex(config.duplicate_threshold)
        self.weights = Weights()
        self._reactions = ReactionIndex(self.weights)
        self._figures = FigureIndex(self.weights)
        self._questions = _QuestionIndex(config.question_similarity, self.weights)
        self._announcement = AnnouncementIndex(config)
        self._sources: dict[str, Source] = {}
        self._timeline = TimelineIndex()
        self._names: dict[str, str] = {}
        # in briefing order, side by side:
        self._order: list[tuple[tuple[str, str, str], int]] = []
        self._ordered: list[str] = []
        self._listed: list[Source] = []
        # in the order added, only ever appended to (made anew on a removal), so that each
        # briefing shares them (`Prefix`):
        self._added: list[str] = []
        self._sentences: list[tuple[Sentence, ...]] = []
        self._counter = 0
        self._verifier = Verifier()

    def __len__(self) -> int:
        return len(self.analyses)

    def add(self, analysis: Analysis) -> None:
        doc = analysis.doc
        source_id = doc.source.id
        if not doc.sentences or source_id in self.analyses:
            return
        self.analyses[source_id] = analysis
        self.weights.add(source_id, KIND_WEIGHT.get(doc.source.kind, 1.0))
        self.duplicates.add(source_id, analysis.shingles, analysis.signature)
        self._reactions.add(doc, list(analysis.statements), analysis.people)
        self._figures.add(source_id, analysis.figures, doc.source.published)
        self._questions.add(source_id, analysis.questions)
        self._announcement.add(
            doc, analysis.stems, analysis.points, KIND_WEIGHT.get(doc.source.kind, 1.0)
        )
        self._sources[source_id] = doc.source
        self._timeline.add(doc)
        self._names[source_id] = doc.source.name
        key = (_source_order(doc.source), self._counter)
        self._counter += 1
        at = bisect_left(self._order, key)
        self._order.insert(at, key)
        self._ordered.insert(at, source_id)
        self._listed.insert(at, doc.source)
        self._added.append(source_id)
        self._sentences.append(doc.sentences)

    def remove(self, source_id: str) -> None:
        analysis = self.analyses.pop(source_id, None)
        if analysis is None:
            return
        self.duplicates.remove(source_id)
        self._reactions.remove(source_id)
        self._figures.remove(source_id)
        self._questions.remove(source_id)
        self._announcement.remove(source_id)
        at = self._ordered.index(source_id)
        del self._order[at], self._ordered[at], self._listed[at]
        at = self._added.index(source_id)
        self._added = self._added[:at] + self._added[at + 1 :]
        self._sentences = self._sentences[:at] + self._sentences[at + 1 :]
        self._timeline.remove(source_id)
        del self._sources[source_id], self._names[source_id]
        self.weights.remove(source_id)

    def settle(self) -> None:
        """Do the corpus-wide work the last additions deferred (duplicate groups, speakers,
        figures) now; the briefing is the same whenever, or however often, this is called."""
        self.duplicates.settle()
        self._reactions.settle()
        self._figures.settle()

    def briefing(self, story: Story = DEFAULT_STORY, now: datetime | None = None) -> Briefing:
        if not self.analyses:
            raise NoArticlesError("no article with any text to brief")
        moved, resized = self.duplicates.changes()
        groups = self.duplicates.groups()
        regrouped = []
        for source_id in moved:
            self.weights.move(source_id, groups[source_id])
            source = self._sources[source_id]
            if source.duplicate_group != groups[source_id]:
                self._sources[source_id] = replace(source, duplicate_group=groups[source_id])
                regrouped.append(source_id)
        self._relist(regrouped)
        for group in resized:
            # A duplicate group counts once: its members share one weight.
            self.weights.resize(group, len(self.duplicates.members(group)))
        reactions = self._reactions.reactions()
        figures = self._figures.figures()
        questions = self._questions.questions(figures, self._names, self._figures)
        briefing = Briefing(
            story=story,
            generated_at=(now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
            sources=tuple(self._listed),
            announcement=self._announcement.announcement(groups, moved),
            reactions=reactions,
            figures=figures,
            open_questions=questions,
            sentences=Sentences(Prefix(self._added), Prefix(self._sentences)),
            timeline=self._timeline.events(),
        )
        return self._verifier.verify(briefing)

    def _relist(self, regrouped: list[str]) -> None:
        """Put sources with a new duplicate group in the briefing's list: found one by one
        when they are few, the list made again when many (as in a first briefing)."""
        if len(regrouped) > 16:
            self._listed = list(map(self._sources.__getitem__, self._ordered))
            return
        for source_id in regrouped:
            self._listed[self._ordered.index(source_id)] = self._sources[source_id]


def _source_order(source: Source) -> tuple[str, str, str]:
    return (source.published or "", source.outlet or "~", source.path or source.url or "")


@dataclass
class _Question:
    """Open-question mentions merged into one question, as they are read in corpus order."""

    question: str
    reason: str
    stems: frozenset[str]
    tally: Tally
    evidence: list[Evidence] = field(default_factory=list)
    """Each once, as read: a list only ever appended to, which questions share."""
    seen: set[Evidence] = field(default_factory=set)
    built: OpenQuestion | None = None


class _QuestionIndex:
    """Open questions kept current: mentions merge as they arrive; a removal re-reads all."""

    def __init__(self, similarity: float, weights: Weights) -> None:
        self.similarity = similarity
        self.weights = weights
        self._docs: dict[str, tuple[QuestionMention, ...]] = {}
        self._pending: list[QuestionMention] = []
        self._valid = True
        self._merged: list[_Question] = []
        self._same_text: dict[str, _Question] = {}
        self._conflicts: dict[
            tuple[str, ...], tuple[Figure, tuple[Conflict, ...], OpenQuestion]
        ] = {}

    def add(self, source_id: str, mentions: Iterable[QuestionMention]) -> None:
        self._docs[source_id] = tuple(mentions)
        self._pending.extend(self._docs[source_id])

    def remove(self, source_id: str) -> None:
        if self._docs.pop(source_id, ()):
            self._valid = False

    def questions(
        self,
        figures: tuple[Figure, ...],
        names: Mapping[str, str],
        figure_index: FigureIndex,
    ) -> tuple[OpenQuestion, ...]:
        """Questions the sources raise, then one per figure conflict; weightiest first (by
        the sources of their evidence, duplicate groups once)."""
        if not self._valid:
            for item in self._merged:
                item.tally.release()
            self._valid, self._merged, self._same_text = True, [], {}
            self._pending = [m for mentions in self._docs.values() for m in mentions]
        pending, self._pending = self._pending, []
        for mention in pending:
            self._place(mention)
        items = []
        for item in self._merged:
            if item.built is None:
                item.built = OpenQuestion(item.question, item.reason, Prefix(item.evidence))
            items.append((item.built, float(item.tally)))
        conflicts = {}
        for figure, rivals in disagreements(figures):
            key = (figure.id, *(c.figure for c in rivals))
            found = self._conflicts.get(key)
            if found is None or found[0] is not figure or found[1] != rivals:
                found = (figure, rivals, _conflict_question(figure, rivals, names, figure_index))
            conflicts[key] = found
            weight = max(figure_index.weight_of(figure.id, c.figure) for c in rivals)
            items.append((found[2], weight))
        self._conflicts = conflicts
        items.sort(key=lambda item: -item[1])
        return tuple(question for question, _ in items)

    def _place(self, mention: QuestionMention) -> None:
        """Same text, or close enough in words to an earlier question: one question."""
        item = self._same_text.get(mention.question)
        if item is None:
            stems = content_stems(mention.question)
            item = next(
                (m for m in self._merged if jaccard(m.stems, stems) >= self.similarity), None
            )
            if item is None:
                item = _Question(mention.question, mention.reason, stems, Tally(self.weights))
                self._merged.append(item)
            self._same_text[mention.question] = item
        if mention.evidence not in item.seen:
            item.seen.add(mention.evidence)
            item.evidence.append(mention.evidence)
            item.tally.add(mention.evidence.source)
            item.built = None


def _conflict_question(
    figure: Figure,
    rivals: tuple[Conflict, ...],
    names: Mapping[str, str],
    figure_index: FigureIndex,
) -> OpenQuestion:
    """One question per disagreement: 'Which is right for X: A (sources), B (sources) or
    C (sources)?'"""
    values = [(figure.id, figure.display), *((c.figure, c.display) for c in rivals)]
    said = [f"{display} ({figure_index.names_of(fid, names)})" for fid, display in values]
    question = f"Which is right for {figure.label}: {', '.join(said[:-1])} or {said[-1]}?"
    evidence = tuple(
        dict.fromkeys(e for c in rivals for e in figure_index.evidence_of(figure.id, c.figure))
    )
    return OpenQuestion(question, CONFLICT_QUESTION, evidence)
