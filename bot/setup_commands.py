"""The `briefbot` commands that run or set up an install rather than brief a story: the
HTTP server, Socket Mode, the database schema, the Slack manifest and the Teams package."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefings import ConfigError

from . import commands as chat_commands
from .exits import OK
from .settings import Settings
from .slack.manifest import PLACEHOLDER_HOST, build_manifest
from .stories import load_stories
from .teams.package import MAX_COMMANDS, build_package


def add_commands(commands: Any) -> None:
    """Adds these commands to the `briefbot` parser's sub-commands."""
    serve = commands.add_parser("serve", help="answer Slack over HTTP (gunicorn, port $PORT)")
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument(
        "--with-scheduler",
        action="store_true",
        help="also run the digest scheduler (small installs)",
    )
    serve.set_defaults(run=run_serve)

    socket = commands.add_parser("socket", help="answer Slack over Socket Mode (development)")
    socket.set_defaults(run=run_socket)

    db = commands.add_parser("db", help="the database schema (DATABASE_URL)")
    db.add_argument("action", choices=["upgrade"], help="upgrade: apply every new migration")
    db.set_defaults(run=run_db)

    manifest = commands.add_parser("manifest", help="print the Slack app manifest")
    manifest.add_argument("--host", default=None, help="public https URL of `briefbot serve`")
    manifest.add_argument("--socket", action="store_true", help="for Socket Mode (no URLs)")
    manifest.set_defaults(run=run_manifest)

    package = commands.add_parser("teams-package", help="build the Teams app package (.zip)")
    package.add_argument(
        "--out", default="briefbot-teams.zip", metavar="FILE", help="where to write it"
    )
    package.add_argument(
        "--version",
        default="1.0.0",
        help="the app's version (raise it each time you upload a changed package)",
    )
    for page in ("privacy", "terms"):
        package.add_argument(
            f"--{page}-url", metavar="URL", help=f"your {page} page (default: the public URL)"
        )
    package.set_defaults(run=run_teams_package)


def run_serve(args: argparse.Namespace) -> int:
    from .server import serve  # gunicorn is only needed here

    serve(
        Settings.from_env(),
        workers=args.workers,
        threads=args.threads,
        with_scheduler=args.with_scheduler,
    )
    return OK


def run_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from .slack.app import create_app

    settings = Settings.from_env()
    app = create_app(settings, socket_mode=True)
    handler = SocketModeHandler(app, settings.slack_app_token)
    handler.start()  # type: ignore[no-untyped-call]  # slack_bolt leaves start() unannotated
    return OK


def run_db(args: argparse.Namespace) -> int:
    """Apply the schema migrations once, at deploy (every process also does on start)."""
    from .database import connect
    from .schema import upgrade

    settings = Settings.from_env()
    print(f"briefbot: database schema at revision {upgrade(connect(settings.db_url))}")
    return OK


def run_manifest(args: argparse.Namespace) -> int:
    stories = load_stories(Settings.from_env())
    manifest = build_manifest(
        stories, socket_mode=args.socket, **({"host": args.host} if args.host else {})
    )
    print(json.dumps(manifest, indent=2, ensure_ascii=False))
    return OK


def run_teams_package(args: argparse.Namespace) -> int:
    """The zip an admin uploads to Teams, built from settings so its command menu and
    domain match this install."""
    settings = Settings.from_env()
    if not settings.teams_client_id:
        raise ConfigError("set TEAMS_CLIENT_ID (the bot's Microsoft App ID) to build the package")
    stories = load_stories(settings)
    site = settings.public_url or PLACEHOLDER_HOST
    domains = [urlsplit(site).hostname or ""] if settings.public_url else []
    titles = "; ".join(story.title for story in stories)
    try:
        data = build_package(
            app_id=settings.teams_client_id,
            name="Briefbot: " + ", ".join(story.slug for story in stories),
            full_name=f"Briefbot: {titles}",
            short_description=f"Keeps your team briefed on {titles}",
            long_description=(
                f"Briefbot reads the coverage of {titles} and answers with where the story "
                "stands, its figures (.xlsx), reactions, open questions and sources. Type a "
                "command in a chat with the bot, or @mention it in a channel; 'subscribe' "
                "posts a digest there on a schedule."
            ),
            developer_name="Briefbot",
            website_url=site,
            privacy_url=args.privacy_url or site,
            terms_url=args.terms_url or site,
            commands=[(c.name, c.summary) for c in chat_commands.COMMANDS.values()][:MAX_COMMANDS],
            valid_domains=domains,
            version=args.version,
        )
    except ValueError as error:
        raise ConfigError(f"cannot build the Teams package: {error}") from None
    Path(args.out).write_bytes(data)
    print(f"briefbot: wrote {args.out}", file=sys.stderr)
    if not settings.public_url:
        print(
            f"briefbot: BRIEFBOT_PUBLIC_URL is not set; the package links {site}", file=sys.stderr
        )
    return OK
