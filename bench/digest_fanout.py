"""Digest fan-out: 1,000 subscribed channels in 20 workspaces, one slot, against per-method
Slack rate limits; total time against the floor the limits allow, posts lost and duplicated.

    python bench/digest_fanout.py [--channels 1000] [--workspaces 20] [--workers 32]
        [--per-minute 20] [--files-per-minute 20] [--window 6] [--db sqlite,postgresql]
        [--xlsx render,memo]

Why: at 08:00 every subscription's job fires at once; the bot must deliver each digest
exactly once while Slack answers 429s. How: every subscription goes through the real
`send_digest` + `SlackDelivery` (its `sleep` is real `time.sleep`) in a thread pool, talking
to the in-process fake Slack API, which keeps a sliding window per team and method.

Scaling: Slack allows chat.postMessage ~1/s per channel plus "several hundred per minute" per
workspace, and files.getUploadURLExternal / files.completeUploadExternal are Tier 4 (~100/min
per workspace each). At 50 channels per workspace those never bind, so the budgets here are
squeezed: a budget B per W-second window with N digests per team has the shape of a workspace
of N*100/B channels against Tier 4 (defaults: 250 channels, 2.5 windows), with a minute
shrunk to W seconds so the run takes tens of seconds. One row per database and xlsx mode;
"memo" renders the (identical) workbook once instead of once per channel, to separate the
CPU cost from the pacing. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from math import ceil
from pathlib import Path
from typing import Any

from slack_sdk import WebClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.digest as digest_module  # noqa: E402
from bench.pg import schema  # noqa: E402
from bot.digest import digest_reply, send_digest  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.blocks import build_messages  # noqa: E402
from bot.slack.delivery import EVENT_TYPE, SlackDelivery  # noqa: E402
from bot.subscriptions import Subscription, parse_schedule  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402

SLOT = "2026-11-23 08:00 Europe/London"
POST, FILES = "chat.postMessage", ("files.getUploadURLExternal", "files.completeUploadExternal")
COLUMNS = "db xlsx total_s x_floor lost dup no_xlsx orphans 429_post 429_files lookups sleeps cpu_s"


@contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    with schema() as url:
        yield url


@contextmanager
def xlsx_mode(mode: str) -> Iterator[None]:
    """In "memo" mode each briefing's workbook is rendered once, not once per channel."""
    real, done = digest_module.render_xlsx, {}

    def memo(briefing: Any, **options: Any) -> bytes:
        if id(briefing) not in done:
            done[id(briefing)] = real(briefing, **options)
        return done[id(briefing)]

    digest_module.render_xlsx = memo if mode == "memo" else real
    try:
        yield
    finally:
        digest_module.render_xlsx = real


def floors(args: argparse.Namespace, posts_per_digest: int) -> tuple[float, float]:
    """The least time the limits allow: max over limited methods of calls/budget x window.

    Each team has its own window per method, so the busiest team decides: it needs N calls
    of a method at B per W seconds, i.e. N/B windows at the sustained rate. A sliding window
    also lets the first B through at t=0, so strictly (ceil(N/B) - 1) windows suffice; that
    burst-aware figure is the hard lower bound, N/B x W the one to compare against.
    """
    per_team = ceil(args.channels / args.workspaces)
    needs = [(per_team * posts_per_digest, args.per_minute)]
    needs += [(per_team, args.files_per_minute)] * len(FILES)
    rate = max(n / b for n, b in needs) * args.window
    burst = max(ceil(n / b) - 1 for n, b in needs) * args.window
    return rate, burst


def run(args: argparse.Namespace, kind: str, mode: str, floor: float) -> list[str]:
    """One fan-out on a fresh database and fake; returns the table row (and notes errors)."""
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url:
        services = Services.from_settings(Settings(database_url=url, data_dir=Path(tmp)))
        services.briefings.get("hubs")  # build the briefing before timing
        schedule = parse_schedule([], "Europe/London")
        for i in range(args.channels):  # interleaved teams, as subscriptions arrive
            team = f"T{i % args.workspaces:03d}"
            services.store.subscribe(Subscription("slack", team, f"C{i:05d}", "hubs", schedule))
        subs = services.store.subscriptions()
        with FakeSlack() as fake, xlsx_mode(mode):
            fake.rate_limit(POST, per_minute=args.per_minute, window=args.window)
            for method in FILES:
                fake.rate_limit(method, per_minute=args.files_per_minute, window=args.window)
            clients = {
                s.workspace: WebClient(
                    token=f"xoxb-{s.workspace}-bench", base_url=fake.base_url, retry_handlers=[]
                )
                for s in subs
            }
            sleeps: list[float] = []

            def sleep(seconds: float) -> None:
                sleeps.append(seconds)  # list.append is atomic; the wait is real
                time.sleep(seconds)

            delivery = SlackDelivery(clients.__getitem__, sleep=sleep)

            def one(sub: Subscription) -> str:
                try:
                    return send_digest(services, sub, SLOT, delivery)
                except Exception as error:  # e.g. "database is locked": a finding, not a crash
                    return f"raised {type(error).__name__}: {str(error).splitlines()[0]}"

            cpu, start = time.process_time(), time.perf_counter()
            with ThreadPoolExecutor(args.workers) as pool:
                results = list(pool.map(one, subs))
            total, cpu = time.perf_counter() - start, time.process_time() - cpu
            top = {
                ch: [m for m in ms if not m.get("thread_ts")] for ch, ms in fake.messages.items()
            }
            ours = {
                ch: [m for m in ms if (m.get("metadata") or {}).get("event_type") == EVENT_TYPE]
                for ch, ms in top.items()
            }
            uploaded = {u["channel_id"] for u in fake.completed_uploads}
            orphans = sum(c.accepted for c in fake.calls_to(FILES[0])) - len(fake.completed_uploads)
            limited = Counter(c.method for c in fake.calls if c.status == 429)
            lookups = len(fake.calls_to("conversations.history"))
        ledger = Counter(d.status for d in services.store.deliveries(limit=10 * args.channels))
        services.store.engine.dispose()
    lost = sum(1 for s in subs if not top.get(s.channel))
    dup = sum(1 for ms in ours.values() if len(ms) > 1)
    for error, count in Counter(r for r in results if r.startswith("raised")).items():
        print(f"  [{kind}/{mode}] {count} x {error}")
    print(f"  [{kind}/{mode}] ledger: {dict(sorted(ledger.items()))}")
    return [
        kind, mode, f"{total:.1f}", f"{total / floor:.2f}", str(lost), str(dup),
        str(sum(1 for s in subs if s.channel not in uploaded)), str(orphans), str(limited[POST]),
        str(sum(limited[m] for m in FILES)), str(lookups), f"{len(sleeps)}/{sum(sleeps):.0f}s",
        f"{cpu:.1f}",
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, kind, default, what in (
        ("--channels", int, 1000, "subscribed channels"),
        ("--workspaces", int, 20, "teams the channels are spread over"),
        ("--workers", int, 32, "fan-out threads"),
        ("--per-minute", int, 20, "chat.postMessage budget per team per window"),
        ("--files-per-minute", int, 20, "budget of each files.* method per team per window"),
        ("--window", float, 6.0, "seconds standing in for Slack's minute"),
        ("--db", str, "sqlite,postgresql", "comma-separated: sqlite, postgresql"),
        ("--xlsx", str, "render,memo", "comma-separated: render, memo"),
    ):
        parser.add_argument(flag, type=kind, default=default, help=what)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # failures are counted from the ledger instead

    probe = Services.from_settings(Settings(database_url="sqlite://"))
    sub = Subscription("slack", "T000", "C0", "hubs", parse_schedule([], "Europe/London"))
    posts_per_digest = len(build_messages(digest_reply(probe, sub)[0], max_messages=20))
    floor, burst = floors(args, posts_per_digest)
    print(
        f"{args.channels} channels in {args.workspaces} workspaces, {args.workers} workers; "
        f"{posts_per_digest} post(s) + 1 upload per digest; per team per {args.window:g} s "
        f"window: {POST} {args.per_minute}, each files.* {args.files_per_minute}\n"
        f"floor {floor:.1f} s (N/B x W; burst-aware lower bound {burst:.1f} s)"
    )
    rows = [COLUMNS.split()]
    for kind in args.db.split(","):
        for mode in args.xlsx.split(","):
            rows.append(run(args, kind, mode, floor))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    print(
        "lost = subscriptions with no top-level post; dup = channels with >1 digest post; "
        "no_xlsx = channels without a completed upload;\norphans = upload URLs granted but "
        "never completed (each upload step is retried on its own, so: 0);\nlookups = "
        "conversations.history calls (look-ups before re-posting); sleeps = retry waits/their sum"
    )


if __name__ == "__main__":
    main()
