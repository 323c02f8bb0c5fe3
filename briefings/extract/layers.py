"""The registry one article is resolved against: the story's names with the article's own
on top, noting every look-up so the index knows which articles a new name affects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from ..lexicon import DETERMINERS
from ..text import normalize
from .speakers import Registry, Speaker, bare_role


class StoryNames(Protocol):
    """What an article's registry reads of the story: its names, the order they were first
    named in, and the holders of a role."""

    names: Registry
    rank: dict[str, int]

    def holders(self, phrase: str) -> dict[str, None]: ...


@dataclass(frozen=True)
class RoleQuery:
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

    # One signature for dict.get's overloads: mypy cannot match them to it.
    def get(self, token: str, default: set[str] | None = None) -> set[str] | None:  # type: ignore[override]
        self.reads.add(token)
        if dict.__contains__(self, token):
            return dict.__getitem__(self, token)
        return self.base.get(token, default)

    def setdefault(self, token: str, default: set[str] | None = None) -> set[str]:
        if not dict.__contains__(self, token):
            dict.__setitem__(self, token, set(self.base.get(token, ())))
        return dict.__getitem__(self, token)


class ArticleRegistry(Registry):
    """The registry one article is resolved against: the corpus's names plus its own."""

    def __init__(self, index: StoryNames) -> None:
        self.index = index
        self.tokens: set[str] = set()
        self.queries: list[tuple[RoleQuery, str | None]] = []
        self.speakers = _SpeakerLayer(index.names.speakers)
        self.surnames = _NameLayer(index.names.surnames, self.tokens)
        self.firsts = _NameLayer(index.names.firsts, self.tokens)
        self.acronyms = index.names.acronyms
        self.counts = index.names.counts
        self.local: dict[str, set[str]] = {}
        self.local_counts: Counter[str] = Counter()

    def institution(self, name: str) -> Speaker:
        """As `Registry.institution`, noting an acronym's look-up: a later article that
        spells it out changes the answer."""
        clean = name.removeprefix("the ").removeprefix("The ")
        if clean.isupper():
            self.tokens.add("org:" + clean.lower())
        return super().institution(name)

    def role_holder(self, role: str, local: Counter[str]) -> Speaker | None:
        """As `Registry.role_holder`, with the corpus's holders of a role looked up once;
        candidates in the order the corpus first named them, then the article's own."""
        words = [w for w in normalize(role).lower().split() if w not in DETERMINERS]
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
            exact = [s for s in holders if any(bare_role(r) == words for r in s.roles)]
            pool = exact or holders
        answer = max(pool, key=lambda s: (local[s.key], sum(s.roles.values()))) if pool else None
        answer = answer or (holders[0] if holders else None)
        most = max((local[s.key] for s in pool), default=0)
        tied = [s for s in pool if local[s.key] == most]
        query = RoleQuery(
            phrase,
            tuple(s.key for s in holders),
            tuple(s.key for s in tied),
            tuple(sum(s.roles.values()) - total_roles(names.get(s.key)) for s in tied),
        )
        self.queries.append((query, answer.key if answer else None))
        return answer


def total_roles(speaker: Speaker | None) -> int:
    return sum(speaker.roles.values()) if speaker else 0
