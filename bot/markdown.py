"""Replies as Markdown: the outbox's format, from the same reply templates as Slack."""

from __future__ import annotations

from briefings import escape_markdown

from .commands import Reply
from .layout import Dialect, render_parts

MARKDOWN = Dialect(
    name="markdown",
    escape=escape_markdown,
    bold=lambda t: f"**{t}**",
    italic=lambda t: f"_{t}_",
    code=lambda t: f"`{t}`",
    link=lambda url, label: _link(url, label),
    quote=lambda t: "\n".join("> " + line for line in t.split("\n")),
    channel=lambda cid: "#" + escape_markdown(cid),
)


def _link(url: str, label: str) -> str:
    """Only http(s) URLs become links; the URL cannot close the link early."""
    if not url.lower().startswith(("http://", "https://")):
        return label
    safe = "".join(c if c.isprintable() and c not in " <>" else f"%{ord(c):02X}" for c in url)
    return f"[{label}](<{safe}>)"


def render_markdown(reply: Reply) -> str:
    out: list[str] = []
    for part in render_parts(MARKDOWN, reply.view, reply.data):
        if part.kind == "header":
            out += [f"## {part.text}", ""]
        elif part.kind == "context":
            out += [f"_{part.text}_", ""]
        elif part.kind == "divider":
            out += ["---", ""]
        else:  # Markdown joins lines into one paragraph unless they end with two spaces
            out += [part.text.replace("\n", "  \n"), ""]
    return "\n".join(out).rstrip() + "\n"
