"""The `briefbot` command: parse arguments, call the engine, print, exit with a status.

Exit status: 0 everything briefed; 1 briefed, but some inputs were skipped (each named on
stderr); 2 nothing to brief, or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefings import (
    DEFAULT_STORY,
    RENDERERS,
    BriefingError,
    EngineConfig,
    build_briefing,
    load_articles,
)

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = PROJECT / "seeds"

OK, SKIPPED, FAILED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="Keeps a team briefed on a developing news story."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    brief = commands.add_parser("brief", help="brief articles (files or folders)")
    brief.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"article files or folders (default: {DEFAULT_SEEDS.name}/)",
    )
    brief.add_argument("--format", choices=sorted(RENDERERS), default="text")
    brief.add_argument("--out", metavar="FILE", help="write here instead of the terminal")
    brief.add_argument(
        "--workers", type=int, default=1, help="processes for reading articles (0: one per CPU)"
    )
    brief.set_defaults(run=run_brief)
    return parser


def run_brief(args: argparse.Namespace) -> int:
    paths = args.paths or [str(DEFAULT_SEEDS)]
    config = EngineConfig(workers=args.workers)
    raws, errors = load_articles(paths, config)
    for error in errors:
        print(f"briefbot: skipped {error}", file=sys.stderr)
    try:
        briefing = build_briefing(raws, DEFAULT_STORY, config)
    except BriefingError as error:
        print(f"briefbot: nothing to brief: {error}", file=sys.stderr)
        return FAILED
    output = RENDERERS[args.format](briefing)
    if args.out:
        Path(args.out).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return SKIPPED if errors else OK
