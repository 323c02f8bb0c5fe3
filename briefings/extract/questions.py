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
from ..text import STOPWORDS

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
_LEGAL = re.compile("|".join(lexicon.LEGAL_CUES), re.I)
_EXPECTED = re.compile(
    r"(?:^|,\s+|\bbut\s+)(?P<subject>[A-Z]?[^,;]{2,60}?)\s+(?:is|are)\s+"
    r"(?:also\s+)?(?:expected|likely)\s+to\s+(?P<vp>[^,;.]+)"
)
_IF = re.compile(r"^If (?P<verb>\w+ed),\s+(?P<subject>[^,]{3,60}?)\s+(?:would|will|could)\b")
_ANY_CUE = re.compile(
    r"\b(?:not|unclear|unknown|uncertain|undecided|declined|refused|reached|respond|yet|"
    r"provided|providing|long as|condition|subject to|only if|legal|court|judicial|pending|"
    r"challenged|expected|likely|details|specifics|updates)\b|^If ",
    re.I,
)
_CLAUSE_END = re.compile(r",\s+(?:instead|but|and|while|although|saying|as)\b|[.;:!?]|\s[—–]\s")


@dataclass(frozen=True)
class QuestionMention:
    question: str
    reason: str
    evidence: Evidence


def find_questions(doc: Document) -> list[QuestionMention]:
    """Every open-question cue in one article."""
    found: list[QuestionMention] = []
    for sentence in doc.sentences:
        evidence = Evidence(doc.source.id, sentence.id, sentence.text)
        for question, reason in sentence_questions(sentence.text):
            found.append(QuestionMention(question, reason, evidence))
    return found


def sentence_questions(text: str) -> list[tuple[str, str]]:
    """(question, reason) pairs that one sentence raises.

    >>> sentence_questions("He would not comment on where the money would be spent.")
    [('Where would the money be spent?', 'would not comment')]
    """
    out: list[tuple[str, str]] = []
    if not _ANY_CUE.search(text):
        return out
    if match := _UNKNOWN.search(text):
        cue = re.sub(r"\s+(?:on|about)$", "", match.group("cue").strip())
        for clause in _wh_clauses(match.group("rest")):
            out.append((to_question(clause), cue))
        if not out and (rest := _cut(match.group("rest"))) and len(rest.split()) >= 2:
            out.append((f"What is known about {rest}?", cue))
    for pattern in _NO_DETAIL:
        if not out and (match := pattern.search(text)):
            thing = (match.groupdict().get("thing") or "details").lower()
            topic = _cut(text[match.end() :])
            topic = topic if topic.lower().startswith(("for ", "of ", "on ")) else ""
            verb = "are" if thing.endswith("s") else "is"
            out.append((f"What {verb} the {thing} {topic}".strip() + "?", match.group().strip()))
            break
    if match := _UNREACHABLE.search(text):
        who = match.group("who").split(",")[-1].strip()
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
    if match := _LEGAL.search(text):
        subject = _subject_before(text, match.start())
        out.append(
            (
                f"What will the courts decide about {subject}?"
                if subject
                else "What will the courts decide?",
                match.group().strip(),
            )
        )
    if match := _IF.search(text):
        out.append(
            (
                f"Will {_lower_first(match.group('subject'))} be {match.group('verb')}?",
                "only if " + match.group("verb"),
            )
        )
    elif match := _EXPECTED.search(text):
        subject = _lower_first(match.group("subject").strip())
        named = any(w[:1].isupper() for w in subject.split()[1:])
        if not named and subject.split()[0].lower() not in ("it", "this", "that", "which"):
            out.append((f"Will {subject} {match.group('vp').strip()}?", "expected, not confirmed"))
    return out


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

    >>> to_question("where failed asylum seekers could be sent")
    'Where could failed asylum seekers be sent?'
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
