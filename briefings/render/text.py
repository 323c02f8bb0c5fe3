"""Text and Markdown: Jinja2 templates with a per-format escaping `finalize`.

Article text is only ever a value in a template, never template source, and every value
passes through the format's escaper on the way out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..corrections import Mark, editors
from ..model import Briefing, Figure, Point
from ..resources import shipped
from ..text import strip_controls

TEMPLATES = shipped("templates")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(value: Any) -> str:
    """Make article text inert in Markdown: no links, emphasis, HTML or headings.

    >>> escape_markdown("<b>*hi*</b> [x](y)")
    '\\\\<b\\\\>\\\\*hi\\\\*\\\\</b\\\\> \\\\[x\\\\]\\\\(y\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", strip_controls(str(value)))


class Safe(str):
    """Text our template code built itself (already escaped): finalize lets it through."""


def template_environment(templates: Path, escape: Callable[[str], str]) -> jinja2.Environment:
    """Briefbot's one Jinja2 set-up: strict, and every string value passes through `escape`
    on the way out unless our own code marked it `Safe`."""

    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Safe):
            return value
        return escape(value) if isinstance(value, str) else value

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,  # an included partial ends its own line
        finalize=finalize,
    )


@lru_cache(maxsize=4)
def environment(fmt: str, templates: Path = TEMPLATES) -> jinja2.Environment:
    escape = escape_markdown if fmt == "markdown" else (lambda v: strip_controls(str(v)))
    env = template_environment(templates, escape)
    env.filters["wrap"] = lambda text, indent=0, first="", width=80: Safe(
        textwrap.fill(
            escape(text),
            width=width,
            initial_indent=" " * indent + first,
            subsequent_indent=" " * (indent + len(first)),
            break_long_words=False,
            break_on_hyphens=False,
        )
    )
    env.filters["e"] = lambda text: Safe(escape(text))
    return env


def view(briefing: Briefing) -> dict[str, Any]:
    """What the templates see: the briefing plus source numbers for citations."""
    numbers = {s.id: n for n, s in enumerate(briefing.sources, 1)}

    def cite(ids: Any) -> Safe:
        marks = sorted({numbers[i] for i in ids if i in numbers})
        return Safe("[" + ",".join(str(n) for n in marks) + "]" if marks else "")

    def as_printed(figure: Figure) -> str:
        """' (as printed: 12,700 [1]; 12,000 [2,3])' where sources print it differently."""
        if len(figure.printed) < 2:
            return ""
        return " (as printed: " + "; ".join(f"{d} {cite(ids)}" for d, ids in figure.printed) + ")"

    def also(point: Point) -> str:
        """' (also reported by [2,3])': sources telling the same fact in their own words."""
        return f" (also reported by {cite(point.also)})" if point.also else ""

    def fixed(item: Any) -> str:
        """' (corrected by @alice)' on an item an editor corrected."""
        marks: tuple[Mark, ...] = item.corrected
        return f" (corrected by {editors(marks)})" if marks else ""

    return {
        "b": briefing,
        "a": briefing.announcement,
        "cite": cite,
        "also": also,
        "fixed": fixed,
        "as_printed": as_printed,
        "numbers": numbers,
        "conflicts": briefing.conflicts,
    }


def render_text(briefing: Briefing) -> str:
    return environment("text").get_template("briefing.txt.j2").render(view(briefing))


def render_markdown(briefing: Briefing) -> str:
    return environment("markdown").get_template("briefing.md.j2").render(view(briefing))
