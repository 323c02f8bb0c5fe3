"""Briefbot's engine: articles in, one structured and fully sourced Briefing out.

    raws, errors = load_articles(["seeds/"])
    briefing = build_briefing(raws)
    print(RENDERERS["text"](briefing))

Pure and platform-free: nothing here imports `bot` or reads the environment.
"""

from __future__ import annotations

from .build import DEFAULT_STORY, Analysis, analyze, assemble, build_briefing
from .config import EngineConfig
from .errors import BriefingError, ConfigError, DownloadError, InputError, NoArticlesError
from .ingest import RawArticle, load_articles, parse_html, read_article
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
)
from .render import RENDERERS, to_dict
from .resources import shipped

__all__ = [
    "DEFAULT_STORY",
    "RENDERERS",
    "Analysis",
    "Announcement",
    "Briefing",
    "BriefingError",
    "ConfigError",
    "Conflict",
    "Document",
    "DownloadError",
    "EngineConfig",
    "Evidence",
    "Figure",
    "InputError",
    "NoArticlesError",
    "OpenQuestion",
    "Point",
    "Quote",
    "RawArticle",
    "Reaction",
    "Sentence",
    "Source",
    "Story",
    "analyze",
    "assemble",
    "build_briefing",
    "load_articles",
    "parse_html",
    "read_article",
    "shipped",
    "to_dict",
]
