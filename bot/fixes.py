"""`/hubs fix …`: an editor's correction typed as text, resolved against the briefing shown.

    fix quote "WORDS" to NAME           the quote with those words was said by NAME (or unknown)
    fix merge NAME into NAME            two entries are one speaker
    fix split NAME "WORDS" … to NAME    those quotes are another speaker's
    fix stance NAME supportive|opposed|critical|conditional|neutral
    fix role NAME as ROLE   ·   fix role NAME none
    fix hide quote|figure|point|question WORDS
    fix label FIGURE as LABEL           a figure is "12,700" or "12,700 crossings"
    fix same FIGURE and FIGURE          one measure
    fix apart FIGURE and FIGURE         not in conflict
    fix remove SOURCE                   an article: its number in `sources`, outlet, link or title
    fix undo N                          take correction N back

Each reference is resolved now, against the briefing the editor sees, into the item's
stable identity (`briefings.target_of`); nothing here stores a position. A reference that
fits no item, or several, is answered with what to type instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefings import STANCES, Briefing, Figure, Quote, Reaction, Target, target_of

from .briefs import BriefingCache
from .corrections import CorrectionLog, Editor, Entry, UndoError

T = TypeVar("T")
MAX_VALUE = 200
OPENING, CLOSING = '"“„«', '"”“»'
USAGE = "fix quote|merge|split|stance|role|hide|label|same|apart|remove|undo …"


class FixError(Exception):
    """A fix we cannot resolve as typed; the message says what to type instead."""


@dataclass(frozen=True)
class Change:
    """A correction to record: its kind, the items' identities and the new value."""

    kind: str
    targets: tuple[Target, ...]
    value: str = ""


@dataclass(frozen=True)
class Undo:
    number: int


@dataclass(frozen=True)
class Word:
    text: str
    quoted: bool = False


def tokens(text: str) -> list[Word]:
    """Words, and phrases in quote marks (straight or curly) as one word each.

    >>> [w.text for w in tokens('quote “No, never” to  Jane O\\'Neil')]
    ['quote', 'No, never', 'to', 'Jane', "O'Neil"]
    """
    out, at = [], 0
    while at < len(text):
        if text[at].isspace():
            at += 1
        elif text[at] in OPENING:
            end = next((i for i in range(at + 1, len(text)) if text[i] in CLOSING), len(text))
            out.append(Word(text[at + 1 : end].strip(), True))
            at = end + 1
        else:
            end = next((i for i in range(at, len(text)) if text[i].isspace()), len(text))
            out.append(Word(text[at:end]))
            at = end
    return [w for w in out if w.text]


def parse_fix(text: str, briefing: Briefing, command: str) -> Change | Undo:
    """The correction `text` (after "fix") asks for, its items found in `briefing`."""
    words = tokens(text)
    if not words:
        raise FixError(f"Say what to fix: {command} {USAGE}")
    verb, rest = words[0].text.lower(), words[1:]
    find = _Finder(briefing, command)
    if verb == "undo":
        number = _joined(rest).lstrip("#")
        if not number.isdigit():
            raise FixError(
                f"Say which correction: {command} fix undo 12 (see {command} corrections)"
            )
        return Undo(int(number))
    if verb == "quote":
        quote, name = _split(rest, "to", "quote “WORDS” to NAME", last=True)
        return Change("move_quote", (find.quote(quote),), _value(name))
    if verb == "merge":
        merged, into = _split(rest, "into", "merge NAME into NAME")
        return Change("merge_speakers", (find.speaker(merged), find.speaker(into)))
    if verb == "split":
        n = _at(rest, "to", "split NAME “WORDS” … to NAME", last=True)
        head, name = rest[:n], _joined(rest[n + 1 :])
        speaker = find.speaker(" ".join(w.text for w in head if not w.quoted))
        quotes = [w.text for w in head if w.quoted]
        if not quotes:
            raise FixError(f"Put each quote's words in quote marks: {command} fix split …")
        targets = (speaker, *(find.quote(q, within=speaker.text) for q in quotes))
        return Change("split_speaker", targets, _value(name))
    if verb == "stance":
        if len(rest) < 2 or rest[-1].text.lower() not in STANCES:
            raise FixError(f"Say the stance: {command} fix stance NAME {'|'.join(STANCES)}")
        return Change("set_stance", (find.speaker(_joined(rest[:-1])),), rest[-1].text.lower())
    if verb == "role":
        if rest and rest[-1].text.lower() == "none" and not rest[-1].quoted:
            return Change("set_role", (find.speaker(_joined(rest[:-1])),), "")
        name, role = _split(rest, "as", "role NAME as ROLE (or: role NAME none)")
        return Change("set_role", (find.speaker(name),), _value(role))
    if verb == "hide":
        kinds = {"quote": find.quote, "figure": find.figure, "point": find.point}
        kinds["question"] = find.question
        if not rest or rest[0].text.lower() not in kinds:
            raise FixError(f"Say what to hide: {command} fix hide quote|figure|point|question …")
        return Change("hide", (kinds[rest[0].text.lower()](_joined(rest[1:])),))
    if verb == "label":
        figure, label = _split(rest, "as", "label FIGURE as LABEL")
        return Change("relabel", (find.figure(figure),), _value(label))
    if verb in ("same", "apart"):
        first, second = _split(rest, "and", f"{verb} FIGURE and FIGURE")
        kind = "same_measure" if verb == "same" else "not_conflict"
        return Change(kind, (find.figure(first), find.figure(second)))
    if verb == "remove":
        return Change("remove_article", (find.source(_joined(rest)),))
    raise FixError(f"There is no fix “{verb}”. Type {command} fix for the list.")


def record(
    cache: BriefingCache, slug: str, change: Change | Undo, editor: Editor
) -> tuple[Entry, bool]:
    """Record a correction or an undo and lay it over the briefing at once: the log's
    entry, and whether it is stale already (its item is not in the briefing)."""
    log = _log(cache)
    if isinstance(change, Undo):
        try:
            entry = log.undo(slug, change.number, editor)
        except UndoError as error:
            raise FixError(str(error)) from None
    else:
        entry = log.record(slug, change.kind, change.targets, change.value, editor)
    briefing = cache.recorrect(slug)
    return entry, any(c.id == entry.id for c in briefing.corrections.stale)


def listing(cache: BriefingCache, slug: str) -> tuple[list[Entry], dict[int, str]]:
    """Every correction of a story, newest first, and each one's state: in effect, stale
    (its item is gone from the briefing) or undone."""
    entries = _log(cache).entries(slug)
    stale = {c.id for c in cache.get(slug).corrections.stale}
    states = {
        e.id: "undone" if e.undone_by else "stale" if e.id in stale else "in effect"
        for e in entries
    }
    return entries, states


def _log(cache: BriefingCache) -> CorrectionLog:
    if cache.corrections is None:
        raise FixError("Corrections need the database; this session has none.")
    return cache.corrections


def _at(words: list[Word], keyword: str, usage: str, *, last: bool = False) -> int:
    """Where `keyword` (not in quote marks) parts the words, or an error saying the usage."""
    found = [n for n, w in enumerate(words) if not w.quoted and w.text.lower() == keyword]
    if not found or found[-1 if last else 0] in (0, len(words) - 1):
        raise FixError(f"Type it as: fix {usage}")
    return found[-1 if last else 0]


def _split(words: list[Word], keyword: str, usage: str, *, last: bool = False) -> tuple[str, str]:
    """The words before and after `keyword`."""
    n = _at(words, keyword, usage, last=last)
    return _joined(words[:n]), _joined(words[n + 1 :])


def _joined(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def _value(text: str) -> str:
    value = " ".join(text.split())
    if not value:
        raise FixError("The new value is empty.")
    if len(value) > MAX_VALUE:
        raise FixError(f"Keep it under {MAX_VALUE} characters.")
    return value


class _Finder:
    """Items of the briefing by a few of their words: exactly one, or a clear error."""

    def __init__(self, briefing: Briefing, command: str) -> None:
        self.b, self.command = briefing, command

    def speaker(self, name: str) -> Target:
        wanted = name.strip().casefold()
        reactions = self.b.reactions
        exact = [
            r for r in reactions if wanted in (r.speaker.casefold(), *map(str.casefold, r.aliases))
        ]
        found = exact or [r for r in reactions if wanted and wanted in r.speaker.casefold()]
        r = self._one(found, f"speaker “{name}”", lambda r: r.speaker, "reactions")
        return target_of(r)

    def quote(self, words: str, within: str = "") -> Target:
        wanted = _fold(words)
        pairs = [
            (r, q)
            for r in self.b.reactions
            if not within or r.speaker == within
            for q in r.quotes
            if wanted and (wanted in _fold(q.text) or wanted in _fold(q.context))
        ]
        exact = [(r, q) for r, q in pairs if _fold(q.text) == wanted]
        distinct = list({q.text: (r, q) for r, q in exact or pairs}.values())
        r, q = self._one(distinct, f"quote with “{words}”", lambda p: _said(*p), "reactions")
        return target_of(q, r.speaker)

    def figure(self, words: str) -> Target:
        wanted = words.strip().casefold()
        number, _, rest = wanted.partition(" ")

        def printed(f: Figure) -> set[str]:
            return {
                f.display.casefold(),
                *((e.display or f.display).casefold() for e in f.evidence),
            }

        figures = self.b.figures
        found = [f for f in figures if f.display.casefold() == wanted]  # the figure's own number
        if not found:  # a number some source printed for it
            found = [f for f in figures if wanted in printed(f)]
        if not found:  # "12,700 crossings": its number and words of its label
            found = [f for f in figures if number in printed(f) and rest in f.label.casefold()]
        if not found:
            found = [f for f in figures if wanted and wanted in f.label.casefold()]
        f = self._one(found, f"figure “{words}”", lambda f: f"{f.display} {f.label}", "figures")
        return target_of(f)

    def point(self, words: str) -> Target:
        a = self.b.announcement
        points = [
            p for p in dict.fromkeys((*a.summary, *a.points)) if _fold(words) in _fold(p.text)
        ]
        return target_of(self._one(points, f"point with “{words}”", lambda p: p.text, "brief"))

    def question(self, words: str) -> Target:
        found = [q for q in self.b.open_questions if _fold(words) in _fold(q.question)]
        q = self._one(found, f"question with “{words}”", lambda q: q.question, "questions")
        return target_of(q)

    def source(self, words: str) -> Target:
        sources, wanted = self.b.sources, words.strip().strip("[]#").casefold()
        if wanted.isdigit() and 0 < int(wanted) <= len(sources):
            return target_of(sources[int(wanted) - 1])
        found = [
            s
            for s in sources
            if wanted and wanted in (s.id, (s.url or "").casefold(), (s.outlet or "").casefold())
        ]
        found = found or [s for s in sources if wanted and wanted in s.title.casefold()]
        s = self._one(found, f"article “{words}”", lambda s: f"{s.name}: {s.title}", "sources")
        return target_of(s)

    def _one(self, found: Sequence[T], what: str, shown: Callable[[T], str], where: str) -> T:
        if len(found) == 1:
            return found[0]
        look = f"{self.command} {where}"
        if not found:
            raise FixError(f"No {what} in the briefing. Copy a few words from {look}.")
        listed = "; ".join(f"“{_short(shown(item))}”" for item in found[:3])
        raise FixError(f"{len(found)} fit the {what}: {listed}. Give more of its words.")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\"'`´‘’“”«»]", "", text).casefold().split())


def _said(reaction: Reaction, quote: Quote) -> str:
    return f"{quote.text} ({reaction.speaker})"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
