"""Replies as templates: Jinja2 renders a reply view to a list of neutral parts.

A view template in ``templates/replies/`` is prose with one-line directives that start a
part: ``<header>``, ``<section>``, ``<field>``, ``<context>``, ``<divider>``, and ``<menu>``
(an item's correction menu, for the section before it, on platforms that have menus).  Each chat
platform turns the parts into its own payload (Slack blocks, Teams cards) and supplies a
`Dialect` for inline markup.  Every value is escaped by the dialect's `finalize`, and
escaping removes ``<``, so article text can never start a directive or inject markup;
only the markup filters (`bold`, `link`, `cite` …) emit the dialect's syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jinja2

from briefings import (
    Briefing,
    Safe,
    editors,
    shipped,
    spoken_time,
    target_of,
    template_environment,
    token,
)

TEMPLATES = shipped("templates") / "replies"
KINDS = ("header", "section", "field", "context", "divider", "menu")
_SPACE = re.compile(r"\s+")
_DIRECTIVE = re.compile(r"^<(" + "|".join(KINDS) + r")>[ \t]*(.*)$")


@dataclass(frozen=True)
class Part:
    kind: str  # one of KINDS
    text: str  # in the dialect's markup, already escaped


@dataclass(frozen=True)
class Dialect:
    """How one platform writes inline text: its escaper and its markup."""

    name: str
    escape: Callable[[str], str]
    bold: Callable[[str], str]
    italic: Callable[[str], str]
    code: Callable[[str], str]
    link: Callable[[str, str], str]  # (url, escaped label) -> markup
    quote: Callable[[str], str]  # escaped, possibly multi-line text -> block quote
    channel: Callable[[str], str]  # a channel id from our database -> a channel reference
    menus: bool = False  # whether it shows `<menu>` parts (Slack overflow menus) or drops them


def render_parts(dialect: Dialect, view: str, data: Mapping[str, Any]) -> list[Part]:
    """Render `view` with `data` and split the output into parts."""
    text = _environment(dialect).get_template(f"{view}.j2").render(data)
    parts = parse_parts(text)
    return parts if dialect.menus else [p for p in parts if p.kind != "menu"]


def parse_parts(text: str) -> list[Part]:
    parts: list[Part] = []
    kind, lines = None, []
    for line in text.splitlines():
        if m := _DIRECTIVE.match(line):
            if kind:
                parts.append(Part(kind, "\n".join(lines).strip()))
            kind, lines = m[1], [m[2]]
        elif kind:
            lines.append(line)
    if kind:
        parts.append(Part(kind, "\n".join(lines).strip()))
    return [p for p in parts if p.text or p.kind == "divider"]


def _one_line(value: Any) -> str:
    """Values are inline text: a line break in one must not start a new part."""
    return _SPACE.sub(" ", str(value))


@lru_cache(maxsize=8)
def _environment(dialect: Dialect) -> jinja2.Environment:
    def esc(value: Any) -> str:
        return dialect.escape(_one_line(value))

    def mark(fn: Callable[[str], str]) -> Callable[[Any], Safe]:
        return lambda value: Safe(fn(value if isinstance(value, Safe) else esc(value)))

    @jinja2.pass_context
    def cite(ctx: jinja2.runtime.Context, source_ids: Iterable[str]) -> Safe:
        """Outlets for source ids, linked where the source has a URL."""
        briefing, labels = ctx["b"], ctx["labels"]
        names = []
        for sid in dict.fromkeys(source_ids):
            s = briefing.source(sid)
            label = esc(labels[sid])
            names.append(dialect.link(s.url, label) if s.url else label)
        return Safe("(" + ", ".join(dict.fromkeys(names)) + ")" if names else "")

    env = template_environment(TEMPLATES, esc)
    env.filters.update(
        bold=mark(dialect.bold),
        italic=mark(dialect.italic),
        code=mark(dialect.code),
        quote=lambda value: Safe(dialect.quote(dialect.escape(str(value)))),
        link=lambda url, label: Safe(
            dialect.link(url, esc(_shorten(label))) if url else esc(label)
        ),
        cite=cite,
        corrected=lambda item: Safe(
            " · " + dialect.italic(esc(f"corrected by {editors(item.corrected)}"))
            if item.corrected
            else ""
        ),
        ref=lambda item: token(target_of(item)),
        channel=lambda cid: Safe(dialect.channel(str(cid))),
        when=_when_here,
        plural=lambda n, word, many=None: f"{n} {word if n == 1 else (many or word + 's')}",
    )
    return env


def source_labels(briefing: Briefing) -> dict[str, str]:
    """A short name for each source: its outlet, else its web site, else its number."""
    labels = {}
    for n, s in enumerate(briefing.sources, 1):
        site = urlsplit(s.url).hostname if s.url else None
        labels[s.id] = s.outlet or (site.removeprefix("www.") if site else f"source {n}")
    return labels


def _shorten(text: Any, limit: int = 300) -> str:
    """A link's label stays short: a link must never be long enough to need splitting."""
    line = str(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@jinja2.pass_context
def _when_here(ctx: jinja2.runtime.Context, iso: str | None) -> str:
    """`spoken_time` in the reader's time zone where the reply has one (`zone`: a digest's is
    its subscription's), else as stored (UTC)."""
    return spoken_time(iso, ctx.get("zone"))
