"""One story's articles in memory: is a new article worth adding, and the briefing after it.

    corpus = Corpus(story)
    for raw in arriving:
        analysis = analyze(raw)
        if corpus.check(raw, analysis).status == "new":
            corpus.add(analysis)
            briefing = corpus.briefing()

An article is a duplicate (`check`) when the story already has
  - the same link: the canonical URL (scheme and host in lower case, no trailing slash, no
    fragment, no tracking parameters such as utm_*, fbclid, gclid);
  - the same text: the same cleaned text, which is what the source id is a hash of;
  - an earlier copy from the same outlet or site: a near-duplicate (5-gram containment of
    at least `EngineConfig.duplicate_threshold`, by the duplicate index's LSH) among the
    articles whose outlet, or web host, is the same; only those are compared.
Near-duplicate wire copy from another outlet is new: the briefing lists that outlet too and
counts the duplicate group once.

The briefing is updated incrementally (see `build.Assembly`) and is always the briefing
`assemble` gives for the same articles in the same order: the order they were added in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .build import DEFAULT_STORY, Analysis, Assembly, analyze
from .config import EngineConfig
from .corrections import Correction
from .model import Briefing, Document, Source, Story
from .overlay import apply_corrections
from .raw import RawArticle
from .text import stem, words

Status = Literal["new", "duplicate", "irrelevant"]


@dataclass(frozen=True)
class Verdict:
    """Whether an article is worth adding to a story, and why not."""

    status: Status
    reason: str
    same_as: str | None = None
    """The source id of the article it duplicates."""


class Corpus:
    """One story's articles and their per-article analyses, kept in memory; the briefing
    is updated incrementally as articles are added or removed."""

    def __init__(
        self,
        story: Story = DEFAULT_STORY,
        config: EngineConfig | None = None,
        keywords: Sequence[str] = (),
    ) -> None:
        self.story = story
        self.config = config or EngineConfig()
        self.keywords = tuple(keywords)
        self._assembly = Assembly(self.config)
        self._urls: dict[str, str] = {}
        self._sites: dict[str, dict[str, None]] = {}
        """Outlet or site → its articles, in corpus order: all an earlier copy can be."""
        self._briefing: Briefing | None = None
        self._corrections: tuple[Correction, ...] = ()
        self._corrected: Briefing | None = None

    def __len__(self) -> int:
        return len(self._assembly)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._assembly.analyses

    @property
    def source_ids(self) -> tuple[str, ...]:
        """In corpus order: the order articles were added in."""
        return tuple(self._assembly.analyses)

    @property
    def analyses(self) -> tuple[Analysis, ...]:
        return tuple(self._assembly.analyses.values())

    def analysis(self, source_id: str) -> Analysis:
        return self._assembly.analyses[source_id]

    def check(self, raw: RawArticle, analysis: Analysis | None = None) -> Verdict:
        """Is this article new to the story? See the module docstring for the rules."""
        analysis = analysis or analyze(raw, self.config)
        doc = analysis.doc
        if not doc.sentences:
            return Verdict("irrelevant", "no article text found")
        if self.keywords and not relevant(doc, self.keywords):
            return Verdict("irrelevant", "not about this story (no mention of its keywords)")
        url = canonical_url(raw.url or doc.source.url)
        if url and (same := self._urls.get(url)):
            return Verdict("duplicate", f"the same link as {self._name(same)}", same)
        if doc.source.id in self._assembly.analyses:
            return Verdict(
                "duplicate", f"the same text as {self._name(doc.source.id)}", doc.source.id
            )
        site = _site(doc.source)
        if site is not None and (same_site := self._sites.get(site)):
            copies = self._assembly.duplicates.similar(
                analysis.shingles, same_site, analysis.signature
            )
            if copies:
                same = max(copies, key=copies.__getitem__)  # the first on a tie
                return Verdict("duplicate", f"an earlier copy of {self._name(same)}", same)
        return Verdict("new", "new to this story")

    def add(self, analysis: Analysis) -> None:
        """Add an article (after `check` said new; also to load stored analyses). An
        article without text, or already in the story, is ignored."""
        doc = analysis.doc
        if not doc.sentences or doc.source.id in self._assembly.analyses:
            return
        self._assembly.add(analysis)
        if url := canonical_url(doc.source.url):
            self._urls.setdefault(url, doc.source.id)
        if (site := _site(doc.source)) is not None:
            self._sites.setdefault(site, {})[doc.source.id] = None
        self._briefing = None

    def remove(self, source_id: str) -> None:
        """Take an article out of the story; an unknown id is ignored."""
        analysis = self._assembly.analyses.get(source_id)
        if analysis is None:
            return
        self._assembly.remove(source_id)
        if (site := _site(analysis.doc.source)) is not None:
            same_site = self._sites[site]
            del same_site[source_id]
            if not same_site:
                del self._sites[site]
        url = canonical_url(analysis.doc.source.url)
        if url and self._urls.get(url) == source_id:
            del self._urls[url]
            for other in self._assembly.analyses.values():
                if canonical_url(other.doc.source.url) == url:
                    self._urls[url] = other.doc.source.id
                    break
        self._briefing = None

    def correct(self, corrections: Sequence[Correction]) -> None:
        """The editors' corrections, laid over every briefing from now on (after
        verification: `overlay.apply_corrections`), until they are set again."""
        self._corrections = tuple(corrections)
        self._corrected = None

    def briefing(self, now: datetime | None = None) -> Briefing:
        """The story's briefing, corrected; raises NoArticlesError when it has no article."""
        stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
        if self._briefing is None:
            self._briefing = self._assembly.briefing(self.story, now)
            self._corrected = None
        elif self._briefing.generated_at != stamp:
            self._briefing = replace(self._briefing, generated_at=stamp)
        if self._corrected is None:
            self._corrected = apply_corrections(self._briefing, self._corrections)
        elif self._corrected.generated_at != stamp:
            self._corrected = replace(self._corrected, generated_at=stamp)
        return self._corrected

    def _name(self, source_id: str) -> str:
        source = self._assembly.analyses[source_id].doc.source
        return f"{source.name!r}" if source.name else source_id


TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid"}
)
"""Query parameters that say where a click came from, not which page it is (and utm_*)."""


def canonical_url(url: str | None) -> str | None:
    """The same page however it was linked: case, trailing slash, tracking and fragment gone.

    >>> canonical_url("HTTPS://News.Example.com/a/b/?utm_source=x&id=2&fbclid=y#top")
    'https://news.example.com/a/b?id=2'
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING
    ]
    host = parts.netloc.lower()
    for scheme, port in (("http", ":80"), ("https", ":443")):
        if parts.scheme.lower() == scheme:
            host = host.removesuffix(port)
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def _site(source: Source) -> str | None:
    """Who published it: the outlet, else the web host (without www.)."""
    if source.outlet:
        return source.outlet.casefold()
    if source.url:
        return urlsplit(source.url).netloc.lower().removeprefix("www.") or None
    return None


def relevant(doc_or_raw: Document | RawArticle, keywords: Sequence[str]) -> bool:
    """Whether a keyword phrase occurs in the title or text: whole words, any case, plural
    or other endings folded by stemming. No keywords: everything is relevant.

    >>> raw = RawArticle(text="Talks on flood barriers went on.", title="Rivers")
    >>> relevant(raw, ["flood barrier"]), relevant(raw, ["barriers for"]), relevant(raw, [])
    (True, False, True)
    """
    phrases = [" ".join(stem(w) for w in words(k)) for k in keywords]
    phrases = [p for p in phrases if p]
    if not phrases:
        return True
    if isinstance(doc_or_raw, Document):
        title, text = doc_or_raw.source.title, doc_or_raw.text
    else:
        title, text = doc_or_raw.title, doc_or_raw.text
    found = " " + " ".join(stem(w) for w in words(f"{title}\n{text}")) + " "
    return any(f" {phrase} " in found for phrase in phrases)
