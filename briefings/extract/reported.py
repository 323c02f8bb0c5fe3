"""What an indirect statement reports: 'X said on Monday that [parents still want
neighbourhood schools]', '[The plan is dead], officials said', 'According to X, […]'.

The content is cut from the sentence as printed (a verbatim substring), without the
speaker, the verb, the object of 'told'/'asked', the time and the medium ('in a
statement'), so a reader, and a check against the source, can tell the claim from its
attribution. The whole sentence stays the statement's context.
"""

from __future__ import annotations

import re

from .. import lexicon

_OBJECT_VERBS = frozenset(
    "told tells telling asked asks asking urged urges accused accuses reminded reminds assured"
    " assures".split()
)
"""Verbs followed by whom they address: 'told reporters [the talks had stalled]'."""
_AUDIENCES = frozenset(
    """
    reporters journalists supporters voters audience crowd crowds listeners viewers
    lawmakers members delegates officials colleagues students parents residents me us him
    her them you people congress parliament
    """.split()
)
_DAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight"
    r"|(?:last|this|earlier this|late last|early|late) (?:week|month|year|night|morning"
    r"|evening|afternoon|weekend|spring|summer|autumn|fall|winter)"
    r"|(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2})"
)
_MEDIUM = (
    r"(?:statement|interview|email|e-mail|speech|tweet|post|letter|release|memo|video"
    r"|call|op-ed|column|conversation|appearance|briefing|conference|rally|debate"
    r"|address|message|remarks|report|filing|note|podcast|broadcast|show|town hall)"
)
_LEAD = re.compile(
    rf"(?:\s*,?\s*(?:(?:on|at|during|late|early)\s+)?{_DAY}\b(?!['’])"
    rf"|\s*,?\s*(?:in|on|at|during|via|through)\s+(?:a|an|the|his|her|their|its)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_MEDIUM}s?\b"
    r"(?:\s+(?:with|to|on|for)\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*)?"
    r"|\s*,?\s*(?:on|to)\s+(?:Twitter|Facebook|Instagram|CNN|Fox(?: News)?|MSNBC|NBC|CBS|ABC)\b"
    r"|\s*,?\s*(?:also|again|repeatedly|publicly|privately|previously|later|recently|too)\b"
    r"|\s*,)+",
)
"""Time, medium and adverbs between a verb and what it reports."""
_PLACE_OR_TIME = re.compile(r"\s*,?\s*(?:in|on|at|during|to|last|this)\b")
_NOT_ALONE = frozenset("called calls".split())
"""'called' reports speech only with its words in quotes, or as 'called for/on'; alone it
is a telephone call or a name ('a group called …')."""
_THAT_ONLY = (
    frozenset(
        """
        wrote writes tweeted tweets posted posts denied denies added adds released maintains
        maintained
        """.split()
    )
    | lexicon.BELIEF_VERBS
)
"""Verbs that take a thing as often as a clause ('wrote a check', 'added trucks', 'denied
the claim'): what they report is a clause, marked by 'that' or opening with a subject."""
_CLAUSE_OPENS = re.compile(
    r"\s*(?:he|she|they|we|I|it|there|his|her|their|its"
    r"|(?:(?:the|a|an|this|that|these|those|[A-Z][\w.'’-]*)\s+)(?:[\w'’-]+\s+){0,3}?"
    r"(?:is|was|are|were|will|would|had|has|have|could|should|can|may|might|must|did|does"
    r"|do|won't|wouldn't|didn't|doesn't|isn't|wasn't))\b"
)
_FOR_ON = re.compile(r"\s+(?:for|on)\b")
_NO_CLAUSE = re.compile(
    r"\s+(?:them|so|nothing|something|anything)\b|\s+(?:it|this)\s*[,.;]"
    r"|\s+little\b(?=\s*(?:[,.;]|about\b|else\b|more\b))"
    r"|\s+(?:to|into|about|for|around|nearly|some|another)\s",
    re.I,
)
"""'said so', 'said little', 'added to', 'added about 300 jobs': no reported clause follows."""
_CLAUSE_END = re.compile(
    r"\s*(?:;|\s[—–-]{1,2}\s|\s(?:and|but)\s(?:later\s|also\s|then\s)?(?:said|says|added|told|wrote"
    r"|vowed|promised|pledged|requested|urged|warned|insisted|argued|suggested|noted"
    r"|acknowledged|criticized|criticised|accused|announced|declared|predicted|praised|blamed"
    r"|defended|dismissed|rejected|denied|repeated|described|explained|questioned|challenged"
    r"|applauded)\b"
    r"|,\s+as\s+(?:has|have|had|did|does|do)\s"
    r"|,\s+(?:but|while|whereas|yet)\s|,\s+(?:although|though)\s(?![\w'’-]+(?:\s[\w'’-]+)?,)"
    r"|(?:,|(?<=,[”\"’]))\s+(?:and|or)\s+(?=(?:he|she|they|it|we|I|the|his|her|their|its|that|there)\b)"
    r"|,\s+(?:adding|saying|noting|citing|highlighting|arguing|resulting in|calling|telling"
    r"|stating|insisting|warning|claiming|declaring|describing|explaining|suggesting"
    r"|acknowledging|accusing|pointing)\b"
    r"|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|Lt|Fr|Rt))"
    r"(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Maj|Adm|Det|Hon|Rev))"
    r"(?<!\b(?:Capt|Prof|Supt|Cllr|Brig|Insp|Msgr|Cmdr))[.!?][\"”’']*\s+(?:''|[\"“‘])?(?=[A-Z]))"
)
"""Where the reported clause ends: a semicolon, a dash, ', but …', ', though …' (not an
aside such as ', although brief,'), ', and he …', a second attribution (', adding'), or a
sentence the splitter left joined to it."""
_DASH = re.compile(r"\s[—–-]{1,2}\s")
_ASIDE = re.compile(r"[^;\"“”']{1,80}")
"""Words between two dashes that are an aside: short, no quote of their own."""


def _clause_end(text: str) -> int | None:
    """Where `_CLAUSE_END` first cuts, passing over an aside between two dashes ('a bigger
    stage -- the DNC -- to counterbalance …')."""
    at = 0
    while cut := _CLAUSE_END.search(text, at):
        dash = re.fullmatch(r"\s*[—–-]{1,2}\s", cut.group())
        pair = _DASH.search(text, cut.end()) if dash else None
        if pair and _ASIDE.fullmatch(text[cut.end() : pair.start()]):
            at = pair.end()
            continue
        return cut.start()
    return None


_CIRCUMSTANCE = re.compile(
    r"\s*(?:in|during|on|at|after|before|with|from|by|while|when|as|via|through|to)\s"
    r"(?!.{0,90}\bthat\b)",
    re.I,
)
"""'said [in his 2012 book], …': a circumstance where the reported clause would be."""
_SUBORDINATE = re.compile(
    r"\s*(?:(?:And|But)\s+)?(?i:although|though|while|whereas|because|since|once|if|when|as"
    r"|after|before|even though)\b"
)
_MAIN_CLAUSE = re.compile(r",\s+(?=(?:he|she|they|we|I|it)\b)")
"""A sentence that opens with a subordinate clause goes on to its main clause after a
comma and a subject: the verb in the opening clause reports only up to there."""
_THAT = re.compile(r"\s*\bthat\b\s*")
_THAT_AFTER_OBJECT = re.compile(r"(?:\s+(?!that\b)[\w.'’“”\"-]+){1,10}?\s+that\s+")
"""Whom a verb addresses, however described, up to the 'that' of what it reports."""
_ROLE_LEAD = lexicon.ROLE_WORDS | lexicon.ROLE_MODIFIERS | lexicon.DESCRIPTORS | lexicon.ARTICLES
"""Words of a speaker's description before the name ('the veteran journalist')."""
_LINKS = frozenset("of for at in on to and".split())
_OFFICE_WORDS = lexicon.ROLE_WORDS | lexicon.ROLE_MODIFIERS
_TAIL_ATTRIBUTION = re.compile(r"[^,;:]*$")
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


def reported(
    paragraph: str, start: int, end: int, verb_start: int, verb_end: int, speaker: str
) -> str | None:
    """The reported words of the sentence paragraph[start:end] whose attribution verb
    spans verb_start:verb_end; None when too little is left to be a claim.

    >>> s = "The mayor said on Monday that parents still want neighbourhood schools."
    >>> reported(s, 0, len(s), 10, 14, "The mayor")
    'parents still want neighbourhood schools'
    >>> s = "The closures will go ahead in June, the council said in a statement."
    >>> reported(s, 0, len(s), 48, 52, "the council")
    'The closures will go ahead in June'
    """
    verb = paragraph[verb_start:verb_end].lower()
    before = paragraph[start:verb_start]
    after = paragraph[verb_end:end]
    if verb == "according to":
        if not before.strip():
            # 'According to X, …': the content follows the source's phrase.
            comma = after.find(",")
            return _trimmed(after[comma + 1 :]) if comma >= 0 else None
        return _trimmed(before)
    if verb in lexicon.POSITION_VERBS:
        return _position(_relative_end(before, after, finite=False))
    head = speaker.split()[0] if speaker.split() else ""
    if verb in lexicon.BELIEF_VERBS:
        before = ""  # 'Millennials still believe …': a view is what follows its verb
    if before.rstrip().endswith(",") and head and head in after[:60] and head not in before:
        # '[…], said Jane Roe, the chief executive.': the speaker follows the verb.
        return _trimmed(before)
    if verb in _NOT_ALONE:
        # 'called for [a public inquiry into …]', 'called on [ministers to …]': a position
        return _position(after[on.end() :]) if (on := _FOR_ON.match(after)) else None
    rest = after
    if lead := _LEAD.match(rest):
        rest = rest[lead.end() :]
    if verb in _COMMITMENTS and _TO_DO.match(rest):
        # 'vowed [to fight on]', up to a comma or a second verb ('… and celebrated')
        return _trimmed(re.split(r",\s|\s(?:and|but)\s+[a-z]+ed\b", rest, maxsplit=1)[0])
    if _NO_CLAUSE.match(" " + rest.lstrip()) or (
        verb in ("added", "adds") and rest.lstrip()[:1] in tuple("0123456789$£€")
    ):
        return None
    if _SUBORDINATE.match(before) and (main := _MAIN_CLAUSE.search(rest)):
        rest = rest[: main.start()]  # 'Although he praised …, he struck …': his praise ends
    if verb in _OBJECT_VERBS and (that := _THAT_AFTER_OBJECT.match(rest)):
        rest = rest[that.end() :]  # 'told conservative radio host Hugh Hewitt on Wednesday that'
    elif verb in _OBJECT_VERBS:
        rest = _without_object(rest)
        if lead := _LEAD.match(rest):
            rest = rest[lead.end() :]
        if re.match(r"\s*to\s+[a-z]", rest) and verb not in ("told", "tells", "telling"):
            return _trimmed(rest)  # 'asked the prime minister this week [to declare …]'

    subject_at = _subject_start(before, speaker)
    claim = before[:subject_at].rstrip()
    if subject_at > 0 and claim.count(",") == 1 and _GOES_ON.match(after):
        # 'The argument would be aided, Devine said, by the calendar': one claim around its
        # attribution, so it is the whole sentence.
        return _trimmed(paragraph[start:end])
    if (
        subject_at > 0
        and (
            len(_WORD.findall(rest)) <= 1
            or _CIRCUMSTANCE.match(rest)
            or re.match(r"\s*[a-z]+ing\b", rest)  # '…, he said, wiping the counter'
            or re.match(r"\s*(?:[;:]|[—–]|--)", rest)  # '…, analysts say; in 2012, …'
        )
        and claim
    ):
        # '[…], the minister said on Monday.'
        return _trimmed(before[:subject_at])
    if _CIRCUMSTANCE.match(rest):
        return None  # 'noted recently in New York magazine': where, not what
    if that := _THAT.match(rest):
        rest = rest[that.end() :]
    elif (that_at := _that_soon(rest)) is not None:
        rest = rest[that_at:]
    elif verb in _THAT_ONLY and not _CLAUSE_OPENS.match(rest):
        return None  # 'wrote a $500,000 check', 'added trucks', 'denied the claim'
    if verb in lexicon.REPORTING_PARTICIPLES:
        rest = _aside_end(rest)
    return _trimmed(_relative_end(before, rest))


_RELATIVE_CUE = re.compile(r",\s+(?:who|which|whom)\s+(?:[\w'’-]+\s+){0,4}$")
"""'Jo Roe, who has said …': the verb opens a relative clause inside the sentence."""
_MAIN_RESUMES = re.compile(
    r",\s+(?:(?:also|then|later|quickly|now|still|once)\s+)?"
    r"(?:[a-z]{3,}ed|is|was|were|has|had|have|will|would|may|might|can|could|did|does|plans"
    r"|says|said|told|tweeted|took|made|went|gave|sent|wrote|spoke|met|won|became|began|ran)"
    r"\b(?!\s+by\b)"
)
"""'…, recounted the incident': a comma and a verb with no subject of its own, where the
sentence's main clause resumes after a relative clause."""


_FINITE = re.compile(
    r"\b(?:is|was|were|are|has|had|have|will|would|could|should|can|may|might|must|did|does"
    r"|do|says|sees|wants|thinks|knows|needs|plans|[a-z]{2,}ed)\b"
)


def _relative_end(before: str, rest: str, finite: bool = True) -> str:
    """'Juanita Roe, who said [Clinton lied in 1998], recounted …': a relative clause's
    verb reports up to where the main clause resumes, not the rest of the sentence; a
    reported clause must be whole by then ('… Mr. Jäger, under fire, would do better' is
    one claim going on past its subject's aside)."""
    if not _RELATIVE_CUE.search(before):
        return rest
    for resumes in _MAIN_RESUMES.finditer(rest):
        if not finite or _FINITE.search(rest, 0, resumes.start()):
            return rest[: resumes.start()]
    return rest


_COMMITMENTS = frozenset(
    "vowed vows vowing promised promises promising pledged pledges pledging".split()
)
"""Verbs whose infinitive is what was said: 'vowed [to fight on]'."""
_TO_DO = re.compile(
    r"\s*to\s+(?!(?:the|a|an|his|her|their|its|him|them|me|us|reporters)\b)[a-z]+\b"
    r"(?!\s+(?:have|has|had|is|are|was|were|will|would|can|could)\b)"
)
"""An infinitive after the verb, not the end of a relative clause ('the divides he
promised to bridge have grown')."""

_MAIN_VERBS = lexicon.REPORTING_VERBS | lexicon.POSITION_VERBS | lexicon.BELIEF_VERBS


def _aside_end(rest: str) -> str:
    """'and, citing the parish's history, endorsed …': a participle in an aside reports up
    to where the sentence's own verb comes back."""
    for comma in re.finditer(r",\s+([a-z]+)\b", rest):
        if comma[1] in _MAIN_VERBS:
            return rest[: comma.start()]
    return rest


_ACT_ENDS = re.compile(r"\s*(?:[,;:(]|\s[—–-]{1,2}\s|[—–]|\s(?:as|while|when|because|but|and)\s)")
_ACT_TIME = re.compile(
    rf"(?:\s+(?:(?:on|in|at|during|since|until|before|after|last|this|earlier|early|late)\s+)?"
    rf"(?:{_DAY}|\d{{4}}|(?:the\s+)?(?:spring|summer|fall|autumn|winter|past|weekend)\b"
    rf"|(?:January|February|March|April|May|June|July|August|September|October|November"
    rf"|December)\b))+\s*$"
)


_NO_OBJECT = re.compile(
    r"\s*(?:[^\w\s“\"'‘]|(?:in|on|at|by|for|from|with|as|during|over|under|and|or|but|off|up"
    r"|out|back|after|into|is|was|has|have|had|will|would)\b)",
    re.I,
)
"""After an act's verb, words that start no object: a participle ('cited in'), a clause."""


def _position(after: str) -> str | None:
    """What an act is about ('endorsed [Clinton's plan to raise the minimum wage] on
    Tuesday'): the words after the verb up to the first break, without the time; None
    when under five words (a name alone is no statement of a position)."""
    if lead := _LEAD.match(after):
        after = after[lead.end() :]
    if _NO_OBJECT.match(after):
        return None  # 'the bureau cited in his tweet', 'Sanders had proposed, he …'
    if cut := _ACT_ENDS.search(after):
        after = after[: cut.start()]
    after = _ACT_TIME.sub("", re.sub(r"[.!?]+\s*$", "", after.strip()))
    return after if len(_WORD.findall(after)) >= 5 else None


_GOES_ON = re.compile(
    r"\s*,\s+(?!(?:and|but|or|yet|while|who|which|whose|where|when|as|though|although|because"
    r"|according|including|a|an|the|his|her|their|on condition)\b|[a-z]+ing\b)"
    r"(?=[a-z])[^,;:“”\"]{8,}[.!?]?\s*$"
)
"""After '…, Devine said': a comma and the rest of the same claim in lower case to the end
('…, by the upcoming calendar.'), not a second clause, an appositive or an attribution."""


def _subject_start(before: str, speaker: str) -> int:
    """Where the speaker phrase starts in the words before the verb, when those words
    have a clause of their own before it ('[…], the minister said'); else 0."""
    head = speaker.split()[0] if speaker.split() else ""
    if not head:
        return 0
    at = before.rfind(head)
    if at <= 0:
        return 0
    lead = before[:at].rstrip()
    for _ in range(4):  # '…, journalist Martha Raddatz said', '…, former Gov. Jo Roe said'
        last = lead[lead.rfind(" ") + 1 :]
        if lead.endswith(",") or not (last.lower() in _ROLE_LEAD or last[:1].isupper()):
            break
        lead = lead[: lead.rfind(" ")].rstrip()
    if not lead.endswith(",") or _CIRCUMSTANCE.match(lead) and lead.count(",") == 1:
        return 0  # 'In response to the loss of life, Jo Roe said': a circumstance, not a claim
    if lead.count(",") == 1 and all(
        w.lower() in _ROLE_LEAD | _LINKS or w[:1].isupper() for w in _WORD.findall(lead)
    ):
        return 0  # 'The chairman of the Joint Chiefs, Gen. Jo Roe, said': her role, not a claim
    return len(lead)


def _without_object(rest: str) -> str:
    """'told reporters …', 'told The Associated Press …', 'asked the crowd …'."""
    tokens = list(re.finditer(r"\S+", rest))
    i = 0
    if i < len(tokens) and tokens[i].group().lower() in ("the", "a", "an", "his", "her", "their"):
        i += 1
    if i < len(tokens) and tokens[i].group().rstrip(",").lower() in _AUDIENCES:
        i += 1
    elif i and i < len(tokens) and tokens[i].group().lower() in _OFFICE_WORDS:
        while i < len(tokens) and tokens[i].group().rstrip(",").lower() in _OFFICE_WORDS:
            i += 1  # 'asked the prime minister [to declare …]'
    else:
        while i < len(tokens) and tokens[i].group()[:1].isupper():
            i += 1
    return rest[tokens[i - 1].end() :] if i else rest


def _that_soon(rest: str) -> int | None:
    """'said in an interview with the paper's editors that …': 'that' within a few words
    that say where or when, not a clause of their own."""
    match = re.search(r"\bthat\b\s*", rest[:90])
    if match is None:
        return None
    lead = rest[: match.start()]
    if len(_WORD.findall(lead)) <= 8 and _PLACE_OR_TIME.match(lead):
        return match.end()
    return None


def _trimmed(text: str) -> str | None:
    """The content's first clause without the punctuation around it; None when under
    four words."""
    text = text.strip().strip(",;:—–-").strip()
    if cut := _clause_end(text):
        text = text[:cut]
    text = re.sub(r"\.$", "", text).rstrip(", ").strip()
    if len(_WORD.findall(text)) < 4:
        return None
    return text
