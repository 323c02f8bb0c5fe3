"""Which changes to a briefing deserve an alert, not just a line in the next digest.

An alert is short and interrupts people, so only four kinds qualify: sources newly
disagreeing on a figure, a new named speaker, a new statement from an official (a
government, ministry, agency or its spokesperson), and a figure revised. Each alert has a
stable `key`: the same change gets the same key in every process, which is what lets the
bot send it to a channel once and never again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass

from .diff import Changes, figure_key
from .lexicon import OFFICIAL_WORDS
from .model import Conflict, Figure, Quote, Reaction

KINDS = ("conflict", "speaker", "official", "revision")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Alert:
    kind: str  # one of KINDS
    key: str  # stable across processes and versions: "the same change"
    figure: Figure | None = None
    conflict: Conflict | None = None
    before: str | None = None  # a revised figure's previous display
    reaction: Reaction | None = None
    quote: Quote | None = None


def alerts(changes: Changes, kinds: Collection[str] = KINDS) -> tuple[Alert, ...]:
    """The alert-worthy changes among `changes`, in the order of KINDS."""
    if changes.first:
        return ()  # a story's first version is news to no one yet: that is the digest's job
    found: list[Alert] = []
    if "conflict" in kinds:
        for f, c in changes.conflicts:
            pair = sorted((f"{figure_key(f)}={f.display}", f"{figure_key(f)}={c.display}"))
            found.append(Alert("conflict", _key("conflict", *pair), f, c))
    if "speaker" in kinds:
        for r in changes.speakers:
            if r.is_person:
                found.append(Alert("speaker", _key("speaker", r.speaker), reaction=r))
    if "official" in kinds:
        statements = [(r, q) for r in changes.speakers for q in r.quotes[:1]]
        for r, q in [*statements, *changes.quotes]:
            if is_official(r):
                found.append(
                    Alert("official", _key("official", r.speaker, q.text), reaction=r, quote=q)
                )
    if "revision" in kinds:
        for before, f in changes.revised:
            found.append(
                Alert(
                    "revision", _key("revision", figure_key(f), before, f.display), f, before=before
                )
            )
    return tuple(found)


def is_official(reaction: Reaction) -> bool:
    """A government, ministry or agency, or someone speaking for one."""
    words = set(_WORD.findall(f"{reaction.speaker} {reaction.role or ''}".lower()))
    return bool(words & OFFICIAL_WORDS)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
