"""Who is speaking: parse a speaker phrase, and merge aliases into one speaker.

A phrase before a reporting verb ("Shadow home secretary Chris Philp", "the Albanian prime
minister Edi Rama", "The Prime Minister's official spokesman", "Number 10", "he") becomes
a `Mention`. A `Registry` built over the whole corpus merges full names, surnames,
"Sir First", "Mr Surname", role references and institution aliases into one `Speaker`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from .. import lexicon
from ..text import normalize

MentionKind = Literal["person", "institution", "group", "role", "pronoun", "spokesperson"]

_TOKEN = re.compile(r"[A-Za-z0-9][\w.'’-]*|[,—–-]")
_POSSESSIVE = re.compile(r"['’]s?$")
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|i|ch|ic)$")
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our"}


@dataclass(frozen=True)
class Mention:
    """A speaker phrase as written, with what it was parsed into."""

    text: str
    kind: MentionKind
    name: str = ""
    """Person: the name without titles; institution or group: its name; role: the role."""
    role: str = ""
    honorific: str = ""
    owner: Mention | None = None
    """For a spokesperson: whose spokesperson ('the Prime Minister's spokesman')."""


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token).lower().rstrip(".")


def parse_mention(phrase: str) -> Mention | None:
    """Parse a speaker phrase; None when it names nobody.

    >>> parse_mention("Shadow home secretary Chris Philp")
    Mention(text='Shadow home secretary Chris Philp', kind='person', name='Chris Philp', \
role='Shadow home secretary', honorific='', owner=None)
    """
    text = normalize(phrase).strip(" ,:;—–-")
    if not text:
        return None
    low = text.lower()
    if low in lexicon.PRONOUNS:
        return Mention(text, "pronoun", name=low)
    if alias := lexicon.INSTITUTION_ALIASES.get(low.removeprefix("the ").strip()):
        return Mention(text, "institution", name=alias)
    tokens = [t for t in _TOKEN.findall(text) if t not in ",—–-"]
    while tokens and tokens[0].lower() in _DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return None
    bares = [_bare(t) for t in tokens]
    head = bares[-1]
    spoke = next((i for i, b in enumerate(bares) if b in lexicon.SPEECH_NOUNS), None)
    if (
        spoke is not None
        and (head in lexicon.SPEECH_NOUNS or head == "for")
        or (spoke is not None and spoke < len(tokens) - 1 and bares[spoke + 1] == "for")
    ):
        return _spokesperson(text, tokens, spoke)
    if head in lexicon.PERSON_GROUPS:
        return Mention(text, "group", name=" ".join(tokens))
    last_role = max((i for i, b in enumerate(bares) if _is_role_word(b)), default=-1)
    name_tokens = tokens[last_role + 1 :]
    honorific = ""
    while name_tokens and name_tokens[0].lower() in lexicon.HONORIFICS and len(name_tokens) > 1:
        honorific = name_tokens[0].rstrip(".")
        name_tokens = name_tokens[1:]
    role = " ".join(tokens[: last_role + 1])
    if len(tokens) == 1 and tokens[0].lower().rstrip(".") in lexicon.HONORIFICS and not role:
        return None
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 2:
        return Mention(text, "institution", name=tokens[0])
    if not role and honorific.lower().rstrip(".") in OFFICE_TITLES:
        role = honorific
    if name_tokens and all(_is_cap(t) for t in name_tokens):
        name = " ".join(_POSSESSIVE.sub("", t) for t in name_tokens)
        # 'NHS chief executive Amanda Pritchard' is a person; the institution is her role's.
        if _is_institution(name_tokens):
            return Mention(text, "institution", name=" ".join(tokens))
        if bares[last_role + 1 :] and bares[-1] in lexicon.NON_NAME_CAPITALS:
            return None
        return Mention(text, "person", name=name, role=role, honorific=honorific)
    if last_role >= 0 and not name_tokens:
        if _is_institution(tokens) and not _ends_with_person_role(bares):
            return Mention(text, "institution", name=" ".join(tokens))
        return _unnamed_role(text, tokens)
    if _is_institution(tokens):
        return Mention(text, "institution", name=" ".join(tokens))
    return None


OFFICE_TITLES = frozenset(
    "gov sen rep president senator governor mayor judge justice chancellor gen".split()
)
"""Honorifics that are also offices: 'Gov. Maria Delgado' holds the role 'Gov.'."""


def role_phrase(phrase: str) -> str:
    """An appositive that names a role ('the chief executive of X'), without 'the'.

    >>> role_phrase("the chief executive of Northline Trains")
    'chief executive of Northline Trains'
    """
    text = normalize(phrase).strip(" ,")
    words = [_bare(w) for w in text.split()]
    if any(w in lexicon.ROLE_WORDS for w in words) and not text[:1].isdigit():
        return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return ""


def _unnamed_role(text: str, tokens: list[str]) -> Mention:
    """'the prime minister' is a role to resolve; 'one government official' is a group."""
    role = " ".join(
        _POSSESSIVE.sub("", t) if i == len(tokens) - 1 else t for i, t in enumerate(tokens)
    )
    if _bare(tokens[-1]) in {"official", "source", "aide", "insider"}:
        name = re.sub(r"^(?:one|a|an|another|the)\s+", "", role, flags=re.I)
        return Mention(text, "group", name=name)
    return Mention(text, "role", role=role)


def _is_role_word(bare: str) -> bool:
    return bare in lexicon.ROLE_WORDS


def _ends_with_person_role(bares: list[str]) -> bool:
    return bares[-1] in lexicon.ROLE_WORDS and bares[-1] not in lexicon.INSTITUTION_WORDS


def _is_institution(tokens: list[str]) -> bool:
    bares = [_bare(t) for t in tokens]
    if any(b in lexicon.INSTITUTION_WORDS for b in bares):
        return True
    if any(b in ("of", "for", "and") for b in bares[1:-1]) and tokens[0][:1].isupper():
        return True
    return (
        len(tokens) >= 2
        and tokens[0].isupper()
        and len(tokens[0]) > 1
        and bares[0] not in lexicon.ROLE_WORDS
    )


def _spokesperson(text: str, tokens: list[str], spoke: int) -> Mention:
    """'The Prime Minister's official spokesman', 'a spokesperson for the Home Office'."""
    if spoke + 1 < len(tokens) and _bare(tokens[spoke + 1]) == "for":
        owner_phrase = " ".join(tokens[spoke + 2 :])
    else:
        before = [t for t in tokens[:spoke] if _bare(t) not in {"official", "a", "an", "the"}]
        owner_phrase = " ".join(before)
    owner = parse_mention(owner_phrase) if owner_phrase else None
    return Mention(text, "spokesperson", role="spokesperson", owner=owner)


# --- the registry --------------------------------------------------------------------


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
        words = role.lower().split()
        return any(_contains_words(r.lower(), words) for r in self.roles)


def _contains_words(role: str, words: list[str]) -> bool:
    tokens = [_bare(t) for t in role.replace("’", "'").split()]
    return all(w in tokens for w in words if w not in _DETERMINERS)


class Registry:
    """Merges mentions into speakers across the corpus; built before quotes are resolved."""

    def __init__(self) -> None:
        self.speakers: dict[str, Speaker] = {}
        self.surnames: dict[str, set[str]] = {}
        self.firsts: dict[str, set[str]] = {}

    def add_name(self, mention: Mention) -> None:
        """Learn a full name and its role from any mention of a person."""
        if mention.kind == "institution":
            self.institution(mention.name)
            return
        if mention.kind != "person" or len(mention.name.split()) < 2:
            return
        speaker = self._person(mention.name)
        if mention.role:
            speaker.roles[mention.role] += 1
        if gender := lexicon.HONORIFICS.get(mention.honorific.lower(), ""):
            speaker.gender = gender
        if mention.honorific:
            speaker.titles.add(mention.honorific.lower().rstrip("."))

    def institution(self, name: str) -> Speaker:
        clean = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
        clean = re.sub(lexicon.LEGAL_SUFFIXES, "", _proper_tail(clean))
        clean = lexicon.INSTITUTION_ALIASES.get(clean.lower(), clean)
        key = "org:" + clean.lower()
        if key not in self.speakers:
            self.speakers[key] = Speaker(key, clean[:1].upper() + clean[1:], "institution")
        return self.speakers[key]

    def _person(self, name: str) -> Speaker:
        key = "person:" + name.lower()
        if key not in self.speakers:
            self.speakers[key] = Speaker(key, name, "person")
            parts = name.split()
            self.surnames.setdefault(parts[-1].lower(), set()).add(key)
            self.firsts.setdefault(parts[0].lower(), set()).add(key)
        return self.speakers[key]

    def person(self, mention: Mention) -> Speaker:
        """The speaker a person mention refers to: a full name, 'Sir Keir', 'Mr Rama'."""
        parts = mention.name.split()
        if len(parts) >= 2:
            speaker = self._person(mention.name)
        else:
            token = parts[0].lower()
            by_first = self.firsts.get(token, set())
            by_last = self.surnames.get(token, set())
            knightly = mention.honorific.lower() in lexicon.KNIGHTLY
            pool = by_first if knightly and by_first else by_last or by_first
            if len(pool) > 1 and mention.honorific:
                pool = self._by_title(pool, mention.honorific.lower().rstrip("."))
            if len(pool) == 1:
                speaker = self.speakers[next(iter(pool))]
            else:
                speaker = self._person(mention.name)
        if mention.role:
            speaker.roles[mention.role] += 1
        speaker.aliases.add(mention.text)
        return speaker

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
        words = [w for w in normalize(role).lower().split() if w not in _DETERMINERS]
        words = ["prime", "minister"] if words == ["pm"] else words
        holders = [
            s for s in self.speakers.values() if s.kind == "person" and s.holds(" ".join(words))
        ]
        if not holders:
            return None
        if len(holders) == 1:
            return holders[0]
        exact = [s for s in holders if any(_bare_role(r) == words for r in s.roles)]
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
            self.speakers[key] = Speaker(key, f"{owner.name}'s spokesperson", "spokesperson")
            self.speakers[key].roles[f"spokesperson for {owner.name}"] += 1
        return self.speakers[key]


def _proper_tail(name: str) -> str:
    """'Passenger watchdog Transport Focus' → 'Transport Focus'; 'UN refugee agency' stays."""
    words = name.split()
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w not in _CONNECTORS]
    if lower and lower[-1] < len(words) - 1 and words[lower[-1] + 1][:1].isupper():
        return " ".join(words[lower[-1] + 1 :])
    return name


_CONNECTORS = frozenset({"of", "for", "and", "the", "&"})


def _bare_role(role: str) -> list[str]:
    return [_bare(w) for w in normalize(role).split() if _bare(w) not in _DETERMINERS]
