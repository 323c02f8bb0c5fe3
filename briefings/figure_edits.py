"""Editors' corrections of figures, and the conflict questions that follow from them.

Part of `overlay`: figures hidden, relabelled, marked as one measure or as not in
conflict, and an article's numbers taken out. A figure's disagreements are its
`conflicts`, and each disagreement asks one open question ("Which is right for …?"); when
corrections change a disagreement, its question is asked afresh in the engine's words and
a disagreement that is gone asks nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .corrections import Mark, Target
from .identity import figure_index, text_index
from .model import Conflict, Figure, OpenQuestion, Source, disagreements, source_ids
from .verify import CONFLICT_QUESTION

ONE_MEASURE = "an editor marked these as one measure"
QUESTION = "Which is right for {label}: "


class FigureEdits:
    """The figures and open questions of a briefing being corrected."""

    def __init__(
        self,
        figures: tuple[Figure, ...],
        questions: tuple[OpenQuestion, ...],
        sources: Sequence[Source],
    ) -> None:
        self._figures, self._questions = figures, questions
        self.figures, self.questions = list(figures), list(questions)
        self.names = {s.id: s.name for s in sources}
        self.gone: dict[str, str | None] = {}
        """Figure id → the figure it was merged into, or None when hidden or left uncited."""
        self.changed = False

    def hide(self, target: Target) -> bool:
        at = figure_index(self.figures, target)
        if at is None:
            return False
        self._drop(at, None)
        return True

    def hide_question(self, target: Target) -> bool:
        at = text_index([q.question for q in self.questions], target)
        if at is None and target.text.startswith(QUESTION[:18]):
            # A conflict question names its sources, so it is reworded as sources join.
            lead = target.text.partition(": ")[0]
            same = (n for n, q in enumerate(self.questions) if q.question.startswith(lead + ": "))
            at = next(same, None)
        if at is None:
            return False
        del self.questions[at]
        return True

    def relabel(self, target: Target, label: str, mark: Mark) -> bool:
        at = figure_index(self.figures, target)
        if at is None or not label.strip():
            return False
        f = self.figures[at]
        self.figures[at] = replace(f, label=label.strip(), corrected=(*f.corrected, mark))
        self.changed = True
        return True

    def same_measure(self, a: Target, b: Target, mark: Mark) -> bool:
        """One measure: the same number is one figure citing both; different numbers
        disagree (a conflict each way, and its question)."""
        i, j = figure_index(self.figures, a), figure_index(self.figures, b)
        if i is None or j is None:
            return False
        if i == j:
            return True
        fa, fb = self.figures[i], self.figures[j]
        self.changed = True
        if fa.value == fb.value and fa.unit == fb.unit:
            cited = set(fa.evidence)
            evidence = (*fa.evidence, *(e for e in fb.evidence if e not in cited))
            rivals = {c.figure for c in fa.conflicts} | {fa.id}
            conflicts = (*fa.conflicts, *(c for c in fb.conflicts if c.figure not in rivals))
            marks = (*fa.corrected, *fb.corrected, mark)
            self.figures[i] = replace(fa, evidence=evidence, conflicts=conflicts, corrected=marks)
            self._drop(j, fa.id)
            return True
        for n, (f, other) in ((i, (fa, fb)), (j, (fb, fa))):
            conflicts = f.conflicts
            if all(c.figure != other.id for c in conflicts):
                rival = Conflict(other.id, other.value, other.display, other.sources, ONE_MEASURE)
                conflicts = (*conflicts, rival)
            self.figures[n] = replace(f, conflicts=conflicts, corrected=(*f.corrected, mark))
        return True

    def not_conflict(self, a: Target, b: Target, mark: Mark) -> bool:
        i, j = figure_index(self.figures, a), figure_index(self.figures, b)
        if i is None or j is None:
            return False
        ids = {self.figures[i].id, self.figures[j].id}
        for n in dict.fromkeys((i, j)):
            f = self.figures[n]
            kept = tuple(c for c in f.conflicts if c.figure not in ids)
            self.figures[n] = replace(f, conflicts=kept, corrected=(*f.corrected, mark))
        self.changed = True
        return True

    def remove_source(self, source_id: str) -> None:
        """An article taken out: its citations go, and figures and questions left with
        none; a conflict or revision only it reported goes too."""
        self.changed = True
        for n in reversed(range(len(self.figures))):
            f = self.figures[n]
            evidence = tuple(e for e in f.evidence if e.source != source_id)
            if not evidence:
                self._drop(n, None)
                continue
            conflicts = tuple(
                replace(c, sources=kept)
                for c in f.conflicts
                if (kept := tuple(s for s in c.sources if s != source_id))
            )
            revised = f.revised_from
            if revised is not None:
                kept = tuple(s for s in revised.sources if s != source_id)
                revised = replace(revised, sources=kept) if kept else None
            if evidence != f.evidence or conflicts != f.conflicts or revised != f.revised_from:
                self.figures[n] = replace(
                    f, evidence=evidence, conflicts=conflicts, revised_from=revised
                )
        questions = []
        for q in self.questions:
            if any(e.source == source_id for e in q.evidence):
                q = replace(q, evidence=tuple(e for e in q.evidence if e.source != source_id))
            if q.evidence:
                questions.append(q)
        self.questions = questions

    def built(self) -> tuple[tuple[Figure, ...], tuple[OpenQuestion, ...]]:
        if not self.changed:
            return self._figures, tuple(self.questions)
        figures = tuple(self._rivals_kept(f) for f in self.figures)
        return figures, self._conflict_questions(figures)

    # -- helpers -------------------------------------------------------------------------
    def _drop(self, at: int, into: str | None) -> None:
        self.gone[self.figures.pop(at).id] = into
        self.changed = True

    def _rivals_kept(self, figure: Figure) -> Figure:
        """Conflicts with figures that are gone go too; with a merged one, its heir."""
        if not any(c.figure in self.gone for c in figure.conflicts):
            return figure
        conflicts: dict[str, Conflict] = {}
        for c in figure.conflicts:
            heir: str | None = c.figure
            while heir is not None and heir in self.gone:
                heir = self.gone[heir]
            if heir is not None and heir != figure.id:
                conflicts.setdefault(heir, replace(c, figure=heir))
        return replace(figure, conflicts=tuple(conflicts.values()))

    def _conflict_questions(self, figures: tuple[Figure, ...]) -> tuple[OpenQuestion, ...]:
        """Each disagreement corrections changed asks its question afresh; one they ended
        asks nothing; the others keep the question the engine asked."""
        before = {_key(lead, rivals): lead for lead, rivals in disagreements(self._figures)}
        after = disagreements(figures)
        now = {_key(lead, rivals) for lead, rivals in after}
        ended = tuple(_opening(lead) for key, lead in before.items() if key not in now)
        kept: list[OpenQuestion] = []
        at: int | None = None
        for q in self.questions:
            if ended and q.reason == CONFLICT_QUESTION and q.question.startswith(ended):
                at = len(kept) if at is None else at
                continue
            kept.append(q)
        by_id = {f.id: f for f in figures}
        asked = [
            self._question(lead, rivals, by_id)
            for lead, rivals in after
            if _key(lead, rivals) not in before
        ]
        at = len(kept) if at is None else at
        return (*kept[:at], *asked, *kept[at:])

    def _question(
        self, lead: Figure, rivals: tuple[Conflict, ...], by_id: dict[str, Figure]
    ) -> OpenQuestion:
        """In the engine's words (`build._conflict_question`)."""
        said = [f"{lead.display} ({self._names(lead.sources)})"]
        said += [f"{c.display} ({self._names(c.sources)})" for c in rivals]
        text = QUESTION.format(label=lead.label) + f"{', '.join(said[:-1])} or {said[-1]}?"
        others = [by_id[c.figure] for c in rivals if c.figure in by_id]
        evidence = tuple(dict.fromkeys(e for f in (lead, *others) for e in f.evidence))
        marks = tuple(dict.fromkeys(m for f in (lead, *others) for m in f.corrected))
        return OpenQuestion(text, CONFLICT_QUESTION, evidence, marks)

    def _names(self, ids: Sequence[str]) -> str:
        return ", ".join(dict.fromkeys(self.names.get(i, i) for i in ids))


def _key(lead: Figure, rivals: tuple[Conflict, ...]) -> tuple[object, ...]:
    shown = tuple((c.figure, c.display, tuple(c.sources)) for c in rivals)
    return (lead.id, lead.label, lead.display, source_ids(lead.evidence), shown)


def _opening(lead: Figure) -> str:
    """How the engine's question about a disagreement led by `lead` begins."""
    return QUESTION.format(label=lead.label) + f"{lead.display} ("
