"""One story's articles in memory: is a new article worth adding, and the briefing after it.

Placeholder while the incremental version is written: the briefing is a full `assemble`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .build import DEFAULT_STORY, Analysis, analyze, assemble
from .config import EngineConfig
from .dedupe import containment
from .errors import NoArticlesError
from .ingest import RawArticle
from .model import Briefing, Document, Story
from .text import stem, words

Status = Literal["new", "duplicate", "irrelevant"]


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str
    same_as: str | None = None


class Corpus:
    """One story's articles and their per-article analyses, kept in memory."""

    def __init__(
        self,
        story: Story = DEFAULT_STORY,
        config: EngineConfig | None = None,
        keywords: Sequence[str] = (),
    ) -> None:
        self.story = story
        self.config = config or EngineConfig()
        self.keywords = tuple(keywords)
        self._analyses: dict[str, Analysis] = {}

    def __len__(self) -> int:
        return len(self._analyses)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(self._analyses)

    def analysis(self, source_id: str) -> Analysis:
        return self._analyses[source_id]

    def check(self, raw: RawArticle, analysis: Analysis | None = None) -> Verdict:
        analysis = analysis or analyze(raw, self.config)
        if not analysis.doc.sentences:
            return Verdict("irrelevant", "no article text found")
        if self.keywords and not relevant(analysis.doc, self.keywords):
            return Verdict("irrelevant", "not about this story")
        url = canonical_url(raw.url or analysis.doc.source.url)
        for other in self._analyses.values():
            if url and canonical_url(other.doc.source.url) == url:
                return Verdict("duplicate", "the same link is already in the story", _id(other))
        source_id = analysis.doc.source.id
        if source_id in self._analyses:
            return Verdict("duplicate", "the same text is already in the story", source_id)
        for other in self._analyses.values():
            if _same_site(analysis.doc, other.doc) and (
                containment(analysis.shingles, other.shingles) >= self.config.duplicate_threshold
            ):
                return Verdict("duplicate", "an earlier copy from the same outlet", _id(other))
        return Verdict("new", "new article")

    def add(self, analysis: Analysis) -> None:
        self._analyses.setdefault(analysis.doc.source.id, analysis)

    def remove(self, source_id: str) -> None:
        self._analyses.pop(source_id, None)

    def briefing(self, now: datetime | None = None) -> Briefing:
        if not self._analyses:
            raise NoArticlesError("no article with any text to brief")
        return assemble(list(self._analyses.values()), self.story, self.config, now)


def _id(analysis: Analysis) -> str:
    return analysis.doc.source.id


TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"})


def canonical_url(url: str | None) -> str | None:
    """The same page however it was linked: case, trailing slash, tracking and fragment gone.

    >>> canonical_url("HTTPS://News.example.com/a/b/?utm_source=x&id=2#top")
    'https://news.example.com/a/b?id=2'
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), "")
    )


def _site(doc: Document) -> str | None:
    if doc.source.outlet:
        return doc.source.outlet.casefold()
    if doc.source.url:
        return urlsplit(doc.source.url).netloc.lower().removeprefix("www.") or None
    return None


def _same_site(a: Document, b: Document) -> bool:
    return _site(a) is not None and _site(a) == _site(b)


def relevant(doc_or_raw: Document | RawArticle, keywords: Sequence[str]) -> bool:
    """Whether any keyword phrase occurs in the title or text (word stems, any case)."""
    if not keywords:
        return True
    if isinstance(doc_or_raw, Document):
        text = f"{doc_or_raw.source.title}\n{doc_or_raw.text}"
    else:
        text = f"{doc_or_raw.title}\n{doc_or_raw.text}"
    found = " " + " ".join(stem(w) for w in words(text)) + " "
    return any(f" {' '.join(stem(w) for w in words(k))} " in found for k in keywords if words(k))


_ = re
