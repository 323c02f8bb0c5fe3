"""Open questions: what the sources themselves say is unknown, undisclosed or uncertain.

Each cue turns into a question built from the source's own words ("would not comment on
which countries were involved" → "Which countries were involved?"); the sentence stays as
evidence. Figure conflicts add one question each (in build.py, which knows the outlets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Document, Evidence
from ..text import STOPWORDS, any_of

_AUX = frozenset(
    "will would can could should is are was were has have had does do did may might must".split()
)
_WH = "|".join(sorted(lexicon.WH_WORDS, key=len, reverse=True))
_UNKNOWN = re.compile(
    rf"(?P<cue>{'|'.join(lexicon.UNKNOWN_CUES)})\s*(?:on\s+|about\s+)?"
    rf"(?P<rest>.*)$",
    re.I,
)
_NO_DETAIL = [re.compile(p, re.I) for p in lexicon.NO_DETAIL_CUES]
_UNREACHABLE = re.compile(rf"^(?P<who>.*?)\s+(?:{lexicon.UNREACHABLE_CUE})", re.I)
_DENIAL = re.compile(rf"(?P<cue>{lexicon.DENIAL_CUE})\s+(?:that\s+)?(?P<rest>[^.;]+)", re.I)
_CONDITION = re.compile(rf"{lexicon.CONDITION_CUES}\s+(?P<rest>[^.;—]+)", re.I)
_LEGAL = any_of(lexicon.LEGAL_CUES, re.I)
_LEGAL_NOUN = re.compile(lexicon.LEGAL_NOUNS, re.I)
_DETAILS_OF = re.compile(lexicon.DETAILS_OF_CUE, re.I)
_APPROVAL = re.compile(
    rf"(?:^|,\s+(?:but\s+)?|\bbut\s+)(?P<subject>[^,;]{{3,60}}?)\s+"
    rf"(?:{'|'.join(lexicon.APPROVAL_CUES)})\s+(?P<who>[^,;.]+)",
    re.I,
)
_WILL = re.compile(r"(?:^|\bthat\s+|,\s+)(?P<subject>[^,;]{3,80}?)\s+will\s+(?P<vp>[^,;.]+)")
"""A promise in the sentence before: 'every department will get a new scanner'."""
_SUBORDINATE = re.compile(r"\s+(?:after|because|following|amid|despite|when|while|before)\s+", re.I)
_EXPECTED = re.compile(
    r"(?:^|,\s+|\bbut\s+)(?P<subject>[A-Z]?[^,;]{2,60}?)\s+(?:is|are)\s+"
    r"(?:also\s+)?(?:expected|likely)\s+to\s+(?P<vp>[^,;.]+)"
)
_IF = re.compile(r"^If (?P<verb>\w+ed),\s+(?P<subject>[^,]{3,60}?)\s+(?:would|will|could)\b")
_ANY_CUE = re.compile(  # on lower-cased text: much faster than re.I
    r"\b(?:not|unclear|unknown|uncertain|undecided|declined|refused|reached|respond|yet|"
    r"provided|providing|long as|condition|subject to|only if|legal|court|judicial|pending|"
    r"challenged|expected|likely|details|specifics|updates|approval|approved|ratified|"
    r"ratification|sign-off)\b|^if "
)
_CLAUSE_END = re.compile(r",\s+(?:instead|but|and|while|although|saying|as)\b|[.;:!?]|\s[—–]\s")


_UNKNOWN_WORDS = (
    "not ", "declined", "refused", "unclear", "unknown", "uncertain", "undecided",
    "no details", "yet to", "still to",
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


def find_questions(doc: Document) -> list[QuestionMention]:
    """Every open-question cue in one article."""
    found: list[QuestionMention] = []
    previous = ""
    for sentence in doc.sentences:
        evidence = Evidence(doc.source.id, sentence.id, sentence.text)
        for question, reason in sentence_questions(sentence.text, previous):
            found.append(QuestionMention(question, reason, evidence))
        previous = sentence.text
    return found


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
        cue = re.sub(r"\s+(?:on|about)$", "", match.group("cue").strip())
        for clause in _wh_clauses(match.group("rest")):
            out.append((to_question(clause), cue))
        if not out and (rest := _cut(match.group("rest"))) and len(rest.split()) >= 2:
            out.append((f"What is known about {rest}?", cue))
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
            out.append((f"What does {_lower_first(who)} say?", "could not be reached"))
    if match := _DENIAL.search(text):
        clause = _cut(match.group("rest"))
        if clause:
            out.append((f"Is it the case that {clause}?", f"{match.group('cue')} it"))
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
        subject, who = _lower_first(match.group("subject").strip()), _cut(match.group("who"))
        out.append((f"Will {_lower_first(who)} approve {subject}?", "approval still needed"))
    if match := _IF.search(text):
        out.append(
            (
                f"Will {_lower_first(match.group('subject'))} be {match.group('verb')}?",
                "only if " + match.group("verb"),
            )
        )
    elif match := _EXPECTED.search(text):
        subject = _lower_first(match.group("subject").strip())
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
    return f"When will {_lower_first(subject)} {vp}?"


def _wh_clauses(rest: str) -> list[str]:
    """'which countries …, or where …' → each wh-clause, cut at the clause's end."""
    clauses = []
    for match in re.finditer(rf"\b(?:{_WH})\b", rest, re.I):
        before = rest[: match.start()].rstrip().lower()
        if clauses and not before.endswith((",", " or", " and", ", or", ", and")):
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


def to_question(clause: str) -> str:
    """An embedded wh-clause as a direct question.

    >>> to_question("where the flood victims could be rehoused")
    'Where could the flood victims be rehoused?'
    >>> to_question("which countries were involved in the talks")
    'Which countries were involved in the talks?'
    """
    words = clause.split()
    wh = words[0].lower()
    aux_at = next((i for i, w in enumerate(words[1:], 1) if w.lower() in _AUX), None)
    if wh == "whether":
        body = words[1:]
        aux_at = next((i for i, w in enumerate(body) if w.lower() in _AUX), None)
        if aux_at:
            words = [body[aux_at], *body[:aux_at], *body[aux_at + 1 :]]
        else:
            words = ["Is", "it", "the", "case", "that", *body]
    elif (
        aux_at is not None
        and wh in ("where", "when", "how", "why")
        and aux_at > 1
        and not (wh == "how" and words[1].lower() in ("many", "much"))
    ):
        words = [words[0], words[aux_at], *words[1:aux_at], *words[aux_at + 1 :]]
    elif (
        aux_at is not None
        and wh in ("what", "who")
        and aux_at > 1
        and words[1].lower() not in STOPWORDS | {"is", "are"}
    ):
        words = [words[0], words[aux_at], *words[1:aux_at], *words[aux_at + 1 :]]
    sentence = " ".join(words).rstrip(" ?.")
    return sentence[:1].upper() + sentence[1:] + "?"


def _subject_before(text: str, end: int) -> str:
    head = re.split(r",\s+(?:but|and|while)?\s*|\bbut\s+", text[:end])[-1]
    head = re.sub(r"\s+(?:has|have|had|is|are|was|were)(?:\s+been)?\s*$", "", head.strip())
    return _lower_first(head) if 0 < len(head.split()) <= 8 else ""


def _lower_first(text: str) -> str:
    first = text.split()[0] if text.split() else ""
    if first.lower() in ("the", "a", "an", "this", "that", "these", "those", "its", "their"):
        return text[:1].lower() + text[1:]
    return text
