"""The story's speakers: merge mentions ("Dame Anna", "Okafor", "Anna Okafor", "the health
secretary", "NEU") into one `Speaker` per person or organisation.

A `Registry` learns full names, roles, genders and acronyms from every article's people
scan; a surname alone joins the full name the article introduced, else the story's only
(or far most named) bearer of it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..lexicon import DETERMINERS
from ..text import normalize
from .mentions import (
    POSSESSIVE,
    Mention,
    MentionKind,
    bare,
    parse_mention,
    role_phrase,
)

__all__ = ["Mention", "Registry", "Speaker", "parse_mention", "role_phrase"]


@dataclass
class Speaker:
    """One real speaker, with every way the corpus wrote them."""

    key: str
    name: str
    kind: MentionKind
    roles: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    gender: str = ""
    titles: set[str] = field(default_factory=set)
    """Honorifics the corpus wrote the full name with ('dr'), to tell namesakes apart."""

    @property
    def role(self) -> str | None:
        if not self.roles:
            return None
        role, _ = max(self.roles.items(), key=lambda kv: (kv[1], -len(kv[0])))
        return role

    def holds(self, role: str) -> bool:
        return any(_holds(r, role) for r in self.roles)


@lru_cache(maxsize=262144)
def _holds(held: str, wanted: str) -> bool:
    """Whether a role held is the one asked for (a long story asks the same pairs over
    and over, hence the cache)."""
    words = wanted.lower().split()
    return _contains_words(held.lower(), words) and not _elsewhere(held, words)


def _contains_words(role: str, words: list[str]) -> bool:
    """Whether a role is the one asked for: 'Albanian prime minister' is a prime minister,
    a 'shadow home secretary' or 'former home secretary' is not the home secretary."""
    tokens = [bare(t) for t in role.replace("’", "'").split()]
    if any(t in _OTHER_OFFICE and t not in words for t in tokens):
        return False
    return all(w in tokens for w in words if w not in DETERMINERS)


_OTHER_OFFICE = lexicon.OTHER_OFFICE
"""Modifiers that make a role another office than the bare one."""


class Registry:
    """Merges mentions into speakers across the corpus; built before quotes are resolved."""

    def __init__(self) -> None:
        self.speakers: dict[str, Speaker] = {}
        self.surnames: dict[str, set[str]] = {}
        self.firsts: dict[str, set[str]] = {}
        self._votes: dict[str, Counter[str]] = {}
        """Per person, the genders titles and the text's pronouns gave them."""
        self.counts: Counter[str] = Counter()
        """How often the story names each person in full."""
        self.acronyms: dict[str, str] = {}
        """'neu' → 'National Education Union', from 'the National Education Union (NEU)'."""
        self.local_counts: Counter[str] = Counter()
        """How often the article being resolved names each person in full."""
        self.local: dict[str, set[str]] = {}
        """Surname → the people the article being resolved names in full: within an
        article a surname alone means the one person it introduced by that surname."""

    def introduce(self, mention: Mention) -> None:
        """A full name the article being resolved uses (see `local`)."""
        if mention.kind == "person" and len(mention.name.split()) >= 2:
            key = person_key(mention.name)
            self.local.setdefault(_surname(mention.name), set()).add(key)
            self.local_counts[key] += 1

    def add_acronym(self, acronym: str, name: str) -> None:
        """'NEU' stands for 'National Education Union' in this story."""
        self.acronyms[acronym.lower()] = name

    def add_name(self, mention: Mention, pronoun: str = "") -> None:
        """Learn a full name and its role from any mention of a person; `pronoun` is the
        gender ('m', 'f') of the pronoun the text used for them there."""
        if mention.kind == "institution":
            self.institution(mention.name)
            return
        if mention.kind != "person" or len(mention.name.split()) < 2:
            return
        if mention.name.lower() in lexicon.PLACES:
            return  # 'New Hampshire's largest newspaper': a state, holding no role
        speaker = self._person(mention.name)
        self.counts[speaker.key] += 1
        if mention.role:
            speaker.roles[mention.role] += 1
        if gender := _gender_of(mention.honorific):
            self._votes.setdefault(speaker.key, Counter())[gender] += 3
        if pronoun:
            self._votes.setdefault(speaker.key, Counter())[pronoun] += 1
        if gender or pronoun:
            votes = self._votes[speaker.key]
            speaker.gender = next(
                (g for g in "mf" if votes[g] > 2 * votes["mf".replace(g, "")]), ""
            )
        if mention.honorific:
            speaker.titles.add(mention.honorific.lower().rstrip("."))

    def institution(self, name: str) -> Speaker:
        clean = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
        clean = re.sub(lexicon.LEGAL_SUFFIXES, "", _proper_tail(clean))
        clean = lexicon.INSTITUTION_ALIASES.get(clean.lower(), clean)
        clean = self._acronym(clean)
        key = "org:" + clean.lower()
        if key not in self.speakers:
            self.speakers[key] = Speaker(key, clean[:1].upper() + clean[1:], "institution")
        return self.speakers[key]

    def _acronym(self, name: str) -> str:
        return self.acronyms.get(name.lower(), name) if name.isupper() else name

    def _person(self, name: str) -> Speaker:
        key = person_key(name)
        if key not in self.speakers:
            self.speakers[key] = Speaker(key, name, "person")
            self.surnames.setdefault(_surname(name), set()).add(key)
            self.firsts.setdefault(name.split()[0].lower(), set()).add(key)
        return self.speakers[key]

    def person(self, mention: Mention) -> Speaker:
        """The speaker a person mention refers to: a full name, 'Sir Keir', 'Mr Rama'."""
        parts = mention.name.split()
        if len(parts) >= 2:
            speaker = self._person(mention.name)
        else:
            token = parts[0].lower()
            knightly = mention.honorific.lower() in lexicon.KNIGHTLY
            local = set() if knightly else self._agreeing(self.local.get(token, set()), mention)
            by_first = self.firsts.get(token, set()) if not local else set()
            by_last = self.surnames.get(token, set()) if not local else set()
            pool = local or (by_first if knightly and by_first else by_last or by_first)
            if len(pool) > 1 and mention.honorific:
                pool = self._by_title(pool, mention.honorific.lower().rstrip("."))
                pool = self._by_gender(pool, _gender_of(mention.honorific))
            if len(pool) > 1 and not local:
                pool = self._dominant(pool, mention.honorific)
            elif len(pool) > 1:
                pool = _most_named(pool, self.local_counts) or self._story_named(
                    token, pool, mention.honorific
                )
            if len(pool) == 1:
                speaker = self.speakers[next(iter(pool))]
            else:
                speaker = self._person(mention.name)
        if mention.role:
            speaker.roles[mention.role] += 1
        if alias := _alias(mention):
            speaker.aliases.add(alias)
        return speaker

    def dominant(self, token: str) -> tuple[str | None, ...]:
        """Whom a surname alone means in the story when the article names nobody by it,
        untitled, as 'Mr' and as 'Mrs' (see `_dominant`): what such a look-up reads."""
        pool = self.surnames.get(token, set())
        if len(pool) < 2:
            return ()
        found = [self._dominant(pool, title) for title in ("", "mr", "mrs")]
        return tuple(next(iter(f)) if len(f) == 1 else None for f in found)

    def _agreeing(self, pool: set[str], mention: Mention) -> set[str]:
        """'Mr Clinton' is none of the article's people the text calls 'she'."""
        wanted = _gender_of(mention.honorific)
        return {k for k in pool if self.speakers[k].gender in ("", wanted)} if wanted else pool

    def _story_named(self, token: str, pool: set[str], honorific: str) -> set[str]:
        """Of the article's people sharing a surname, the story's dominant bearer, unless
        the article names another of them more often."""
        title = {"m": "mr", "f": "mrs"}.get(_gender_of(honorific), "")
        answer = dict(zip(("", "mr", "mrs"), self.dominant(token), strict=False)).get(title)
        if answer in pool and all(self.local_counts[answer] >= self.local_counts[k] for k in pool):
            return {answer}
        return pool

    def _dominant(self, pool: set[str], honorific: str) -> set[str]:
        """Of several people sharing a surname, the one the story names in full far more
        often than all the others together ('Obama' beside one mention of a relative);
        a gendered title must match that person's known gender."""
        counts = sorted(((self.counts.get(k, 0), k) for k in pool), reverse=True)
        top, key = counts[0]
        rest = sum(n for n, _ in counts[1:])
        if top < _DOMINANT_MIN or top < _DOMINANT_RATIO * rest:
            return pool
        wanted = _gender_of(honorific)
        if wanted and self.speakers[key].gender != wanted:
            return pool
        return {key}

    def _by_gender(self, pool: set[str], gender: str) -> set[str]:
        """'Mrs Clinton' is not the one the text calls 'he'."""
        if not gender:
            return pool
        same = {k for k in pool if self.speakers[k].gender == gender}
        return same or {k for k in pool if self.speakers[k].gender == ""} or pool

    def _by_title(self, pool: set[str], title: str) -> set[str]:
        """Namesakes: 'Dr Patel' is the one introduced as Dr; 'Mr Patel' one who was not."""
        same = {k for k in pool if title in self.speakers[k].titles}
        return same or {k for k in pool if not self.speakers[k].titles} or pool

    def knows(self, token: str) -> bool:
        """Whether a single name ('Whitcombe') is someone's surname or first name."""
        token = token.lower()
        return bool(self.surnames.get(token) or self.firsts.get(token))

    def group(self, name: str) -> Speaker:
        key = "group:" + re.sub(r"s$", "", name.lower())
        if key not in self.speakers:
            self.speakers[key] = Speaker(key, name[:1].upper() + name[1:], "group")
        return self.speakers[key]

    def role_holder(self, role: str, local: Counter[str]) -> Speaker | None:
        """Who 'the prime minister' is: a bare role goes to the holder of the bare role.

        A role with a modifier ('the Albanian prime minister') must match that modifier;
        a bare one prefers the person whose role was written without one, then the person
        most mentioned in this article.
        """
        words = [w for w in normalize(role).lower().split() if w not in DETERMINERS]
        words = ["prime", "minister"] if words == ["pm"] else words
        holders = [
            s for s in self.speakers.values() if s.kind == "person" and s.holds(" ".join(words))
        ]
        if not holders:
            return None
        if len(holders) == 1:
            return holders[0]
        exact = [s for s in holders if any(bare_role(r) == words for r in s.roles)]
        pool = exact or holders
        return max(pool, key=lambda s: (local[s.key], sum(s.roles.values())))

    def spokesperson(self, owner: Speaker | None) -> Speaker:
        """An institution's spokesperson speaks as the institution; a person's is separate."""
        if owner is None:
            return self.group("Spokesperson")
        if owner.kind == "institution":
            return owner
        key = "spokes:" + owner.key
        if key not in self.speakers:
            # The name says whose spokesperson: no role repeating it.
            self.speakers[key] = Speaker(key, f"{owner.name}'s spokesperson", "spokesperson")
        return self.speakers[key]


def _elsewhere(role: str, words: list[str]) -> bool:
    """Whether a role names a country the wanted role does not ('Albania's prime
    minister', 'the French president'): 'the prime minister' is the story's own, the one
    the copy needs no country for, never another country's."""
    places = _places(role)
    return bool(places) and not places <= set(words)


@lru_cache(maxsize=65536)
def _places(role: str) -> frozenset[str]:
    return frozenset(
        bare(token) for token in normalize(role).split() if _PLACE_QUALIFIER.fullmatch(token)
    )


_PLACE_QUALIFIER = re.compile(
    r"(?!(?:Republican|Democratic|Labour|Conservative|Liberal|Green|Libertarian)\b)"
    r"[A-Z][a-z]+(?:['’]s|an|ian|ish|ese|ch)"
)


_DOMINANT_MIN = 5
_DOMINANT_RATIO = 4


def _most_named(pool: set[str], counts: Counter[str]) -> set[str]:
    """Of the article's people sharing a surname, the one it names in full at least three times
    as often as all the others together ('Donald Trump' beside a brother named once), or
    the one it introduced first when no other is named more often (the article's subject,
    'Sen. Chris Murphy', before his mother, 'Marie Murphy'). `counts` is in the order the
    article names them."""
    ranked = sorted(pool, key=lambda k: -counts[k])
    rest = sum(counts[k] for k in ranked[1:])
    if counts[ranked[0]] >= 3 * max(rest, 1):
        return {ranked[0]}
    first = next((k for k in counts if k in pool), ranked[0])
    return {first} if all(counts[first] >= counts[k] for k in pool) else set()


def _gender_of(honorific: str) -> str:
    low = honorific.lower()
    return lexicon.HONORIFICS.get(low, "") or lexicon.HONORIFICS.get(low + ".", "")


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """One key for 'Donald J. Trump' and 'Donald Trump' (first and last name, and a 'Jr.'),
    so a middle name or initial never splits a person in two."""
    parts = name.lower().split()
    suffix = [parts.pop()] if len(parts) > 2 and parts[-1] in lexicon.NAME_SUFFIXES else []
    core = [parts[0], parts[-1]] if len(parts) > 2 else parts
    return "person:" + " ".join(core + [s.rstrip(".") for s in suffix])


def key_tokens(key: str) -> tuple[str, str]:
    """The first name and surname a person's key is indexed under."""
    parts = key.removeprefix("person:").split()
    return parts[0], _surname(" ".join(parts))


@lru_cache(maxsize=65536)
def _surname(name: str) -> str:
    parts = name.lower().split()
    if len(parts) > 2 and parts[-1] in lexicon.NAME_SUFFIXES:
        parts.pop()
    return parts[-1]


_DETERMINER_START = re.compile(r"(?:the|a|an)\s", re.I)


_DETERMINER_START = re.compile(r"(?:the|a|an)\s", re.I)


@lru_cache(maxsize=65536)
def _alias(mention: Mention) -> str:
    """How the text wrote a person, for the record: without 'the'/'a' or a possessive;
    none when a determiner makes the name an attribute ('a Trump aide', 'the Lee campaign')."""
    text = mention.text
    if _DETERMINER_START.match(text) and not mention.role:
        return ""
    # From the title or the name on: 'Florida Sen. Marco Rubio' → 'Sen. Marco Rubio'.
    start = mention.honorific or mention.name.split()[0]
    at = text.rfind(start, 0, max(0, len(text) - len(mention.name)) + len(start))
    text = text[at:] if at >= 0 else text
    return POSSESSIVE.sub("", text) if text.endswith(("'s", "’s", "'", "’")) else text


def _proper_tail(name: str) -> str:
    """'Passenger watchdog Transport Focus' → 'Transport Focus'; 'UN refugee agency' stays."""
    words = name.split()
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w not in _CONNECTORS]
    if lower and lower[-1] < len(words) - 1 and words[lower[-1] + 1][:1].isupper():
        return " ".join(words[lower[-1] + 1 :])
    return name


_CONNECTORS = frozenset({"of", "for", "and", "the", "&"})


def bare_role(role: str) -> list[str]:
    """A role's words, bare, without determiners: what role look-ups compare."""
    return [bare(w) for w in normalize(role).split() if bare(w) not in DETERMINERS]
