"""Figure mentions: the quantities of an article a briefing can show, with what each counts.

The number grammar (briefings.extract.numbers) reads every quantity of a sentence; a
briefing then leaves out what is no key figure of a news story: a person's age, a
duration used as a time reference ("15 years ago", "covered councils for 20 years"), a
number describing a noun ("the two hospitals", "a 15-member committee", "the top 1
percent"), a poll's split whose smaller share comes first ("a 42%-49% approval rating":
whose each share is no label can say), and a currency conversion in brackets ("£62m
($80m)", the same figure's second display). Labels come from briefings.extract.labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import lexicon
from ..model import Document, Qualifier
from ..text import TEXT_CACHE, content_stems, stem
from .label_words import CHANGE_LEAD, has_noun, holed, tidy, unreadable
from .labels import (
    CHANGE_NOUN,
    RATIOS,
    Described,
    describe,
    tally_label,
    unit_of,
)
from .numbers import Quantity, read_sentence


@dataclass(frozen=True)
class FigureMention:
    """One number as one source states it."""

    value: float
    unit: str
    display: str
    label: str
    period: str | None
    qualifier: Qualifier
    direction: int
    """+1 a rise, -1 a fall, 0 a level: a 33% rise and a 33% fall are not one figure."""
    source: str
    sentence_id: str
    sentence: str
    head: str = ""
    """The noun the number counts or prices, as the source wrote it ('plan', 'staff')."""

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(_SYNONYM.get(s, s) for s in content_stems(self.label)) - _GENERIC

    @property
    def head_stem(self) -> str:
        return _SYNONYM.get(stem(self.head), stem(self.head)) if self.head else ""


_SYNONYM = {
    stem(word): stem(group.split()[0]) for group in lexicon.LABEL_SYNONYMS for word in group.split()
}
"""Each synonym's stem → its group's first stem, so 'scheme' and 'plan' compare equal."""


_GENERIC = frozenset(
    {
        "number",
        "total",
        "figur",
        "level",
        "rise",
        "increas",
        "fall",
        "reduct",
        "drop",
        "chang",
        "record",
    }
)


def find_figures(doc: Document) -> list[FigureMention]:
    """Every figure in one article, in reading order."""
    found: list[FigureMention] = []
    words = cache(lambda: _vocabulary(doc))  # read only if a label needs it
    for sentence in doc.sentences:
        in_sentence: list[FigureMention] = []
        for mention in _sentence_figures(sentence.text):
            value, unit, display, label, period, qualifier, direction, head = mention
            if unreadable(label):
                continue  # no thing counted is read: the figure is left out
            if in_sentence and _borrows_label(label):
                previous, own, head = in_sentence[-1], label, ""
                label = CHANGE_NOUN.sub("", previous.label)
                if content_stems(own) and not CHANGE_LEAD.match(own):
                    label = f"{label} ({own.lower()})"  # "…, an increase of 30p"
                elif unit == "percent" and direction:
                    label = f"{label} ({'rise' if direction > 0 else 'fall'})"
                if unit == "count":
                    unit = previous.unit if previous.unit not in RATIOS else unit_of(label)
                period = period or previous.period
            elif _says_nothing(label):
                continue  # '$5,000 total', 'a 3% rise': says nothing of what, none to borrow
            if not label or not has_noun(label) or holed(label) or label.lower() == unit:
                continue  # 'It raised', 'from the in 2008', 'gallons': nothing counted is named
            label = _lower_opening(label, sentence.text, words)
            figure = FigureMention(
                value,
                unit,
                display,
                label,
                period,
                qualifier,
                direction,
                doc.source.id,
                sentence.id,
                sentence.text,
                head,
            )
            in_sentence.append(figure)
        found.extend(in_sentence)
    return found


def _lower_opening(
    label: str, sentence: str, vocabulary: Callable[[], tuple[frozenset[str], frozenset[str]]]
) -> str:
    """'rise in Waiting times' → 'rise in waiting times': a sentence's capital is no part
    of a label. Only a word that reads as a common one is lowered: one the article also
    writes in lower case, or a plural or '-ing' form followed by a lower-case word, and
    never one it capitalises inside a sentence ('London rents' stays)."""
    opening = sentence.split()[0] if sentence.split() else ""
    if not opening[:1].isupper() or not opening[1:].isalpha() or not opening[1:].islower():
        return label
    words = label.split()
    for at, word in enumerate(words[:-1]):
        if word == opening:
            lower, names = vocabulary()
            common = word.lower() in lower or (
                word.endswith(("ing", "s")) and not word.endswith("ss")
            )
            if common and words[at + 1][:1].islower() and word not in names:
                words[at] = word.lower()
                return " ".join(words)
            break
    return label


def _vocabulary(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The words an article writes in lower case, and those it capitalises inside its
    sentences (names)."""
    lower: set[str] = set()
    names: set[str] = set()
    for sentence in doc.sentences:
        lower.update(re.findall(r"\b[a-z][a-z'’-]*", sentence.text))
        names.update(re.findall(r"(?<=[\w,;:] )[A-Z][\w'’-]*", sentence.text))
    return frozenset(lower), frozenset(names)


def _borrows_label(label: str) -> bool:
    """A label that says nothing of its own ('by', 'from'), or a clause that continues the
    last figure ('…, falling to 64 on a single night'), takes the last figure's label."""
    return _says_nothing(label) or bool(CHANGE_LEAD.match(label))


def _says_nothing(label: str) -> bool:
    """'total', 'by', 'rise': no word of its own beside the generic ones."""
    return not (content_stems(label) - _GENERIC)


_SHOWN = frozenset({"figure"})
"""Kinds of quantity a briefing shows; ages, time references, descriptions, splits and
conversions are read by the grammar but are no key figure of a story."""


def _label_end(text: str, quantity: Quantity) -> int:
    """Where a label starts reading after the value: after a printed unit ('72Mbps', '£2m',
    '5,000 shekels', '2,000lb'), but before a spaced measure word, which heads the label
    ('30,000 tonnes of fuel oil', '300 sq km of sea')."""
    printed = text.find(quantity.display, quantity.start)
    end = printed + len(quantity.display) if printed >= 0 else quantity.end
    unit = text[quantity.end : end]
    if quantity.measure != "currency" and re.fullmatch(r"\s+[a-z][a-z ]*", unit):
        return quantity.end
    if quantity.measure != "currency" and re.match(r"\s+of\s", text[end:]):
        return quantity.end  # "15cm of snow": the unit heads the label
    return max(end, quantity.end)


@lru_cache(maxsize=TEXT_CACHE)
def _sentence_figures(text: str) -> tuple[Described, ...]:
    """The figures one sentence states: cached, as a story's outlets repeat sentences."""
    masked, quantities = read_sentence(text)
    for q in quantities:  # "£62m ($80m) gap": a label reads past the conversion
        if q.kind == "conversion" and (span := _bracketed(text, q)):
            blank = " " * (span[1] - span[0])
            text = text[: span[0]] + blank + text[span[1] :]
            masked = masked[: span[0]] + blank + masked[span[1] :]
    out: list[Described] = []
    scores = _scores(text, quantities)
    for q in quantities:
        if q.kind not in _SHOWN or any(second is q for second in scores.values()):
            continue  # '41% to 35%': the trailing side's share, whose side no label says
        label = q.label
        if q.unit == "votes" and label:
            label = tally_label(
                text, masked, q.start, text.find(q.display, q.start) + len(q.display), label
            )
        end = _label_end(text, q)
        described = describe(
            text, masked, q.start, end, q.value, q.unit, q.display, q.qualifier, label
        )
        if q.direction is not None:
            described = (*described[:6], q.direction, described[7])
        if second := scores.get(id(q)):  # the leader's share, without the other side's
            without = _SCORE_TAIL.sub("", described[3].replace(second.display, "\0", 1))
            described = (*described[:3], tidy(without.replace("\0", "")), *described[4:])
        out.append(described)
    return tuple(out)


def _scores(text: str, quantities: list[Quantity]) -> dict[int, Quantity]:
    """A poll's or a count's score, 'leads Jones 41% to 35%', '1,630 to Smith's 870': the
    first (larger) value is the leader's, the second the other side's. A smaller value
    first ('five to 10 years', '72-75 percent') is a range, no score. Keyed by the id of
    the first quantity."""
    shown = [q for q in quantities if q.kind in _SHOWN]
    found: dict[int, Quantity] = {}
    for first, second in zip(shown, shown[1:], strict=False):
        between = text[_label_end(text, first) : second.start]
        same = first.unit == second.unit or second.unit == "count"
        if same and first.value > second.value and _SCORE_LINK.fullmatch(between):
            found[id(first)] = second
    return found


_SIDE = r"(?:(?:[A-Z][\w.]*(?:[’']s?)?\s*){0,2}|(?:her|his|their|its)\s*)"
"""The other side's owner: 'to Sanders' 870', 'to her 35 percent'."""
_SCORE_LINK = re.compile(rf"\s*(?:to|-|–|versus|vs\.?)\s*{_SIDE}")
_SCORE_TAIL = re.compile(rf"\s*,?\s*(?:to|-|–|versus|vs\.?)\s*{_SIDE}\0")


def _bracketed(text: str, quantity: Quantity) -> tuple[int, int] | None:
    opening = max(text.rfind("(", 0, quantity.start), text.rfind("[", 0, quantity.start))
    closing = re.compile(r"[^()\[\]]*[)\]]").match(text, quantity.start)
    if opening < 0 or quantity.start - opening > 25 or not closing:
        return None
    return opening, closing.end()
