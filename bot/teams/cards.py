"""Replies → Adaptive Cards 1.5 for Teams, from the same reply templates as Slack.

Untrusted text only ever lands in `TextRun.text`, which Teams shows literally: no Markdown,
no ``<at>`` mentions, no links.  The Teams dialect therefore marks bold, italic and links
with private-use characters that escaping removes from article text, and `runs` turns
them into TextRun styles; nothing an article says can become card markup.

A card stays under 28 KB (the Workflows webhook limit, below the bot's ~40 KB); a long
reply becomes several cards, and past `max_cards` it is cut with a pointer to the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..commands import FIGURES_XLSX, FULL_BRIEFING, Button, Reply
from ..layout import Dialect, Part, render_parts

Card = dict[str, Any]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
VERSION = "1.5"
MAX_CARD_BYTES = 28_000
MAX_RUN_CHARS = 2_000

# Markup: open/close pairs for styles, and link = OPEN url SPLIT label CLOSE.
BOLD, UNBOLD, ITALIC, UNITALIC, CODE, UNCODE = "\ue000\ue001\ue002\ue003\ue004\ue005"
LINK, LINK_LABEL, UNLINK = "\ue006\ue007\ue008"
_MARKS = re.compile("[\ue000-\ue00f]")
_TOKENS = re.compile("([\ue000-\ue008])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTTP = re.compile(r"^https?://[^\s\ue000-\ue00f]+$", re.IGNORECASE)


def escape(text: str) -> str:
    """Article text, inert: no markup characters, no control characters, no ``${`` data
    binding (Adaptive Card templating would evaluate it)."""
    text = _CONTROL.sub("", _MARKS.sub("", text))
    return text.replace("${", "$\u200b{")


def _link(url: str, label: str) -> str:
    return f"{LINK}{url}{LINK_LABEL}{label}{UNLINK}" if _HTTP.match(url) else label


TEAMS = Dialect(
    name="teams",
    escape=escape,
    bold=lambda t: f"{BOLD}{t}{UNBOLD}",
    italic=lambda t: f"{ITALIC}{t}{UNITALIC}",
    code=lambda t: f"{CODE}{t}{UNCODE}",
    link=_link,
    quote=lambda t: "\n".join(f"  {ITALIC}{line}{UNITALIC}" for line in t.split("\n")),
    channel=lambda cid: "this conversation" if cid.startswith(("19:", "a:", "8:")) else cid,
)


def runs(text: str, **style: Any) -> list[list[dict[str, Any]]]:
    """Dialect text → lines of TextRuns (a style may span lines)."""
    lines: list[list[dict[str, Any]]] = [[]]
    bold = italic = code = False
    url: str | None = None
    in_url = False
    for token in _TOKENS.split(text):
        if token in (BOLD, UNBOLD):
            bold = token == BOLD
        elif token in (ITALIC, UNITALIC):
            italic = token == ITALIC
        elif token in (CODE, UNCODE):
            code = token == CODE
        elif token == LINK:
            in_url, url = True, ""
        elif token == LINK_LABEL:
            in_url = False
        elif token == UNLINK:
            url = None
        elif in_url:
            url = token
        elif token:
            for n, piece in enumerate(token.split("\n")):
                if n:
                    lines.append([])
                if piece:
                    lines[-1].append(_run(piece, bold, italic, code, url, style))
    return [line for line in lines if any(r["text"].strip() for r in line)]


def _run(
    text: str, bold: bool, italic: bool, code: bool, url: str | None, style: dict[str, Any]
) -> dict[str, Any]:
    if len(text) > MAX_RUN_CHARS:
        text = text[: MAX_RUN_CHARS - 1] + "…"
    run: dict[str, Any] = {"type": "TextRun", "text": text, **style}
    if bold:
        run["weight"] = "Bolder"
    if italic:
        run["italic"] = True
    if code:
        run["fontType"] = "Monospace"
    if url:
        run["selectAction"] = {"type": "Action.OpenUrl", "url": url}
        run["underline"] = True
    return run


def to_elements(parts: list[Part]) -> list[dict[str, Any]]:
    """Neutral parts → card body elements: one RichTextBlock per line."""
    elements: list[dict[str, Any]] = []
    separate = False
    for part in parts:
        if part.kind == "divider":
            separate = True
            continue
        style: dict[str, Any] = {}
        if part.kind == "header":
            style = {"size": "Large", "weight": "Bolder"}
        elif part.kind == "context":
            style = {"size": "Small", "isSubtle": True}
        for n, line in enumerate(runs(part.text, **style)):
            block: dict[str, Any] = {"type": "RichTextBlock", "inlines": line}
            if n == 0 and elements:
                block["spacing"] = "Medium"
            if separate:
                block["separator"], separate = True, False
            elements.append(block)
    return elements


def build_cards(
    reply: Reply,
    *,
    max_cards: int = 5,
    max_bytes: int = MAX_CARD_BYTES,
    link_for: Callable[[Button], str | None] = lambda button: None,
) -> list[Card]:
    """The cards that show `reply`, each under `max_bytes`; buttons under the last one.

    Teams has no private replies, so "Share in channel" has no meaning here; the
    spreadsheet and "Full briefing" buttons become links when `link_for` can make them.
    """
    actions = [
        {"type": "Action.OpenUrl", "title": escape(b.label), "url": url}
        for b in reply.buttons
        if b.action in (FIGURES_XLSX, FULL_BRIEFING) and (url := link_for(b)) and _HTTP.match(url)
    ]
    room = max_bytes - _size(message(_card([], actions)))
    pages: list[list[dict[str, Any]]] = [[]]
    used = 0
    for element in to_elements(render_parts(TEAMS, reply.view, reply.data)):
        element = _fit(element, room)
        if pages[-1] and used + _cost(element, len(pages[-1])) > room:
            pages.append([])
            used = 0
        used += _cost(element, len(pages[-1]))
        pages[-1].append(element)
    if len(pages) > max_cards:
        total = sum(len(p) for p in pages)
        hidden = total - sum(len(p) for p in pages[:max_cards])
        pages = pages[:max_cards]
        last, longest_note = pages[-1], _cost(_note(total, reply.more), 0)
        while len(last) > 1 and sum(_cost(e, n) for n, e in enumerate(last)) + longest_note > room:
            last.pop()
            hidden += 1
        last.append(_note(hidden, reply.more))
    cards = [_card(page, []) for page in pages]
    cards[-1]["actions"] = actions
    return [{k: v for k, v in card.items() if v != []} for card in cards]


def _fit(element: dict[str, Any], room: int) -> dict[str, Any]:
    """`element`, its longest runs halved until it fits a card on its own: a line of article
    text with no full stop in it can be longer than a whole card."""
    inlines = [dict(run) for run in element.get("inlines", [])]
    fitted = {**element, "inlines": inlines}
    while inlines and _cost(fitted, 0) > room:
        run = max(inlines, key=lambda r: len(r["text"]))
        run["text"] = run["text"][: len(run["text"]) // 2].rstrip() + "…"
    return fitted


def _note(hidden: int, more: str) -> dict[str, Any]:
    text = f"{hidden} more lines did not fit in Teams. {escape(more)}".strip()
    return to_elements([Part("context", text)])[0]


def _cost(element: dict[str, Any], position: int) -> int:
    """Bytes `element` adds to a card at `position`: itself and its ", " separator, and
    again as fallback text when it is one of the first two lines."""
    cost = _size(element) + 2
    if position < 2:
        cost += _size("".join(r["text"] for r in element.get("inlines", []))) + 2
    return cost


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> Card:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "fallbackText": fallback(body),
        "body": body,
        "actions": actions,
    }


def fallback(body: list[dict[str, Any]]) -> str:
    """Plain text for clients that cannot show the card: the first two lines."""
    lines = ["".join(r["text"] for r in b.get("inlines", [])) for b in body[:2]]
    return "\n".join(lines)[:500] or "Briefbot"


def attachment(card: Card) -> dict[str, Any]:
    return {"contentType": CARD_TYPE, "content": card}


def message(card: Card) -> dict[str, Any]:
    """The message that carries `card`, as a Workflows webhook receives it."""
    return {"type": "message", "attachments": [attachment(card)]}


def _size(value: Any) -> int:
    """JSON bytes with non-ASCII escaped (an accent or a curly quote is six bytes as \\uXXXX):
    the most any sender's encoding can make of it, so a card that fits here fits in Teams."""
    return len(json.dumps(value))


def as_text(cards: list[Card]) -> str:
    """What the cards show, for a terminal and for tests."""
    out: list[str] = []
    for card in cards:
        for block in card.get("body", []):
            out.append("".join(r["text"] for r in block.get("inlines", [])))
        out += [f"[{a['title']}] {a['url']}" for a in card.get("actions", [])]
    return "\n".join(out)
