"""The `briefbot` command: parse arguments, call the engine, print, exit with a status
(`exits.py`). The commands that run or set up an install are in `setup_commands.py`, the
workers' in `workers/cli.py`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from briefings import (
    DEFAULT_STORY,
    RENDERERS,
    BriefingError,
    ConfigError,
    EngineConfig,
    Story,
    build_briefing,
    load_articles,
    render_xlsx,
)

from . import commands, setup_commands
from .commands import Caller
from .delivery import Delivery, OutboxDelivery
from .digest import send_digest
from .exits import FAILED, OK, SKIPPED
from .links import link_for
from .services import Services
from .settings import Settings
from .slack import blocks
from .stories import DEFAULT
from .subscriptions import ScheduleError, Subscription, parse_schedule
from .teams.delivery import WORKFLOWS, WORKFLOWS_WORKSPACE, check_webhook_url
from .workers import cli as workers

DEFAULT_SEEDS = DEFAULT.seeds

LONG_RUNNING = ("serve", "socket", "scheduler", "worker")  # these log what they do


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command in LONG_RUNNING else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args))
    except ConfigError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return FAILED


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
    brief.add_argument(
        "--title", help="the briefing's title (default: the story's, or \"News briefing\")"
    )
    brief.add_argument("--format", choices=sorted(RENDERERS), default="text")
    brief.add_argument("--out", metavar="FILE", help="write here instead of the terminal")
    brief.add_argument(
        "--workers", type=int, default=1, help="processes for reading articles (0: one per CPU)"
    )
    brief.add_argument(
        "--story", help="brief a story as the bot holds it, with its editors' corrections"
    )
    brief.set_defaults(run=run_brief)

    ask = commands.add_parser("ask", help="print what the bot would answer to a slash command")
    ask.add_argument("line", metavar='"/hubs status"', help="the command as typed in Slack")
    ask.set_defaults(run=run_ask)

    figures = commands.add_parser("figures", help="write the figures spreadsheet")
    figures.add_argument("--story", default=None, help="story slug (default: the first)")
    figures.add_argument("--xlsx", required=True, metavar="FILE", help="where to write it")
    figures.set_defaults(run=run_figures)

    digest = commands.add_parser("digest", help="post a digest now (to Slack, or into a folder)")
    digest.add_argument("--now", action="store_true", required=True, help="send it now")
    digest.add_argument("--outbox", metavar="DIR", help="write Markdown and .xlsx here")
    digest.add_argument(
        "--platform", choices=("slack", "teams", WORKFLOWS), default="slack", help="where to post"
    )
    digest.add_argument(
        "--channel",
        default="outbox",
        help="Slack channel id, Teams conversation id or webhook name",
    )
    digest.add_argument(
        "--workspace", default=None, help="Slack workspace id (OAuth mode) or Teams tenant id"
    )
    digest.add_argument("--story", default=None, help="story slug (default: the first)")
    digest.set_defaults(run=run_digest)

    deliveries = commands.add_parser(
        "deliveries", help="digests that failed or may not have landed, and why"
    )
    deliveries.add_argument("--all", action="store_true", help="also the ones delivered")
    deliveries.set_defaults(run=run_deliveries)

    scheduler = commands.add_parser("scheduler", help="run the digest scheduler (one per install)")
    scheduler.add_argument("--outbox", metavar="DIR", help="deliver into this folder, not Slack")
    scheduler.set_defaults(run=run_scheduler)

    workers.add_commands(commands)
    setup_commands.add_commands(commands)

    stories = commands.add_parser("stories", help="list the stories this install follows")
    stories.set_defaults(run=run_stories)

    add = commands.add_parser("add", help="add an article (URL or file) to a story")
    add.add_argument("target", metavar="URL|FILE")
    add.add_argument("--story", default=None, help="story slug (default: the first)")
    add.set_defaults(run=run_add)

    fix = commands.add_parser("fix", help="correct a story's briefing, as /hubs fix (alone: how)")
    fix.add_argument("words", nargs="*", metavar="WORD", help='e.g. label "12,700" as crossings')
    fix.add_argument("--story", default=None, help="story slug (default: the first)")
    fix.add_argument("--by", default="cli", help="your name, shown as 'corrected by NAME'")
    fix.set_defaults(run=run_fix)

    corrections = commands.add_parser("corrections", help="who corrected what, and when")
    corrections.add_argument("--story", default=None, help="story slug (default: the first)")
    corrections.set_defaults(run=run_fix, words=None, by="cli")

    poll = commands.add_parser("poll", help="read the stories' feeds once, now")
    poll.add_argument("--story", default=None, help="story slug (default: every story)")
    poll.set_defaults(run=run_poll)

    webhook = commands.add_parser(
        "webhook", help="digests to a Teams Workflows webhook (no bot needed)"
    )
    actions = webhook.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="subscribe a webhook: NAME URL [HH:MM] [Area/City] [days]")
    add.add_argument("name", help="a short name for the channel, e.g. comms-team")
    add.add_argument("url", help="the Workflows trigger URL (kept secret)")
    add.add_argument("schedule", nargs="*", help="as in /hubs subscribe (default 08:00 weekdays)")
    add.add_argument("--story", default=None, help="story slug (default: the first)")
    remove = actions.add_parser("remove", help="stop a webhook's digests")
    remove.add_argument("name")
    remove.add_argument("--story", default=None, help="story slug (default: every story)")
    actions.add_parser("list", help="list webhook subscriptions")
    webhook.set_defaults(run=run_webhook)

    return parser


def run_brief(args: argparse.Namespace) -> int:
    if args.story:
        return _brief_story_held(args)
    paths = args.paths or [str(DEFAULT_SEEDS)]
    config = EngineConfig(workers=args.workers)
    raws, errors = load_articles(paths, config)
    for error in errors:
        print(f"briefbot: skipped {error}", file=sys.stderr)
    try:
        briefing = build_briefing(raws, _brief_story(args), config)
    except BriefingError as error:
        print(f"briefbot: nothing to brief: {error}", file=sys.stderr)
        return FAILED
    output = RENDERERS[args.format](briefing)
    if args.out:
        Path(args.out).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    print(f"briefbot: {briefing.audit.summary()}", file=sys.stderr)
    return SKIPPED if errors else OK


def _brief_story_held(args: argparse.Namespace) -> int:
    """A story as the bot answers for it: its articles, with its corrections laid over."""
    services = _services()
    try:
        briefing = services.briefings.get(services.story(args.story).slug)
    except BriefingError as error:
        print(f"briefbot: nothing to brief: {error}", file=sys.stderr)
        return FAILED
    output = RENDERERS[args.format](briefing)
    if args.out:
        Path(args.out).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return OK


def _brief_story(args: argparse.Namespace) -> Story:
    """The default story's title belongs to its seeds; other articles are not that story."""
    seeds = all(Path(p).resolve() == DEFAULT.seeds.resolve() for p in args.paths)
    story = DEFAULT.story if seeds else DEFAULT_STORY
    return replace(story, title=args.title) if args.title else story


def _services() -> Services:
    """For batch commands only: the servers (`serve`, `socket`) build their own."""
    return Services.from_settings(Settings.from_env(), batch=True)


def run_ask(args: argparse.Namespace) -> int:
    """The blocks the bot would send, as text: try the bot with no Slack account."""
    services = _services()
    name, _, text = args.line.strip().partition(" ")
    if not name.startswith("/"):
        name, text = services.stories[0].command, args.line
    try:
        story = services.story(name)
    except ConfigError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return FAILED
    ctx = services.context(story, Caller())
    reply = commands.run(text, ctx)
    messages = blocks.build_messages(reply, link_for=link_for(services.settings))
    sys.stdout.write(blocks.as_text(messages))
    return OK


def run_figures(args: argparse.Namespace) -> int:
    services = _services()
    story = services.story(args.story) if args.story else services.stories[0]
    try:
        briefings = services.briefings
        briefing = briefings.with_history(briefings.get(story.slug), services.settings.timezone)
        data = render_xlsx(briefing)
    except BriefingError as error:
        print(f"briefbot: nothing to brief: {error}", file=sys.stderr)
        return FAILED
    Path(args.xlsx).write_bytes(data)
    print(f"briefbot: wrote {args.xlsx}", file=sys.stderr)
    return OK


def _delivery(services: Services, outbox: str | None) -> Delivery:
    if outbox:
        return OutboxDelivery(Path(outbox))
    from .platforms import platform_delivery  # the platforms' SDKs load only to deliver

    return platform_delivery(services)


def run_digest(args: argparse.Namespace) -> int:
    """One digest now: the whole scheduled job, minus the schedule."""
    services = _services()
    story = services.story(args.story) if args.story else services.stories[0]
    platform = "outbox" if args.outbox else args.platform
    workspace = args.workspace or _workspace_of(services, platform, args.channel)
    schedule = parse_schedule([], services.settings.timezone)
    sub = Subscription(platform, workspace, args.channel, story.slug, schedule)
    slot = "now " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    status = send_digest(services, sub, slot, _delivery(services, args.outbox))
    where = args.outbox or args.channel
    print(f"briefbot: digest {status} ({where})", file=sys.stderr)
    return OK if status in ("sent", "quiet") else FAILED


def run_deliveries(args: argparse.Namespace) -> int:
    """Every platform's ledger, webhooks included (chat commands show one workspace)."""
    rows = _services().store.deliveries(limit=200)
    shown = [d for d in rows if args.all or d.status not in ("sent", "quiet")]
    for d in shown:
        where = f"{d.platform}:{d.workspace}/{d.channel}"
        print(f"{d.status:<10} {d.story:<10} {where:<40} {d.slot}  {d.error or ''}".rstrip())
    if not shown:
        print("briefbot: every digest was delivered", file=sys.stderr)
    return OK


def _workspace_of(services: Services, platform: str, channel: str) -> str:
    """A Teams channel's tenant from its subscription, so --workspace is rarely needed."""
    if platform == WORKFLOWS:
        return WORKFLOWS_WORKSPACE
    subs = services.store.subscriptions(platform=platform, channel=channel)
    return subs[0].workspace if subs else "local"


def run_scheduler(args: argparse.Namespace) -> int:
    from .scheduler import create_scheduler, start

    services = _services()
    scheduler = create_scheduler(services, _delivery(services, args.outbox), blocking=True)
    try:
        start(scheduler, services)
    except (KeyboardInterrupt, SystemExit):
        pass
    return OK


def run_stories(args: argparse.Namespace) -> int:
    services = _services()
    for story in services.stories:
        briefing_version = (
            services.briefings.library.latest(story.slug) if services.briefings.library else 0
        )
        print(f"{story.command}\t{story.title}")
        print(f"  seeds: {story.seeds}   version: {briefing_version}")
        if story.keywords:
            print(f"  keywords: {', '.join(story.keywords)}")
        for feed in story.feeds:
            print(f"  feed: {feed} (every {story.poll_minutes} min)")
        print(f"  alerts: {', '.join(story.alerts)} (at most {story.alerts_per_hour} an hour)")
    return OK


def run_add(args: argparse.Namespace) -> int:

    services = _services()
    story = services.story(args.story) if args.story else services.stories[0]
    _alert_from_here(services)
    try:
        if args.target.lower().startswith(("http://", "https://")):
            update = services.add_link(story, args.target, by="cli")
        else:
            update = services.add_file(story, Path(args.target), by="cli")
    except BriefingError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return FAILED
    sys.stdout.write(blocks.as_text(blocks.build_messages(commands.added_reply(story, update))))
    return OK if update.added or update.queued else SKIPPED


def run_fix(args: argparse.Namespace) -> int:
    """`briefbot fix …` and `briefbot corrections`: the chat commands, as the operator
    (who holds the database already, so is always an editor)."""
    services = _services()
    story = services.story(args.story) if args.story else services.stories[0]
    ctx = services.context(story, Caller(name=args.by))
    if args.words is None:
        line = "corrections"
    else:  # the shell took the quote marks off: a phrase of several words gets them back
        line = " ".join(["fix", *(f"“{w}”" if " " in w else w for w in args.words)])
    reply = commands.run(line, ctx)
    sys.stdout.write(blocks.as_text(blocks.build_messages(reply)))
    return FAILED if reply.view == "error" else OK


def run_poll(args: argparse.Namespace) -> int:
    from .live import poll_feeds

    services = _services()
    _alert_from_here(services)
    stories = [services.story(args.story)] if args.story else list(services.stories)
    for story in stories:
        update = poll_feeds(services, story)
        added = len(update.added) if update else 0
        print(f"{story.command}: {added} new article{'' if added == 1 else 's'}")
        for skipped in update.skipped if update else ():
            print(f"  not added: {skipped.title}: {skipped.reason}", file=sys.stderr)
        for feed in (
            services.briefings.library.feed_states(story.slug) if services.briefings.library else []
        ):
            if feed["error"]:
                print(f"  {feed['url']}: {feed['error']}", file=sys.stderr)
    return OK


def _alert_from_here(services: Services) -> None:
    """Articles added from the command line alert opted-in channels too, when this
    machine can post to them."""
    from .live import Alerter
    from .platforms import platform_delivery

    try:
        services.briefings.listeners.append(Alerter(services, platform_delivery(services)))
    except ConfigError as error:
        print(f"briefbot: no alerts from here ({error})", file=sys.stderr)


def run_webhook(args: argparse.Namespace) -> int:
    """Webhook subscriptions live in the same table as chat ones, so the same scheduler and
    ledger deliver them; the URL is stored as the channel's address, never printed."""
    services = _services()
    store = services.store
    if args.action == "list":
        for sub in store.subscriptions(platform=WORKFLOWS):
            print(f"{sub.channel}\t{sub.story}\t{sub.schedule.describe()}")
        return OK
    if args.action == "remove":
        stories = (
            [services.story(args.story).slug] if args.story else [s.slug for s in services.stories]
        )
        gone = [
            s for s in stories if store.unsubscribe(WORKFLOWS, WORKFLOWS_WORKSPACE, args.name, s)
        ]
        if not store.subscriptions(platform=WORKFLOWS, channel=args.name):
            store.forget(WORKFLOWS, WORKFLOWS_WORKSPACE, args.name)
        print(f"briefbot: {args.name}: stopped {', '.join(gone) or 'nothing (no such webhook)'}")
        return OK if gone else FAILED
    story = services.story(args.story) if args.story else services.stories[0]
    url = check_webhook_url(args.url, allow_loopback=services.settings.allow_loopback)
    try:
        schedule = parse_schedule(args.schedule, services.settings.timezone)
    except ScheduleError as error:
        raise ConfigError(str(error)) from None
    store.remember(WORKFLOWS, WORKFLOWS_WORKSPACE, args.name, {"url": url})
    store.subscribe(
        Subscription(WORKFLOWS, WORKFLOWS_WORKSPACE, args.name, story.slug, schedule, "cli")
    )
    print(f"briefbot: {args.name} gets {story.command} digests at {schedule.describe()}")
    return OK
