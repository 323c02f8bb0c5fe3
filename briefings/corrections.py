"""Editors' corrections, as data: what an editor changed, and the item it was aimed at.

A correction names its target by what the item says and where it was read (a quote's
words, a source and that source's sentence), never by a list position or an id that a
rebuild hands out afresh, so the same correction finds its item again after new articles,
a restart or an engine upgrade (`overlay.apply_corrections`). One whose item is gone is
reported as stale, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TargetKind = Literal["quote", "speaker", "figure", "point", "question", "source"]
Kind = Literal[
    "move_quote",  # a quote → another speaker (value: the name, or UNKNOWN)
    "merge_speakers",  # targets[0] merged into targets[1]
    "split_speaker",  # targets[1:] (quotes) leave targets[0] for a new speaker (value)
    "set_stance",  # value: a Stance
    "set_role",  # value: the role, "" clears it
    "hide",  # a quote, figure, point or question is not shown
    "relabel",  # a figure's label (value)
    "same_measure",  # two figures count one measure: merged, or in conflict if they differ
    "not_conflict",  # two figures said to disagree do not
    "remove_article",  # a source and every citation of it leave the briefing
]
KINDS: tuple[Kind, ...] = (
    "move_quote",
    "merge_speakers",
    "split_speaker",
    "set_stance",
    "set_role",
    "hide",
    "relabel",
    "same_measure",
    "not_conflict",
    "remove_article",
)
UNKNOWN = "Unknown speaker"
"""Where a quote goes when an editor says its speaker is not known."""


@dataclass(frozen=True)
class Target:
    """A stable identity of a briefing item.

    `text` is what the item says (a quote's words, a speaker's name, a figure's number as
    that source printed it, a point or question, a source's link or title); `source` and
    `sentence` are one citation of it (a source id and that sentence's text; a source's own
    id for an article, whose `text` is its link, else its title); `label`
    describes it for people (a figure's label, a quote's speaker, a source's outlet).
    """

    kind: TargetKind
    text: str
    source: str = ""
    sentence: str = ""
    label: str = ""

    def describe(self) -> str:
        """'quote “…” (Jane Doe)', for the corrections list.

        >>> Target("figure", "12,700", label="people crossed").describe()
        'figure 12,700 people crossed'
        """
        text = _short(self.text)
        if self.kind == "figure":
            return f"figure {text} {_short(self.label)}".strip()
        if self.kind in ("quote", "point", "question"):
            shown = f"{self.kind} “{text}”"
            return f"{shown} ({_short(self.label)})" if self.label else shown
        if self.kind == "source":
            outlet = f" ({_short(self.label)})" if self.label and self.label != self.text else ""
            return f"article “{text}”{outlet}"
        return text


@dataclass(frozen=True)
class Correction:
    """One editor's change, as the log recorded it; `id` orders them (applied in turn)."""

    id: int
    kind: Kind
    targets: tuple[Target, ...]
    value: str = ""
    by: str = ""
    """The editor, as shown to readers ('@alice')."""
    at: str = ""
    """When, ISO 8601 UTC."""

    def describe(self) -> str:
        """What it does, in a line: 'moved quote “…” to Jane Doe'."""
        t = [target.describe() for target in self.targets]
        value = _short(self.value)
        match self.kind:
            case "move_quote":
                return f"moved {t[0]} to {value}"
            case "merge_speakers":
                return f"merged {t[0]} into {t[1]}"
            case "split_speaker":
                return f"split {t[0]}: {', '.join(t[1:])} to {value}"
            case "set_stance":
                return f"set the stance of {t[0]} to {value}"
            case "set_role":
                return f"set the role of {t[0]} to {value}" if value else f"cleared {t[0]}'s role"
            case "hide":
                return f"hid {t[0]}"
            case "relabel":
                return f"relabelled {t[0]} as “{value}”"
            case "same_measure":
                return f"marked {t[0]} and {t[1]} as one measure"
            case "not_conflict":
                return f"marked {t[0]} and {t[1]} as not in conflict"
            case "remove_article":
                return f"removed {t[0]}"
        return self.kind  # pragma: no cover - every kind is matched above


@dataclass(frozen=True)
class Mark:
    """On a corrected item: who corrected it, when, and how ('corrected by @alice')."""

    by: str
    at: str
    what: str


@dataclass(frozen=True)
class Review:
    """The corrections as applied to one briefing: in effect, and stale (an item they
    name is no longer in the briefing: listed for editors to undo or redo)."""

    applied: tuple[Correction, ...] = ()
    stale: tuple[Correction, ...] = ()


def editors(marks: tuple[Mark, ...]) -> str:
    """Who corrected an item, each once: '@alice, @bob'.

    >>> editors((Mark("@a", "", ""), Mark("@b", "", ""), Mark("@a", "", "")))
    '@a, @b'
    """
    return ", ".join(dict.fromkeys(m.by or "an editor" for m in marks))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
