"""Briefbot's engine: articles in, one structured and fully sourced Briefing out.

    raws, errors = load_articles(["seeds/"])
    briefing = build_briefing(raws)
    print(RENDERERS["text"](briefing))

Pure and platform-free: nothing here imports `bot` or reads the environment.
"""

from __future__ import annotations

from .alerts import alerts
from .build import DEFAULT_STORY, Analysis, analyze, assemble, build_briefing, collector_paused
from .config import EngineConfig
from .content_types import FEED_TYPES
from .corpus import Corpus, Verdict, relevant
from .corrections import KINDS as CORRECTION_KINDS
from .corrections import UNKNOWN as UNKNOWN_SPEAKER
from .corrections import Correction, Mark, Review, Target, editors
from .corrections import Kind as CorrectionKind
from .dates import spoken_time
from .diff import Changes, changes, summarize
from .errors import BriefingError, ConfigError, DownloadError, InputError, NoArticlesError
from .feeds import FeedEntry, parse_feed
from .fetch import FetchPolicy, fetch, read_url
from .identity import target_of, token
from .ingest import load_articles, read_article
from .model import (
    Announcement,
    Briefing,
    Conflict,
    Document,
    Evidence,
    Figure,
    OpenQuestion,
    Point,
    Quote,
    Reaction,
    Sentence,
    Source,
    Story,
    TimelineEvent,
)
from .overlay import STANCES, apply_corrections
from .pages import parse_html
from .raw import RawArticle
from .render import RENDERERS, render_html, to_dict
from .render.text import Safe, escape_markdown, template_environment
from .render.xlsx import render_xlsx
from .resources import shipped
from .text import content_stems
from .timeline import day_label, version_events, with_versions

__all__ = [
    "Analysis",
    "Announcement",
    "Briefing",
    "BriefingError",
    "CORRECTION_KINDS",
    "Changes",
    "ConfigError",
    "Conflict",
    "Corpus",
    "Correction",
    "CorrectionKind",
    "DEFAULT_STORY",
    "Document",
    "DownloadError",
    "EngineConfig",
    "Evidence",
    "FEED_TYPES",
    "FeedEntry",
    "FetchPolicy",
    "Figure",
    "InputError",
    "Mark",
    "NoArticlesError",
    "OpenQuestion",
    "Point",
    "Quote",
    "RENDERERS",
    "RawArticle",
    "Reaction",
    "Review",
    "STANCES",
    "Safe",
    "Sentence",
    "Source",
    "Story",
    "Target",
    "TimelineEvent",
    "UNKNOWN_SPEAKER",
    "Verdict",
    "alerts",
    "analyze",
    "apply_corrections",
    "assemble",
    "build_briefing",
    "changes",
    "collector_paused",
    "content_stems",
    "day_label",
    "spoken_time",
    "editors",
    "escape_markdown",
    "fetch",
    "load_articles",
    "parse_feed",
    "parse_html",
    "read_article",
    "read_url",
    "relevant",
    "render_html",
    "render_xlsx",
    "shipped",
    "summarize",
    "target_of",
    "template_environment",
    "to_dict",
    "token",
    "version_events",
    "with_versions",
]
