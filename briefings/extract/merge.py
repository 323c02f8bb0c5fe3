"""Quote merging: one speaker's statements, from every outlet, merged into quotes.

The same quote printed by several outlets is one quote citing each; statements arrive in
corpus order and are merged on the spot, or all again after a removal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Evidence, Prefix, Quote, Reaction, Stance, Wording
from ..text import content_stems, jaccard, normalize
from ..weights import Tally, Weights
from .quotes import Statement
from .speakers import Speaker


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """One quote printed twice: nearly the same words, or one a cut of the other."""
    if not a or not b:
        return False
    return jaccard(a, b) >= 0.8 or len(a & b) / min(len(a), len(b)) >= 0.85


def _one_quote(merged: MergedQuote, said: Said, stems: frozenset[str]) -> bool:
    """Whether a statement is another printing of a merged quote. Outlets word a quote
    differently, so across outlets nearly the same words will do; an outlet prints its own
    quote one way, so two of its statements in other words are two things said ("The kids
    thought it was part of the fireworks," … "We just told them it was part of the
    fireworks.")."""
    if merged.direct != said.direct or bool(merged.context) != bool(said.context):
        return False
    if not _same_words(merged.stems, stems):
        return False
    if said.source not in merged.outlets:
        return True
    return any(said.key in key or key in said.key for key in merged.wordings)


@dataclass(frozen=True)
class Said:
    """One statement as a quote: what merging reads, worked out once."""

    direct: bool
    text: str
    key: str
    evidence: tuple[Evidence, ...]
    source: str
    context: str = ""


def said_of(statement: Statement, sentences: dict[str, str], source_id: str) -> Said:
    evidence = tuple(Evidence(source_id, i, sentences[i]) for i in statement.sentence_ids)
    # A partial quote shown in its sentence merges as that sentence: the sources cited for
    # it are those that printed the sentence, not just the quoted words. An indirect
    # statement merges by what it reports: one sentence may report two things ('rejected
    # the idea … and said that …').
    shown = statement.context if statement.direct else ""
    key = normalize(shown or statement.text).lower()
    return Said(statement.direct, statement.text, key, evidence, source_id, statement.context)


class Voice:
    """One speaker: their statements in corpus order, merged into quotes, and who they are."""

    def __init__(self, weights: Weights) -> None:
        self.items: dict[tuple[int, int], Said] = {}
        self.tally = Tally(weights)
        """The sources quoting the speaker: what the reaction weighs."""
        self.merged: Quotes | None = Quotes()
        self.quotes: tuple[Quote, ...] | None = None
        self.last = (-1, -1)
        self.first: tuple[int, int] | None = None
        self.created: dict[int, Speaker] = {}
        self.first_created: int | None = None
        self.roles: dict[int, Counter[str]] = {}
        self.role_count: Counter[str] | None = Counter()
        self.role_rank: dict[str, tuple[int, int]] = {}
        self.roles_last = -1
        self.aliases: Counter[str] = Counter()
        self.stance: tuple[tuple[str, ...], tuple[Stance, str]] | None = None
        self.reaction: Reaction | None = None

    def say(self, at: tuple[int, int], said: Said) -> None:
        """A statement; merged on the spot when it comes after all the others."""
        self.items[at] = said
        self.tally.add(said.source)
        if self.merged is not None and at > self.last:
            self.merged.add(said)
        else:
            self.merged = None
        self.last = max(self.last, at)
        if self.first is not None:  # None: worked out again from all items when read
            self.first = min(self.first, at)
        self.quotes, self.reaction = None, None

    def unsay(self, at: tuple[int, int]) -> None:
        self.tally.discard(self.items.pop(at).source)
        self.merged, self.quotes, self.reaction, self.first = None, None, None, None

    def merge(self) -> tuple[Quote, ...]:
        if self.merged is None:
            self.merged = Quotes()
            for at in sorted(self.items):
                self.merged.add(self.items[at])
            self.last = max(self.items)
        if self.quotes is None:
            self.quotes = self.merged.build()
        return self.quotes

    def create(self, pos: int, speaker: Speaker) -> None:
        """An article that named the speaker first (the earliest such names them)."""
        if not self.created:
            self.first_created = pos
        elif self.first_created is not None and pos < self.first_created:
            self.first_created = pos
        self.created[pos] = speaker

    def uncreate(self, pos: int) -> None:
        if self.created.pop(pos, None) is not None and pos == self.first_created:
            self.first_created = None

    def creator(self) -> Speaker:
        if self.first_created is None:
            self.first_created = min(self.created)
        return self.created[self.first_created]

    def add_roles(self, pos: int, roles: Counter[str]) -> None:
        """An article's role mentions; counted on the spot when it is the latest article."""
        if self.role_count is not None and pos > self.roles_last:
            for n, role in enumerate(roles):
                self.role_rank.setdefault(role, (pos, n))
            self.role_count.update(roles)
        else:
            self.role_count = None
        self.roles[pos] = roles
        self.roles_last = max(self.roles_last, pos)
        self.reaction = None

    def drop_roles(self, pos: int) -> None:
        if self.roles.pop(pos, None) is not None:
            self.role_count, self.reaction = None, None

    def role(self, corpus: Counter[str] | None) -> str | None:
        """The role most often written, fewer words first, then the first written: the
        corpus's names in their order, then what articles added, in corpus order."""
        if self.role_count is None:
            self.role_count, self.role_rank = Counter(), {}
            self.roles_last = max(self.roles, default=-1)
            for pos in sorted(self.roles):
                for n, role in enumerate(self.roles[pos]):
                    self.role_rank.setdefault(role, (pos, n))
                self.role_count.update(self.roles[pos])
        ranked = {role: (-1, n) for n, role in enumerate(corpus or ())}
        counts = Counter(corpus) if corpus else Counter()
        counts.update(self.role_count)
        if not counts:
            return None
        return min(
            counts,
            key=lambda r: (-counts[r], len(r), ranked.get(r) or self.role_rank[r]),
        )


@dataclass
class Printed:
    """One wording of a merged quote and the evidence of the articles that printed it."""

    text: str
    context: str
    evidence: list[Evidence] = field(default_factory=list)
    """In corpus order, each once; only ever appended to, so each `Quote` shares it."""
    sources: int = 0
    latest: set[Evidence] = field(default_factory=set)
    """The evidence of the article added last: statements are merged in corpus order, so
    an article's evidence arrives together and a repeat can only be of that article's."""

    def take(self, evidence: tuple[Evidence, ...]) -> None:
        if evidence and (not self.evidence or evidence[0].source != self.evidence[-1].source):
            self.sources += 1
            self.latest = set()
        for item in evidence:
            if item not in self.latest:
                self.latest.add(item)
                self.evidence.append(item)

    def wording(self) -> Wording:
        return Wording(self.text, Prefix(self.evidence), self.context)


@dataclass
class MergedQuote:
    """One quote as several outlets printed it, while reactions are being built: each
    wording keeps its own evidence, so a reader is shown words their outlets printed."""

    text: str
    direct: bool
    stems: frozenset[str]
    context: str = ""
    """The sentence around the quote's words (`text`), when they were a partial quote:
    such a quote merges only with others of its kind, by the sentence."""
    wordings: dict[str, Printed] = field(default_factory=dict)
    sources: int = 0
    """How many articles printed it, in any words."""
    outlets: set[str] = field(default_factory=set)
    """Those articles' source ids."""
    last: str = ""
    quote: Quote | None = None
    """Built from the evidence so far (which it shares, `Prefix`); None when more came."""
    short: bool = field(init=False)
    """Under five words: sorted after the full quotes (kept, as every build sorts by it)."""

    def __post_init__(self) -> None:
        self.short = len(self.text.split()) < 5

    def take(self, said: Said) -> None:
        """One more statement, from the latest article merged or a later one."""
        if said.evidence and said.evidence[0].source != self.last:
            self.sources += 1
            self.last = said.evidence[0].source
        self.outlets.add(said.source)
        printed = self.wordings.get(said.key)
        if printed is None:
            printed = self.wordings[said.key] = Printed(said.text, said.context)
        printed.take(said.evidence)
        self.quote = None

    def build(self) -> Quote:
        """The wording most outlets printed (the longest of those) is shown; the others
        are its variants."""
        shown = max(self.wordings.values(), key=lambda p: (p.sources, len(p.context or p.text)))
        variants = tuple(p.wording() for p in self.wordings.values() if p is not shown)
        return Quote(
            shown.text, self.direct, Prefix(shown.evidence), shown.context, variants=variants
        )


class Quotes:
    """A speaker's statements merged into quotes, statement by statement in corpus order."""

    def __init__(self) -> None:
        self.quotes: list[MergedQuote] = []
        self.exact: dict[tuple[bool, bool, str], MergedQuote] = {}
        self.by_stem: dict[str, list[MergedQuote]] = defaultdict(list)

    def add(self, said: Said) -> None:
        key = (said.direct, bool(said.context), said.key)
        merged = self.exact.get(key)
        if merged is None:
            stems = content_stems(said.context or said.text)
            rare = sorted(stems, key=lambda t: (-len(t), t))[:6]
            pool = {id(q): q for t in rare for q in self.by_stem[t]}.values()
            merged = next((q for q in pool if _one_quote(q, said, stems)), None)
            if merged is None:
                merged = MergedQuote(said.text, said.direct, stems, context=said.context)
                self.quotes.append(merged)
                for term in stems:
                    self.by_stem[term].append(merged)
            elif len(said.context or said.text) > len(merged.context or merged.text):
                merged.text, merged.context = said.text, said.context
                merged.short = len(said.text.split()) < 5
            self.exact[key] = merged
        merged.take(said)

    def build(self) -> tuple[Quote, ...]:
        order = sorted(self.quotes, key=lambda q: (not q.direct, q.short, -q.sources))
        for q in order:
            if q.quote is None:
                q.quote = q.build()
        return tuple(q.quote for q in order if q.quote)
