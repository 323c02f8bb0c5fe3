"""Attribution cues in a paragraph, each with its speaker phrase.

A cue is a reporting verb ('said', 'told', 'according to') outside quote marks, with the
speaker phrase around it; or no verb at all where news style signs a quote (`“…” ― Jane
Doe`, `Jane Doe: “…”`, a headline's `Kasich: ‘…’`: `signed.py`). `assign.py` decides
which quote each cue belongs to.
"""

from __future__ import annotations

import re

from .. import lexicon
from .coordination import shared
from .cue import Attribution, cue_words, inside, sentence_start
from .opening_subject import subject
from .quote_marks import QuoteSpan, has_quote_mark
from .signed import signed
from .speaker_after import describes, forward_np, inverted
from .speaker_phrase import backward_np
from .speakers import Mention
from .unnamed import crowd, unnamed

_QUOTE_ONLY_VERBS = lexicon.QUOTE_ONLY_VERBS

_AND = re.compile(
    r"\b(?:and|but)(?:\s+(?:later|then|also|again|finally|simply|quickly|once|even|soon))?"
    r"(?:\s+(?:went on|proceeded|continued) to)?\s*$"
)
"""'… and said', '… and later said': the verb shares the sentence's subject."""
_CROWD_VERBS = (
    frozenset("say says said told tell argue argued contend insist warned wrote write".split())
    | lexicon.BELIEF_VERBS
)
"""Verbs a crowd reports with ('Critics of the plan say …')."""
_THAT_FOLLOWS = re.compile(
    r"(?:\s+(?:on|last|this|in|late|early|earlier)\s+[A-Z]?[a-z]+(?:\s+\d{1,2})?)?\s+that\s"
)
"""'joked that …', 'boasted that …': a quote-only verb in the past reporting a clause
('states that …', 'answers that …' are as often nouns and a relative clause)."""
_PASSIVE = re.compile(r"\s+by\b")
_ASKED_ABOUT = re.compile(r"\b(?:whom|who|which|what|whether|if)\s+(?:\S+\s+){1,3}$", re.I)
"""'asked whom she supported': an act inside a question or a relative clause."""
_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[\w.'’-]+\s+){0,4}[\w'’-]+)\s+$")
"""'with many marchers chanting': the words before an '-ing' verb that are its own subject."""


_COMPARISON = re.compile(
    r"\bthan\s+(?:the\s+|its\s+|their\s+)?[A-Za-z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}\s*$"
)
"""'more than the Treasury had estimated': a comparison, not something said."""
_NEW_CLAUSE = re.compile(
    r";|,\s+(?:while|whereas|but|although|though|and)\s+"
    r"(?=[A-Z]|(?:the|a|an|his|her|their|its|he|she|they|it|we)\b)"
)
"""'…, argue that …, while her rival, Bernie Sanders, has soared by saying': a clause with
its own subject between a cue and a participle."""
_ASIDE_CLOSED = re.compile(r"\s[—–-]{1,2}\s+$")
_EMBEDDED = re.compile(r"\b(?:how|whether|why)\s+(?:[\w.'’-]+\s+){1,5}$")
"""'a debate over how the United States responds to …': a question about it, not its words."""


_APPOSED = re.compile(
    r"[\s,]*(?:(?:the|a|an)\s)?[A-Za-z][\w.'’-]*(?:\s[\w.'’-]+){0,4},\s[^.!?;:“”\"]{2,200}?,\s*"
    r"(?:(?:also|then|later|again|once)\s)?"
)
"""'“…,” Jane Roe, the chief executive of Northline, said': a name and its appositive
between a quote and its verb."""


_ASIDE = re.compile(r"\s*\([^()]{1,30}\)")
_CLAUSE_BREAK = re.compile(
    r",\s+|\s+(?:as|while|when|and|but|before|after|until)\s+|^\s*(?:As|While|When)\s+"
)
"""Where a clause about someone else gives way to the speaker's ('Cruz said as the
heckler yelled')."""
"""'Sen. Chuck Schumer (D-N.Y.) said': a party and state between a name and its verb."""
_QUOTE_NEXT = re.compile(
    r"(?:\s+(?:it|this|on))?\s*[,:]?\s*(?:''|[“\"])"
    r"|(?:\s+[\w.'’-]+){1,4}\s*[,:]\s*(?:''|[“\"])"
    r"|(?:\s+[\w.'’-]+){0,4}\s*:\s*$"
)
"""A quote right after the verb, or after its object and a comma ('telling the crowd, “…”'),
or in the next paragraph after a colon ('Jo Roe, 17, echoed:')."""
_SUBORDINATORS = frozenset(
    "that because although though after before when whenever since while until unless if "
    "whether which nothing everything anything something what all".split()
)
"""Words before a speaker that make the verb part of a clause: 'because the minister
said …', 'Nothing the president said …' (what was said is the object of another verb)."""
_CAPITAL_PRONOUNS = frozenset(w.capitalize() for w in lexicon.SUBJECT_PRONOUNS)
_SAYS = frozenset("said says asked asks tweeted wrote added replied told".split())
_SHORT_FORM = re.compile(r"\b([A-Z][a-z]{0,4}|[A-Z](?:\.[A-Z])+)\.")
"""'Mr.', 'Mass.', 'U.S.': a full stop that ends no sentence."""
"""'said on Tuesday, “…”': up to six words, then a colon or comma, before the quote."""
_NAMING = frozenset("calling labeling labelling dubbing branding".split())
_NAMED = re.compile(r"(?:\s+[\w.'’-]+){1,4}\s*(?:''|[“\"])")
_NAME_GAP = re.compile(r"[\s,]*(?:[\w.'’-]+\s){0,5}")


def find_attributions(paragraph: str, spans: list[QuoteSpan]) -> list[Attribution]:
    """Every attribution cue of a paragraph, in order, with its speaker when it has one."""
    found: list[Attribution] = []
    for match in cue_words(paragraph):
        if inside(spans, match.start()):
            continue
        verb = match.group().lower()
        clause = False
        if " " in verb and verb != "according to":
            verb = " ".join(verb.split())  # a phrasal verb: quote-only
            if not _next_to_quote(paragraph, spans, match):
                continue
        elif (
            verb in _QUOTE_ONLY_VERBS
            and not _next_to_quote(paragraph, spans, match)
            and (not verb.endswith("ed") or not _THAT_FOLLOWS.match(paragraph, match.end()))
        ):
            continue
        before = [s for s in spans if s.end <= match.start()]
        gap = paragraph[before[-1].end : match.start()] if before else None
        after_quote = (
            gap is not None
            and re.fullmatch(r"[\s,]*", gap) is not None
            and not verb.endswith("ing")  # 'the CNN “reporter,” saying, “…”': not its quote
        )
        if verb == "according to":
            mention = forward_np(paragraph[match.end() :])
        elif after_quote or (
            match.group()[:1].isupper() and not verb.endswith("ing")  # 'Said Stone: “…”'
        ):
            mention = forward_np(paragraph[match.end() :])
        elif verb in lexicon.REPORTING_PARTICIPLES or (
            verb.endswith("ing") and verb in _QUOTE_ONLY_VERBS
        ):
            opening = sentence_start(paragraph, match.start())
            lead = paragraph[opening : match.start()]
            if own := _WITH_SUBJECT.search(lead):  # 'with many marchers chanting “…”'
                mention = crowd(own[1]) or unnamed(own[1]) or backward_np(own[1])
            elif (
                found
                and found[-1].mention
                and not found[-1].subordinate
                and found[-1].start >= opening
                and not _NEW_CLAUSE.search(paragraph, found[-1].end, match.start())
            ):
                # '“…,” Jo said, adding that …', '…, Hollande said, noting …': the same speaker
                mention = found[-1].mention
                opener = None if has_quote_mark(lead[:3]) else subject(lead, True)
                if (
                    opener
                    and opener.kind == "person" != mention.kind
                    and opener.name in mention.text
                ):
                    mention = opener  # 'Cllr Ann Price of Goole attacked …, saying': the person
            else:  # the subject of the participle's own clause (none if it opens in a quote)
                clauses = list(_NEW_CLAUSE.finditer(lead))
                lead = lead[clauses[-1].end() :] if clauses else lead  # the last clause's own
                mention = None if has_quote_mark(lead[:3]) else subject(lead, True)
        else:
            segment_start = max(
                [s.end for s in before] + [sentence_start(paragraph, match.start())]
            )
            if not _ASIDE_CLOSED.search(paragraph, max(0, match.start() - 16), match.start()):
                segment_start = max(segment_start, match.start() - 160)
            # else 'Neil Sroka, director of DFA - which … has endorsed Sanders - said': the
            # whole aside, both dashes, however long, so that it is read as an aside
            segment = paragraph[segment_start : match.start()]
            mention = (
                None
                if _COMPARISON.search(segment)
                or segment.endswith(("'s ", "’s "))
                or _EMBEDDED.search(segment)
                or _AND.search(segment)  # '… as unqualified and accused': the shared subject
                else shared(segment, backward_np(segment), backward_np)
            )  # 'than the Treasury had estimated'; 'rebut Trump's claims' (a noun)
            if mention is None and segment_start == sentence_start(paragraph, match.start()):
                # 'A White House official who spoke anonymously said': nobody named;
                # 'Social conservatives say the bills …': a crowd.
                mention = (
                    unnamed(segment)
                    or (crowd(segment) if verb in _CROWD_VERBS else None)
                    or unnamed(_CLAUSE_BREAK.split(segment)[-1])  # 'As Trump spoke, a man yelled'
                )
            elif mention is None and before and segment_start == before[-1].end:
                mention = unnamed(segment.lstrip(" ,")) or (  # '“…,” one Clinton aide said'
                    crowd(segment.strip(" ,")) if verb in _CROWD_VERBS else None
                )  # '“…,” the committee chairmen wrote'
                mention = mention or unnamed(_CLAUSE_BREAK.split(segment)[-1])
            if (
                segment.rstrip().endswith(",")
                and verb not in lexicon.POSITION_VERBS  # 'endorsed Senator Ted Cruz': the object
                and (after := inverted(paragraph[match.end() :]))
            ):
                mention = after
            if mention is None and _AND.search(segment):
                # 'Trump looked up, furrowed his brow and said': the sentence's subject,
                # who is the speaker of an earlier verb in it ('called … and said').
                opening = sentence_start(paragraph, match.start())
                same = [
                    a
                    for a in found
                    if a.mention is not None
                    and not a.subordinate
                    and sentence_start(paragraph, a.start) == opening
                ]
                mention = same[-1].mention if same else subject(paragraph[opening:], True)
                if found and found[-1].subordinate and found[-1].start >= opening:
                    between = paragraph[found[-1].end : match.start()]
                    if "," not in re.sub(r"[“\"][^”\"]*[”\"]", "", between):
                        # 'while Huckabee proposed we “…” and said': the same clause's subject
                        mention = found[-1].mention
            if mention is not None and mention.kind == "pronoun" and found:
                # 'Ms Moss said she welcomed …': the pronoun is the first speaker again.
                between = paragraph[found[-1].end : match.start()]
                if found[-1].mention and re.fullmatch(r"\s*(?:that\s+)?\w+\s+", between):
                    mention = found[-1].mention
            clause = (
                mention is not None and mention.kind != "pronoun" and _subordinate(segment, mention)
            )
            apposed = gap is not None and _APPOSED.fullmatch(_SHORT_FORM.sub(r"\1", gap))
            if apposed and gap is not None:
                # 'Jo Roe, now 81 and living in Leeds, said': the name, not the place.
                mention = forward_np(gap.lstrip(" ,")) or mention
            post = (
                gap is not None
                and before
                and not any(a.start >= before[-1].end for a in found)  # '“…,” he said. He said'
                and (
                    re.fullmatch(r"[\s,]*[\w.'’&-]+(?:\s[\w.'’&-]+){0,4}\s*", _ASIDE.sub("", gap))
                    or apposed
                    or len(gap.split()) <= 8
                    and all(map(describes, gap.strip(" ,").split()))
                )  # '“…,” DoubleLine Capital portfolio manager Jo Roe said': a described name
            )
            after_quote = (
                bool(post)
                and mention is not None
                and not re.match(r"[\s,]*(?:and|but|or)\b", gap or "")
                and (
                    not ends_sentence(before[-1], gap or "")
                    and _hands_over(before[-1], gap or "")
                    or _bare(paragraph, match.end())
                )
            )
        if (
            mention is None
            and (verb in ("added", "saying") or verb.endswith("ing"))
            and found
            and not _NEW_CLAUSE.search(paragraph, found[-1].end, match.start())
        ):
            mention = found[-1].mention
        if verb in lexicon.BELIEF_VERBS and (
            mention is None
            or mention.kind == "pronoun"
            and (bool(found) and found[-1].start >= sentence_start(paragraph, match.start()))
        ):
            # 'she said she believed …': a view inside what someone said; 'He believes …'
            # opening its own sentence is his view
            continue
        if verb in lexicon.POSITION_VERBS and (
            mention is None
            or mention.kind == "pronoun"  # 'He blamed …': acts are reported of a name
            or after_quote
            or _PASSIVE.match(paragraph, match.end())
            or _ASKED_ABOUT.search(paragraph, 0, match.start())
            # 'he argued that every candidate, Cruz included, favored …': his claim
            or bool(found)
            and found[-1].start >= sentence_start(paragraph, match.start())
        ):
            continue  # 'the plan, backed by …': whoever backs it comes after
        if _passive(paragraph, match, verb):
            continue  # 'The councillor, accused of lying, resigned': the one accused
        found.append(Attribution(match.start(), match.end(), verb, mention, after_quote, clause))
    found.extend(signed(paragraph, spans))
    found.extend(_colon_subject(paragraph, spans, found))
    return sorted(found, key=lambda a: a.start)


def _passive(paragraph: str, match: re.Match[str], verb: str) -> bool:
    """'The councillor, accused of lying, …': passive (lexicon.OBJECT_FIRST_VERBS)."""
    before = paragraph[max(0, match.start() - 12) : match.start()].lower().split()[-1:]
    return (
        verb in lexicon.OBJECT_FIRST_VERBS
        and bool(_PREPOSITION_NEXT.match(paragraph, match.end()))
        and not (before and before[0] in lexicon.ACTIVE_BEFORE)
    )


_PREPOSITION_NEXT = re.compile(r"\s+(?:of|for|with|over|as)\b")


def _colon_subject(
    paragraph: str, spans: list[QuoteSpan], found: list[Attribution]
) -> list[Attribution]:
    """'Clinton has since apologised for what happened: “…”', 'In 1998, Clinton released
    the following statement:' (the quote opening the next paragraph): a sentence with no
    reporting verb that hands over to a quote with a colon is its subject's introduction;
    only a named person (or a pronoun) speaks so."""
    out: list[Attribution] = []
    colons: list[tuple[int, QuoteSpan | None]] = [
        (paragraph.rfind(":", 0, span.start), span) for span in spans
    ]
    if paragraph.rstrip().endswith(":"):  # the quote opens the next paragraph
        colons.append((len(paragraph.rstrip()) - 1, None))
    for colon, span in colons:
        between = paragraph[colon + 1 : span.start if span else len(paragraph)]
        if colon < 0 or between.strip() or inside(spans, colon):
            continue
        opening = sentence_start(paragraph, colon)
        if any(opening <= a.start <= colon for a in found) or has_quote_mark(
            paragraph[opening:colon]
        ):
            continue
        mention = subject(paragraph[opening:colon], True)
        if (
            span
            and paragraph[span.start] == "‘"
            and not _headline_speaker(paragraph[:colon], mention)
        ):
            continue
        if mention is not None and mention.kind in ("person", "pronoun"):
            out.append(Attribution(colon, colon + 1, ":", mention, False))
    return out


def _headline_speaker(lead: str, mention: Mention | None) -> bool:
    """A headline's 'Kasich: ‘…’' or 'Ted Cruz on Trump: ‘…’' names its speaker in a few
    words; in Title Case a longer lead is a sentence ('Trump Addresses Munich Attack')."""
    speaker = re.split(r"\s+[Oo]n\s+", lead.strip(), maxsplit=1)[0]
    return mention is not None and mention.text == speaker and len(speaker.split()) <= 3


def _subordinate(segment: str, mention: Mention) -> bool:
    """The speaker phrase opens a clause inside someone else's sentence ('it was a
    humiliation that Starmer had announced …', 'because the minister said …'): what it
    reports is the other speaker's account, not a statement of its own."""
    head = mention.text.split()[0] if mention.text.split() else ""
    at = segment.rfind(head) if head else -1
    if at <= 0:
        return False
    words = segment[:at].split()
    return bool(words) and words[-1].lower() in _SUBORDINATORS


def _hands_over(quote: QuoteSpan, gap: str) -> bool:
    """'“…,” she said' and '“…”, she said': a comma (or '?', '!', a dash) hands a quote
    over to its speaker; '“humiliation” that Starmer had announced' does not."""
    return quote.inner.rstrip().endswith((",", "?", "!", "—", "–", "-", "…")) or (
        gap.lstrip().startswith(",")
    )


def _bare(paragraph: str, end: int) -> bool:
    """'“… missing.” Trump said.': a sentence that is only a speaker and a reporting verb
    says nothing itself, so it attributes the quote before it, whatever closed the quote."""
    return _BARE_TAIL.match(paragraph, end) is not None


_BARE_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|during|after|before|to|from|later|earlier|last|this|yesterday|today"
    r"|tonight|afterwards?)\b[^.!?“”\"]{0,60})?\s*[.!?](?:\s|$)"
)


def ends_sentence(quote: QuoteSpan, gap: str) -> bool:
    """'… is “ongoing.” He said …': a quote closing on a full stop ends its sentence, so the
    next sentence's verb is not its attribution; after '?' or '!' a capitalised pronoun
    starts a new sentence too ('“Really?” She laughed.' but '“Really?” she asked'), unless
    its verb says it ('“Too forced?” She tweeted', as some outlets print it)."""
    inner = quote.inner.rstrip()
    if inner.endswith(".") and not inner.endswith(".."):
        return True
    words = gap.split()
    first, second = (words + ["", ""])[:2]
    return inner.endswith(("?", "!")) and first in _CAPITAL_PRONOUNS and second not in _SAYS


def _next_to_quote(paragraph: str, spans: list[QuoteSpan], match: re.Match[str]) -> bool:
    """A verb that may mean other things ('recalled', 'put it') attributes only a quote
    right before it (a name between) or right after it (a colon or comma between)."""
    before = [s for s in spans if s.end <= match.start()]
    if before and re.fullmatch(
        r"[\s,]*(?:[\w.'’-]+\s){0,5}", paragraph[before[-1].end : match.start()]
    ):
        return True
    if match.group().lower() in _NAMING and _NAMED.match(paragraph, match.end()):
        return True  # 'calling the protester “a troublemaker”'
    return _QUOTE_NEXT.match(paragraph, match.end()) is not None
