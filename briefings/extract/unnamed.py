"""Speakers the article does not name: an unnamed source described by what they are ('a
Democratic strategist', 'one of those advisers'), someone at the scene ('the man shouted',
'a woman in the front row asked') and a crowd a sentence opens with ('Six in 10 voters
said'). Each is a group of that name, listed after the named speakers."""

from __future__ import annotations

import re

from .mentions import Mention

_POSSESSIVE = re.compile(r"['’]s?$")

_SOURCE_NOUNS = (
    "source|official|aide|adviser|advisor|strategist|operative|staffer|person|insider|"
    "veteran|supporter|voter|donor|lawmaker|diplomat|member|consultant|analyst|ally|"
    "confidant|friend|observer|delegate|attendee|protester|participant|organizer|organiser|"
    "pollster|expert|executive|officer|lawyer|spokesman|spokeswoman|spokesperson|"
    "representative|insider|associate|employee|activist|leader|candidate|senator|governor|"
    "commenter|user|reader|viewer|caller|witness|student|worker|resident|neighbou?r|parent|"
    "Democrat|Republican|conservative|liberal|Tory|Conservative|Liberal|Labour MP|MP"
)
_UNNAMED = re.compile(
    r"\s*(?:(?P<det>(?i:an?|another|one|this|that))\s+(?:of\s+(?:the|those|these|his|her|its|"
    r"their|two|three|several|many|[A-Z][\w.-]*['’]s?)\s+)?"
    r"(?P<head>(?:(?!who\b|that\b|said\b)[\w.'’&-]+\s+){0,4}?(?:" + _SOURCE_NOUNS + r")s?)\b"
    r"|(?P<the>(?i:the))\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?P<again>source|aide|insider|staffer|operative|confidant|employee|designer|diplomat"
    r"|worker|donor)\b)"
    r"(?P<tail>\s+(?:familiar\s+with|close\s+to|with\s+(?:direct\s+)?knowledge\s+of"
    r"|involved\s+in|briefed\s+on|for\s+one\s+of)"
    r"(?:\s+(?!who\b|said\b|says\b|told\b)[\w.'’-]+){1,5}"
    r"|\s+(?:to|for|at|of|in|with)\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3})?"
)
"""'a Democratic strategist', 'one of those advisers', 'another source familiar with
Cruz’s thinking', 'a longtime adviser to Trump': a speaker the article does not name,
described by what they are; and 'the source' or 'the aide' the article described so."""
_STRANGER = re.compile(
    r"\s*(?P<det>(?i:the|an?|another|one|some|many))\s+(?P<head>(?:[\w'’-]+\s+){0,3}?"
    r"(?:man|woman|men|women|boy|girl|heckler|crowd|audience|onlooker|bystander|passer-?by"
    r"|(?:protester|demonstrator|attendee|supporter|fan|voter|caller|marcher|rally-goer)s?))\b"
    r"(?P<tail>\s+(?:in|at|from|on|near|outside)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?"
)
"""'the man shouted', 'a woman in the crowd asked', 'the crowd chanted', 'some protesters
chanted': someone at the scene the article does not name; 'the' too, as a vox pop is
rarely named again."""
_ASIDE = re.compile(
    r"(?:\s*,?\s+(?:who|whom)\s[^“”\"]*|\s*,\s*(?:speaking|who)\s[^“”\"]*,)?\s*(?:,\s*)?$"
)


ANOTHER = "(another)"
"""The name of 'another' standing alone ('Another tweeted, “…”', '“…,” tweeted another'):
one more of the unnamed group the article quoted last, never a group of its own."""
_ANOTHER = re.compile(r"\s*(?i:yet\s+)?(?i:another)[\s,]*")


def unnamed(phrase: str, whole: bool = True) -> Mention | None:
    """An unnamed source ('said a senior aide who …'), as a group of one; with `whole`,
    only when the phrase is nothing else but that description and an aside."""
    if _ANOTHER.fullmatch(phrase):
        return Mention(phrase.strip(), "group", name=ANOTHER)  # one more of the last group
    match = _UNNAMED.match(phrase) or _STRANGER.match(phrase)
    if match is None:
        return None
    rest = phrase[match.end() :]
    if whole and not _ASIDE.fullmatch(rest):
        return None
    words = ((match.group("head") or match.group("again")) + (match.group("tail") or "")).split()
    if words[-1].lower() in ("person", "persons", "member", "members") and len(words) == 1:
        return None  # 'one person said': nobody to show
    name = " ".join(words)
    if words[0].lower() in ("in", "of", "at", "from", "on", "near", "outside"):
        name = f"{match.group('det')} {name}"  # 'Many in the crowd', not 'in the crowd'
    if match.group("det") == "one" and (of := re.match(r"\s*one of (\S+)", phrase)):
        # 'one of those advisers' is an adviser; 'one of Trump’s aides' a Trump aide
        owner = _POSSESSIVE.sub("", of.group(1))
        name = re.sub(r"s$", "", name)
        name = f"{owner} {name}" if owner[:1].isupper() else name
    return Mention(match.group(0).strip(), "group", name=name)


_CROWD = re.compile(
    r"\s*(?P<phrase>(?:(?:(?:some|many|most|several|few|all|both|half|majorities|majority|"
    r"at least half|about half|nearly half|more than half|two-thirds|a third|\w+ in \d+|"
    r"\w+ out of \d+|\d+ percent|\d+%)\s+of\s+(?:the\s+|these\s+|those\s+)?)|"
    r"(?:some|many|most|several|few|other|\w+ in \d+|\w+ out of \d+)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?"
    r"(?P<head>[A-Za-z][a-z-]+[^suiy\W]s|(?i:[a-z]*women|[a-z]*men|people|children)))"
    r"(?P<tail>\s+(?:of|with|in|from|at|who|on)\s[^“”\"]*)?\s*,?\s*"
    r"(?:however,?\s*|also\s+|too,?\s*)?$"
)
"""'Social conservatives say', 'Six in 10 Virginia primary voters said', 'Proponents of
the bill, however, say': a crowd the sentence opens with, named by its own words."""


def crowd(segment: str) -> Mention | None:
    """The plural subject of 'X say(s) …' when it names no one: a group of that name."""
    segment = _OPENER.sub("", segment)  # 'Yet some voters', '- Democrats in Iowa'
    match = _CROWD.fullmatch(segment)
    if match is None or match.group("head").lower() in _NOT_CROWDS:
        return None
    phrase = match.group("phrase")
    tail = match.group("tail") or ""
    if tail and len(tail.split()) <= 4 and tail.split()[0] in ("of", "in", "from", "at"):
        phrase += tail.rstrip(" ,")  # 'Proponents of the new bill'
    if len(phrase.split()) > 9:
        return None
    return Mention(phrase.strip(), "group", name=phrase.strip())


_OPENER = re.compile(r"^\s*(?:[-—–]+\s*|(?:Yet|But|And|Though|Although|Still|So|Now)\s+)+")
"""What opens a sentence before its crowd, and is no part of the crowd's name."""
_NOT_CROWDS = frozenset(
    """
    polls numbers figures data results reports documents records studies surveys emails
    statistics estimates projections rules laws things others news times years days
    months weeks hours minutes percent points
    """.split()
)
"""Plural subjects that report nothing themselves."""
