"""The announcement: headline, summary and key points, chosen from source sentences.

Extractive by construction: every line is a sentence some source printed. Sentences are
scored by agreement: how much of their vocabulary the other sources (duplicate groups
counted once) share, weighted by rarity, so the line most outlets report wins. Choosing
is greedy with a redundancy check, so the summary does not say one thing twice.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..config import EngineConfig
from ..model import Announcement, Document, Evidence, Point, Sentence
from ..text import content_stems, weighted_overlap

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class _Candidate:
    doc: Document
    sentence: Sentence
    stems: frozenset[str]
    score: float


def build_announcement(
    docs: list[Document],
    groups: dict[str, str],
    weight: dict[str, float],
    config: EngineConfig,
    stems: dict[str, frozenset[str]] | None = None,
) -> Announcement:
    if stems is None:
        stems = {s.id: content_stems(s.text) for d in docs for s in d.sentences}
    group_terms: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        group_terms[groups[doc.source.id]].update(*(stems[s.id] for s in doc.sentences))
    n_groups = max(len(group_terms), 1)
    df: Counter[str] = Counter(t for terms in group_terms.values() for t in terms)
    idf = {t: math.log(1 + n_groups / c) for t, c in df.items()}

    def agreement(sentence_stems: frozenset[str]) -> float:
        if not sentence_stems:
            return 0.0
        shared = sum((df[t] - 1) / n_groups * idf[t] for t in sentence_stems)
        return shared / math.sqrt(len(sentence_stems))

    candidates = []
    for doc in docs:
        w = weight.get(doc.source.id, 1.0)
        for sentence in doc.sentences:
            if not _eligible(sentence.text, config):
                continue
            position = 1.0 / (1 + 0.15 * sentence.index)
            score = agreement(stems[sentence.id]) * w * (0.6 + 0.4 * position)
            candidates.append(_Candidate(doc, sentence, stems[sentence.id], score))
    candidates.sort(key=lambda c: (-c.score, c.sentence.id))
    leads = [c for c in candidates if c.sentence.index <= 2]
    chosen: list[_Candidate] = []

    def pick(pool: list[_Candidate], count: int, max_words: int | None = None) -> list[_Candidate]:
        picked = []
        for candidate in pool:
            if len(picked) >= count:
                break
            if max_words and len(candidate.sentence.text.split()) > max_words:
                continue
            if any(weighted_overlap(candidate.stems, c.stems, idf) >= 0.4 for c in chosen):
                continue
            picked.append(candidate)
            chosen.append(candidate)
        return picked

    headline = pick(leads, 1, config.headline_max_words)
    summary = pick(leads, config.summary_sentences - 1) or pick(candidates, 1)
    points = pick(candidates, config.max_points)
    index = _StemIndex(docs, stems)

    def point(c: _Candidate) -> Point:
        return Point(c.sentence.text, index.support(c, idf, config.support_threshold))

    return Announcement(
        headline=point(headline[0]) if headline else None,
        summary=tuple(point(c) for c in [*headline, *summary]),
        points=tuple(point(c) for c in points),
    )


def _eligible(text: str, config: EngineConfig) -> bool:
    """Statements of fact: not questions, not mostly a quote, not too short or long."""
    words = len(text.split())
    if words < 8 or words > 60 or text.rstrip().endswith("?"):
        return False
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return quoted < 0.4 * len(text) and not text.startswith(("“", '"'))


class _StemIndex:
    """Inverted index of sentences by stem: finds the sentences that support a point."""

    def __init__(self, docs: list[Document], stems: dict[str, frozenset[str]]) -> None:
        self.stems = stems
        self.sentences = {s.id: (d.source.id, s) for d in docs for s in d.sentences}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for sid, terms in stems.items():
            for term in terms:
                self.postings[term].append(sid)

    def support(
        self, candidate: _Candidate, idf: dict[str, float], threshold: float
    ) -> tuple[Evidence, ...]:
        rare = sorted(candidate.stems, key=lambda t: -idf.get(t, 0))[:12]
        counts: Counter[str] = Counter(sid for t in rare for sid in self.postings[t])
        evidence = [
            Evidence(candidate.doc.source.id, candidate.sentence.id, candidate.sentence.text)
        ]
        seen = {candidate.doc.source.id}
        for sid, shared in counts.most_common():
            if shared < 2:
                break
            source, sentence = self.sentences[sid]
            if source in seen:
                continue
            if weighted_overlap(candidate.stems, self.stems[sid], idf) >= threshold:
                evidence.append(Evidence(source, sid, sentence.text))
                seen.add(source)
        return tuple(evidence)
