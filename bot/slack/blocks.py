"""Replies → Block Kit: the Slack dialect of the reply templates, always within Slack's limits.

Pure functions from a `Reply` to message payloads (``{"text", "blocks"}``); the listeners
only send what these return.  Long replies are split over several messages and, past
`max_messages`, cut with a pointer to the rest, so Slack never rejects one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..commands import FULL_BRIEFING, SHARE, Button, Reply
from ..layout import Dialect, Part, render_parts
from . import fix_menus, limits, mrkdwn

Message = dict[str, Any]

_RESERVED_CHARS = 400
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CDG][A-Z0-9]{2,}$")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_HTTP = re.compile(r"^https?://[^\s<>|]+$")
LinkFor = Callable[[Button], str | None]

SLACK = Dialect(
    name="slack",
    escape=mrkdwn.escape,
    bold=lambda t: f"*{t}*",
    italic=lambda t: f"_{t}_",
    code=lambda t: f"`{t}`",
    link=lambda url, label: mrkdwn.link(url, _plain(label)),
    quote=lambda t: "\n".join("> " + line for line in t.split("\n")),
    channel=lambda cid: f"<#{cid}>" if _CHANNEL_ID.match(cid) else mrkdwn.escape(cid),
    menus=True,
)


def build_messages(
    reply: Reply,
    *,
    max_messages: int = 5,
    max_blocks: int = limits.MAX_BLOCKS_MESSAGE,
    shared_by: str | None = None,
    link_for: LinkFor = lambda button: None,
) -> list[Message]:
    """The messages that show `reply`: ≤ `max_messages`, buttons under the last one.

    `shared_by` (a user id) marks a copy posted to the channel: no "Share" button, and
    a line saying who shared it. A "Full briefing" button opens the link `link_for`
    signs for it, and is left out when there is none (no public URL).
    """
    parts = render_parts(SLACK, reply.view, reply.data)
    if shared_by is not None:  # a copy for the channel: no one corrects from it
        parts = [p for p in parts if p.kind != "menu"]
    blocks = to_blocks(parts)
    buttons = reply.buttons
    if shared_by is not None:
        buttons = tuple(b for b in buttons if b.action != SHARE)
        who = f"<@{shared_by}>" if _USER_ID.match(shared_by) else "someone"
        blocks.insert(0, {"type": "context", "elements": [_mrkdwn(f"Shared by {who}")]})
    actions = _actions(buttons, link_for)
    # Room on every page for the buttons and the "did not fit" note added below.
    room, chars = max_blocks - 2, limits.SAFE_TOTAL_TEXT - _RESERVED_CHARS
    pages = limits.split_blocks(blocks, max_blocks=room, max_chars=chars) or [[]]
    if len(pages) > max_messages:
        hidden = sum(len(p) for p in pages[max_messages:])
        pages = pages[:max_messages]
        note = f"{hidden} more blocks did not fit in Slack. {reply.more}".strip()
        pages[-1].append(_context(mrkdwn.truncate(note, _RESERVED_CHARS // 2)))
    if actions:
        pages[-1].append(actions)
    return [{"text": fallback(page), "blocks": page} for page in pages]


def build_home(reply: Reply) -> dict[str, Any]:
    """The App Home tab view (up to 100 blocks)."""
    blocks = to_blocks(render_parts(SLACK, reply.view, reply.data))
    if len(blocks) > limits.MAX_BLOCKS_VIEW:
        blocks = [
            *blocks[: limits.MAX_BLOCKS_VIEW - 1],
            _context(reply.more or "More did not fit."),
        ]
    return {"type": "home", "blocks": blocks}


def to_blocks(parts: list[Part]) -> list[dict[str, Any]]:
    """Neutral parts → blocks, each cut or split to fit its own limits."""
    blocks: list[dict[str, Any]] = []
    fields: list[dict[str, Any]] = []

    def flush_fields() -> None:
        for i in range(0, len(fields), limits.SECTION_FIELDS):
            blocks.append({"type": "section", "fields": fields[i : i + limits.SECTION_FIELDS]})
        fields.clear()

    for part in parts:
        if part.kind == "field":
            fields.append(_mrkdwn(mrkdwn.truncate(part.text, limits.FIELD_TEXT)))
            continue
        flush_fields()
        if part.kind == "header":
            text = mrkdwn.truncate(_header(part.text), limits.HEADER_TEXT)
            blocks.append({"type": "header", "text": {"type": "plain_text", "text": text}})
        elif part.kind == "section":
            for chunk in limits.fit_section_text(part.text):
                blocks.append({"type": "section", "text": _mrkdwn(chunk)})
        elif part.kind == "context":
            text = mrkdwn.truncate(part.text, limits.TEXT_OBJECT)
            blocks.append({"type": "context", "elements": [_mrkdwn(text)]})
        elif part.kind == "divider":
            blocks.append({"type": "divider"})
        elif part.kind == "menu":  # the section before it gets the item's correction menu
            last, menu = blocks[-1] if blocks else {}, fix_menus.accessory(part.text)
            if menu and last.get("type") == "section" and "accessory" not in last:
                last["accessory"] = menu
    flush_fields()
    return blocks


def fallback(blocks: list[dict[str, Any]]) -> str:
    """Plain-text `text` for notifications and screen readers: the first lines, escaped."""
    lines = []
    for block in blocks:
        text = block.get("text", {})
        if block["type"] == "header":
            lines.append(mrkdwn.escape(text["text"]))
        elif block["type"] == "section" and "text" in block:
            lines.append(text["text"])
        if len(lines) == 2:
            break
    return mrkdwn.truncate("\n".join(lines), limits.TEXT_OBJECT) or "Briefbot"


def as_text(messages: list[Message]) -> str:
    """What a message shows, for a terminal: `briefbot ask` prints the real blocks this way."""
    out: list[str] = []
    for n, message in enumerate(messages):
        if n:
            out.append("")
        for block in message["blocks"]:
            kind = block["type"]
            if kind == "header":
                title = block["text"]["text"]
                out += ["", title, "═" * min(len(title), 78)]
            elif kind == "section":
                texts = [block["text"]] if "text" in block else block["fields"]
                out += [_terminal(t["text"]) for t in texts]
            elif kind == "context":
                out += ["  " + _terminal(e["text"]) for e in block["elements"]]
            elif kind == "divider":
                out.append("─" * 78)
            elif kind == "actions":
                out.append("  ".join(_button_text(e) for e in block["elements"]))
    return "\n".join(out).strip("\n") + "\n"


def _actions(buttons: tuple[Button, ...], link_for: LinkFor) -> dict[str, Any] | None:
    elements = []
    for b in buttons:
        button = {
            "type": "button",
            "text": {"type": "plain_text", "text": b.label[: limits.BUTTON_TEXT]},
            "action_id": b.action,
        }
        if b.action == FULL_BRIEFING:
            url = link_for(b)
            if not (url and _HTTP.match(url) and len(url) <= limits.BUTTON_URL):
                continue
            button["url"] = url
        else:
            button["value"] = b.value[: limits.BUTTON_VALUE]
        elements.append(button)
    if not elements:
        return None
    return {"type": "actions", "elements": elements[: limits.ACTIONS_ELEMENTS]}


def _button_text(button: dict[str, Any]) -> str:
    """'[ Share in channel ]'; a link button with where it goes: '[ Full briefing: https://… ]'."""
    label = button["text"]["text"]
    return f"[ {label}: {button['url']} ]" if "url" in button else f"[ {label} ]"


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack must not turn article text's bare URLs or #names into links.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(mrkdwn.escape(text))]}


def _header(text: str) -> str:
    """Header text is plain_text: entities back to characters, and no `<…>` at all.

    Slack does not parse plain_text for mentions, but angle brackets are swapped for
    look-alikes anyway so that no surface or client version can ever read one as markup.
    """
    return _plain(text).replace("<", "\u2039").replace(">", "\u203a")


def _plain(text: str) -> str:
    """Escaped mrkdwn back to plain text (plain_text objects are never parsed for markup)."""
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")


def _terminal(text: str) -> str:
    return _plain(_LINK.sub(lambda m: f"{m[2]} ({m[1].replace('&amp;', '&')})", text))
