"""Engine settings with defaults: thresholds and limits, never the environment."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineConfig:
    max_file_bytes: int = 5_000_000
    """Larger files are refused: no real article is this big, and reading one would stall."""
    duplicate_threshold: float = 0.5
    """Share of the shorter article's word 5-grams that must recur for wire-copy grouping."""
    support_threshold: float = 0.4
    """Similarity above which a sentence in another source supports a point."""
    summary_sentences: int = 3
    max_points: int = 6
    min_points: int = 3
    headline_max_words: int = 40
    min_quote_words: int = 3
    """Shorter quoted fragments are scare quotes, kept inside an indirect statement."""
    question_similarity: float = 0.5
    workers: int = 1
    """Processes for per-article analysis; 0 means one per CPU."""
