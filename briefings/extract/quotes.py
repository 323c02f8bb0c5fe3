"""Who said what, within one article: direct quotes and indirect statements.

Attribution follows the conventions of English news copy: `X said: “…”`, `“…,” X said`,
`“…,” said X, the …`, `X, who …, said`, `according to X`, `, adding: “…”`, a quote-only
paragraph that continues the previous speaker, a quote running over several paragraphs,
and pronouns ("he told reporters") that go to the last speaker, never to someone named in
passing or inside a quote. A few quoted words in a sentence that says more (`called it “a farce” and
said …`) keep that sentence as their context rather than yielding a second, indirect
statement. Speakers are `Mention`s here; `reactions.py` merges them across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import lexicon
from ..model import Document, Sentence
from ..text import STOPWORDS, normalize, one_of
from .speakers import Mention, parse_mention, role_phrase

_VERBS = one_of(lexicon.REPORTING_VERBS | {"adding", "saying"})
_VERB = re.compile(rf"(?<![\w-]){_VERBS}\b|\baccording to\b", re.I)
_SHORT_QUOTE_CUE = re.compile(
    r"(?:\bas|\bcalled(?: \w+){0,3}|\bwas|\bwere|\bis|\bbe|\ba|\ban|\bat|\bbecome|\bbecame|"
    r"\bbranded(?: \w+){0,3}|\blabelled(?: \w+){0,3}|\bit)\s*$",
    re.I,
)
_QUOTE_MARK = re.compile(r'[“”"]')
_NP_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|[\w][\w.'’-]*|[,—–:;()]")
"""Words and punctuation; '12,000' is one word, so its comma opens no appositive."""
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|St|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Jr|Sr|Inc|Ltd|Corp|Co|[A-Z])\."
)
"""A full stop that ends a title, an initial or a company suffix, not a sentence."""
_ABBREVIATION_END = re.compile(_ABBREVIATION.pattern + "$")
_COMPARISON = re.compile(
    r"\bthan\s+(?:the\s+|its\s+|their\s+)?[A-Za-z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}\s*$"
)
"""'more than the Treasury had estimated': a comparison, not something said."""
_TRAILING_SKIP = (
    frozenset(
        """
    has had have also previously later then would will repeatedly again now earlier once
    today yesterday has already had just first initially finally publicly privately
    reportedly himself herself itself subsequently separately last this on week month
    year night morning evening afternoon
    """.split()
    )
    | lexicon.MONTHS
    | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
)
_DETERMINERS = frozenset({"the", "a", "an"})
_LINKS = frozenset({"of", "for", "at"})
_SUBJECT_WORDS = (
    lexicon.ROLE_WORDS | lexicon.ROLE_MODIFIERS | lexicon.INSTITUTION_WORDS | _DETERMINERS | _LINKS
)
"""Lower-case words a sentence's subject phrase may hold ('the home secretary of …')."""
_PHRASE_WORDS = (
    lexicon.ROLE_WORDS
    | lexicon.ROLE_MODIFIERS
    | lexicon.SPEECH_NOUNS
    | lexicon.PERSON_GROUPS
    | lexicon.INSTITUTION_WORDS
)
"""Lower-case words a speaker phrase may hold."""
_GROUP_HEADS = lexicon.INSTITUTION_WORDS | lexicon.PERSON_GROUPS
"""A phrase ending in one of these may take plain lower-case words ('the local council')."""
_POSSESSIVE = re.compile(r"['’]s?$")
_PREPOSITIONS = frozenset(
    "in on at into onto with from after amid among despite during under over against".split()
)
"""Words before a noun phrase that make it an object, never a speaker."""
_RELATIVES = frozenset({"who", "which", "whose"})
"""Words that open a relative clause between a speaker and the verb."""


@dataclass(frozen=True)
class Statement:
    """One thing a speaker said, with the sentences it was read from."""

    mention: Mention
    text: str
    direct: bool
    sentence_ids: tuple[str, ...]
    paragraph: int
    verb: str
    continues: bool = False
    """A quote-only paragraph: the speaker is the previous quote's speaker."""
    context: str = ""
    """For a few quoted words inside a sentence that says more ('called the plan “a
    betrayal” and said …'): that sentence, shown once instead of the quote and a second,
    indirect statement repeating it."""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    inner: str
    closed: bool


@dataclass(frozen=True)
class _Attribution:
    start: int
    end: int
    verb: str
    mention: Mention | None
    after_quote: bool


def quote_spans(paragraph: str, continuing: bool = False) -> list[_Span]:
    """Quoted stretches of a paragraph; an unclosed one runs to the paragraph's end."""
    spans: list[_Span] = []
    opened: int | None = 0 if continuing and not paragraph.startswith(("“", '"')) else None
    for mark in _QUOTE_MARK.finditer(paragraph):
        i, ch = mark.start(), mark.group()
        if opened is None and (ch == "“" or (ch == '"' and _opens(paragraph, i))):
            opened = i
        elif opened is not None and ch in '”"' and i > opened:
            inner_start = opened + (1 if paragraph[opened] in '“"' else 0)
            spans.append(_Span(opened, i + 1, paragraph[inner_start:i], True))
            opened = None
    if opened is not None:
        inner_start = opened + (1 if paragraph[opened : opened + 1] in ("“", '"') else 0)
        spans.append(_Span(opened, len(paragraph), paragraph[inner_start:], False))
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it does not follow a word character."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:")


def find_statements(doc: Document, min_quote_words: int = 3) -> list[Statement]:
    """Every attributed quote and indirect statement in one article, in reading order."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    statements: list[Statement] = []
    open_quote = False
    last_quoted = False
    pending: _Attribution | None = None
    orphan: tuple[str, tuple[str, ...]] | None = None
    """A quote standing alone with no speaker yet: its text and sentence ids."""
    for p_index, paragraph in enumerate(doc.paragraphs):
        sentences = _offsets(paragraph, by_paragraph.get(p_index, []))
        spans = quote_spans(paragraph, continuing=open_quote)
        found = _attributions(paragraph, spans)
        if orphan is not None and found and found[0].mention and _LATE_ATTRIBUTION.match(paragraph):
            ids = orphan[1] + _ids_between(sentences, found[0].start, found[0].end)
            statements.append(Statement(found[0].mention, orphan[0], True, ids, p_index - 1, ""))
        orphan = None
        partial: set[int] = set()
        """Statements of this paragraph that are a few quoted words inside a sentence."""
        used: set[int] = set()
        previous: _Attribution | None = None
        for span in spans:
            attribution = _attribute(paragraph, span, found)
            words = len(span.inner.split())
            ids = _ids_between(sentences, span.start, span.end)
            if attribution is None and pending is not None and span.start <= 1:
                attribution = pending
            if attribution is None and previous is not None:
                attribution = _carried(paragraph, previous, span, found)
            if attribution is not None and attribution.after_quote:
                previous = attribution
            if attribution is not None and attribution.mention is not None:
                standalone = attribution is pending or _standalone(paragraph, span, attribution)
                if standalone:
                    used.add(id(attribution))
                if standalone or _quoted_words(paragraph, span, min_quote_words):
                    if not standalone:
                        partial.add(len(statements))
                    ids = ids + _ids_between(sentences, attribution.start, attribution.end)
                    statements.append(
                        Statement(
                            attribution.mention,
                            _clean_quote(span.inner),
                            True,
                            _unique(ids),
                            p_index,
                            attribution.verb,
                        )
                    )
            elif span.start <= 1 and words >= min_quote_words and (last_quoted or open_quote):
                continuing = Mention("", "pronoun", name="(continues)")
                statements.append(
                    Statement(
                        continuing,
                        _clean_quote(span.inner),
                        True,
                        _unique(ids),
                        p_index,
                        "",
                        continues=True,
                    )
                )
            elif span.start <= 1 and words >= min_quote_words and span.end >= len(paragraph) - 1:
                # A quote standing alone at the top, attributed by the next paragraph.
                orphan = (_clean_quote(span.inner), ids)
        for attribution in found:
            if attribution.mention is None or id(attribution) in used:
                continue
            if indirect := _indirect(paragraph, spans, attribution, sentences):
                text, ids = indirect
                inside = [
                    n
                    for n in sorted(partial)
                    if statements[n].mention == attribution.mention
                    and ids[0] in statements[n].sentence_ids
                ]
                for n in inside:
                    statements[n] = replace(statements[n], context=text)
                if inside:
                    continue
                statements.append(
                    Statement(attribution.mention, text, False, ids, p_index, attribution.verb)
                )
        pending = _dangling(paragraph, spans, found)
        open_quote = bool(spans) and not spans[-1].closed
        last_quoted = open_quote or any(s.direct and s.paragraph == p_index for s in statements)
    return statements


_LATE_ATTRIBUTION = re.compile(r"(?:That|This|Those|These|Such) (?:is|was|were|are) (?:how|what)\b")
"""'That is how Maria Santos described …' attributes the quote in the paragraph before."""


def _carried(
    paragraph: str, previous: _Attribution, span: _Span, found: list[_Attribution]
) -> _Attribution | None:
    """'“…,” said X, the chief executive of Y. “…”': a quote after a sentence that closed
    with its speaker's attribution is the same speaker's."""
    between = paragraph[previous.end : span.start]
    if (
        re.search(r"[.!?]\s*$", between)
        and not any(ch in '“”"' for ch in between)
        and not any(previous.end < a.start < span.start for a in found)
        and len(between.split()) <= 15
    ):
        return previous
    return None


def _quoted_words(paragraph: str, span: _Span, min_words: int) -> bool:
    """A quote inside a sentence is the speaker's own words unless it is a scare quote."""
    before = paragraph[max(0, span.start - 40) : span.start]
    if re.search(r"so-called\s*$", before, re.I):
        return False
    words = len(span.inner.split())
    return words >= min_words or bool(_SHORT_QUOTE_CUE.search(before))


def _dangling(paragraph: str, spans: list[_Span], found: list[_Attribution]) -> _Attribution | None:
    """'He said:' ending a paragraph introduces the quote in the next one."""
    if (
        found
        and paragraph.rstrip().endswith(":")
        and not any(s.start > found[-1].end for s in spans)
    ):
        return found[-1]
    return None


def _offsets(paragraph: str, sentences: list[Sentence]) -> list[tuple[int, int, Sentence]]:
    out, cursor = [], 0
    for sentence in sentences:
        start = paragraph.find(sentence.text, cursor)
        if start < 0:
            start = cursor
        out.append((start, start + len(sentence.text), sentence))
        cursor = start + len(sentence.text)
    return out


def _ids_between(
    sentences: list[tuple[int, int, Sentence]], start: int, end: int
) -> tuple[str, ...]:
    return tuple(s.id for a, b, s in sentences if a < end and b > start)


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _inside(spans: list[_Span], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _attributions(paragraph: str, spans: list[_Span]) -> list[_Attribution]:
    found: list[_Attribution] = []
    for match in _VERB.finditer(paragraph):
        if _inside(spans, match.start()):
            continue
        verb = match.group().lower()
        before = [s for s in spans if s.end <= match.start()]
        gap = paragraph[before[-1].end : match.start()] if before else None
        after_quote = gap is not None and re.fullmatch(r"[\s,]*", gap) is not None
        if verb == "according to":
            mention = _forward_np(paragraph[match.end() :])
        elif after_quote:
            mention = _forward_np(paragraph[match.end() :])
        elif verb == "saying":
            mention = _subject(paragraph[_sentence_start(paragraph, match.start()) : match.start()])
        else:
            segment_start = max(
                [s.end for s in before] + [_sentence_start(paragraph, match.start())]
            )
            segment_start = max(segment_start, match.start() - 160)
            segment = paragraph[segment_start : match.start()]
            mention = None if _COMPARISON.search(segment) else _backward_np(segment)
            if mention is not None and mention.kind == "pronoun" and found:
                # 'Ms Moss said she welcomed …': the pronoun is the first speaker again.
                between = paragraph[found[-1].end : match.start()]
                if found[-1].mention and re.fullmatch(r"\s*(?:that\s+)?\w+\s+", between):
                    mention = found[-1].mention
            post = gap is not None and re.fullmatch(r"[\s,]*[\w.'’-]+(?:\s[\w.'’-]+){0,4}\s*", gap)
            after_quote = bool(post) and mention is not None
        if mention is None and verb in ("adding", "added", "saying") and found:
            mention = found[-1].mention
        found.append(_Attribution(match.start(), match.end(), verb, mention, after_quote))
    return found


def _sentence_start(paragraph: str, pos: int) -> int:
    """Where the sentence around `pos` starts; 'Dr.', 'Inc.' and 'U.S.' do not end one."""
    while True:
        cut = max(
            paragraph.rfind(". ", 0, pos),
            paragraph.rfind("? ", 0, pos),
            paragraph.rfind("! ", 0, pos),
        )
        if cut < 0:
            return 0
        if paragraph[cut] != "." or not _ABBREVIATION_END.search(
            paragraph[max(0, cut - 5) : cut + 1]
        ):
            return cut + 2
        pos = cut


def _attribute(paragraph: str, span: _Span, found: list[_Attribution]) -> _Attribution | None:
    """The attribution a quote belongs to: after it, before it, or in its sentence."""
    for attribution in found:
        if (
            attribution.after_quote
            and 0 <= attribution.start - span.end <= 60
            and not any(ch in '“”"' for ch in paragraph[span.end : attribution.start])
        ):
            return attribution
    for attribution in reversed(found):
        if attribution.end <= span.start:
            between = paragraph[attribution.end : span.start]
            if (
                "“" not in between
                and "”" not in between
                and (between.rstrip().endswith((":", ",")) or len(between.split()) <= 8)
            ):
                return attribution
            break
    sentence_start = _sentence_start(paragraph, span.start)
    for attribution in found:
        if (
            attribution.start >= sentence_start
            and _sentence_start(paragraph, attribution.start) == sentence_start
        ):
            return attribution
    return None


def _standalone(paragraph: str, span: _Span, attribution: _Attribution) -> bool:
    """A whole utterance (introduced by a colon, or followed by the attribution)."""
    if attribution.start >= span.end:
        return attribution.after_quote
    between = paragraph[attribution.end : span.start]
    return between.rstrip().endswith(":") or (
        between.strip(" ,") == "" or re.fullmatch(r"\s*(?:\w+\s*){0,6}[:,]\s*", between) is not None
    )


def _indirect(
    paragraph: str,
    spans: list[_Span],
    attribution: _Attribution,
    sentences: list[tuple[int, int, Sentence]],
) -> tuple[str, tuple[str, ...]] | None:
    """'X said that …' / 'according to X': the sentence, when it says something itself."""
    if attribution.after_quote:
        return None
    hits = [(a, b, s) for a, b, s in sentences if a <= attribution.start < b]
    if not hits:
        return None
    start, end, sentence = hits[0]
    if paragraph[attribution.end : end].lstrip().startswith(":"):
        return None
    unquoted = paragraph[start:end]
    for span in spans:
        if span.start < end and span.end > start:
            unquoted = unquoted.replace(paragraph[max(span.start, start) : min(span.end, end)], " ")
    speaker = attribution.mention.text if attribution.mention else ""
    content = len(re.findall(r"[A-Za-z']+", unquoted)) - len(speaker.split()) - 1
    if content < 5:
        return None
    return sentence.text, (sentence.id,)


def _clean_quote(inner: str) -> str:
    return inner.strip().rstrip(",").strip()


def _forward_np(text: str) -> Mention | None:
    """The speaker after an inverted verb: 'said Jane Roe, the chief executive'."""
    text = _ABBREVIATION.sub(lambda m: m.group()[:-1], text[:200])
    match = re.match(r"\s*([^,.;:!?“”\"]{1,80})(?:,\s*([^,.;:!?“”\"]{1,80}))?", text)
    if not match:
        return None
    head = _backward_np(match.group(1))
    if head is None:
        return None
    appositive = match.group(2)
    if appositive and head.kind == "person" and (role := role_phrase(appositive)):
        return Mention(head.text, "person", head.name, role, head.honorific)
    if appositive and head.kind == "role":
        # 'said the council leader, Tom Hadley': the person, in that role.
        person = _backward_np(appositive)
        if person is not None and person.kind == "person":
            return Mention(person.text, "person", person.name, head.role, person.honorific)
    return head


def _subject(text: str) -> Mention | None:
    """The noun phrase a sentence opens with, which '…, saying …' refers back to."""
    tokens = _NP_TOKEN.findall(normalize(text))
    end = 0
    for end, token in enumerate(tokens):  # noqa: B007 (the loop finds the end)
        bare = _POSSESSIVE.sub("", token.lower().rstrip("."))
        if not (token[:1].isupper() or bare in _SUBJECT_WORDS):
            break
    else:
        end = len(tokens)
    return _backward_np(" ".join(tokens[:end])) if end else None


def _backward_np(segment: str) -> Mention | None:
    """The speaker phrase that ends a segment: the subject right before the verb."""
    segment = re.sub(r"\s*—[^—]*—\s*", " ", normalize(segment).replace(" - ", " — "))
    if "(" in segment:  # 'Sen. Mike Lee (R-Utah)', 'the National Education Union (NEU)'
        segment = re.sub(r"\s*\([^()]{1,40}\)", "", segment)
    tokens = _NP_TOKEN.findall(segment)
    while tokens and (
        tokens[-1].lower() in _TRAILING_SKIP
        or tokens[-1].isdigit()
        and len(tokens) > 1
        and tokens[-2].lower() not in ("number", "no")
    ):
        tokens.pop()
    appositive: list[str] = []
    if tokens and tokens[-1].lower() == "who" and len(tokens) > 1 and tokens[-2] == ",":
        tokens = tokens[:-2]
    if tokens and tokens[-1] == ",":
        tokens.pop()
        opens = (i for i, t in enumerate(tokens[:-1]) if t == "," and tokens[i + 1] in _RELATIVES)
        relative = next(opens, None)
        if relative is not None:
            # 'Jo Bloggs, who ran the campaign, said': the clause, commas and all, is aside.
            head = _backward_np(" ".join(tokens[:relative]))
            if head is not None and head.kind == "person" and tokens[relative + 1] == "which":
                # 'Unison, which represents …': 'which' is never said of a person.
                return Mention(head.text, "institution", name=head.name)
            return head
        cut = max((i for i, t in enumerate(tokens) if t in ",;:()"), default=-1)
        appositive, tokens = tokens[cut + 1 :], tokens[: max(cut, 0)]
        if appositive and appositive[0].lower() == "including":
            return _collect(appositive[1:])
    head = _collect(tokens)
    inner = _collect(appositive) if appositive else None
    if head is None:
        return inner
    if head.kind == "role" and inner is not None and inner.kind == "person":
        return Mention(inner.text, "person", inner.name, head.role, inner.honorific)
    if appositive and head.kind == "person" and (role := role_phrase(" ".join(appositive))):
        return Mention(head.text, "person", head.name, role, head.honorific)
    return head


def _collect(tokens: list[str]) -> Mention | None:
    """Walk back over a noun phrase: names, role words, 'of'/'for', up to a determiner."""
    taken: list[str] = []
    lowercase_ok = False
    plain: int | None = None
    """How many words were taken before the first plain lower-case one ('local')."""
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        low = token.lower().rstrip(".")
        bare = _POSSESSIVE.sub("", low)
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
            ):
                break
            taken.append(token)
        elif token[:1].isdigit() and i > 0 and tokens[i - 1].lower() in ("number", "no"):
            taken.append(token)
        elif bare in _PHRASE_WORDS:
            taken.append(token)
        elif low in _LINKS and taken and i > 0 and (tokens[i - 1][:1].isupper() or bare == "for"):
            taken.append(token)
        elif (
            low == "and"
            and taken
            and i > 0
            and tokens[i - 1][:1].isupper()
            and _POSSESSIVE.sub("", taken[0].lower()) in lexicon.INSTITUTION_WORDS
        ):
            # 'the University and College Union': one organisation's name.
            taken.append(token)
        elif lowercase_ok and len(taken) < 3 and token.isalpha() and low not in STOPWORDS:
            plain = len(taken) if plain is None else plain
            taken.append(token)
        else:
            break
    start = len(tokens) - len(taken)
    if plain is not None and (
        (start > 0 and tokens[start - 1].lower() in _PREPOSITIONS)
        or taken[-1].lower() in ("a", "an", "one", "another")
        and _POSSESSIVE.sub("", taken[0].lower()) in lexicon.PERSON_GROUPS
    ):
        # 'in a move campaigners say': the object of 'in', or 'a' before a plural, is
        # another phrase; the speaker is the group alone.
        taken = taken[:plain]
    if not taken:
        return None
    return parse_mention(" ".join(reversed(taken)))
