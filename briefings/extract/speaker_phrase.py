"""The speaker phrase around a reporting verb: 'Jane Roe, the chief executive, said',
'said the council leader, Tom Hadley', 'according to officials', '…, saying'.

News copy puts the speaker in a few places only: the subject right before the verb (here),
after an inverted verb (`speaker_after.py`), or the sentence's opening noun phrase
(`opening_subject.py`). These functions read that phrase as a `Mention` and nothing else
(no sentence structure, no quote marks).
"""

from __future__ import annotations

import re

from .. import lexicon
from ..text import STOPWORDS, normalize
from .speakers import Mention, parse_mention, role_phrase

NP_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|[\w][\w.'’-]*|[,—–:;()]")
"""Words and punctuation; '12,000' is one word, so its comma opens no appositive."""
ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|St|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Maj|Brig|Adm|Cmdr|Det|Insp|Supt|Msgr|Fr|Rt|Hon"
    r"|Jr|Sr|Inc|Ltd|Corp|Co|[A-Z])\."
)
"""A full stop that ends a title, an initial or a company suffix, not a sentence."""
ABBREVIATION_END = re.compile(ABBREVIATION.pattern + "$")
TRAILING_SKIP = (
    frozenset(
        """
    has had have also previously later then would will repeatedly again now earlier once
    today yesterday has already had just first initially finally publicly privately
    reportedly himself herself itself subsequently separately last this on week month
    year night morning evening afternoon however meanwhile instead nonetheless too
    """.split()
    )
    | lexicon.MONTHS
    | lexicon.DAY_NAMES
)


def _titled_today(tokens: list[str]) -> bool:
    """'USA Today', 'USA TODAY', 'Psychology Today': a capitalised 'Today' after a
    capitalised word ends a title, not a time ('the senator today said')."""
    return len(tokens) > 1 and tokens[-1] in ("Today", "TODAY") and tokens[-2][:1].isupper()


_ADVERB = re.compile(
    r"(?!(?:family|ally|assembly|rally|bully|supply|reply|monopoly|anomaly)$)[a-z]{3,}ly"
    r"|often|also|later|then|again|once|still|just|never|always|soon|even|first|twice"
)
"""'Clinton emphatically said', 'he often says': an adverb between the speaker and the
verb."""
_DETERMINERS = lexicon.ARTICLES
LINKS = frozenset({"of", "for", "at"})
_PHRASE_WORDS = (
    lexicon.ROLE_WORDS
    | lexicon.ROLE_MODIFIERS
    | lexicon.SPEECH_NOUNS
    | lexicon.PERSON_GROUPS
    | lexicon.INSTITUTION_WORDS
    | lexicon.DESCRIPTORS
)
"""Lower-case words a speaker phrase may hold."""
_GROUP_HEADS = lexicon.INSTITUTION_WORDS | lexicon.PERSON_GROUPS
"""A phrase ending in one of these may take plain lower-case words ('the local council')."""
POSSESSIVE = re.compile(r"['’]s?$")
_PREPOSITIONS = lexicon.OBJECT_PREPOSITIONS
"""Words before a noun phrase that make it an object, never a speaker."""
_LEAD_IN = re.compile(
    r"\s+(?:went(?: on| so far as)?|was quick|were quick|rushed|hastened|interjected|paused"
    r"|stopped|took to [A-Z]\w+|stood up|rose|got up|went on [A-Z]\w+|(?:was|were) prompted"
    r"|proceeded|continued) to\s*$"
)
"""'X went on to say', 'X interjected to say': the words between the speaker and the verb."""
OF_PLACE = re.compile(r"\s(?:of|from|at|on|in|for)\s(?:the\s)?[A-Z]")
PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)")
OBJECT_MARKERS = _PREPOSITIONS | frozenset("to by about like than toward towards".split())
"""Words after which a capitalised phrase is an object ('speaking to Fox News said')."""
_TIME_MODIFIERS = lexicon.TIME_MODIFIERS
QUESTION_WORDS = lexicon.QUESTION_OPENERS
_RELATIVES = lexicon.RELATIVE_PRONOUNS
"""Words that open a relative clause between a speaker and the verb."""


_NAME_AGE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:and|but|that|as)\s+)(?P<name>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*),"
    r"\s+\d{1,3},\s+(?P<about>[^,;:“”\"]{2,80}?)?(?:,\s+[A-Z][\w.]*)?,?\s*$"
)
"""'Yin Myint May, 60, a doctor,' before a verb: a name, an age and what they are."""


def backward_np(segment: str, anywhere: bool = False) -> Mention | None:
    """The speaker phrase that ends a segment: the subject right before the verb; with
    `anywhere`, also a name that is an object ('against Donald Trump'), as a reader of who
    is mentioned (whose 'he' a sentence's pronoun is) needs."""
    dashed = re.sub(r"\s-(?:\s|$)", " — ", normalize(segment))  # a closing ' -' too
    segment = re.sub(r"\s*—[^—]*—\s*", " ", dashed)
    segment = _LEAD_IN.sub("", segment)
    # 'Sen. Mike Lee (R-Utah)': the party and state are no part of the name.
    segment = PARENTHESIS.sub("", segment)
    if (aged := _NAME_AGE.search(segment)) and (person := parse_mention(aged["name"])):
        if person.kind == "person":  # 'Cory James, 22, of Flint, Mich., said': his age
            role = role_phrase(aged["about"]) if aged["about"] else None
            return Mention(person.text, "person", person.name, role or "", person.honorific)
    tokens = NP_TOKEN.findall(segment)
    while (
        tokens
        and not _titled_today(tokens)
        and (
            tokens[-1].lower() in TRAILING_SKIP
            or _ADVERB.fullmatch(tokens[-1]) is not None
            or tokens[-1].isdigit()
            and len(tokens) > 1
            and tokens[-2].lower() not in ("number", "no")
        )
    ):
        tokens.pop()
    appositive: list[str] = []
    if (who := _inside_who(tokens)) is not None:
        # 'The aide who ran the campaign said', 'voters who back the senator say': the
        # name or role after 'who' is the relative clause's object; the subject comes first.
        head = _collect(tokens[:who])
        return None if head is None or _indefinite(tokens[:who], head) else head
    if tokens and tokens[-1].lower() == "who" and len(tokens) > 1:
        # 'from Mike Lee, who declared …', 'this tweet from Rikkie Wells who tweeted': the
        # name before 'who' is its subject, whatever governs it in the main clause.
        named = _collect(tokens[: -2 if tokens[-2] == "," else -1], object_ok=True)
        if named is not None and named.kind == "person" and " " in named.name:
            return named
    if tokens and tokens[-1].lower() == "who" and len(tokens) > 1 and tokens[-2] == ",":
        tokens = tokens[:-2]
        if (person := _person_before_who(tokens)) is not None:
            return person
    elif tokens and tokens[-1].lower() in _RELATIVES:
        # 'a bully who has pledged': the noun before 'who' is the subject, and it names
        # nobody unless it is a name or a role; 'a retired general who …' is nobody known.
        tokens = tokens[:-1]
        head = _collect(tokens)
        if head is not None and _indefinite(tokens, head):
            return None
    if tokens and tokens[-1] == ",":
        tokens.pop()
        opens = (i for i, t in enumerate(tokens[:-1]) if t == "," and tokens[i + 1] in _RELATIVES)
        relative = next(opens, None)
        if relative is None and (doing := _participle_aside(tokens)) is not None:
            return doing
        if relative is not None:
            # 'Jo Bloggs, who ran the campaign, said': the clause, commas and all, is aside.
            head = backward_np(" ".join(tokens[:relative]))
            head = _person_of_place(head) if head is not None else None
            if head is not None and head.kind == "person" and tokens[relative + 1] == "which":
                # 'Unison, which represents …': 'which' is never said of a person.
                return Mention(head.text, "institution", name=head.name)
            return head
        cut = max((i for i, t in enumerate(tokens) if t in ",;:()"), default=-1)
        appositive, tokens = tokens[cut + 1 :], tokens[: max(cut, 0)]
        if appositive and appositive[0].lower() == "including":
            return _collect(appositive[1:])
        if len(tokens) > 2 and tokens[-2] == "," and tokens[-1].isdigit() and len(tokens[-1]) < 4:
            tokens = tokens[:-2]  # 'Jo Roe, 21, a junior from Leeds, said': her age
    head = _collect(tokens, object_ok=anywhere)
    if head is not None and head.kind == "role" and not appositive:
        head = _described_role(tokens, head) or head
    if head is None and len(tokens) >= 2:  # 'The email', 'Then the draft memo'
        documents = (parse_mention(" ".join(tokens[-n:])) for n in (2, 3))
        head = next((d for d in documents if d is not None and d.kind == "document"), None)
    inner = _collect(appositive) if appositive else None
    if appositive and (head is None or head.kind != "person"):
        if (first := _first_named(tokens)) is not None:
            return first  # 'Gustav Ando, research director for IHS, a consulting company, said'
    if head is None:
        return inner
    if appositive and head.kind == "person" and _governed(tokens, head):
        # 'One pastor supporting Mr. Cruz, Darran Whiting of …, said': the name in the
        # appositive is the subject; the one before it is an object inside the description.
        of = _NAMED_OF.match(" ".join(appositive))
        person = parse_mention(of[1]) if of else _collect(appositive)
        if person is not None and person.kind == "person":
            return person
    if (
        inner is not None
        and inner.kind == "person"
        and (
            head.kind in ("role", "spokesperson")
            or head.kind == "institution"
            and "," not in tokens
            and all(t[:1].isupper() for t in appositive)
        )
    ):
        # 'the home secretary, Yvette Cooper,', 'The director of the trust, Sam Patel,'
        role = head.role or role_phrase(" ".join(tokens)) or ""
        return Mention(inner.text, "person", inner.name, role, inner.honorific)
    if appositive and head.kind == "person" and (role := role_phrase(" ".join(appositive))):
        return Mention(head.text, "person", head.name, role, head.honorific)
    if head.kind == "institution" and _before_head(tokens, head) == "or":
        # 'Neil Sroka, director of Democracy for America, or DFA': the group renamed
        return _first_named(tokens) or head
    return head


def _described_role(tokens: list[str], head: Mention) -> Mention | None:
    """'the Senate minority leader', 'Colorado's delegation chairman': a bare role word
    and the words describing it back to 'the' or the phrase's start, the name an unheld
    role is shown by (it had been 'Leader'); None when they are not all plain words."""
    if " " in head.text:
        return None
    before = _words_before(tokens, head)
    words: list[str] = []
    while before and len(words) < 3:
        word = before[-1]
        if word.lower() in ("the", "a", "an") or not re.fullmatch(
            r"[A-Za-z][\w-]*(?:['’]s)?", word
        ):
            break
        if word.lower() in STOPWORDS or word.lower() in _TIME_MODIFIERS:
            break
        words.insert(0, before.pop())
    if not words or before and before[-1].lower() != "the":
        return None
    described = parse_mention(" ".join(["the", *words, head.text]))
    if described is None or described.kind != "role":
        return None
    # Looked up as the bare role, as before; shown as described when no one holds it.
    return Mention(described.text, "role", name=described.role, role=head.role)


def _first_named(tokens: list[str]) -> Mention | None:
    """The person a chain of appositives describes: a full name, alone, before the first
    comma ('Neil Sroka, communications director of …, or DFA'), else None."""
    if "," not in tokens:
        return None
    chunk = tokens[: tokens.index(",")]
    if not 2 <= len(chunk) <= 4 or not all(t[:1].isupper() for t in chunk):
        return None
    named = parse_mention(" ".join(chunk))
    return named if named is not None and named.kind == "person" and " " in named.name else None


_NAMED_OF = re.compile(r"((?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w.'’-]*)\s(?:of|from|at)\s")


def _words_before(tokens: list[str], head: Mention) -> list[str]:
    """The tokens before a noun phrase collected from the end of `tokens`."""
    return tokens[: max(0, len(tokens) - len(NP_TOKEN.findall(head.text)))]


def _before_head(tokens: list[str], head: Mention) -> str:
    """The word right before a collected noun phrase ('a' in 'a militant group')."""
    before = _words_before(tokens, head)
    return before[-1].lower() if before else ""


def _indefinite(tokens: list[str], head: Mention) -> bool:
    """'a retired general who …', 'a militant group that …': nobody known."""
    if head.text.lower().startswith(("a ", "an ")):
        return True
    for word in reversed(_words_before(tokens, head)[-3:]):
        if word.lower() in ("a", "an"):
            return True
        if not (word.isalpha() and word.islower()):
            return False
    return False


def _person_before_who(tokens: list[str]) -> Mention | None:
    """'Alfonso Aguilar, the executive director of the Latino Partnership, who said': 'who'
    is said of a person, so it is the name the appositives describe, not the body in them."""
    last = _collect(tokens)
    if last is None or last.kind not in ("institution", "role"):
        return None
    cut = len(tokens)
    while (cut := max((i for i, t in enumerate(tokens[:cut]) if t == ","), default=-1)) > 0:
        named = _collect(tokens[:cut])
        if named is not None and named.kind == "person":
            return named
    return None


def _inside_who(tokens: list[str]) -> int | None:
    """Where 'who' opens a relative clause the subject ends inside: a segment with no
    comma, which an appositive ('Jo Roe, a lawyer who …,') would have."""
    if any(t in ",;:()" for t in tokens):
        return None
    return next((i for i in range(len(tokens) - 2, 0, -1) if tokens[i] in ("who", "whom")), None)


def _governed(tokens: list[str], head: Mention) -> bool:
    """'supporting Mr. Cruz', 'aides to Mr. Cruz': a name that is the object of a word
    inside a description, not the description's head."""
    word = _before_head(tokens, head)
    return word.isalpha() and word.islower() and word not in _DETERMINERS | _PHRASE_WORDS


def _participle_aside(tokens: list[str]) -> Mention | None:
    """'Trump, speaking at a rally in Wilmington, N.C., warned': a participle opens an aside
    about the subject, so the person named before it speaks, not the place inside it."""
    for i, token in enumerate(tokens[:-1]):
        word = tokens[i + 1]
        if token == "," and word.islower() and word.endswith("ing") and word not in _NOT_ASIDES:
            head = backward_np(" ".join(tokens[:i]))
            return head if head is not None and head.kind == "person" else None
    return None


_NOT_ASIDES = frozenset("including according regarding concerning following excluding".split())


def _person_of_place(mention: Mention) -> Mention:
    """'Senator Chris Murphy of Connecticut' is the senator, not an organisation."""
    of = OF_PLACE.search(mention.text) if mention.kind == "institution" else None
    person = parse_mention(mention.text[: of.start()]) if of else None
    return person if person is not None and person.kind == "person" else mention


def _collect(tokens: list[str], object_ok: bool = False) -> Mention | None:
    """Walk back over a noun phrase: names, role words, 'of'/'for', up to a determiner."""
    taken: list[str] = []
    lowercase_ok = False
    plain: int | None = None
    """How many words were taken before the first plain lower-case one ('local')."""
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        low = token.lower().rstrip(".")
        bare = POSSESSIVE.sub("", low)
        if token in ",;:()—–":
            break
        if not taken:
            lowercase_ok = bare in _GROUP_HEADS
        if low in _DETERMINERS or low in ("one", "another"):
            taken.append(token)
            break
        if low in lexicon.PRONOUNS and not taken:
            return parse_mention(token)
        if token[:1].isupper():
            if (
                low in lexicon.NON_NAME_CAPITALS
                and low not in lexicon.HONORIFICS
                and (taken or bare not in lexicon.PERSON_GROUPS)  # 'Critics said …'
                and not (not taken and _titled_today(tokens[: i + 1]))  # 'USA Today'
            ):
                break
            taken.append(token)
        elif token[:1].isdigit() and i > 0 and tokens[i - 1].lower() in ("number", "no"):
            taken.append(token)
        elif bare in _PHRASE_WORDS:
            taken.append(token)
        elif low in LINKS and taken and i > 0 and (tokens[i - 1][:1].isupper() or bare == "for"):
            taken.append(token)
        elif (
            low == "and"
            and taken
            and i > 0
            and tokens[i - 1][:1].isupper()
            and POSSESSIVE.sub("", taken[0].lower()) in lexicon.INSTITUTION_WORDS
        ):
            # 'the University and College Union': one organisation's name.
            taken.append(token)
        elif lowercase_ok and len(taken) < 3 and token.isalpha() and low not in STOPWORDS:
            plain = len(taken) if plain is None else plain
            taken.append(token)
        else:
            break
    start = len(tokens) - len(taken)
    if start > 1 and tokens[start - 1].lower() in lexicon.POSSESSIVES:
        if tokens[start - 2].lower() in OBJECT_MARKERS and not object_ok:
            return None  # 'an email to his supporters notes': whom it was sent to
    if (
        plain is None
        and not object_ok
        and start > 0
        and tokens[start - 1].lower() in OBJECT_MARKERS
        and not (start > 1 and POSSESSIVE.sub("", tokens[start - 2].lower()) in _GROUP_HEADS)
    ):
        # 'a source speaking to Fox News said': the phrase is an object, not the speaker.
        return None
    if plain is not None and (
        (start > 0 and tokens[start - 1].lower() in _PREPOSITIONS)
        or taken[-1].lower() in ("a", "an", "one", "another")
        and POSSESSIVE.sub("", taken[0].lower()) in lexicon.PERSON_GROUPS
    ):
        # 'in a move campaigners say': the object of 'in', or 'a' before a plural, is
        # another phrase; the speaker is the group alone.
        taken = taken[:plain]
    if not taken:
        return None
    words = list(reversed(taken))
    if len(words) == 1 and words[0].lower() in ("one", "another"):
        return None  # 'Another tweeted': no name (`unnamed` reads it)
    mention = parse_mention(" ".join(words))
    if mention is None and words[0].lower() in _TIME_MODIFIERS and len(words) >= 3:
        # 'former Gov. Jim Hodges': read the name without 'former'.
        mention = parse_mention(" ".join(words[1:]))
    return mention
