"""Verification: the last step of assembly, which trusts nothing the extractors say.

Every item a renderer may show is checked against the text of the sentences it cites,
looked up afresh in the story's own documents (never the copy the item carries):

- a direct quote's words stand verbatim in each source it cites (quote marks, dashes and
  white space folded), and so does the sentence shown around a partial quote;
- an indirect statement's words stand in its sentence, which outside the reported words
  names the speaker or refers to them (by pronoun, role or a word of their name);
- a headline, summary or key point sentence stands verbatim in each source it cites;
- a figure's number, as each source printed it, stands in each sentence it cites;
- an open question's sentences exist, and a conflict's question prints its numbers.

A citation that fails is taken off its item, which is certain to be right; an item left
with no citation is dropped. Nothing that fails is shown: a wrong speaker or a number under
the wrong outlet's name, posted with the bot's authority, is the worst thing it can do.
The `Audit` counts what was checked and why anything went.

Results are kept per item and per citation, so a story that grows by one article is
checked at the cost of what that article changed, not of the whole story.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, islice
from typing import TypeVar, cast

from .extract.stance import stance_statement
from .model import (
    Announcement,
    Audit,
    Briefing,
    Conflict,
    Evidence,
    Figure,
    OpenQuestion,
    Point,
    Quote,
    Reaction,
    Sentence,
    Wording,
)
from .timeline import check_event
from .verbatim import fold, printed, reference_words, reports
from .verify_quotes import NO_CITATION_LEFT, NOT_IN_SOURCE, check_wording

T = TypeVar("T")
C = TypeVar("C", Point, Quote, Figure, OpenQuestion)
"""An item that cites evidence."""

POINT_NOT_VERBATIM = "point not verbatim in a cited source"
MOVED_TO_SUPPORT = "point reported in other words: cited as support"
SUPPORT = "support"  # a verdict, not a reason: the sentence reports the point in other words
NUMBER_NOT_PRINTED = "figure's number not printed in a cited sentence"
STANCE_UNSUPPORTED = "stance words not in a kept quote"
CONFLICT_UNSUPPORTED = "conflict's sources do not print its number"
CONFLICT_QUESTION = "sources disagree on a figure"
"""The reason of the question the engine asks about each figure conflict."""


class Verifier:
    """Checks briefings, remembering each item's result while the item lives: items are
    frozen, and the indexes hand back the same object while it is unchanged."""

    def __init__(self) -> None:
        self._memo: dict[int, _Result] = {}
        self._lineage: dict[Hashable, tuple[tuple[Evidence, ...], list[str | None]]] = {}
        self._used: set[Hashable] = set()
        """The lineages this briefing judged."""
        self._judged: dict[tuple[str, str, int], tuple[Evidence, str | None]] = {}

    def verify(self, briefing: Briefing) -> Briefing:
        """The briefing with every unverifiable citation and item taken out, and its audit."""
        run = _Run(self, briefing.sentences)
        figures = run.figures(briefing.figures)
        briefing = replace(
            briefing,
            announcement=run.announcement(briefing.announcement),
            reactions=run.reactions(briefing.reactions),
            figures=figures,
            open_questions=run.questions(briefing.open_questions),
            timeline=_present(
                run.check(e, partial(check_event, in_source=run.in_source))
                for e in briefing.timeline
            ),
        )
        self._memo = run.memo  # forget what this briefing no longer shows
        # Items long gone: forget all but what this briefing judged, rather than grow
        # without end (an unchanged item is judged anew only when it next changes).
        if len(self._lineage) > 2 * _items(briefing) + 1024:
            self._lineage = {k: v for k, v in self._lineage.items() if k in self._used}
        self._used = set()
        if len(self._judged) > 2 * run.citations + 4096:
            self._judged = {}
        return replace(briefing, audit=run.audit())

    def remembered(self, item: object, given: object = None) -> _Result | None:
        found = self._memo.get(id(item))
        if found is None or found.item is not item or found.given != given:
            return None
        return found

    def judge(
        self,
        role: str,
        claim: str,
        evidence: Iterable[Evidence],
        decide: Callable[[Evidence], str | None],
    ) -> list[str | None]:
        """`decide(e)` once per claim, citation and the role it plays ('point', 'support',
        'figure' …), keyed by the citation's identity, which is cheap to hash, with the
        citation kept so that its id is not reused. A long story's points cite thousands of
        sentences, nearly all judged before: those cost one look-up each."""
        judged, out = self._judged, []
        for e in evidence:
            key = (role, claim, id(e))
            found = judged.get(key)
            if found is None or found[0] is not e:
                found = judged[key] = (e, decide(e))
            out.append(found[1])
        return out

    def verdicts(
        self,
        lineage: Hashable,
        evidence: Sequence[Evidence],
        judge: Callable[[Sequence[Evidence]], list[str | None]],
    ) -> list[str | None]:
        """`judge(citations)`: a verdict for each citation (None where it holds). A live
        story's items only gain citations (at the end) while articles arrive, so where the
        item of the same `lineage` in the last briefing cited a prefix of these, only the
        new ones are judged: adding an article costs what it added, not the story's size."""
        before, verdicts = self._lineage.get(lineage, ((), []))
        if len(before) > len(evidence) or not all(map(operator.is_, before, evidence)):
            before, verdicts = (), []
        verdicts = verdicts + judge(tuple(islice(evidence, len(before), None)))
        self._lineage[lineage] = (tuple(evidence), verdicts)
        self._used.add(lineage)
        return verdicts


@dataclass(frozen=True)
class _Result:
    item: object
    """The item checked, kept alive so its id is not reused while remembered."""
    given: object
    """What else the check read (a quote's speaker)."""
    result: object | None
    reasons: tuple[str, ...]
    citations: int


class _Run:
    """One verification pass: results for this briefing, and its tallies."""

    def __init__(self, verifier: Verifier, sentences: Mapping[str, Sentence]) -> None:
        self.verifier = verifier
        self.sentences = sentences
        self.memo: dict[int, _Result] = {}
        self.checked = self.citations = self.corrected = self.dropped = 0
        self.reasons: Counter[str] = Counter()

    def audit(self) -> Audit:
        return Audit(self.checked, self.citations, self.corrected, self.dropped, dict(self.reasons))

    def check(
        self,
        item: T,
        verify: Callable[[T], tuple[T | None, list[str], int]],
        given: object = None,
    ) -> T | None:
        """`verify(item)` once while the item lives; tallied every time it is shown."""
        found = self.verifier.remembered(item, given)
        if found is None:
            result, reasons, citations = verify(item)
            found = _Result(item, given, result, tuple(reasons), citations)
        self.memo[id(item)] = found
        self.checked += 1
        self.citations += found.citations
        self.reasons.update(found.reasons)
        if found.result is None:
            self.dropped += 1
        elif found.result is not item:
            self.corrected += 1
        # Remembered under this item, so the result of verify(item): a T again.
        return cast("T | None", found.result)

    # -- evidence ----------------------------------------------------------------------
    def in_source(self, evidence: Evidence) -> bool:
        """Whether a citation's sentence is its source's, as the citation quotes it."""
        sentence = self.sentences.get(evidence.sentence_id)
        return (
            sentence is not None
            and sentence.text == evidence.sentence
            and evidence.sentence_id.rpartition(":")[0] == evidence.source
        )

    def keep(
        self,
        role: str,
        claim: str,
        evidence: Sequence[Evidence],
        says: Callable[[Evidence], str | None],
    ) -> tuple[Sequence[Evidence], list[str]]:
        """The citations that hold; `says(e)` names what is wrong with one, or None. Each
        is judged once per `claim` (a figure's citations are regrouped as a story grows,
        so they are remembered one by one, not as a list)."""

        def judge(e: Evidence) -> str | None:
            return NOT_IN_SOURCE if not self.in_source(e) else says(e)

        verdicts = self.verifier.judge(role, claim, evidence, judge)
        reasons = [why for why in verdicts if why is not None]
        if not reasons:
            return evidence, reasons
        return tuple(e for e, why in zip(evidence, verdicts, strict=True) if why is None), reasons

    # -- announcement -------------------------------------------------------------------
    def announcement(self, a: Announcement) -> Announcement:
        headline = self.check(a.headline, self._point) if a.headline else None
        summary = _present(self.check(p, self._point) for p in a.summary)
        points = _present(self.check(p, self._point) for p in a.points)
        if headline is a.headline and _same(summary, a.summary) and _same(points, a.points):
            return a
        return Announcement(headline, summary, points)

    def _point(self, point: Point) -> tuple[Point | None, list[str], int]:
        """A point cites the sources printing its sentence; another source's sentence
        that reports the same fact in its own words is support ("also reported by"):
        a reader who opens it finds the fact, if not the words."""
        words = fold(point.text)

        def verdict(e: Evidence, *, cited: bool) -> str | None:
            if not self.in_source(e):
                return NOT_IN_SOURCE
            if cited and words in fold(e.sentence):
                return None
            return SUPPORT if reports(point.text, e.sentence) else POINT_NOT_VERBATIM

        evidence: list[Evidence] = []
        support: list[Evidence] = []
        reasons: list[str] = []
        # A point's citations are re-ranked as support comes in, so they are judged one by
        # one (remembered per sentence), not as a growing list.
        judge, text = self.verifier.judge, point.text
        cited = judge("point", text, point.evidence, partial(verdict, cited=True))
        other = judge("support", text, point.support, partial(verdict, cited=False))
        pairs = chain(
            zip(point.evidence, cited, strict=True), zip(point.support, other, strict=True)
        )
        for e, why in pairs:
            if why is None:
                evidence.append(e)
            elif why == SUPPORT:
                support.append(e)
            else:
                reasons.append(why)
        if _same(evidence, point.evidence) and _same(support, point.support):
            return point, reasons, len(point.evidence)
        kept, reasons, count = _settle(
            point, evidence, reasons or [MOVED_TO_SUPPORT], len(point.evidence)
        )
        return (kept and replace(kept, support=tuple(support))), reasons, count

    # -- reactions ----------------------------------------------------------------------
    def reactions(self, reactions: tuple[Reaction, ...]) -> tuple[Reaction, ...]:
        kept = _present(self._reaction(r) for r in reactions)
        return reactions if _same(kept, reactions) else kept

    def _reaction(self, reaction: Reaction) -> Reaction | None:
        names = reference_words(reaction)
        quotes = _present(
            self.check(q, lambda q: self._quote(names, q), names) for q in reaction.quotes
        )
        if not quotes:
            return None
        if _same(quotes, reaction.quotes):
            return reaction
        stance, stance_evidence = reaction.stance, reaction.stance_evidence
        said = " ".join(fold(f"{q.text} {q.context}") for q in quotes)
        if stance_evidence and fold(stance_statement(stance_evidence)) not in said:
            stance, stance_evidence = "neutral", ""
            self.reasons[STANCE_UNSUPPORTED] += 1
        return replace(reaction, quotes=quotes, stance=stance, stance_evidence=stance_evidence)

    def _quote(self, names: frozenset[str], quote: Quote) -> tuple[Quote | None, list[str], int]:
        """The quote's wording and each variant, checked against the outlets each cites;
        a variant whose outlets all fail goes, and one takes the place of a shown wording
        that lost all its citations."""
        wordings = (Wording(quote.text, quote.evidence, quote.context), *quote.variants)
        checked = [
            check_wording(w, quote.direct, names, self.in_source, self.verifier.verdicts)
            for w in wordings
        ]
        citations = sum(len(w.evidence) for w in wordings)
        reasons = [r for _, why in checked for r in why]
        if not reasons:
            return quote, [], citations
        kept = [w for w, _ in checked if w is not None]
        if not kept:
            return None, [*reasons, NO_CITATION_LEFT], citations
        first, *others = kept
        quote = replace(
            quote,
            text=first.text,
            context=first.context,
            evidence=tuple(first.evidence),
            variants=tuple(others),
        )
        return quote, reasons, citations

    # -- figures ------------------------------------------------------------------------
    def figures(self, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
        checked = [self.check(f, self._figure) for f in figures]
        kept = {f.id: f for f in checked if f is not None}
        sources: dict[str, frozenset[str]] = {}  # of the figures conflicts name, made once
        out = []
        for f in kept.values():
            found = (self._conflict(c, kept, sources) for c in f.conflicts)
            conflicts = tuple(c for c in found if c)
            if not _same(conflicts, f.conflicts):
                self.reasons.update([CONFLICT_UNSUPPORTED] * (len(f.conflicts) - len(conflicts)))
                f = replace(f, conflicts=conflicts)
            out.append(f)
        return figures if _same(out, figures) else tuple(out)

    def _figure(self, figure: Figure) -> tuple[Figure | None, list[str], int]:
        evidence, reasons = self.keep(
            "figure",
            figure.display,
            figure.evidence,
            lambda e: (
                None if printed(e.display or figure.display, e.sentence) else NUMBER_NOT_PRINTED
            ),
        )
        return _settle(figure, evidence, reasons, len(figure.evidence))

    @staticmethod
    def _conflict(
        conflict: Conflict, figures: Mapping[str, Figure], sources_of: dict[str, frozenset[str]]
    ) -> Conflict | None:
        """A conflict stands while its other figure does, citing only that figure's
        verified sources."""
        other = figures.get(conflict.figure)
        if other is None:
            return None
        if other.id not in sources_of:
            sources_of[other.id] = frozenset(other.sources)
        sources = tuple(s for s in conflict.sources if s in sources_of[other.id])
        if not sources:
            return None
        return conflict if sources == conflict.sources else replace(conflict, sources=sources)

    # -- questions ----------------------------------------------------------------------
    def questions(self, questions: tuple[OpenQuestion, ...]) -> tuple[OpenQuestion, ...]:
        out = _present(self.check(q, self._question) for q in questions)
        return questions if _same(out, questions) else out

    def _question(self, q: OpenQuestion) -> tuple[OpenQuestion | None, list[str], int]:
        """A question stands on sentences of its sources; one asking which of two figures
        is right names the outlets on each side, so it stands only while every sentence
        it cites prints the number it is cited for, and never loses a citation."""
        evidence, reasons = self.keep(
            "question",
            "",  # what a question's citation must print is the citation's own number
            q.evidence,
            lambda e: (
                None if not e.display or printed(e.display, e.sentence) else NUMBER_NOT_PRINTED
            ),
        )
        if reasons and q.reason == CONFLICT_QUESTION:
            return None, [*reasons, CONFLICT_UNSUPPORTED], len(q.evidence)
        return _settle(q, evidence, reasons, len(q.evidence))


def _items(briefing: Briefing) -> int:
    """How many quotes, figures and questions a briefing shows."""
    quotes = sum(len(r.quotes) for r in briefing.reactions)
    return quotes + len(briefing.figures) + len(briefing.open_questions)


def _settle(
    item: C,
    evidence: Sequence[Evidence],
    reasons: list[str],
    citations: int,
) -> tuple[C | None, list[str], int]:
    """The item as it stands after its citations were checked: as it was, with only the
    citations that hold, or gone when none holds."""
    if not reasons:
        return item, reasons, citations
    if not evidence:
        return None, [*reasons, NO_CITATION_LEFT], citations
    return replace(item, evidence=tuple(evidence)), reasons, citations


def _present(items: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(i for i in items if i is not None)


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    """Whether two sequences hold the very same items: items are frozen, so identity is
    equality here, at no cost (a figure's evidence can be thousands long)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
