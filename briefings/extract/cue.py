"""An attribution cue: a reporting verb (or a signature) and the speaker it names, as
`attributions.py` and `signed.py` find them and `assign.py` gives them their quotes."""

from __future__ import annotations

from dataclasses import dataclass

from .mentions import Mention
from .quote_marks import QuoteSpan


@dataclass(frozen=True)
class Attribution:
    """A reporting verb and its speaker; `after_quote` when it follows its quote."""

    start: int
    end: int
    verb: str
    mention: Mention | None
    after_quote: bool
    subordinate: bool = False
    """Inside another clause ('a humiliation that Starmer had announced …'): it may carry
    a quote next to it, but reports nothing of its own."""


def inside(spans: list[QuoteSpan], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in spans)
