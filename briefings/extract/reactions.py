"""Reactions: one entry per speaker across every article, with role, stance and quotes.

Speakers are resolved article by article (`resolve`: pronouns, role references,
spokespeople) against the story's `Registry` (`speakers`), so "Dame Anna", "Okafor", "the
health secretary" and "Anna Okafor" end up as one speaker. `index.ReactionIndex` keeps this
current as articles come and go; `merge` makes the same quote printed by several outlets
one quote. Unnamed groups ("critics", "officials") and unnamed sources ("a senior aide")
come after named speakers.
"""

from __future__ import annotations

from ..model import Document, Reaction
from ..weights import Weights
from .index import ReactionIndex
from .people import PeopleScan, scan_people
from .quotes import Statement

__all__ = ["PeopleScan", "ReactionIndex", "build_reactions", "scan_people"]


def build_reactions(
    docs: list[Document],
    statements: dict[str, list[Statement]],
    scans: dict[str, PeopleScan],
    weight: dict[str, float],
) -> tuple[Reaction, ...]:
    """Merge every article's statements into one reaction per speaker."""
    weights = Weights()
    for doc in docs:
        weights.add(doc.source.id, weight.get(doc.source.id, 1.0))
    index = ReactionIndex(weights)
    for doc in docs:
        index.add(doc, statements[doc.source.id], scans[doc.source.id])
    return index.reactions()
