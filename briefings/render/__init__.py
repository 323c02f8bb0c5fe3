"""Renderers: one Briefing in, one format out. Nothing here re-extracts anything."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Briefing
from .html import render_html
from .json import render_json, to_dict
from .text import render_markdown, render_text

RENDERERS: dict[str, Callable[[Briefing], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
}

__all__ = ["RENDERERS", "render_html", "render_json", "render_markdown", "render_text", "to_dict"]
