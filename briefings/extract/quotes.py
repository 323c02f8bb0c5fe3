"""Who said what, within one article: direct quotes and indirect statements.

Attribution follows the conventions of English news copy: `X said: “…”`, `“…,” X said`,
`“…,” said X, the …`, `X, who …, said`, `according to X`, `, adding: “…”`, vox-pop
signatures (`“…” ― Jane Doe`), `X says of Y, “…”`, a quote-only paragraph that continues
the previous speaker, a quote running over several paragraphs (each opening with a quote
mark), and pronouns ("he told reporters") that go to the last speaker, never to someone
named in passing or inside a quote. A few quoted words in a sentence that says more
(`called it “a farce” and said …`) keep that sentence as their context rather than
yielding a second, indirect statement. An indirect statement's text is what was reported
(`reported.py`), its context the whole sentence. When the speaker is unclear the quote is
left out. Speakers are `Mention`s here; `reactions.py` merges them across articles.

The jobs are split: `quote_marks.py` finds quoted stretches, `attributions.py` the cues,
`assign.py` which quote each belongs to, `speaker_phrase.py` the speaker phrase around a cue,
`reported.py` the content of an indirect statement; this module walks the article.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import lexicon
from ..model import Document, Sentence
from ..text import TEXT_CACHE
from .assign import attribute, carried, dangling, standalone, verb_first
from .attributions import find_attributions
from .cue import Attribution
from .quote_marks import QuoteSpan, clean_quote, has_quote_mark, is_title, quote_spans
from .reported import reported
from .signed import signature
from .speaker_phrase import TRAILING_SKIP, backward_np
from .speakers import Mention

__all__ = ["TRAILING_SKIP", "Statement", "backward_np", "find_statements", "quote_spans"]

_TRAILING_SKIP = TRAILING_SKIP
_backward_np = backward_np
"""Kept under their old names for `reactions.py`."""
_SHORT_QUOTE_CUE = re.compile(
    r"(?:\bas|\bcalled(?: \w+){0,3}|\bwas|\bwere|\bis|\bbe|\ba|\ban|\bat|\bbecome|\bbecame|"
    r"\bbranded(?: \w+){0,3}|\blabelled(?: \w+){0,3}|\bit)\s*$",
    re.I,
)


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


def find_statements(doc: Document, min_quote_words: int = 3) -> list[Statement]:
    """Every attributed quote and indirect statement in one article, in reading order."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    statements: list[Statement] = []
    open_quote = False
    last_quoted = False
    pending: Attribution | None = None
    orphan: tuple[str, tuple[str, ...]] | None = None
    dropped: set[int] = set()
    """Quoted words a reported clause of this paragraph holds: that clause replaces them."""
    """A quote standing alone with no speaker yet: its text and sentence ids."""
    for p_index, paragraph in enumerate(doc.paragraphs):
        sentences = _offsets(paragraph, by_paragraph.get(p_index, []))
        read_spans, read_found = _paragraph_cues(paragraph)
        spans, found = list(read_spans), list(read_found)
        if p_index and paragraph == doc.paragraphs[p_index - 1]:
            # The same paragraph twice running: its own cue objects, as `pending` (the
            # last paragraph's) is told apart from this paragraph's by identity.
            found = [copy(a) for a in found]
        speech = [a for a in found if a.verb not in _NOT_SPEECH]
        """The cues that may carry a quote: 'fears' or 'believes' only report a view,
        'endorsed' a position."""
        if orphan is not None and found and found[0].mention and _LATE_ATTRIBUTION.match(paragraph):
            ids = orphan[1] + _ids_between(sentences, found[0].start, found[0].end)
            statements.append(Statement(found[0].mention, orphan[0], True, ids, p_index - 1, ""))
        elif orphan is not None and (signer := signature(paragraph)):
            ids = orphan[1] + tuple(s.id for _, _, s in sentences[:1])
            statements.append(Statement(signer, orphan[0], True, ids, p_index - 1, "—"))
        orphan = None
        partial: set[int] = set()
        """Statements of this paragraph that are a few quoted words inside a sentence."""
        used: set[int] = set()
        previous: Attribution | None = None
        joined: tuple[int, Attribution] | None = None
        """Where the last attributed quote ended, and its cue: '“…,” and “…”' goes on."""
        for span in spans:
            if is_title(paragraph, span):
                continue
            attribution = attribute(paragraph, span, speech)
            words = len(span.inner.split())
            ids = _ids_between(sentences, span.start, span.end)
            if attribution is None and pending is not None and span.start <= 1:
                attribution = pending
            carries = False
            if (
                joined is not None
                and (attribution is None or attribution.mention is None or attribution is joined[1])
                and _AND_THEN.fullmatch(paragraph, joined[0], span.start)
            ):  # 'chanting “We are Orlando” and “Disarm hate.”': the same voice
                attribution, carries = joined[1], True
            if (attribution is None or attribution.mention is None) and previous is not None:
                # '“…,” Jo said to laughs. “…”', '… she said, when asked …. “…”': a cue
                # naming nobody between does not end her turn.
                carrier = carried(paragraph, previous, span, speech)
                attribution, carries = carrier or attribution, carrier is not None
            if attribution is not None and attribution.after_quote:
                previous = attribution
            if attribution is not None and attribution.mention is not None:
                whole = (
                    carries or attribution is pending or standalone(paragraph, span, attribution)
                )
                if whole:
                    used.add(id(attribution))
                claim = (
                    _claim(paragraph, span, sentences, found) if attribution.after_quote else None
                )
                if claim is not None:
                    statements.append(
                        Statement(
                            attribution.mention,
                            claim[0],
                            False,
                            ids,
                            p_index,
                            attribution.verb,
                            context=claim[1],
                        )
                    )
                elif whole or _quoted_words(paragraph, span, min_quote_words):
                    if not whole:
                        partial.add(len(statements))
                    ids = ids + _ids_between(sentences, attribution.start, attribution.end)
                    joined = (span.end, attribution)
                    statements.append(
                        Statement(
                            attribution.mention,
                            clean_quote(span.inner),
                            True,
                            _unique(ids),
                            p_index,
                            attribution.verb,
                        )
                    )
            elif (
                attribution is None  # '“…,” another Republican added': someone else
                and span.start <= 1
                and words >= min_quote_words
                and (last_quoted or open_quote)
                and not _SAID_BY.match(paragraph, span.end)  # '“…,” CBS News reported.'
            ):
                continuing = Mention("", "pronoun", name="(continues)")
                statements.append(
                    Statement(
                        continuing,
                        clean_quote(span.inner),
                        True,
                        _unique(ids),
                        p_index,
                        "",
                        continues=True,
                    )
                )
            elif span.start <= 1 and words >= min_quote_words and span.end >= len(paragraph) - 1:
                # A quote standing alone at the top, attributed by the next paragraph.
                orphan = (clean_quote(span.inner), ids)
        for attribution in found:
            if attribution.mention is None or id(attribution) in used:
                continue
            if indirect := _indirect(paragraph, spans, attribution, sentences, found):
                content, text, ids = indirect
                inside = [
                    n
                    for n in sorted(partial)
                    if statements[n].mention == attribution.mention
                    and ids[0] in statements[n].sentence_ids
                    and statements[n].text in text  # shown instead of the words: holds them
                ]
                within = [
                    n
                    for n in inside
                    if content
                    and statements[n].text in content
                    # a clause that is the quote and nothing more stays a direct quote
                    and len(_LEAD_WORD.findall(content))
                    > len(_LEAD_WORD.findall(statements[n].text))
                ]
                if (
                    within
                    and attribution.verb in _CLAUSE_VERBS
                    and _CLAUSE_START.match(content or "")
                ):
                    # 'Reid said both men are “non-entities in the Senate”': what he said
                    # is the reported clause, quoted words and all, not the words alone.
                    # Quoted words outside it are another cue's ('saying his comment “…”
                    # and said …'), left to that cue.
                    dropped.update(within)
                    inside = []
                for n in inside:
                    statements[n] = replace(statements[n], context=text)
                if inside or content is None:
                    continue
                statements.append(
                    Statement(
                        attribution.mention,
                        content,
                        False,
                        ids,
                        p_index,
                        attribution.verb,
                        context=text,
                    )
                )
        if dropped:
            statements = [st for n, st in enumerate(statements) if n not in dropped]
            dropped.clear()
        pending = dangling(paragraph, spans, speech)
        open_quote = bool(spans) and not spans[-1].closed
        last_quoted = open_quote or any(s.direct and s.paragraph == p_index for s in statements)
    return statements


def _claim(
    paragraph: str,
    span: QuoteSpan,
    sentences: list[tuple[int, int, Sentence]],
    found: list[Attribution],
) -> tuple[str, str] | None:
    """'Ms. Roe is “not a team player,” said Jo Bloggs': quoted words that end a claim the
    sentence opens with. What was said is the claim, quoted words and all, with the whole
    sentence as context: the quoted words alone would lose what they are said of."""
    hits = [(a, s) for a, b, s in sentences if a <= span.start < b]
    if not hits:
        return None
    start, sentence = hits[0]
    lead = paragraph[start : span.start]
    if (
        len(_LEAD_WORD.findall(lead)) < 2
        or not lead.endswith(" ")
        or has_quote_mark(lead)
        or _BREAK.search(lead) is not None
        or any(start <= a.start < span.start for a in found)
        or not any(_HANDS_OVER.fullmatch(paragraph, span.end, a.start) for a in found)
    ):
        return None
    return paragraph[start : span.end].strip(), sentence.text


_JOINED = re.compile(r"^(?:and|but|while|whereas)\s+")
_LEAD_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_HANDS_OVER = re.compile(r"[\s,]*(?:(?!(?:which|who|that|and|but|while|as)\b)[\w.'’-]+\s+){0,5}")
"""Between the quote and its cue, the speaker's few words ('…,” the senator said')."""
_BREAK = re.compile(r"[.!?;:,]['\"”’)]*\s|''|``|\s[—–-]+\s")
"""A sentence end the splitter missed, a clause break or a quote mark in the words before
a quote: they are not one claim with it."""


_NOT_SPEECH = lexicon.BELIEF_VERBS | lexicon.POSITION_VERBS
_AND_THEN = re.compile(r"[\s,]*(?:and|or)[\s,]*")
_CLAUSE_VERBS = frozenset(
    """
    said says say saying told tells added adds wrote writes argued argues claimed claims insisted
    insists warned warns stressed stresses noted notes suggested suggests admitted admits
    acknowledged acknowledges conceded concedes explained explains maintained maintains
    predicted predicts confirmed confirms announced announces declared stated asserted
    replied responded countered
    """.split()
)
"""Verbs whose object is a reported clause ('said the cuts were “painful”'), unlike those
that name or judge a thing ('described the rise as “a kick in the teeth”')."""
_CLAUSE_START = re.compile(r"[\w“\"‘]")
_SAID_BY = re.compile(
    r"[\s,]*(?:the\s+|a\s+|an\s+)?[A-Za-z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}\s+[a-z]+ed\b"
)
"""'“…,” CBS News reported': a verb after the quote names someone, even one we do not read."""

_LATE_ATTRIBUTION = re.compile(r"(?:That|This|Those|These|Such) (?:is|was|were|are) (?:how|what)\b")
"""'That is how Maria Santos described …' attributes the quote in the paragraph before."""


@lru_cache(maxsize=TEXT_CACHE)
def _paragraph_cues(paragraph: str) -> tuple[tuple[QuoteSpan, ...], tuple[Attribution, ...]]:
    """A paragraph's quotes and attribution cues, cached by its text: a story's outlets
    print the same paragraphs (wire copy)."""
    spans = quote_spans(paragraph)
    return tuple(spans), tuple(find_attributions(paragraph, spans))


def _quoted_words(paragraph: str, span: QuoteSpan, min_words: int) -> bool:
    """A quote inside a sentence is the speaker's own words unless it is a scare quote."""
    before = paragraph[max(0, span.start - 40) : span.start]
    if re.search(r"so-called\s*$", before, re.I):
        return False
    words = len(span.inner.split())
    return words >= min_words or bool(_SHORT_QUOTE_CUE.search(before))


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


def _indirect(
    paragraph: str,
    spans: list[QuoteSpan],
    attribution: Attribution,
    sentences: list[tuple[int, int, Sentence]],
    found: list[Attribution],
) -> tuple[str | None, str, tuple[str, ...]] | None:
    """'X said that …' / 'according to X': what was reported (None when no clause was),
    and the sentence it is read from, when the sentence says something itself. What is
    reported ends where the sentence gives someone else the word ('X said it was great to
    be home, a man yelled …')."""
    if attribution.after_quote or attribution.subordinate or verb_first(paragraph, attribution):
        return None  # 'Said Jo Roe, …, “…”' reports its quote, not a clause
    hits = [(a, b, s) for a, b, s in sentences if a <= attribution.start < b]
    if not hits:
        return None
    start, end, sentence = hits[0]
    for other in found:
        if attribution.end < other.start < end and other.mention and other is not attribution:
            clause_end = paragraph.rfind(", ", attribution.end, other.start)
            subject = _JOINED.sub("", paragraph[clause_end + 2 : other.start].strip())
            if subject == other.mention.text:  # '…, and Trump vowed …': his words
                end = clause_end
                break
    if paragraph[attribution.end : end].lstrip().startswith(":"):
        return None
    unquoted = paragraph[start:end]
    for span in spans:
        if span.start < end and span.end > start:
            unquoted = unquoted.replace(paragraph[max(span.start, start) : min(span.end, end)], " ")
    speaker = attribution.mention.text if attribution.mention else ""
    content = len(re.findall(r"[A-Za-z']+", unquoted)) - len(speaker.split()) - 1
    if content < 4:
        return None
    said = reported(paragraph, start, end, attribution.start, attribution.end, speaker)
    return said, sentence.text, (sentence.id,)
