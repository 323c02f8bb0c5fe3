"""build_briefing: runs every stage, articles in, one frozen Briefing out.

Per-article work (cleaning, quotes, figures, questions) is a pure function of the article,
`analyze`, so it can run in worker processes and be cached; the corpus-wide steps
(duplicate groups, speaker merging, figure conflicts, announcement) run after it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .clean import clean_article
from .config import EngineConfig
from .dedupe import group_duplicates, shingles
from .errors import NoArticlesError
from .extract.announcement import build_announcement
from .extract.conflicts import build_figures
from .extract.figures import FigureMention, find_figures
from .extract.questions import QuestionMention, find_questions
from .extract.quotes import Statement, find_statements
from .extract.reactions import PeopleScan, build_reactions, scan_people
from .ingest import RawArticle
from .model import Briefing, Document, Evidence, Figure, OpenQuestion, Source, Story
from .text import content_stems, jaccard

KIND_WEIGHT = {"news": 1.0, "press release": 0.8, "opinion": 0.6, "aggregator": 0.5}
"""How much each kind of source counts when sources are weighed against each other."""

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
    shingles: frozenset[int]
    """For near-duplicate grouping: word 5-grams of the whole text."""
    stems: tuple[frozenset[str], ...]
    """Content stems of each sentence, for the announcement's agreement scores."""


def analyze(raw: RawArticle, config: EngineConfig | None = None) -> Analysis:
    config = config or EngineConfig()
    doc = clean_article(raw)
    return Analysis(
        doc,
        tuple(find_statements(doc, config.min_quote_words)),
        scan_people(doc),
        tuple(find_figures(doc)),
        tuple(find_questions(doc)),
        shingles(doc.text),
        tuple(content_stems(s.text) for s in doc.sentences),
    )


def analyze_all(raws: list[RawArticle], config: EngineConfig) -> list[Analysis]:
    workers = config.workers or os.cpu_count() or 1
    if workers <= 1 or len(raws) < 200:
        return [analyze(raw, config) for raw in raws]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(analyze, raws, [config] * len(raws), chunksize=64))


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
    analyses: list[Analysis],
    story: Story = DEFAULT_STORY,
    config: EngineConfig | None = None,
    now: datetime | None = None,
) -> Briefing:
    """The corpus-wide steps over per-article analyses."""
    config = config or EngineConfig()
    analyses = _unique(a for a in analyses if a.doc.sentences)
    if not analyses:
        raise NoArticlesError("no article with any text to brief")
    docs = [a.doc for a in analyses]
    groups = group_duplicates(docs, config.duplicate_threshold, [a.shingles for a in analyses])
    docs = [replace(d, source=replace(d.source, duplicate_group=groups[d.source.id])) for d in docs]
    weight = _weights(docs, groups)
    by_id = {a.doc.source.id: a for a in analyses}
    reactions = build_reactions(
        docs,
        {i: list(a.statements) for i, a in by_id.items()},
        {i: a.people for i, a in by_id.items()},
        weight,
    )
    figures = build_figures([m for a in analyses for m in a.figures], weight)
    sources = tuple(sorted((d.source for d in docs), key=_source_order))
    questions = _questions(
        [q for a in analyses for q in a.questions], figures, sources, weight, config
    )
    return Briefing(
        story=story,
        generated_at=(now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
        sources=sources,
        announcement=build_announcement(
            docs,
            groups,
            weight,
            config,
            {
                s.id: stems
                for a in analyses
                for s, stems in zip(a.doc.sentences, a.stems, strict=True)
            },
        ),
        reactions=reactions,
        figures=figures,
        open_questions=questions,
        sentences={s.id: s for d in docs for s in d.sentences},
    )


def _unique(analyses: Iterable[Analysis]) -> list[Analysis]:
    """The same article given twice (same cleaned text) is read once."""
    seen: dict[str, Analysis] = {}
    for analysis in analyses:
        seen.setdefault(analysis.doc.source.id, analysis)
    return list(seen.values())


def _weights(docs: list[Document], groups: dict[str, str]) -> dict[str, float]:
    """A duplicate group counts once: its members share one weight."""
    size: dict[str, int] = {}
    for doc in docs:
        size[groups[doc.source.id]] = size.get(groups[doc.source.id], 0) + 1
    return {
        d.source.id: KIND_WEIGHT.get(d.source.kind, 1.0) / size[groups[d.source.id]] for d in docs
    }


def _source_order(source: Source) -> tuple[str, str, str]:
    return (source.published or "", source.outlet or "~", source.path or source.url or "")


def _questions(
    mentions: list[QuestionMention],
    figures: tuple[Figure, ...],
    sources: tuple[Source, ...],
    weight: dict[str, float],
    config: EngineConfig,
) -> tuple[OpenQuestion, ...]:
    merged: list[tuple[str, str, dict[Evidence, None], frozenset[str]]] = []
    same_text: dict[str, tuple[str, str, dict[Evidence, None], frozenset[str]]] = {}
    for mention in mentions:
        item = same_text.get(mention.question)
        if item is None:
            stems = content_stems(mention.question)
            item = next(
                (m for m in merged if jaccard(m[3], stems) >= config.question_similarity), None
            )
            if item is None:
                item = (mention.question, mention.reason, {}, stems)
                merged.append(item)
            same_text[mention.question] = item
        item[2][mention.evidence] = None
    names = {s.id: s.name for s in sources}
    for figure in figures:
        for conflict in figure.conflicts:
            if figure.id > conflict.figure:
                continue
            ours = ", ".join(names[s] for s in figure.sources)
            theirs = ", ".join(names[s] for s in conflict.sources)
            question = (
                f"Which is right for {figure.label}: {figure.display} ({ours}) or "
                f"{conflict.display} ({theirs})?"
            )
            rival = next(f for f in figures if f.id == conflict.figure)
            merged.append(
                (
                    question,
                    "sources disagree on a figure",
                    dict.fromkeys([*figure.evidence, *rival.evidence]),
                    frozenset(),
                )
            )
    merged.sort(key=lambda item: -sum(weight.get(s, 1.0) for s in {e.source for e in item[2]}))
    return tuple(OpenQuestion(q, reason, tuple(ev)) for q, reason, ev, _ in merged)
