"""Quotes signed without a verb: '“…” ― Jane Doe, a pensioner', 'Jane Doe: “…”', and a
signature line of its own after a quote ('- Bernie Sanders.'), as vox pops, transcripts
and fact checks print them. Only a person's name signs."""

from __future__ import annotations

import re

from .cue import Attribution, inside
from .mentions import Mention
from .quote_marks import QuoteSpan
from .speaker_after import forward_np
from .speaker_phrase import backward_np
from .speakers import parse_mention

_DASH_SIGN = re.compile(r"\s*[―—–]{1,2}\s*|\s+-{1,2}\s*")
_COLON_SIGN = re.compile(
    r".*?\bMore from\s+(?P<more>[A-Z][\w.'’-]+):\s*(?=''|[“\"])|(?:.*?\s[-—–―]\s+)?\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s[\w.'’][\w.'’-]*){0,7}(?:\s\([A-Z][\w.-]{1,12}\))?):"
    r"\s*(?=''|[“\"])"
)
"""'Jane Doe: “…”', 'HEADLINE - Jane Doe: “…”', 'Rep. Jo Roe (R-Utah): “…”', 'Roe: “…”': a
quote signed before it, as transcripts, digests and headlines print them (a lone surname
speaks only if the article names its bearer in full: `resolve.py`)."""


_NEXT_SIGN = re.compile(
    r"\s*(?P<name>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}(?:\s\([A-Z][\w.-]{1,12}\))?):\s*"
)


def signed(paragraph: str, spans: list[QuoteSpan]) -> list[Attribution]:
    """'“…” ― Jane Doe, a pensioner' and 'Jane Doe: “…”': a quote signed with a name and no
    verb, as vox pops and transcripts print them. Only a person's name counts."""
    out: list[Attribution] = []
    for span in spans:
        if span.closed and (dash := _DASH_SIGN.match(paragraph, span.end)):
            mention = forward_np(paragraph[dash.end() :])
            if mention is not None and mention.kind == "person" and not inside(spans, dash.end()):
                out.append(Attribution(dash.start(), dash.end(), "—", mention, True))
    for before, span in zip(spans, spans[1:], strict=False):
        # 'Clinton: “…” Bush: “…”': a transcript signs each quote after the first too.
        if (sign := _NEXT_SIGN.fullmatch(paragraph, before.end, span.start)) and (
            (mention := parse_mention(sign["name"])) is not None and mention.kind == "person"
        ):
            out.append(Attribution(sign.end("name"), sign.end("name") + 1, ":", mention, False))
    if spans and (colon := _COLON_SIGN.match(paragraph)) and colon.end() == spans[0].start:
        group = "name" if colon.group("name") else "more"
        phrase = colon.group(group)
        mention = backward_np(phrase) or parse_mention(phrase)
        if (
            mention is not None
            and mention.kind == "person"
            and len(mention.text.split()) >= len(phrase.split()) - 1
        ):  # the whole phrase is the name ('Priebus told Fox News:' is not 'Fox News')
            out.append(Attribution(colon.end(group), colon.end(group) + 1, ":", mention, False))
    return out


def signature(paragraph: str) -> Mention | None:
    """'- Bernie Sanders.' as a paragraph of its own: the person who said the quote that
    stood alone in the paragraph before, as fact checks and tweet round-ups sign them."""
    dash = _SIGNATURE.match(paragraph)
    mention = forward_np(paragraph[dash.end() :]) if dash and len(paragraph) < 160 else None
    return mention if mention is not None and mention.kind == "person" else None


_SIGNATURE = re.compile(r"\s*[-–—―]{1,2}\s*(?=[A-Z])")
