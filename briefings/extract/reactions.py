"""Reactions: one entry per speaker across every article, with role, stance and quotes.

Speakers are resolved article by article (pronouns, role references, spokespeople) against
a corpus-wide `Registry`, so "Dame Anna", "Okafor", "the health secretary" and "Anna Okafor"
end up as one speaker. The same quote printed by several outlets is one quote. Unnamed
groups ("critics", "officials") come after named speakers, and count only when they react:
a direct quote or a stance, not a fact they are cited for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..dedupe import Tally, Weights
from ..model import Document, Evidence, Prefix, Quote, Reaction, Sentence, Stance
from ..text import content_stems, jaccard, normalize
from .quotes import _TRAILING_SKIP, Statement, _backward_np
from .speakers import _DETERMINERS, Mention, Registry, Speaker, _bare_role, role_phrase
from .stance import judge_stance, stance_hits

_NAME_RUN = re.compile(
    r"(?:(?:Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
)
_NEVER_A_SPEAKER = (
    (lexicon.NON_NAME_CAPITALS - set(lexicon.HONORIFICS) - _TRAILING_SKIP - {"one", "another"})
    | set(lexicon.PRONOUNS)
    | {"the", "a", "an"}
)
"""A capitalised word that, alone, `_backward_np` never reads as a person or institution
('The', 'But', 'He'): skipped without parsing, about a fifth of all capitalised runs."""
_APPOSITIVE = re.compile(r"^,(?!\s*(?:and|or|but)\b)\s*((?:the\s+)?[^,.;“”\"]{3,80}),")
_ROLE_BEFORE = re.compile(
    r"(?:^|[,;]\s*)(?:(?:and|or|but)\s+)?((?:the\s+|a\s+)?[^,.;“”\"]{3,60}),\s*$", re.I
)
"""'The prime minister, David Archer, and the Dutch prime minister, Jane Roe': each role
is the one right before its name, never the next person's after 'and'."""


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
            if match.group().lower() in _NEVER_A_SPEAKER:
                continue
            mention = _backward_np(text[max(0, match.start() - 60) : match.end()])
            if mention is None or mention.kind not in ("person", "institution"):
                continue
            if mention.kind == "person" and not mention.role:
                after = _APPOSITIVE.match(text[match.end() :]) or _ROLE_BEFORE.search(
                    text[: match.start()]
                )
                if after and (role := role_phrase(after.group(1))):
                    mention = Mention(mention.text, "person", mention.name, role, mention.honorific)
                elif after and after.group(1).split()[-1].lower() in lexicon.INSTITUTION_WORDS:
                    # 'Hallam Robotics, the warehouse automation group, …': an organisation.
                    mention = Mention(mention.text, "institution", mention.name, after.group(1))
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
    weights = Weights()
    for doc in docs:
        weights.add(doc.source.id, weight.get(doc.source.id, 1.0))
    index = ReactionIndex(weights)
    for doc in docs:
        index.add(doc, statements[doc.source.id], scans[doc.source.id])
    return index.reactions()


def _resolve(
    doc: Document, statements: list[Statement], scan: PeopleScan, registry: Registry
) -> list[tuple[Statement, Speaker]]:
    """Give each statement its speaker, reading the article in order."""
    sentence_of = {s.id: s for s in doc.sentences}
    local: Counter[str] = Counter()
    subjects: dict[int, Speaker] = {}
    paragraph_of = {s.index: s.paragraph for s in doc.sentences}
    organisations: dict[str, list[tuple[int, Mention]]] = {}
    for index, mention in scan.mentions:
        if mention.kind == "institution":
            for noun in _nouns_for(mention):
                organisations.setdefault(noun, []).append((index, mention))
        if mention.kind == "person" and not _stray_capital(mention, registry):
            speaker = registry.person(mention)
            local[speaker.key] += 1
            subjects.setdefault(index, speaker)
    out: list[tuple[Statement, Speaker]] = []
    last: tuple[int, Speaker] | None = None
    last_spokes: Speaker | None = None
    for statement in statements:
        at = _first_index(statement, sentence_of)
        mention = _antecedent(statement.mention, at, organisations)
        recent = (
            last
            if last is None
            or statement.verb in CONTINUING_VERBS
            or paragraph_of.get(last[0], 0) >= statement.paragraph - 1
            else None
        )
        speaker = _speaker(mention, registry, local, at, subjects, last, last_spokes, recent)
        if speaker is None:
            continue
        if speaker.kind == "spokesperson" or "spokes" in speaker.key:
            last_spokes = speaker
        last = (at, speaker)
        if not _attributed_fact(statement):
            out.append((statement, speaker))
    return out


def _attributed_fact(statement: Statement) -> bool:
    """'…, officials announced on Thursday': an unnamed group's indirect statement with no
    stance in it sources a fact (often the story's own news); it is nobody's reaction."""
    return (
        statement.mention.kind == "group" and not statement.direct and not _has_cue(statement.text)
    )


def _stray_capital(mention: Mention, registry: Registry) -> bool:
    """A lone capitalised word nobody is known by ('Shop owner …', 'In Leeds …') is not a
    person: it starts a sentence or names a place."""
    return (
        " " not in mention.name
        and not mention.honorific
        and not mention.role
        and not registry.knows(mention.name)
    )


def _antecedent(
    mention: Mention, at: int, organisations: dict[str, list[tuple[int, Mention]]]
) -> Mention:
    """'the agency', 'the company': the organisation of that kind named last, up to here.

    `organisations` lists, for each noun, the organisations it can refer back to, in
    reading order (`_nouns_for`), so finding the last is a binary search, not a scan of
    every organisation named before (quadratic in a long article).
    """
    noun = mention.name.lower()
    if mention.kind != "institution" or noun not in lexicon.INSTITUTION_WORDS:
        return mention
    named = organisations.get(noun, [])
    i = bisect_right(named, at, key=lambda item: item[0]) - 1
    while i >= 0 and named[i][1].name.lower() == noun:
        i -= 1
    return Mention(mention.text, "institution", name=named[i][1].name) if i >= 0 else mention


def _nouns_for(org: Mention) -> frozenset[str]:
    """The nouns ('agency', 'company' …) that can refer back to an organisation: its own
    words, and every company noun when it is a company of any kind."""
    words = {w.lower() for w in f"{org.name} {org.role}".split()}
    nouns = words & lexicon.INSTITUTION_WORDS
    if words & lexicon.COMPANY_NOUNS:
        nouns |= lexicon.COMPANY_NOUNS & lexicon.INSTITUTION_WORDS
    return frozenset(nouns)


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


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """One quote printed twice: nearly the same words, or one a cut of the other."""
    if not a or not b:
        return False
    return jaccard(a, b) >= 0.8 or len(a & b) / min(len(a), len(b)) >= 0.85


# -- the corpus, kept current ---------------------------------------------------------------
#
# Each article is resolved against the names the whole corpus taught (`ReactionIndex.names`,
# every article's people scan) plus what the article itself taught along the way (its own
# `_ArticleRegistry` layer): never against what other articles resolved, so an article's
# speakers depend on the corpus's names and not on the order the articles were read in.
# What an article read from the names is recorded (single-name look-ups, role queries,
# genders); when an added or removed article changes one of those, only the articles that
# read it are resolved again.


@dataclass(frozen=True)
class _Said:
    """One statement as a quote: what merging reads, worked out once."""

    direct: bool
    text: str
    key: str
    evidence: tuple[Evidence, ...]
    source: str
    context: str = ""


def _said(statement: Statement, sentences: dict[str, str], source_id: str) -> _Said:
    evidence = tuple(Evidence(source_id, i, sentences[i]) for i in statement.sentence_ids)
    # A partial quote shown in its sentence merges as that sentence: the sources cited for
    # it are those that printed the sentence, not just the quoted words.
    key = normalize(statement.context or statement.text).lower()
    return _Said(statement.direct, statement.text, key, evidence, source_id, statement.context)


@dataclass(frozen=True)
class _RoleQuery:
    """A role look-up ('the prime minister') and all its answer depends on bar the corpus's
    role counts: of the pool members the article mentions most, the one with most roles."""

    words: str
    holders: tuple[str, ...]
    tied: tuple[str, ...]
    """The pool members mentioned most in the article (a tie, when more than one)."""
    own: tuple[int, ...]
    """Role counts this article added to each of them before the query."""


class _SpeakerLayer(dict[str, Speaker]):
    """An article's speakers over the corpus's: reads fall through; a speaker read is copied,
    since the registry updates what it returns."""

    def __init__(self, base: dict[str, Speaker]) -> None:
        super().__init__()
        self.base = base

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.base

    def __getitem__(self, key: str) -> Speaker:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        s = self.base[key]
        roles: Counter[str] = Counter()
        dict.update(roles, s.roles)  # (Counter's own copy is slow)
        copy = Speaker(s.key, s.name, s.kind, roles, set(s.aliases), s.gender, set(s.titles))
        dict.__setitem__(self, key, copy)
        return copy


class _NameLayer(dict[str, set[str]]):
    """An article's first-name or surname index over the corpus's, noting every look-up."""

    def __init__(self, base: dict[str, set[str]], reads: set[str]) -> None:
        super().__init__()
        self.base, self.reads = base, reads

    def get(self, token: str, default: set[str] | None = None) -> set[str] | None:  # type: ignore[override]
        self.reads.add(token)
        if dict.__contains__(self, token):
            return dict.__getitem__(self, token)
        return self.base.get(token, default)

    def setdefault(self, token: str, default: set[str] | None = None) -> set[str]:  # type: ignore[override]
        if not dict.__contains__(self, token):
            dict.__setitem__(self, token, set(self.base.get(token, ())))
        return dict.__getitem__(self, token)


class _ArticleRegistry(Registry):
    """The registry one article is resolved against: the corpus's names plus its own."""

    def __init__(self, index: ReactionIndex) -> None:
        self.index = index
        self.tokens: set[str] = set()
        self.queries: list[tuple[_RoleQuery, str | None]] = []
        self.speakers = _SpeakerLayer(index.names.speakers)
        self._surnames = _NameLayer(index.names._surnames, self.tokens)
        self._firsts = _NameLayer(index.names._firsts, self.tokens)

    def role_holder(self, role: str, local: Counter[str]) -> Speaker | None:
        """As `Registry.role_holder`, with the corpus's holders of a role looked up once;
        candidates in the order the corpus first named them, then the article's own."""
        words = [w for w in normalize(role).lower().split() if w not in _DETERMINERS]
        words = ["prime", "minister"] if words == ["pm"] else words
        phrase = " ".join(words)
        names, known = self.index.names.speakers, self.index.holders(phrase)
        more, own = [], []
        for key, s in dict.items(self.speakers):
            if key not in names:
                if s.kind == "person" and s.holds(phrase):
                    own.append(s)
            elif (
                key not in known
                and len(s.roles) > len(names[key].roles)  # a role the corpus did not know
                and s.kind == "person"
                and s.holds(phrase)
            ):
                more.append(key)
        keys = sorted([*known, *more], key=self.index.rank.__getitem__) if more else known
        holders = [dict.get(self.speakers, k) or names[k] for k in keys] + own
        pool: list[Speaker] = []
        if len(holders) > 1:
            exact = [s for s in holders if any(_bare_role(r) == words for r in s.roles)]
            pool = exact or holders
        answer = max(pool, key=lambda s: (local[s.key], sum(s.roles.values()))) if pool else None
        answer = answer or (holders[0] if holders else None)
        most = max((local[s.key] for s in pool), default=0)
        tied = [s for s in pool if local[s.key] == most]
        query = _RoleQuery(
            phrase,
            tuple(s.key for s in holders),
            tuple(s.key for s in tied),
            tuple(sum(s.roles.values()) - _total(names.get(s.key)) for s in tied),
        )
        self.queries.append((query, answer.key if answer else None))
        return answer


def _total(speaker: Speaker | None) -> int:
    return sum(speaker.roles.values()) if speaker else 0


@dataclass
class _Article:
    pos: int
    doc: Document
    statements: list[Statement]
    scan: PeopleScan
    said: list[_Said] | None = None
    spoken: dict[int, str] = field(default_factory=dict)
    """Statement index → speaker key, once resolved."""
    created: dict[str, Speaker] = field(default_factory=dict)
    roles: dict[str, Counter[str]] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    queries: set[_RoleQuery] = field(default_factory=set)


class _Voice:
    """One speaker: their statements in corpus order, merged into quotes, and who they are."""

    def __init__(self, weights: Weights) -> None:
        self.items: dict[tuple[int, int], _Said] = {}
        self.tally = Tally(weights)
        """The sources quoting the speaker: what the reaction weighs."""
        self.merged: _Quotes | None = _Quotes()
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

    def say(self, at: tuple[int, int], said: _Said) -> None:
        """A statement; merged on the spot when it comes after all the others."""
        self.items[at] = said
        self.tally.add(said.source)
        if self.merged is not None and at > self.last:
            self.merged.add(said)
        else:
            self.merged = None
        self.last = max(self.last, at)
        self.first = at if self.first is None else min(self.first, at)
        self.quotes, self.reaction = None, None

    def unsay(self, at: tuple[int, int]) -> None:
        self.tally.discard(self.items.pop(at).source)
        self.merged, self.quotes, self.reaction, self.first = None, None, None, None

    def merge(self) -> tuple[Quote, ...]:
        if self.merged is None:
            self.merged = _Quotes()
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


class ReactionIndex:
    """Reactions kept current as articles come and go: `build_reactions`, incrementally.

    Adding an article teaches the corpus its names, resolves it, and re-resolves only the
    articles whose look-ups the new names change; its statements are merged into their
    speakers' quotes at the end. Removing one re-reads the names (cheap) and rebuilds the
    quotes of the speakers it spoke for.
    """

    def __init__(self, weights: Weights) -> None:
        self._articles: dict[str, _Article] = {}
        self._counter = 0
        self.names = Registry()
        self.rank: dict[str, int] = {}
        self._holders: dict[str, dict[str, None]] = {}
        self._stale: set[str] = set()
        self._reread = False
        self._by_token: dict[str, set[str]] = defaultdict(set)
        self._by_person: dict[str, set[str]] = defaultdict(set)
        self._queries: dict[_RoleQuery, tuple[str | None, set[str]]] = {}
        self._queries_by_person: dict[str, set[_RoleQuery]] = defaultdict(set)
        self._voices: dict[str, _Voice] = _Voices(weights)

    def add(self, doc: Document, statements: list[Statement], scan: PeopleScan) -> None:
        source_id = doc.source.id
        if source_id in self._articles:
            return
        self._articles[source_id] = _Article(self._counter, doc, statements, scan)
        self._counter += 1
        self._stale.add(source_id)
        if self._reread:
            return
        people = {
            "person:" + m.name.lower()
            for _, m in scan.mentions
            if m.kind == "person" and len(m.name.split()) >= 2
        }
        before = {key: _state(self.names, key) for key in people}
        tokens = {self._tokens(key) for key in people if key not in self.names.speakers}
        for _, mention in scan.mentions:
            self.names.add_name(mention)
        self._ranked()
        self._invalidate(
            {t for pair in tokens for t in pair},
            before,
            {key: _state(self.names, key) for key in people},
        )

    def remove(self, source_id: str) -> None:
        article = self._articles.pop(source_id, None)
        if article is None:
            return
        self._stale.discard(source_id)
        self._forget(source_id, article)
        for n, key in article.spoken.items():
            self._voices[key].unsay((article.pos, n))
        self._reread = True

    def holders(self, phrase: str) -> dict[str, None]:
        """Corpus speakers (by key) who hold a role, in the order they were first named."""
        if phrase not in self._holders:
            self._holders[phrase] = {
                s.key: None
                for s in self.names.speakers.values()
                if s.kind == "person" and s.holds(phrase)
            }
        return self._holders[phrase]

    def reactions(self) -> tuple[Reaction, ...]:
        """One reaction per speaker: the sources quoting them (duplicate groups once), plus
        a little for each quote, weightiest first; unnamed groups after everyone named."""
        self.settle()
        out = []
        for key, voice in self._voices.items():
            if not voice.items:
                continue
            if voice.reaction is None:
                voice.reaction = self._react(key, voice)
            if voice.first is None:
                voice.first = min(voice.items)
            weight = float(voice.tally) + 0.1 * len(voice.reaction.quotes)
            # Unnamed groups ('campaigners', 'officials') come after everyone named.
            unnamed = key.startswith("group:")
            out.append((voice.first, (unnamed, -weight), voice.reaction))
        out.sort(key=lambda item: (item[1], item[0]))  # ties: who the coverage quoted first
        return tuple(reaction for _, _, reaction in out)

    def settle(self) -> None:
        """Resolve the articles the last additions made stale now rather than at the next
        look."""
        if self._reread:
            self._read_names()
        while self._stale:
            stale = sorted(self._stale, key=lambda i: self._articles[i].pos)
            self._stale = set()
            for source_id in stale:
                self._resolve_article(source_id, self._articles[source_id])

    # -- names ------------------------------------------------------------------------------
    def _tokens(self, key: str) -> tuple[str, str]:
        parts = key.removeprefix("person:").split()
        return parts[0], parts[-1]

    def _ranked(self) -> None:
        for key in list(self.names.speakers)[len(self.rank) :]:
            self.rank[key] = len(self.rank)

    def _read_names(self) -> None:
        """Re-read every article's names (after a removal) and re-resolve what that changes."""
        old, old_rank = self.names, self.rank
        self.names, self.rank, self._reread = Registry(), {}, False
        for article in self._articles.values():
            for _, mention in article.scan.mentions:
                self.names.add_name(mention)
        self._ranked()
        self._holders.clear()
        people = {k for k in (*old.speakers, *self.names.speakers) if k.startswith("person:")}
        before = {k: _state(old, k) for k in people}
        tokens = {
            token
            for old_index, new_index in ((old._surnames, self.names._surnames),
                                         (old._firsts, self.names._firsts))
            for token in {*old_index, *new_index}
            if old_index.get(token) != new_index.get(token)
        }  # fmt: skip
        for query, (_, readers) in self._queries.items():
            known = [k for k in query.holders if k in self.rank and k in old_rank]
            if sorted(known, key=old_rank.__getitem__) != sorted(known, key=self.rank.__getitem__):
                self._stale.update(readers)
        self._invalidate(tokens, before, {k: _state(self.names, k) for k in people})

    def _invalidate(
        self,
        tokens: set[str],
        before: dict[str, tuple[object, ...]],
        after: dict[str, tuple[object, ...]],
    ) -> None:
        """Mark for resolving again the articles whose look-ups the names changed."""
        stale = self._stale
        for token in tokens:
            stale.update(self._by_token.get(token, ()))
        counted = set()
        for key, now in after.items():
            was = before.get(key, (None,))
            if was == now:
                continue
            if (
                was[0] is not None
                and now[0] is not None
                and was[0] == now[0]
                and was[2:] == now[2:]
            ):
                counted.add(key)
                continue
            self._holders.clear()
            stale.update(self._by_person.get(key, ()))
            for query in self._queries_by_person.get(key, ()):
                stale.update(self._queries[query][1])
            speaker = self.names.speakers.get(key)
            for query, (_, readers) in self._queries.items():
                if speaker is not None and key not in query.holders and speaker.holds(query.words):
                    stale.update(readers)
        for key in counted:
            for query in self._queries_by_person.get(key, ()):
                answer, readers = self._queries[query]
                if len(query.tied) > 1 and (now_answer := self._answer(query)) != answer:
                    self._queries[query] = (now_answer, readers)
                    stale.update(readers)

    def _answer(self, query: _RoleQuery) -> str | None:
        """A role query's answer under the corpus's current role counts."""
        if not query.tied:
            return query.holders[0] if query.holders else None
        names = self.names.speakers
        totals = [
            _total(names.get(key)) + own for key, own in zip(query.tied, query.own, strict=True)
        ]
        return query.tied[totals.index(max(totals))]

    # -- articles ---------------------------------------------------------------------------
    def _resolve_article(self, source_id: str, article: _Article) -> None:
        if article.said is None:
            sentences = {s.id: s.text for s in article.doc.sentences}
            article.said = [_said(s, sentences, source_id) for s in article.statements]
        registry = _ArticleRegistry(self)
        spoken = {
            id(statement): speaker.key
            for statement, speaker in _resolve(
                article.doc, article.statements, article.scan, registry
            )
        }
        before = article.spoken
        self._forget(source_id, article)
        article.spoken = {
            n: spoken[id(s)] for n, s in enumerate(article.statements) if id(s) in spoken
        }
        for n, key in before.items():
            if article.spoken.get(n) != key:
                self._voices[key].unsay((article.pos, n))
        for n, key in article.spoken.items():
            if before.get(n) != key:
                self._voices[key].say((article.pos, n), article.said[n])
        for key, speaker in dict.items(registry.speakers):
            base = self.names.speakers.get(key)
            voice = self._voices[key]
            roles: Counter[str] = Counter()
            if base is None:
                article.created[key] = speaker
                voice.create(article.pos, speaker)
                dict.update(roles, speaker.roles)
            else:
                old = base.roles
                dict.update(
                    roles, ((r, n - old[r]) for r, n in speaker.roles.items() if n > old[r])
                )
            if roles:
                article.roles[key] = roles
                voice.add_roles(article.pos, roles)
            if speaker.aliases:
                article.aliases[key] = set(speaker.aliases)
                for alias in speaker.aliases:
                    voice.aliases[alias] += 1
            voice.reaction = None
            if speaker.kind == "person":
                article.people.add(key)
        article.tokens = set(registry.tokens)
        for token in article.tokens:
            self._by_token[token].add(source_id)
        for key in article.people:
            self._by_person[key].add(source_id)
        for query, answer in registry.queries:
            article.queries.add(query)
            _, readers = self._queries.get(query, (answer, set()))
            self._queries[query] = (answer, readers)
            readers.add(source_id)
            for key in query.holders:
                self._queries_by_person[key].add(query)
            if answer is not None:
                article.people.add(answer)
                self._by_person[answer].add(source_id)

    def _forget(self, source_id: str, article: _Article) -> None:
        """Take back what resolving an article taught (not what it said)."""
        for key in article.created:
            self._voices[key].uncreate(article.pos)
            self._voices[key].reaction = None
        for key in article.roles:
            self._voices[key].drop_roles(article.pos)
        for key, aliases in article.aliases.items():
            self._voices[key].aliases.subtract(aliases)
            self._voices[key].aliases += Counter()
            self._voices[key].reaction = None
        for token in article.tokens:
            self._by_token[token].discard(source_id)
        for key in article.people:
            self._by_person[key].discard(source_id)
        for query in article.queries:
            answer, readers = self._queries[query]
            readers.discard(source_id)
            if not readers:
                del self._queries[query]
                for key in query.holders:
                    self._queries_by_person[key].discard(query)
        article.created, article.roles, article.aliases = {}, {}, {}
        article.tokens, article.people, article.queries = set(), set(), set()

    # -- output -----------------------------------------------------------------------------
    def _react(self, key: str, voice: _Voice) -> Reaction:
        quotes = voice.merge()
        base = self.names.speakers.get(key)
        speaker = base or voice.creator()
        role = voice.role(base.roles if base else None)
        # Statements without a stance cue change nothing: judge only the others.
        texts = tuple(q.context or q.text for q in quotes if _has_cue(q.context or q.text))
        if voice.stance is None or voice.stance[0] != texts:
            voice.stance = (texts, judge_stance(texts))
        stance, why = voice.stance[1]
        aliases = tuple(sorted(a for a in voice.aliases if a != speaker.name))
        reaction = Reaction(
            speaker.name, role, stance, why, quotes, aliases, is_person=speaker.kind == "person"
        )
        return reaction


@lru_cache(maxsize=65536)
def _has_cue(text: str) -> bool:
    return bool(stance_hits(text))


def _state(names: Registry, key: str) -> tuple[object, ...]:
    """What resolving reads of a person in the corpus's names: roles, role count, gender,
    titles."""
    s = names.speakers.get(key)
    if s is None:
        return (None,)
    return (frozenset(s.roles), sum(s.roles.values()), s.gender, frozenset(s.titles))


class _Voices(dict[str, _Voice]):
    def __init__(self, weights: Weights) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, key: str) -> _Voice:
        voice = self[key] = _Voice(self.weights)
        return voice


@dataclass
class _MergedQuote:
    """One quote as several outlets printed it, while reactions are being built."""

    text: str
    direct: bool
    stems: frozenset[str]
    evidence: list[Evidence] = field(default_factory=list)
    """In corpus order, each once; only ever appended to, so each `Quote` shares it."""
    sources: int = 0
    """How many articles printed it."""
    latest: set[Evidence] = field(default_factory=set)
    """The evidence of the article added last: statements are merged in corpus order, so
    an article's evidence arrives together and a repeat can only be of that article's."""
    quote: Quote | None = None
    """Built from the evidence so far (which it shares, `Prefix`); None when more came."""
    context: str = ""
    """The sentence around the quote's words (`text`), when they were a partial quote:
    such a quote merges only with others of its kind, by the sentence."""
    short: bool = field(init=False)
    """Under five words: sorted after the full quotes (kept, as every build sorts by it)."""

    def __post_init__(self) -> None:
        self.short = len(self.text.split()) < 5

    def take(self, evidence: tuple[Evidence, ...]) -> None:
        """One more statement's evidence, from the latest article merged or a later one."""
        if evidence and (not self.evidence or evidence[0].source != self.evidence[-1].source):
            self.sources += 1
            self.latest = set()
        for item in evidence:
            if item not in self.latest:
                self.latest.add(item)
                self.evidence.append(item)
        self.quote = None


class _Quotes:
    """A speaker's statements merged into quotes, statement by statement in corpus order."""

    def __init__(self) -> None:
        self.quotes: list[_MergedQuote] = []
        self.exact: dict[tuple[bool, bool, str], _MergedQuote] = {}
        self.by_stem: dict[str, list[_MergedQuote]] = defaultdict(list)

    def add(self, said: _Said) -> None:
        key = (said.direct, bool(said.context), said.key)
        merged = self.exact.get(key)
        if merged is None:
            stems = content_stems(said.context or said.text)
            rare = sorted(stems, key=lambda t: (-len(t), t))[:6]
            pool = {id(q): q for t in rare for q in self.by_stem[t]}.values()
            merged = next(
                (
                    q
                    for q in pool
                    if q.direct == said.direct
                    and bool(q.context) == bool(said.context)
                    and _same_words(q.stems, stems)
                ),
                None,
            )
            if merged is None:
                merged = _MergedQuote(said.text, said.direct, stems, context=said.context)
                self.quotes.append(merged)
                for term in stems:
                    self.by_stem[term].append(merged)
            elif len(said.context or said.text) > len(merged.context or merged.text):
                merged.text, merged.context = said.text, said.context
                merged.short = len(said.text.split()) < 5
            self.exact[key] = merged
        merged.take(said.evidence)

    def build(self) -> tuple[Quote, ...]:
        order = sorted(self.quotes, key=lambda q: (not q.direct, q.short, -q.sources))
        for q in order:
            if q.quote is None:
                q.quote = Quote(q.text, q.direct, Prefix(q.evidence), q.context)
        return tuple(q.quote for q in order if q.quote)
