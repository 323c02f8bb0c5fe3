"""The incremental index: reactions kept current as articles come and go.

Each article is resolved against the names the whole corpus taught (`ReactionIndex.names`,
every article's people scan) plus what the article itself taught along the way (its own
`ArticleRegistry` layer): never against what other articles resolved, so an article's
speakers depend on the corpus's names and not on the order the articles were read in.
What an article read from the names is recorded (single-name look-ups, role queries,
genders); when an added or removed article changes one of those, only the articles that
read it are resolved again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Document, Reaction
from ..weights import Weights
from .layers import ArticleRegistry, RoleQuery, total_roles
from .mentions import press_name
from .merge import Said, Voice, said_of
from .people import PeopleScan
from .quotes import Statement
from .resolve import resolve_statements
from .speakers import Registry, Speaker, key_tokens, person_key
from .stance import has_cue, judge_stance


@dataclass
class _Article:
    pos: int
    doc: Document
    statements: list[Statement]
    scan: PeopleScan
    said: list[Said] | None = None
    spoken: dict[int, str] = field(default_factory=dict)
    """Statement index → speaker key, once resolved."""
    created: dict[str, Speaker] = field(default_factory=dict)
    roles: dict[str, Counter[str]] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    queries: set[RoleQuery] = field(default_factory=set)


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
        self._queries: dict[RoleQuery, tuple[str | None, set[str]]] = {}
        self._queries_by_person: dict[str, set[RoleQuery]] = defaultdict(set)
        self._voices: dict[str, Voice] = Voices(weights)

    def add(self, doc: Document, statements: list[Statement], scan: PeopleScan) -> None:
        source_id = doc.source.id
        if source_id in self._articles:
            return
        self._articles[source_id] = _Article(self._counter, doc, statements, scan)
        self._counter += 1
        for statement in statements:
            # Read the stance cues now, while worker processes still read the next
            # articles, rather than all at once when the briefing is asked for.
            has_cue(statement.context or statement.text)
        self._stale.add(source_id)
        if self._reread:
            return
        people = {
            person_key(m.name)
            for _, m in scan.mentions
            if m.kind == "person" and len(m.name.split()) >= 2
        }
        before = {key: _state(self.names, key) for key in people}
        tokens = {self._tokens(key) for key in people if key not in self.names.speakers}
        surnames = {key_tokens(key)[1] for key in people}
        dominant = {token: self.names.dominant(token) for token in surnames}
        known = self.names.acronyms
        new = {"org:" + a.lower() for a, _ in scan.acronyms if a.lower() not in known}
        self._learn(scan)
        # A surname's dominant bearer can change with the counts (see `Registry.dominant`).
        surnames = {t for t in surnames if self.names.dominant(t) != dominant[t]}
        self._ranked()
        self._invalidate(
            {t for pair in tokens for t in pair} | new | surnames,
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
                if s.roles and s.kind == "person" and s.holds(phrase)
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
    def _learn(self, scan: PeopleScan) -> None:
        """Teach the story's names what one article's scan holds."""
        genders = dict(scan.genders)
        for n, (_, mention) in enumerate(scan.mentions):
            self.names.add_name(mention, genders.get(n, ""))
        for acronym, name in scan.acronyms:
            self.names.add_acronym(acronym, name)

    def _tokens(self, key: str) -> tuple[str, str]:
        return key_tokens(key)

    def _ranked(self) -> None:
        for key in list(self.names.speakers)[len(self.rank) :]:
            self.rank[key] = len(self.rank)

    def _read_names(self) -> None:
        """Re-read every article's names (after a removal) and re-resolve what that changes."""
        old, old_rank = self.names, self.rank
        self.names, self.rank, self._reread = Registry(), {}, False
        for article in self._articles.values():
            self._learn(article.scan)
        self._ranked()
        self._holders.clear()
        people = {k for k in (*old.speakers, *self.names.speakers) if k.startswith("person:")}
        before = {k: _state(old, k) for k in people}
        tokens = {
            token
            for old_index, new_index in ((old.surnames, self.names.surnames),
                                         (old.firsts, self.names.firsts))
            for token in {*old_index, *new_index}
            if old_index.get(token) != new_index.get(token)
        }  # fmt: skip
        tokens |= {
            token
            for token in {*old.surnames, *self.names.surnames}
            if old.dominant(token) != self.names.dominant(token)
        }
        tokens |= {
            "org:" + a
            for a in {*old.acronyms, *self.names.acronyms}
            if old.acronyms.get(a) != self.names.acronyms.get(a)
        }
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
            self._recount_holders(key)
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

    def _recount_holders(self, key: str) -> None:
        """One person's roles changed: put them in or out of each cached role's holders
        (rescanning every speaker for every role was most of the time of a long story)."""
        speaker = self.names.speakers.get(key)
        for phrase, holders in self._holders.items():
            holds = speaker is not None and speaker.kind == "person" and speaker.holds(phrase)
            if holds and key not in holders:
                ordered = sorted([*holders, key], key=lambda k: self.rank.get(k, len(self.rank)))
                self._holders[phrase] = dict.fromkeys(ordered)
            elif not holds and key in holders:
                del holders[key]

    def _answer(self, query: RoleQuery) -> str | None:
        """A role query's answer under the corpus's current role counts."""
        if not query.tied:
            return query.holders[0] if query.holders else None
        names = self.names.speakers
        totals = [
            total_roles(names.get(key)) + own
            for key, own in zip(query.tied, query.own, strict=True)
        ]
        return query.tied[totals.index(max(totals))]

    # -- articles ---------------------------------------------------------------------------
    def _resolve_article(self, source_id: str, article: _Article) -> None:
        if article.said is None:
            sentences = {s.id: s.text for s in article.doc.sentences}
            article.said = [said_of(s, sentences, source_id) for s in article.statements]
        registry = ArticleRegistry(self)
        spoken = {
            id(statement): speaker.key
            for statement, speaker in resolve_statements(
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
    def _react(self, key: str, voice: Voice) -> Reaction:
        quotes = voice.merge()
        base = self.names.speakers.get(key)
        speaker = base or voice.creator()
        role = voice.role(base.roles if base else None)
        # Statements without a stance cue change nothing: judge only the others.
        texts = tuple(q.context or q.text for q in quotes if has_cue(q.context or q.text))
        if voice.stance is None or voice.stance[0] != texts:
            voice.stance = (texts, judge_stance(texts))
        stance, why = voice.stance[1]
        if speaker.kind == "institution" and press_name(speaker.name):
            stance, why = "neutral", ""  # 'The Guardian reported that ministers had refused'
        aliases = tuple(sorted(a for a in voice.aliases if a != speaker.name))
        reaction = Reaction(
            speaker.name, role, stance, why, quotes, aliases, is_person=speaker.kind == "person"
        )
        return reaction


def _state(names: Registry, key: str) -> tuple[object, ...]:
    """What resolving reads of a person in the corpus's names: roles, role count, gender,
    titles."""
    s = names.speakers.get(key)
    if s is None:
        return (None,)
    return (frozenset(s.roles), sum(s.roles.values()), s.gender, frozenset(s.titles))


class Voices(dict[str, Voice]):
    def __init__(self, weights: Weights) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, key: str) -> Voice:
        voice = self[key] = Voice(self.weights)
        return voice
