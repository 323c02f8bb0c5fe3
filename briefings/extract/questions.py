"""Open questions: what the sources themselves say is unknown, undisclosed or uncertain.

Each cue turns into a question built from the source's own words ("would not comment on
which countries were involved" → "Which countries were involved?"); the sentence stays as
evidence. Figure conflicts add one question each (in build.py, which knows the outlets).

A rewrite moves words, never invents them, and only when the clause's shape is plain
(subject, then auxiliary). Where it is not, the question asks about the source's own
clause as it stands ("What is known about whether to fund the links?"): plainer, but
never garbled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..model import Document, Evidence
from ..text import STOPWORDS, TEXT_CACHE, any_of
from .wording import (
    COMMON_HEADS,
    Vocabulary,
    about,
    head_noun,
    is_it_so,
    lower_first,
    plural,
    referent,
    to_question,
)

_DOT = r"(?<=\d)\.(?=\d)"
"""A decimal point ('14.99%'): never the end of a clause."""
_WH = "|".join(sorted(lexicon.WH_WORDS, key=len, reverse=True))
_AUX = "|".join(lexicon.AUXILIARIES)
_UNKNOWN = re.compile(
    rf"(?P<cue>{'|'.join(lexicon.UNKNOWN_CUES)})\s*(?:on\s+|about\s+)?"
    rf"(?P<rest>.*)$",
    re.I,
)
_NO_DETAIL = [re.compile(p, re.I) for p in lexicon.NO_DETAIL_CUES]
_UNREACHABLE = re.compile(rf"^(?P<who>.*?)\s+(?:{lexicon.UNREACHABLE_CUE})", re.I)
_DENIAL = re.compile(
    rf"(?P<cue>{lexicon.DENIAL_CUE})\s+(?:that\s+)?(?P<rest>(?:{_DOT}|[^.;])+)", re.I
)
_CONDITION = re.compile(rf"{lexicon.CONDITION_CUES}\s+(?P<rest>(?:{_DOT}|[^.;—])+)", re.I)
_LEGAL = any_of(lexicon.LEGAL_CUES, re.I)
_LEGAL_NOUN = re.compile(lexicon.LEGAL_NOUNS, re.I)
_DETAILS_OF = re.compile(lexicon.DETAILS_OF_CUE, re.I)
_APPROVAL = re.compile(
    rf"(?:^|,\s+(?:but\s+)?|\bbut\s+)(?P<subject>[^,;]{{3,60}}?)\s+"
    rf"(?:{'|'.join(lexicon.APPROVAL_CUES)})\s+(?P<who>(?:{_DOT}|[^,;.])+)",
    re.I,
)
_WILL = re.compile(
    rf"(?:^|\bthat\s+|,\s+)(?P<subject>[^,;]{{3,80}}?)\s+will\s+(?P<vp>(?:{_DOT}|[^,;.])+)"
)
"""A promise in the sentence before: 'every department will get a new scanner'."""
_SUBORDINATE = re.compile(r"\s+(?:after|because|following|amid|despite|when|while|before)\s+", re.I)
_EXPECTED = re.compile(
    r"(?:^|,\s+|\bbut\s+)(?P<subject>[A-Z]?[^,;]{2,60}?)\s+(?:is|are)\s+"
    rf"(?:also\s+)?(?:expected|likely)\s+to\s+(?P<vp>(?:{_DOT}|[^,;.])+)"
)
_IF = re.compile(r"^If (?P<verb>\w+ed),\s+(?P<subject>[^,]{3,60}?)\s+(?:would|will|could)\b")
_ANY_CUE = re.compile(  # on lower-cased text: much faster than re.I
    r"\b(?:not|unclear|unknown|uncertain|undecided|declined|refused|reached|respond|yet|"
    r"decision|questions|"
    r"provided|providing|long as|condition|subject to|only if|legal|court|judicial|pending|"
    r"challenged|expected|likely|details|specifics|updates|approval|approved|ratified|"
    r"ratification|sign-off)\b|^if "
)
_TEMPORAL = re.compile(r"(?:when|if|while)\s+\w+ed\b", re.I)
"""'declined to comment when asked about …': a time, not an embedded question."""
_CLAUSE_END = re.compile(
    r",\s+(?:instead|but|and|while|although|saying|as|which)\b|(?<!\d)\.|\.(?!\d)|[;:!?]|\s[—–]\s"
)


_UNKNOWN_WORDS = (
    "not ", "declined", "refused", "unclear", "unknown", "uncertain", "undecided",
    "no details", "yet to", "still to", "no decision", "questions",
)  # fmt: skip
_NO_DETAIL_WORDS = ("not ", "yet to", "details", "specifics", "updates")
_LEGAL_WORDS = ("legal", "court", "judicial", "pending", "lawsuit")
_APPROVAL_WORDS = ("approv", "ratif", "sign")
"""Words without which a costly pattern cannot match: a substring test is far cheaper
than a regex search, and most sentences that pass `_ANY_CUE` need only one pattern."""


def _has(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


@dataclass(frozen=True)
class QuestionMention:
    question: str
    reason: str
    evidence: Evidence


_CAPITAL_INSIDE = re.compile(r"\s[A-Z][a-z]")


def find_questions(doc: Document) -> list[QuestionMention]:
    """Every open-question cue in one article."""
    found: list[QuestionMention] = []
    previous = ""
    vocabulary: Vocabulary | None = None
    for sentence in doc.sentences:
        evidence = Evidence(doc.source.id, sentence.id, sentence.text)
        for question, reason in _questions_of(sentence.text, previous):
            question = referent(question, previous)
            if _CAPITAL_INSIDE.search(question):
                vocabulary = vocabulary or Vocabulary(doc)
                question = vocabulary.common_nouns(question)
            found.append(QuestionMention(question, reason, evidence))
        previous = sentence.text
    return found


def _questions_of(text: str, previous: str) -> tuple[tuple[str, str], ...]:
    """`sentence_questions`, cached: a story's outlets repeat each other's sentences. Most
    sentences hold no cue, whatever precedes them: known by the sentence alone."""
    return _cued_questions(text, previous) if _cued(text) else ()


@lru_cache(maxsize=TEXT_CACHE)
def _cued(text: str) -> bool:
    return _ANY_CUE.search(text.lower()) is not None


@lru_cache(maxsize=TEXT_CACHE)
def _cued_questions(text: str, previous: str) -> tuple[tuple[str, str], ...]:
    return tuple(sentence_questions(text, previous))


def sentence_questions(text: str, previous: str = "") -> list[tuple[str, str]]:
    """(question, reason) pairs that one sentence raises; `previous` is the sentence before,
    which a bare 'did not give a timeline for the rollout' refers back to.

    >>> sentence_questions("He would not comment on where the money would be spent.")
    [('Where would the money be spent?', 'would not comment')]
    """
    out: list[tuple[str, str]] = []
    lower = text.lower()
    if not _ANY_CUE.search(lower):
        return out
    if _has(lower, _UNKNOWN_WORDS) and (match := _UNKNOWN.search(text)):
        cue = re.sub(r"\s+(?:on|about|over|as to)$", "", match.group("cue").strip())
        for clause in _wh_clauses(match.group("rest")):
            who = _subject_of(text[: match.start("cue")])
            out.append((_to_do(clause, who) or to_question(_resolve(clause, who)), cue))
        rest = _cut(match.group("rest"))
        if not out and len(rest.split()) >= 2 and _asks_about(rest, cue):
            out.append((about(rest), cue))
    if not out and (match := _DETAILS_OF.search(text)):
        rest = _cut(match.group("rest"))
        wh = rest.split()[0].lower() in lexicon.WH_WORDS
        out.append(
            (to_question(rest) if wh else f"What are the details of {rest}?", "yet to be given")
        )
    for pattern in _NO_DETAIL if _has(lower, _NO_DETAIL_WORDS) else ():
        if not out and (match := pattern.search(text)):
            thing = (match.groupdict().get("thing") or "details").lower()
            topic = _cut(text[match.end() :])
            topic = topic if topic.lower().startswith(("for ", "of ", "on ")) else ""
            verb = "are" if thing.endswith("s") else "is"
            question = f"What {verb} the {thing} {topic}".strip() + "?"
            if thing in ("timeline", "timetable", "date"):
                question = _when(topic, previous) or question
            out.append((question, match.group().strip()))
            break
    if match := _UNREACHABLE.search(text):
        who = match.group("who").rstrip(" ,").split(",")[-1].strip()
        if who:
            who = lower_first(who)
            verb = "do" if plural(who) else "does"
            out.append((f"What {verb} {who} say?", "could not be reached"))
    if match := _DENIAL.search(text):
        clause = _cut(match.group("rest"))
        if clause:
            cue = match.group("cue")
            reason = f"{cue} it" if "deny" in cue.lower() else cue
            out.append((is_it_so(clause.split()) or _ruled_out(clause, cue), reason))
    if match := _CONDITION.search(text):
        clause = _cut(match.group("rest"))
        if len(clause.split()) >= 3:
            out.append((f"Will this condition be met: {clause}?", "a condition was set"))
    if _has(lower, _LEGAL_WORDS) and (match := _LEGAL.search(text)):
        subject = _subject_before(text, match.start())
        noun = _LEGAL_NOUN.search(match.group())
        if subject:
            question = f"What will the courts decide about {subject}?"
        elif noun:
            question = f"What will be the outcome of the {noun.group().lower()}?"
        else:
            question = "What will the courts decide?"
        out.append((question, match.group().strip()))
    if _has(lower, _APPROVAL_WORDS) and (match := _APPROVAL.search(text)):
        subject, who = lower_first(match.group("subject").strip()), _cut(match.group("who"))
        out.append((f"Will {lower_first(who)} approve {subject}?", "approval still needed"))
    if match := _IF.search(text):
        out.append(
            (
                f"Will {lower_first(match.group('subject'))} be {match.group('verb')}?",
                "only if " + match.group("verb"),
            )
        )
    elif match := _EXPECTED.search(text):
        subject = lower_first(match.group("subject").strip())
        vp = _SUBORDINATE.split(match.group("vp").strip())[0]
        scheduled = vp.split()[0].lower() in lexicon.SCHEDULE_VERBS
        if not scheduled and subject.split()[0].lower() not in ("it", "this", "that", "which"):
            out.append((f"Will {subject} {vp}?", "expected, not confirmed"))
    return out


def _when(topic: str, previous: str) -> str | None:
    """'did not give a timeline for the rollout' after 'every department will get a
    scanner': 'When will every department get a scanner?'."""
    if len(topic.split()) > 3 or not (match := _WILL.search(previous)):
        return None
    subject = re.split(r"\bthat\s+", match.group("subject"))[-1].strip()
    if len(subject.split()) > 10:
        return None
    vp = _SUBORDINATE.split(match.group("vp").strip())[0]
    return f"When will {lower_first(subject)} {vp}?"


def _wh_clauses(rest: str) -> list[str]:
    """'which countries …, or where …' → each wh-clause, cut at the clause's end."""
    clauses: list[str] = []
    for match in re.finditer(rf"\b(?:{_WH}|if)\b", rest, re.I):
        before = rest[: match.start()].rstrip().lower()
        if match.group().lower() == "if" and (clauses or match.start() > 0):
            continue  # 'would not say if …' asks; '… the plan if it fails' does not
        if _TEMPORAL.match(rest, match.start()):
            continue
        if clauses and not before.endswith((" or", " and")):  # ', which' is relative
            continue
        if not clauses and match.start() > 25:
            break
        clauses.append(_cut(rest[match.start() :], stop_at_or=True))
    return [c for c in clauses if len(c.split()) >= 2]


def _cut(text: str, stop_at_or: bool = False) -> str:
    match = _CLAUSE_END.search(text)
    clause = text[: match.start()] if match else text
    if stop_at_or:
        clause = re.split(rf",?\s+(?:or|and)\s+(?={_WH})", clause, flags=re.I)[0]
    return clause.strip(" ,")


def _to_do(clause: str, who: str) -> str | None:
    """'Ministers have yet to decide whether to fund the links' → 'Will ministers fund the
    links?': the infinitive's subject is the sentence's own."""
    match = re.match(r"whether\s+(?:or\s+not\s+)?to\s+(?P<vp>\w.*)", clause, re.I)
    if not match or not who:
        return None
    return f"Will {who} {match.group('vp').rstrip(' ?.')}?"


def _resolve(clause: str, who: str) -> str:
    """'The council has not said whether it will appeal' asks whether the council will: a
    pronoun opening the clause stands for the sentence's subject when they agree ('the
    board … whether he will resign' is someone else)."""
    match = re.match(
        rf"((?:{_WH}|if)\s+)(he|she|it|they)\s+(?=(?:{'|'.join(lexicon.AUXILIARIES)})\b)",
        clause,
        re.I,
    )
    pronouns = lexicon.SUBJECT_STARTS - lexicon.DETERMINERS
    if not match or not who or who.split()[0].lower() in pronouns:
        return clause
    head, pronoun = head_noun(who), match.group(2).lower()
    person = head.lower() in COMMON_HEADS or head.lower().removesuffix("s") in COMMON_HEADS
    named = who.split()[0].lower() in lexicon.HONORIFICS or (
        all(w[:1].isupper() for w in who.split())
        and not any(w.lower() in lexicon.INSTITUTION_WORDS for w in who.split())
    )  # 'Ms Okafor', 'Okafor'; not 'Thames Water Authority'
    agrees = {
        "it": not person and not plural(who) and who.split()[0].lower() not in lexicon.HONORIFICS,
        "they": plural(who),
        "he": (person or named) and not plural(who),
        "she": (person or named) and not plural(who),
    }[pronoun]
    return f"{match.group(1)}{who} {clause[match.end() :]}" if agrees else clause


def _subject_of(head: str) -> str:
    """The subject before a cue ('A spokesperson said the government' → 'the government'),
    or '' when it is not a plain noun phrase."""
    head = re.split(r"\b(?:said|says|added|that|but|and)\s+|,\s*", head.strip())[-1].strip()
    words = head.split()
    if not 0 < len(words) <= 6 or words[0].lower() in ("it", "there", "this", "which", "who"):
        return ""
    return lower_first(head)


def _ruled_out(clause: str, cue: str) -> str:
    """'would not rule out further strikes' → 'Are further strikes ruled out?'; a denial
    of a thing, not a claim, is asked about as it stands."""
    words = clause.split()
    if "rule" in cue.lower() and len(words) <= 8:
        if words[0].endswith("ing"):
            return f"Is {lower_first(clause)} ruled out?"
        return f"{'Are' if plural(clause) else 'Is'} {lower_first(clause)} ruled out?"
    return about(clause)


def _asks_about(rest: str, cue: str) -> bool:
    """'could not confirm the cause of the fire' asks about its object; 'did not say
    anything new' or 'declined to comment further' does not."""
    first = rest.split()[0]
    if cue.lower().endswith(("say", "tell")) or first.lower() in lexicon.INDEFINITES:
        return False
    return first.lower() in lexicon.SUBJECT_STARTS - {"it", "he", "she", "they", "we", "i"} or (
        first[:1].isupper() and first.lower() not in STOPWORDS
    )


def _subject_before(text: str, end: int) -> str:
    head = re.split(r",\s+(?:but|and|while)?\s*|\bbut\s+", text[:end])[-1]
    head = re.sub(r"\s+(?:has|have|had|is|are|was|were)(?:\s+been)?\s*$", "", head.strip())
    return lower_first(head) if 0 < len(head.split()) <= 8 else ""
