"""Speaker phrases: what a phrase before or after a reporting verb names.

A phrase ("Shadow home secretary Chris Philp", "the Albanian prime minister Edi Rama",
"Unison's Helen Marsh", "Sen. Mike Lee (R-Utah)", "The Prime Minister's official
spokesman", "Number 10", "he") becomes a `Mention`: the name without titles, the role,
the honorific. The story's `speakers.Registry` then merges mentions into speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .. import lexicon
from ..text import STOPWORDS, TEXT_CACHE, normalize

MentionKind = Literal[
    "person", "institution", "group", "role", "pronoun", "spokesperson", "document"
]

_TOKEN = re.compile(r"[A-Za-z0-9][\w.'’-]*|[,—–-]")
POSSESSIVE = re.compile(r"['’]s?$")
_PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)")


@dataclass(frozen=True)
class Mention:
    """A speaker phrase as written, with what it was parsed into."""

    text: str
    kind: MentionKind
    name: str = ""
    """Person: the name without titles; institution or group: its name; role: the role as
    described, when it says more than the role looked up ('the Senate minority leader')."""
    role: str = ""
    honorific: str = ""
    owner: Mention | None = None
    """For a spokesperson: whose spokesperson ('the Prime Minister's spokesman')."""


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def bare(token: str) -> str:
    """A word without possessive, case or final full stop ('Minister's' → 'minister')."""
    return POSSESSIVE.sub("", token).lower().rstrip(".")


@lru_cache(maxsize=TEXT_CACHE)
def parse_mention(phrase: str) -> Mention | None:
    """Parse a speaker phrase; None when it names nobody. Cached: a story writes the same
    few phrases ('Donald Trump', 'the senator') thousands of times.

    >>> parse_mention("Shadow home secretary Chris Philp")
    Mention(text='Shadow home secretary Chris Philp', kind='person', name='Chris Philp', \
role='Shadow home secretary', honorific='', owner=None)
    """
    text = normalize(phrase).strip(" ,:;—–-")
    # 'Sen. Mike Lee (R-Utah)', 'the National Education Union (NEU)': an aside, not a name.
    if "(" in text:
        text = _PARENTHESIS.sub("", text).strip(" ,:;—–-")
    if not text:
        return None
    low = text.lower()
    if low in lexicon.PRONOUNS:
        return Mention(text, "pronoun", name=low)
    if document := _document(text):
        return Mention(text, "document", name=document)  # 'the email': its sender speaks
    if alias := lexicon.INSTITUTION_ALIASES.get(low.removeprefix("the ").strip()):
        return Mention(text, "institution", name=alias)
    if press := press_name(text):
        return Mention(text, "institution", name=press)  # 'The Washington Post' is no person
    if _WEB_NAME.fullmatch(text):
        return Mention(text, "institution", name=text)  # 'GunBroker.com': a company's site
    tokens = [t for t in _TOKEN.findall(text) if t not in ",—–-"]
    if [t.lower() for t in tokens[-2:]] in _BODY:
        return None  # 'shook her head and said': no one's head of anything
    while tokens and (
        tokens[0].lower() in lexicon.DETERMINERS or tokens[0].lower().endswith("-year-old")
    ):
        tokens = tokens[1:]  # 'the', 'Seventeen-year-old Jared Potts'
    while len(tokens) > 1 and _is_cap(tokens[1]) and _sentence_word(tokens):
        tokens = tokens[1:]  # 'Then Trump', 'Maybe Sanders', 'Former Obama'
    post = ""
    if len(tokens) > 2 and bare(tokens[-1]) in lexicon.POST_NOMINALS and tokens[-1][1:] != "":
        if tokens[-1].isupper() or tokens[-1] == "PhD":
            post = tokens.pop()  # 'Tom Reyes MP', 'Anne Hale QC': letters after the name
    if not tokens:
        return None
    bares = [bare(t) for t in tokens]
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
    # A title inside the run ('Vermont Sen. Bernie Sanders') ends what comes before it.
    title = max(
        (i for i in range(last_role + 1, len(tokens) - 1) if _is_title(tokens[i])), default=-1
    )
    while title > last_role + 1 and _is_title(tokens[title - 1]):
        title -= 1  # 'the Rt Hon', 'Lt. Col.': one title in several words
    if title > last_role + 1 and all(_is_cap(t) for t in tokens[title + 1 :]):
        if any(t in STOPWORDS for t in tokens[last_role + 1 : title]):
            return parse_mention(" ".join(tokens[title:]))  # 'Many of Mr. Rubio': no role
        last_role = title - 1
    name_tokens = tokens[last_role + 1 :]
    honorific = ""
    titles: list[str] = []
    while name_tokens and _is_title(name_tokens[0]) and len(name_tokens) > 1:
        honorific = name_tokens[0].rstrip(".")
        titles.append(name_tokens[0])
        name_tokens = name_tokens[1:]
    role = " ".join(tokens[: last_role + 1])
    possessive = any(mark in text for mark in ("'s ", "’s ", "s' ", "s’ "))
    owner = _owner_split(name_tokens) if possessive else 0
    if owner:
        # 'Unison's Helen Marsh': the organisation is her role, not her first name.
        role = role or " ".join(POSSESSIVE.sub("", t) for t in name_tokens[:owner])
        name_tokens = name_tokens[owner:]
    if role and honorific.lower() in lexicon.OFFICE_TITLES and not _is_role_word(bares[last_role]):
        role = f"{role} {honorific}"
    if len(tokens) == 1 and bares[0] in _LONE_TITLES and not role:
        return None
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 2:
        return Mention(text, "institution", name=tokens[0])
    if not role and honorific.lower().rstrip(".") in lexicon.OFFICE_TITLES:
        role = " ".join(titles).rstrip(".")  # 'Gov', 'Lt. Gov'
    if not role and post.lower() in lexicon.POST_NOMINAL_OFFICES:
        role = post  # 'Tom Reyes MP
    if name_tokens and all(_is_cap(t) for t in name_tokens):
        name = " ".join(POSSESSIVE.sub("", t) for t in name_tokens)
        # 'NHS chief executive Amanda Pritchard' is a person; the institution is her role's.
        if _is_institution(name_tokens):
            return Mention(text, "institution", name=" ".join(tokens))
        if bares[last_role + 1 :] and bares[-1] in lexicon.NON_NAME_CAPITALS:
            return None
        return Mention(text, "person", name=name, role=spelled_out(role), honorific=honorific)
    if last_role >= 0 and not name_tokens:
        if _is_institution(tokens) and not _ends_with_person_role(bares):
            return Mention(text, "institution", name=" ".join(tokens))
        return _unnamed_role(text, tokens)
    if _is_institution(tokens):
        return Mention(text, "institution", name=" ".join(tokens))
    return None


_BODY = [[owner, "head"] for owner in ("his", "her", "their")]


_WEB_NAME = re.compile(r"[A-Z][\w-]*\.(?:com|org|net|io|co\.uk)")


def press_name(text: str) -> str:
    """A newspaper, magazine or network by its name: a known outlet ('The Washington
    Post'), or a title ending as newspapers' do ('the Des Moines Register'); ''."""
    words = text.split()
    key = text.lower().removeprefix("the ").strip()
    if key in lexicon.OUTLET_ALIASES and len(key) > 3:
        return lexicon.OUTLET_ALIASES[key]
    if len(words) >= 2 and all(w[:1].isupper() for w in words[1:]):
        if words[-1].lower() in lexicon.PRESS_TITLES:
            return " ".join(words[1:] if words[0].lower() == "the" else words)
    return ""


_LONE_DOCUMENTS = lexicon.DOCUMENT_NOUNS - {"post", "ad", "note", "release"}
"""Document nouns that, capitalised alone, are no one's name ('Post' is an outlet's)."""


def _document(text: str) -> str:
    """'the email', 'this draft memo' → 'email': a document the article mentioned, in
    lower case ('the Washington Post' is a name)."""
    words = text.split()
    if len(words) == 1 and words[0].istitle() and words[0].lower() in _LONE_DOCUMENTS:
        return words[0].lower()  # 'Transcript as follows:' names no one called Transcript
    if 2 <= len(words) <= 3 and words[0].lower() in ("the", "this", "that"):
        if all(w.islower() for w in words[1:]) and words[-1] in lexicon.DOCUMENT_NOUNS:
            return words[-1]
    return ""


def _sentence_word(tokens: list[str]) -> bool:
    """Whether a phrase's first word opens a sentence and is never a first name: 'Then',
    'Against'; a role's modifier alone ('Former Obama') when no role word follows it."""
    low = tokens[0].lower()
    if low in lexicon.DETERMINERS or _is_title(tokens[0]):
        return False
    if low in lexicon.NON_NAME_CAPITALS or low in _FUNCTION_WORDS or low in _VERBS:
        return True  # 'Stated Stone:' opens with a verb
    if low.replace("’", "'") in lexicon.FIRST_PERSON:
        return True  # "I've"
    return low in _LONE_MODIFIERS and not any(
        _is_role_word(b) or _is_title(t) or b in lexicon.INSTITUTION_WORDS
        for t, b in ((t, bare(t)) for t in tokens[1:])
    )


_FUNCTION_WORDS = STOPWORDS - {"will", "may", "can", "so"}
_VERBS = lexicon.REPORTING_VERBS | lexicon.QUOTE_ONLY_VERBS
_LONE_MODIFIERS = lexicon.ROLE_MODIFIERS - {"justice", "general", "chief"}


def _is_title(token: str) -> bool:
    return token.lower().rstrip(".") in _TITLES


_TITLES = frozenset(h.rstrip(".") for h in lexicon.HONORIFICS)
_LONE_TITLES = _TITLES - lexicon.SURNAME_TITLES
"""Titles that alone name nobody ('Mr'); 'Bishop' alone is a surname."""


def _owner_split(tokens: list[str]) -> int:
    """Where a possessive owner ends before a full name ('Unison's Helen Marsh' → 1)."""
    for i, token in enumerate(tokens[:-2]):
        if token[-2:] in ("'s", "’s") or (token[-2:] in ("s'", "s’") and token[:1].isupper()):
            rest = tokens[i + 1 :]
            return i + 1 if all(_is_cap(t) for t in rest) else 0
    return 0


def role_phrase(phrase: str) -> str:
    """An appositive that names a role ('the chief executive of X'), without 'the'.

    >>> role_phrase("the chief executive of Northline Trains")
    'chief executive of Northline Trains'
    """
    text = normalize(phrase).strip(" ,")
    words = [bare(w) for w in text.split()]
    if not words or words[0] in _NOT_A_ROLE_START or _FINITE & set(words):
        return ""  # 'As a young reporter covering …', 'an email was sent from the director'
    described = words[-1] in lexicon.DESCRIPTORS and words[0] in ("a", "an", "the")
    if (any(w in lexicon.ROLE_WORDS for w in words) or described) and not text[:1].isdigit():
        role = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).split()
        while role and role[-1].lower() in _DANGLING:
            role.pop()  # '… for Disaster Preparedness at' (Columbia University, a place)
        return " ".join(role)
    return ""


_DANGLING = lexicon.PREPOSITIONS | lexicon.DETERMINERS | frozenset({"and", "or"})
"""What a role never ends on: the words before a place or name cut from it."""


_NOT_A_ROLE_START = frozenset(
    "as when while now through of in on at for with after before since then which who".split()
)
_FINITE = frozenset("was were is are has have had will would said says did does".split())
"""A clause, not a role: it opens like one or holds a finite verb."""


def _unnamed_role(text: str, tokens: list[str]) -> Mention:
    """'the prime minister' is a role to resolve; 'one government official' is a group."""
    role = " ".join(
        POSSESSIVE.sub("", t) if i == len(tokens) - 1 else t for i, t in enumerate(tokens)
    )
    if bare(tokens[-1]) in {"official", "source", "aide", "insider"}:
        name = re.sub(r"^(?:one|a|an|another|the)\s+", "", role, flags=re.I)
        return Mention(text, "group", name=name)
    return Mention(text, "role", role=role)


def _is_role_word(bare: str) -> bool:
    """'Senators Rubio and Cruz', 'Democrats Hillary Clinton': plurals describe too."""
    if bare in lexicon.ROLE_WORDS or bare in lexicon.DESCRIPTORS:
        return True
    single = bare[:-1] if bare.endswith("s") else ""
    return single in lexicon.ROLE_WORDS or single in lexicon.DESCRIPTORS


def _ends_with_person_role(bares: list[str]) -> bool:
    return bares[-1] in lexicon.ROLE_WORDS and bares[-1] not in lexicon.INSTITUTION_WORDS


def _is_institution(tokens: list[str]) -> bool:
    bares = [bare(t) for t in tokens]
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
    if spoke + 1 < len(tokens) and bare(tokens[spoke + 1]) == "for":
        owner_phrase = " ".join(tokens[spoke + 2 :])
    else:
        before = [t for t in tokens[:spoke] if bare(t) not in {"official", "a", "an", "the"}]
        owner_phrase = " ".join(before)
    owner = parse_mention(owner_phrase) if owner_phrase else None
    return Mention(text, "spokesperson", role="spokesperson", owner=owner)


def spelled_out(role: str) -> str:
    """A role as a reader wants it: 'Sen' → 'Senator', 'Lt. Gov' → 'Lieutenant Governor',
    'Republican Sen.' → 'Republican Senator' (so 'Sen. Ann Reyes' and 'Senator Ann Reyes'
    hold one role)."""
    words = role.split()
    return " ".join(lexicon.OFFICE_ABBREVIATIONS.get(w.lower().rstrip("."), w) for w in words)
