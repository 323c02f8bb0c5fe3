"""Per-article resolution: give each statement of one article its speaker.

An article is read in order against a `Registry` (the story's names plus the article's
own): pronouns go to the nearest compatible named antecedent, role references ('the home
secretary') to the role's holder, 'the company' to the organisation named last.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from .. import lexicon
from ..model import Document, Sentence
from ..text import normalize
from .documents import author, authors
from .mentions import Mention
from .people import PeopleScan
from .quotes import Statement
from .speakers import Registry, Speaker
from .unnamed import ANOTHER


def resolve_statements(
    doc: Document, statements: list[Statement], scan: PeopleScan, registry: Registry
) -> list[tuple[Statement, Speaker]]:
    """Give each statement its speaker, reading the article in order."""
    sentence_of = {s.id: s for s in doc.sentences}
    local: Counter[str] = Counter()
    subjects: dict[int, Speaker] = {}
    paragraph_of = {s.index: s.paragraph for s in doc.sentences}
    organisations: dict[str, list[tuple[int, Mention]]] = {}
    bodies: dict[int, set[str]] = {}
    """The organisations each sentence names: what 'it' may be before any of them speaks."""
    for _, mention in scan.mentions:
        registry.introduce(mention)
    surnames = {m.name.split()[-1].lower() for _, m in scan.mentions if len(m.name.split()) > 1}
    text_of = {s.index: s.text for s in doc.sentences}
    openers: set[int] = set()
    """Sentences a named person opens as their subject, after any opening phrase."""
    main: set[int] = set()
    """Sentences whose subject is a person named after any opening clause."""
    for index, mention in scan.mentions:
        if mention.kind == "institution":
            bodies.setdefault(index, set()).add(mention.name)
            for noun in _nouns_for(mention):
                organisations.setdefault(noun, []).append((index, mention))
        if (
            mention.kind == "person"
            and not _stray_capital(mention, registry)
            and not _GERUND.fullmatch(mention.name)  # 'Smiling, she …'
            and not _nobody(mention, surnames)
            and not _organisation(mention, registry)  # 'Florida', 'Guardian': never 'he'
        ):
            person = registry.person(mention)
            local[person.key] += 1
            if _opens(text_of.get(index, ""), mention.text):
                openers.add(index)  # 'Last month, Roy Blunt helped …', 'Rep. Brad Sherman joked'
            if index not in main and _in_main_clause(text_of.get(index, ""), mention.text):
                main.add(index)  # 'As for the notion that people want Clinton, Fiorina …'
                subjects[index] = person
            subjects.setdefault(index, person)
    written = authors(doc) if any(s.mention.kind == "document" for s in statements) else {}
    out: list[tuple[Statement, Speaker]] = []
    last: tuple[int, Speaker] | None = None
    last_spokes: Speaker | None = None
    opened: dict[int, frozenset[int]] = {}  # each paragraph's sentences a person opens
    for index in openers:
        at = paragraph_of.get(index, -1)
        opened[at] = opened.get(at, frozenset()) | {index}
    # In reading order: a pronoun refers back to what came before it in the text.
    for statement in sorted(statements, key=lambda s: _first_index(s, sentence_of)):
        at = _first_index(statement, sentence_of)
        mention = _antecedent(statement.mention, at, organisations)
        if mention.kind == "document":  # 'The email said': whoever the article says sent it
            mention = author(written, mention.name, at) or mention
        recent = (
            last
            if last is None
            or statement.verb in lexicon.CONTINUING_VERBS
            or paragraph_of.get(last[0], 0) >= statement.paragraph - 1
            else None
        )
        if _common_word(mention, registry, doc) or _nobody(mention, surnames):
            continue  # 'Protest leaders', 'Democratic chief', 'One': a word, not a name
        if mention.name == ANOTHER:  # 'tweeted another': one more of the last group quoted
            speaker = next((sp for _, sp in reversed(out) if sp.kind == "group"), None)
            if speaker is not None:
                last = (at, speaker)
                out.append((statement, speaker))
            continue
        speaker = _speaker(
            mention,
            registry,
            local,
            at,
            subjects,
            last,
            last_spokes,
            recent,
            opened.get(statement.paragraph, frozenset()),
        )
        if speaker is None and mention.name == "it":
            speaker = _it(at, bodies, subjects, registry)
        if speaker is None:
            continue
        if speaker.kind == "spokesperson" or "spokes" in speaker.key:
            last_spokes = speaker
        last = (at, speaker)
        out.append((statement, speaker))
    return _words_of_the_reporter(out)


def _words_of_the_reporter(
    resolved: list[tuple[Statement, Speaker]],
) -> list[tuple[Statement, Speaker]]:
    """A word or two in quote marks inside someone else's reported sentence ('X said it
    was a “humiliation” that Y had announced …') are X's word about Y, never Y's quote."""
    out = []
    for statement, speaker in resolved:
        if statement.direct and len(statement.text.split()) <= _FRAGMENT_WORDS:
            quoted = normalize(statement.text).lower()
            reporter = next(
                (
                    other
                    for st, other in resolved
                    if not st.direct
                    and other.key != speaker.key
                    and set(statement.sentence_ids) <= set(st.sentence_ids)
                    and quoted in normalize(st.text).lower()
                ),
                None,
            )
            speaker = reporter or speaker
        out.append((statement, speaker))
    return out


_FRAGMENT_WORDS = 4


def _stray_capital(mention: Mention, registry: Registry) -> bool:
    """A lone capitalised word nobody is known by ('Shop owner …', 'In Leeds …') is not a
    person: it starts a sentence or names a place."""
    return (
        " " not in mention.name
        and not mention.honorific
        and not mention.role
        and not registry.knows(mention.name)
    )


def _nobody(mention: Mention, surnames: set[str]) -> bool:
    """A 'person' named by one word that names nobody: a party or nation adjective
    ('Democratic', 'Americans'), unless this article gives someone it as a surname ('Mark
    Cuban … Cuban said'), or a quantifier ('One', 'Both'). Not with a title ('Mr. English')."""
    if mention.kind != "person" or mention.honorific or " " in mention.name:
        return False
    low = mention.name.lower()
    return low in lexicon.NOT_NAMES or _demonym(low) and low not in surnames


def _common_word(mention: Mention, registry: Registry, doc: Document) -> bool:
    """A lone capitalised 'name' nobody is known by that the article also writes in lower
    case ('Protest leaders said', 'Ever since, …', 'Hastily, …'), or one letter: a word."""
    if mention.kind != "person" or not _stray_capital(mention, registry):
        return False
    name = mention.name.rstrip(".")
    lower = rf"(?<![\w’']){re.escape(name.lower())}(?![\w’'])"
    return len(name) < 2 or re.search(lower, doc.text) is not None


def _antecedent(
    mention: Mention, at: int, organisations: dict[str, list[tuple[int, Mention]]]
) -> Mention:
    """'the agency', 'the company': the organisation of that kind named last, up to here.

    `organisations` lists, per noun, the organisations it can refer to in reading order,
    so the look-up is a binary search rather than a scan of every organisation named
    before (quadratic in a long article).
    """
    noun = generic_noun(mention)
    if not noun:
        return mention
    named = organisations.get(noun, [])
    i = bisect_right(named, at, key=lambda item: item[0]) - 1
    while i >= 0 and named[i][1].name.lower() == noun:
        i -= 1
    return Mention(mention.text, "institution", name=named[i][1].name) if i >= 0 else mention


_ANY_ORGANISATION = frozenset("group organisation organization".split())
"""Nouns that can refer back to an organisation of any kind named in full."""


def _nouns_for(org: Mention) -> frozenset[str]:
    """The nouns ('agency', 'company' …) that can refer back to an organisation: its own
    words, and every company noun when it is a company of any kind."""
    words = {w.lower() for w in f"{org.name} {org.role}".split()}
    nouns = words & lexicon.INSTITUTION_WORDS
    if words & lexicon.COMPANY_NOUNS or org.name.lower().endswith((".com", ".net", ".io")):
        nouns |= lexicon.COMPANY_NOUNS & lexicon.INSTITUTION_WORDS
    if len(org.name.split()) > 1:
        nouns |= _ANY_ORGANISATION  # 'Everytown for Gun Safety … the group said'
    if words & _AGENCIES:
        nouns |= {"agency"}  # 'the State Department … the agency said'
    if words & lexicon.PRESS_TITLES or org.name.lower().removeprefix("the ") in _OUTLET_NAMES:
        nouns |= lexicon.PRESS_NOUNS & lexicon.INSTITUTION_WORDS  # '… the newspaper wrote'
    return frozenset(nouns)


_AGENCIES = frozenset("department ministry office bureau administration service commission".split())
"""Parts of government that news copy calls 'the agency' once named."""

_ONE_OF_A_KIND = frozenset(
    "government police parliament cabinet administration treasury army navy congress senate "
    "nhs kremlin whitehall prosecutors prosecution court".split()
)
"""Institutions a story has one of, so 'the government said' names its speaker."""


def generic_noun(mention: Mention) -> str:
    """The noun of 'the agency', 'a union', 'the Labour-run authority': an organisation
    described, not named ('' when it is named)."""
    words = mention.name.split()
    if mention.kind != "institution" or not words:
        return ""
    described = all("-" in w and w[-1].islower() or w.islower() for w in words[:-1])
    noun = words[-1].lower()
    return noun if described and noun in lexicon.INSTITUTION_WORDS else ""


_OPENING_CLAUSE = re.compile(
    r"(?:As|If|When|While|Although|Though|Because|After|Before|Since|Despite|Unlike|Like"
    r"|For|With|In|On|At|Asked|Speaking|Until|Once)\b[^,;:“”\"]{0,200},\s+"
)


def _opens(sentence: str, name: str) -> bool:
    """Whether a name is its sentence's subject: it comes first, after at most a
    conjunction, an opening phrase and a few words of title ('But state Rep. Gilda
    Cobb-Hunter recalled', 'Last month, Roy Blunt helped'), and not inside a quote."""
    at = sentence.find(name)
    return at >= 0 and _BEFORE_SUBJECT.fullmatch(sentence[:at]) is not None


_BEFORE_SUBJECT = re.compile(
    r"(?:(?:But|And|Yet|So|Still|Now|Then)\s+)?(?:[^,;:“”\"‘']{1,60},\s+)?"
    r"(?:[A-Za-z.’'-]+\s+){0,4}"
)


def _in_main_clause(sentence: str, name: str) -> bool:
    """Whether a name stands after the clause a sentence may open with, where its subject
    is ('As for the notion that people want to vote for Clinton, Fiorina offered …')."""
    opening = _OPENING_CLAUSE.match(sentence)
    at = sentence.find(name)
    return opening is not None and at >= opening.end()


def _it(
    at: int, bodies: dict[int, set[str]], subjects: dict[int, Speaker], registry: Registry
) -> Speaker | None:
    """'The committee released a report. “…,” it stated.': the one organisation named in
    that sentence or the one before, when no person is a subject there."""
    named = bodies.get(at - 1, set()) | bodies.get(at, set())
    if len(named) != 1 or at in subjects or at - 1 in subjects:
        return None
    return registry.institution(next(iter(named)))


def _first_index(statement: Statement, sentence_of: dict[str, Sentence]) -> int:
    indexes = [sentence_of[i].index for i in statement.sentence_ids if i in sentence_of]
    return min(indexes) if indexes else 0


def _speaker(
    mention: Mention,
    registry: Registry,
    local: Counter[str],
    at: int,
    subjects: dict[int, Speaker],
    last: tuple[int, Speaker] | None,
    last_spokes: Speaker | None,
    recent: tuple[int, Speaker] | None = None,
    opened: frozenset[int] = frozenset(),
) -> Speaker | None:
    kind = mention.kind
    if kind == "person":
        # A lone adjective the story never names anyone by ('Democratic', 'Americans').
        adjective = _demonym(mention.name) or _GERUND.fullmatch(
            mention.name
        )  # 'Having announced that …', 'Holding signs calling …': no one by that name
        if adjective and (
            _stray_capital(mention, registry) or mention.text.lower().startswith("the ")
        ):
            return None  # 'the Texan': a description, not a name
        if _organisation(mention, registry):
            return registry.institution(mention.name)  # 'China warned', 'the Guardian said'
        return registry.person(mention)
    if kind == "institution":
        # An organisation only described, with none of its kind named before: no speaker
        # ('a union', 'the Labour-run authority'); 'the government' is one in any story.
        noun = generic_noun(mention)
        return None if noun and noun not in _ONE_OF_A_KIND else registry.institution(mention.name)
    if kind == "group":
        return registry.group(mention.name)
    if kind == "role":
        if mention.role.lower().rsplit(" ", 1)[-1] in lexicon.KIN:
            return registry.role_holder(mention.role, local)  # 'his grandfather': named or no one
        if _INDEFINITE.match(mention.text):
            return registry.group(mention.role)  # 'a Trump adviser' is no adviser we know
        holder = registry.role_holder(mention.role, local)
        return holder or registry.group(mention.name or mention.role)  # as described
    if kind == "spokesperson":
        if mention.owner is None:
            return last_spokes or registry.spokesperson(None)
        owner = _speaker(mention.owner, registry, local, at, subjects, last, last_spokes)
        return registry.spokesperson(owner)
    if kind == "document":
        return None  # a document nobody in the article sent
    if mention.name == "(continues)":
        return last[1] if last else None
    return _pronoun(mention.name, at, subjects, last, recent, opened)


_GERUND = re.compile(r"[A-Z][a-z]{2,}ing")
_OUTLET_NAMES = frozenset(alias.removeprefix("the ") for alias in lexicon.OUTLET_ALIASES)
"""News outlets ('Guardian', 'Bloomberg'): an organisation, never a person with a role."""


def _organisation(mention: Mention, registry: Registry) -> bool:
    """A one-word 'person' that is a state or a known outlet ('Florida', 'Guardian'), and
    not the surname of someone the story names ('Bloomberg' when it names Mike Bloomberg)."""
    low = mention.name.lower()
    outlet = low in _OUTLET_NAMES and not registry.knows(mention.name)
    return not mention.honorific and (low in lexicon.PLACES or outlet)


def _demonym(name: str) -> bool:
    """'Democratic', 'Americans', 'the Texan': a capitalised adjective, not a name."""
    return name.lower().removesuffix("s") in lexicon.DEMONYMS


_INDEFINITE = re.compile(r"(?:an?|another|one)\s", re.I)


def _pronoun(
    pronoun: str,
    at: int,
    subjects: dict[int, Speaker],
    last: tuple[int, Speaker] | None,
    recent: tuple[int, Speaker] | None,
    opened: frozenset[int],
) -> Speaker | None:
    """The last speaker when they spoke in this or the previous paragraph (or the verb is
    'added') and no other person has since opened a sentence of the pronoun's paragraph
    (`opened`) as its subject; otherwise whoever was most recently the subject of a
    sentence. 'It' is only ever an organisation that spoke just before."""
    gender = lexicon.PRONOUNS.get(pronoun, "x")
    if gender == "n":  # 'it added': only an organisation that has just spoken
        return recent[1] if recent is not None and recent[1].kind == "institution" else None
    own = subjects.get(at)  # 'Ms. Brainard joined the Fed …, but she said …'
    if (
        own is not None
        and gender in ("m", "f")
        and own.gender == gender
        and recent is not None
        and recent[1] is not own
        and recent[1].gender == ""
    ):
        return own  # the sentence's own subject, known to be 'she', over a speaker unknown
    if gender == "x":
        # 'They also criticised Mr. Rubio': a group, never the one person who spoke last
        plural = recent is not None and recent[1].kind in ("group", "institution")
        return recent[1] if plural and recent is not None else None
    if recent is not None and recent[1].gender in ("", gender) and recent[1].kind != "institution":
        # 'Last month, Blunt helped … But on Tuesday, he urged …': a person who opened a
        # sentence of the pronoun's paragraph as its subject after the last speaker spoke
        # is whom the pronoun means, when their gender allows it; not a person only
        # mentioned ('references to Clinton'), nor one named in passing in the speaker's
        # own paragraph ('His predecessor, Michael Drummond, introduced …').
        between = [i for i in opened if recent[0] < i < at and subjects[i] is not recent[1]]
        newer = subjects[max(between)] if between else None
        if newer is not None and newer.kind == "person" and newer.gender in ("", gender):
            return newer
        return recent[1]

    def fits(speaker: Speaker) -> bool:
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
