"""Slack mrkdwn escaping, owned here because neither slack_sdk nor Bolt ships any.

Slack treats ``&``, ``<`` and ``>`` as control characters: ``<!channel>``, ``<@U1>`` and
``<http://x|y>`` become pings and links.  Every piece of text that did not come from us
(article titles, summaries, user input) must go through :func:`escape` before it is put in
a ``mrkdwn`` text object or a message's ``text``.  Only :func:`link` may emit a raw ``<``.
Never post with ``parse="full"`` or ``link_names=True``: those make Slack turn bare
``@channel`` / ``#general`` into pings again.

Entities (``&amp;`` …) and ``<…>`` links are atomic: the cutting helpers here never split
one, because half an entity renders as garbage and half a link swallows the rest.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["escape", "quote", "link", "truncate", "word_spans", "safe_cut"]

# C0 controls except \t (0x09) and \n (0x0a); \r is normalised to \n before this runs.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_NEWLINES = re.compile(r"\r\n?")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_LINK = re.compile(r"<[^<>\n]*>")
# A "word": a run of non-space characters in which a whole <…> link (spaces and all) counts
# as part of the word, so no boundary is ever found inside a link label.
_WORD = re.compile(r"(?:<[^<>\n]*>|[^\s<]+|<)+")
# Characters that would end or break a <url|label> if left raw in the URL.
_URL_UNSAFE = re.compile(r"[\s<>|\"\x00-\x1f\x7f]")
_PIPE_LOOKALIKE = "\u2223"  # DIVIDES, rendered like "|" but not Slack syntax


def _clean(text: str) -> str:
    """Normalise CR/CRLF to LF and drop the other C0 controls (Slack shows them as junk)."""
    return _CONTROL.sub("", _NEWLINES.sub("\n", text))


def escape(text: str) -> str:
    """Make untrusted text display literally in mrkdwn: nothing in it can ping or link.

    >>> escape("<!channel> Tom & Jerry <@U123> <http://x|y>")
    '&lt;!channel&gt; Tom &amp; Jerry &lt;@U123&gt; &lt;http://x|y&gt;'
    >>> escape("a\\r\\nb\\x00c\\td")
    'a\\nbc\\td'
    """
    text = _clean(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text: str) -> str:
    """Escape ``text`` and render it as a blockquote (every line prefixed with ``> ``).

    The text's own ``>`` are escaped, so it cannot end or nest the quote.

    >>> quote("a > b\\nc")
    '> a &gt; b\\n> c'
    """
    return "\n".join(f"> {line}" for line in escape(text).split("\n"))


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def link(url: str, label: str) -> str:
    """Build a ``<url|label>`` link ourselves; only http(s) URLs become links.

    The label is escaped, kept on one line and its ``|`` replaced by a look-alike, so it
    cannot close the link early or smuggle markup.  Unsafe URL characters are
    percent-encoded and ``&`` is sent as ``&amp;`` (Slack decodes it).  For any other
    scheme (``javascript:``, ``slack:``, relative …) only the escaped label is returned.

    >>> link("https://example.com/?a=1&b=2", "Q&A <!here> | more")
    '<https://example.com/?a=1&amp;b=2|Q&amp;A &lt;!here&gt; \u2223 more>'
    >>> link("javascript:alert(1)", "click")
    'click'
    """
    text = escape(" ".join(label.split())).replace("|", _PIPE_LOOKALIKE)
    url = _clean(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return text
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return text
    safe_url = _URL_UNSAFE.sub(_percent, url).replace("&", "&amp;")
    return f"<{safe_url}|{text}>" if text else f"<{safe_url}>"


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word; a ``<…>`` link never contains a boundary."""
    return [m.span() for m in _WORD.finditer(text)]


def safe_cut(text: str, start: int, pos: int) -> int:
    """Move a hard cut at ``pos`` back so it is not inside an entity or a link.

    Never backs off to ``start`` or before, so a caller that must make progress always
    does: a link longer than the budget is then split (an entity never is, unless the
    budget is under 5).  Pass ``start=-1`` to allow backing off to 0 instead.
    """
    if pos >= len(text):
        return len(text)
    lt = text.rfind("<", start + 1, pos)
    if lt != -1 and (m := _LINK.match(text, lt)) and m.end() > pos:
        pos = lt
    amp = text.rfind("&", max(start + 1, pos - 4), pos)
    if amp != -1 and (m := _ENTITY.match(text, amp)) and m.end() > pos:
        pos = amp
    return pos


def truncate(text: str, limit: int, suffix: str = "\u2026") -> str:
    """Shorten to at most ``limit`` characters *including* ``suffix``.

    Cuts at the last word boundary; hard-cuts (still entity- and link-safe) only when
    that boundary would waste more than half the room, e.g. before a giant URL.  Safe to
    call on escaped text: it never leaves ``&am``.  The suffix is dropped if it alone
    exceeds ``limit``.

    >>> truncate("Tom &amp; Jerry go west", 12)
    'Tom &amp;\u2026'
    >>> truncate("short", 10)
    'short'
    """
    if limit < 0:
        raise ValueError("limit must be >= 0")
    if len(text) <= limit:
        return text
    if len(suffix) > limit:
        suffix = ""
    budget = limit - len(suffix)
    cut = 0
    for m in _WORD.finditer(text):  # words are maximal, so each end is a boundary
        if m.end() > budget:
            break
        cut = m.end()
    if cut < budget // 2:
        cut = safe_cut(text, -1, budget)  # start=-1: may back off to 0 rather than split
    return text[:cut].rstrip() + suffix
