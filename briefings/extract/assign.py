"""Which quote each attribution belongs to: the cue after it (`“…,” she said`), the cue
before it (`He said: “…”`), a cue in its sentence, the speaker of the sentence before
(`“…,” said X. “…”`), or a cue that ended the paragraph before (`He said:`)."""

from __future__ import annotations

import re

from .attributions import ends_sentence
from .cue import Attribution, sentence_start
from .quote_marks import QuoteSpan, has_quote_mark, is_title, quote_spans

_RUNS_ON = re.compile(r"\s+[a-z]")
_LEAD_WORDS = re.compile(r"\s*(?:\w+\s+){0,5}\w*\s*[:,]\s*")


def carried(
    paragraph: str, previous: Attribution, span: QuoteSpan, found: list[Attribution]
) -> Attribution | None:
    """'“…,” said X, the chief executive of Y. “…”': a quote after a sentence that closed
    with its speaker's attribution is the same speaker's."""
    between = paragraph[previous.end : span.start]
    if (
        re.search(r"[.!?]\s*$", between)
        and not _speech_between(between)
        and not any(previous.end < a.start < span.start and _other(a, previous) for a in found)
        and (
            len(between.split()) <= 15
            # a long appositive ('said Jo Roe, a pollster who …'), within one sentence
            or sentence_start(paragraph, previous.start)
            == sentence_start(paragraph, len(paragraph[: span.start].rstrip()) - 1)
        )
    ):
        return previous
    return None


def _other(cue: Attribution, speaker: Attribution) -> bool:
    """A cue naming someone else ('… said X. Y disagreed.'); not one naming nobody ('when
    asked') or the same speaker again ('said X, who noted that …')."""
    if cue.mention is None or speaker.mention is None:
        return cue.mention is not None
    return cue.mention.kind != "pronoun" and cue.mention.name != speaker.mention.name


def _speech_between(text: str) -> bool:
    """Whether quoted words between an attribution and a quote may be someone else's: a
    show's name ('on ABC’s “This Week”') or a few words the speaker is said to have used
    ('after hinting that “personnel changes” could come') are not."""
    return any(
        not is_title(text, span) and len(span.inner.split()) > 4 for span in quote_spans(text)
    )


def dangling(
    paragraph: str, spans: list[QuoteSpan], found: list[Attribution]
) -> Attribution | None:
    """'He said:' ending a paragraph introduces the quote in the next one."""
    if (
        found
        and paragraph.rstrip().endswith(":")
        and not any(s.start > found[-1].end for s in spans)
    ):
        return found[-1]
    return None


def attribute(paragraph: str, span: QuoteSpan, found: list[Attribution]) -> Attribution | None:
    """The attribution a quote belongs to: after it, before it, or in its sentence."""
    for attribution in found:
        if (
            attribution.after_quote
            and 0 <= attribution.start - span.end <= 200
            and (
                attribution.start - span.end <= 60
                or sentence_start(paragraph, attribution.start) <= span.end
            )  # farther only within one sentence: '“…,” Dev Anand, the chief …, said'
            and not has_quote_mark(paragraph[span.end : attribution.start])
        ):
            return attribution
    if span.inner.rstrip().endswith(",") and (handed := _handed_to(paragraph, span, found)):
        return handed  # '“…,” the Florida senator said': his, or no one's if we do not know him
    for attribution in reversed(found):
        if attribution.end <= span.start:
            between = paragraph[attribution.end : span.start]
            if not has_quote_mark(between) and (
                between.rstrip().endswith((":", ",")) or len(between.split()) <= 8
            ):
                return attribution
            break
    opening = sentence_start(paragraph, span.start)
    for attribution in found:
        if attribution.start >= opening and sentence_start(paragraph, attribution.start) == opening:
            if attribution.start >= span.end and ends_sentence(
                span, paragraph[span.end : attribution.start]
            ):
                break  # '… “a failed candidate.” Romney fired back': the next sentence's
            return attribution
    return None


def standalone(paragraph: str, span: QuoteSpan, attribution: Attribution) -> bool:
    """A whole utterance (introduced by a colon, or followed by the attribution)."""
    if attribution.start >= span.end:
        return attribution.after_quote
    if _whole_sentence(paragraph, span):
        return True  # 'X said at a rally. “It's like …”': a sentence of its own
    if verb_first(paragraph, attribution):
        return True  # 'Said Jo Roe, who grew up here, “…”': the verb leads, the quote is hers
    if _RUNS_ON.match(paragraph, span.end):
        return False  # 'Sanders says “the wind is at our backs” despite …': part of a clause
    between = paragraph[attribution.end : span.start]
    return between.rstrip().endswith(":") or (
        between.strip(" ,") == ""
        or (len(between) < 80 and _LEAD_WORDS.fullmatch(between) is not None)
    )


def _whole_sentence(paragraph: str, span: QuoteSpan) -> bool:
    """A quote that is a sentence by itself: it opens a sentence and closes on its stop."""
    rest = paragraph[span.end :]
    return (
        span.inner.rstrip().endswith((".", "!", "?"))
        and sentence_start(paragraph, span.start) == span.start
        and (not rest.strip() or re.match(r"\s+[A-Z“\"']", rest) is not None)
    )


def verb_first(paragraph: str, attribution: Attribution) -> bool:
    """'Said Jo Roe: “…”', 'Says Okafor, …': a sentence opening with its reporting verb."""
    return attribution.verb != "according to" and paragraph[attribution.start].isupper()


def _handed_to(paragraph: str, span: QuoteSpan, found: list[Attribution]) -> Attribution | None:
    """The cue a quote ending on a comma hands over to, right after it, named or not: the
    quote is never the speaker of an earlier cue ('Nothing the president said “will
    assuage fears,” the senator said')."""
    for attribution in found:
        gap = paragraph[span.end : attribution.start]
        if span.end <= attribution.start <= span.end + 60 and _HANDED.fullmatch(gap):
            return attribution
    return None


_HANDED = re.compile(
    r"[\s,]*(?!(?:and|but|or)\b)(?:(?:the|a|an|his|her|their)\s+)?(?:[\w.'’-]+\s+){0,5}"
)
"""'…,” the senator said': a speaker right after; '…,” and he said' is a second clause."""
