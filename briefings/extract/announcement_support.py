"""A point's support as the announcement last worked it out, kept between announcements
so the next one reads only the sentences added since (`announcement._Choice._support`),
and the rank keys that order it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence

RARE_WORDS = 12
"""A point's support is sought among the sentences sharing its rarest words."""

SLOT_BITS = 40
"""A support rank key is (12 - rare words shared, first rare word shared, slot) in one int."""


@dataclass
class Support:
    """A point's support as last worked out, kept so the next announcement only merges in
    the sentences added since (see `announcement._Choice._support`)."""

    rare: list[str]
    """The point's rarest words, rarest first: the classes' rank keys depend on them."""
    removals: int
    """The index's removal count when made: a removal means gathering again."""
    classes: int
    """How many classes there were: later ones are checked for the point's rare words."""
    heads: dict[int, int]
    """Every class sharing two rare words → its rank key (fewer shared, later first)."""
    read: dict[int, int]
    """The classes that say much the same → how many of their members were read."""
    dead: dict[int, int]
    """Classes sharing two rare words whose sentences were all removed → how many."""
    doc: int
    keys: list[int] = field(default_factory=list)
    """Each other source's best sentence: head << SLOT_BITS | slot, ascending."""
    evidence: list[Evidence] = field(default_factory=list)
    """Their evidence, in the same order."""
    built: tuple[Evidence, ...] = ()


def head_key(shared: int, first: int) -> int:
    """A class's part of a support rank key: more rare words shared, then rarer, first."""
    return (RARE_WORDS - shared) << 4 | first


SLOT_MASK = (1 << SLOT_BITS) - 1
