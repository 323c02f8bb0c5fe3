"""Renderers: one Briefing in, one format out. Nothing here re-extracts anything."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Briefing
from .json import render_json, to_dict
from .text import render_markdown, render_text

RENDERERS: dict[str, Callable[[Briefing], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}

__all__ = ["RENDERERS", "render_json", "render_markdown", "render_text", "to_dict"]
