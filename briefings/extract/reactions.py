"""Reactions: one entry per speaker across every article, with role, stance and quotes.

Speakers are resolved article by article (pronouns, role references, spokespeople) against
a corpus-wide `Registry`, so "Sir Keir", "Starmer", "the prime minister" and "Keir Starmer"
end up as one speaker. The same quote printed by several outlets is one quote.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import lexicon
from ..model import Document, Evidence, Quote, Reaction, Sentence
from ..text import content_stems, jaccard, normalize
from .quotes import Statement, _backward_np
from .speakers import Mention, Registry, Speaker, role_phrase
from .stance import judge_stance

_NAME_RUN = re.compile(
    r"(?:(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
)
_APPOSITIVE = re.compile(r"^,\s*((?:the\s+)?[^,.;“”\"]{3,80}),")
_ROLE_BEFORE = re.compile(r"(?:^|[,;]\s*)((?:the\s+|a\s+)?[^,.;“”\"]{3,60}),\s*$", re.I)


@dataclass(frozen=True)
class PeopleScan:
    """Person mentions of one article: (sentence index, mention), outside quotes."""

    mentions: tuple[tuple[int, Mention], ...]


def scan_people(doc: Document) -> PeopleScan:
    """Names (with their roles) in an article's own voice, for aliases and pronouns."""
    found: list[tuple[int, Mention]] = []
    for sentence in doc.sentences:
        text = _unquoted(sentence.text)
        for match in _NAME_RUN.finditer(text):
            mention = _backward_np(text[max(0, match.start() - 60) : match.end()])
            if mention is None or mention.kind not in ("person", "institution"):
                continue
            if mention.kind == "person" and not mention.role:
                after = _APPOSITIVE.match(text[match.end() :]) or _ROLE_BEFORE.search(
                    text[: match.start()]
                )
                if after and (role := role_phrase(after.group(1))):
                    mention = Mention(mention.text, "person", mention.name, role, mention.honorific)
            found.append((sentence.index, mention))
    return PeopleScan(tuple(found))


def _unquoted(text: str) -> str:
    return re.sub(r"“[^”]*”?|\"[^\"]*\"?", lambda m: " " * len(m.group()), text)


def build_reactions(
    docs: list[Document],
    statements: dict[str, list[Statement]],
    scans: dict[str, PeopleScan],
    weight: dict[str, float],
) -> tuple[Reaction, ...]:
    """Merge every article's statements into one reaction per speaker."""
    registry = Registry()
    for doc in docs:
        for _, mention in scans[doc.source.id].mentions:
            registry.add_name(mention)
    said: dict[str, list[tuple[Statement, Document]]] = defaultdict(list)
    for doc in docs:
        for statement, speaker in _resolve(
            doc, statements[doc.source.id], scans[doc.source.id], registry
        ):
            said[speaker.key].append((statement, doc))
    reactions = [_reaction(registry.speakers[key], items) for key, items in said.items()]
    reactions.sort(key=lambda r: (-_weight(r, weight), r.speaker))
    return tuple(reactions)


def _weight(reaction: Reaction, weight: dict[str, float]) -> float:
    return sum(weight.get(s, 1.0) for s in reaction.sources) + 0.1 * len(reaction.quotes)


def _resolve(
    doc: Document, statements: list[Statement], scan: PeopleScan, registry: Registry
) -> list[tuple[Statement, Speaker]]:
    """Give each statement its speaker, reading the article in order."""
    sentence_of = {s.id: s for s in doc.sentences}
    local: Counter[str] = Counter()
    subjects: dict[int, Speaker] = {}
    paragraph_of = {s.index: s.paragraph for s in doc.sentences}
    for index, mention in scan.mentions:
        if mention.kind == "person":
            speaker = registry.person(mention)
            local[speaker.key] += 1
            subjects.setdefault(index, speaker)
    out: list[tuple[Statement, Speaker]] = []
    last: tuple[int, Speaker] | None = None
    last_spokes: Speaker | None = None
    for statement in statements:
        at = _first_index(statement, sentence_of)
        recent = (
            last
            if last is None
            or statement.verb in CONTINUING_VERBS
            or paragraph_of.get(last[0], 0) >= statement.paragraph - 1
            else None
        )
        speaker = _speaker(
            statement.mention, registry, local, at, subjects, last, last_spokes, recent
        )
        if speaker is None:
            continue
        if speaker.kind == "spokesperson" or "spokes" in speaker.key:
            last_spokes = speaker
        last = (at, speaker)
        out.append((statement, speaker))
    return out


def _first_index(statement: Statement, sentence_of: dict[str, Sentence]) -> int:
    indexes = [sentence_of[i].index for i in statement.sentence_ids if i in sentence_of]
    return min(indexes) if indexes else 0


CONTINUING_VERBS = frozenset({"added", "adding", "adds", "continued", "went"})
"""'she added' continues the last speaker even after someone else is named in passing."""


def _speaker(
    mention: Mention,
    registry: Registry,
    local: Counter[str],
    at: int,
    subjects: dict[int, Speaker],
    last: tuple[int, Speaker] | None,
    last_spokes: Speaker | None,
    recent: tuple[int, Speaker] | None = None,
) -> Speaker | None:
    kind = mention.kind
    if kind == "person":
        return registry.person(mention)
    if kind == "institution":
        return registry.institution(mention.name)
    if kind == "group":
        return registry.group(mention.name)
    if kind == "role":
        holder = registry.role_holder(mention.role, local)
        return holder or registry.group(mention.role)
    if kind == "spokesperson":
        if mention.owner is None:
            return last_spokes or registry.spokesperson(None)
        owner = _speaker(mention.owner, registry, local, at, subjects, last, last_spokes)
        return registry.spokesperson(owner)
    if mention.name == "(continues)":
        return last[1] if last else None
    return _pronoun(mention.name, at, subjects, last, recent)


def _pronoun(
    pronoun: str,
    at: int,
    subjects: dict[int, Speaker],
    last: tuple[int, Speaker] | None,
    recent: tuple[int, Speaker] | None,
) -> Speaker | None:
    """The last speaker when they spoke in this or the previous paragraph (or the verb is
    'added'); otherwise whoever was most recently the subject of a sentence."""
    gender = lexicon.PRONOUNS.get(pronoun, "x")
    if (
        recent is not None
        and (gender == "x" or recent[1].gender in ("", gender))
        and recent[1].kind != "institution"
    ):
        return recent[1]

    def fits(speaker: Speaker) -> bool:
        if gender == "x":
            return True
        return speaker.kind in ("person", "spokesperson") and speaker.gender in ("", gender)

    candidates: list[tuple[int, int, Speaker]] = []
    if last and fits(last[1]):
        candidates.append((last[0], 1, last[1]))
    for index in sorted(subjects, reverse=True):
        if index <= at and fits(subjects[index]) and (index < at or not last):
            candidates.append((index, 0, subjects[index]))
            break
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


@dataclass
class _MergedQuote:
    """One quote as several outlets printed it, while reactions are being built."""

    text: str
    direct: bool
    stems: frozenset[str]
    evidence: dict[Evidence, None] = field(default_factory=dict)
    """Insertion-ordered and duplicate-free."""

    @property
    def sources(self) -> set[str]:
        return {e.source for e in self.evidence}


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """One quote printed twice: nearly the same words, or one a cut of the other."""
    if not a or not b:
        return False
    return jaccard(a, b) >= 0.8 or len(a & b) / min(len(a), len(b)) >= 0.85


def _reaction(speaker: Speaker, items: list[tuple[Statement, Document]]) -> Reaction:
    quotes: list[_MergedQuote] = []
    exact: dict[tuple[bool, str], _MergedQuote] = {}
    by_stem: dict[str, list[_MergedQuote]] = defaultdict(list)
    for statement, doc in items:
        sentences = {s.id: s.text for s in doc.sentences}
        evidence = [Evidence(doc.source.id, i, sentences[i]) for i in statement.sentence_ids]
        key = (statement.direct, normalize(statement.text).lower())
        merged = exact.get(key)
        if merged is None:
            stems = content_stems(statement.text)
            rare = sorted(stems, key=lambda t: (-len(t), t))[:6]
            pool = {id(q): q for t in rare for q in by_stem[t]}.values()
            merged = next(
                (q for q in pool if q.direct == statement.direct and _same_words(q.stems, stems)),
                None,
            )
            if merged is None:
                merged = _MergedQuote(statement.text, statement.direct, stems)
                quotes.append(merged)
                for term in stems:
                    by_stem[term].append(merged)
            elif len(statement.text) > len(merged.text):
                merged.text = statement.text
            exact[key] = merged
        merged.evidence.update(dict.fromkeys(evidence))
    quotes.sort(key=lambda q: (not q.direct, len(q.text.split()) < 5, -len(q.sources)))
    built = tuple(Quote(q.text, q.direct, tuple(q.evidence)) for q in quotes)
    stance, why = judge_stance(tuple(q.text for q in built))
    aliases = tuple(sorted(a for a in speaker.aliases if a != speaker.name))
    return Reaction(
        speaker.name, speaker.role, stance, why, built, aliases, is_person=speaker.kind == "person"
    )
