"""The worker tier at scale: digests due the same minute, and new articles, through
`briefbot worker` processes on Redis (Dramatiq) and PostgreSQL; prints figures, asserts nothing.

    python bench/cluster.py [--channels 2000] [--workspaces 20] [--workers 1,2,4]
        [--per-second 5] [--articles 1000] [--stories 50] [--analysts 1,2] [--only digests|analysis]

Digests: every channel subscribes to the story; this script enqueues one digest task per
subscription for one slot, as the clock does when they fall due. The fake Slack (the suite's,
in this process) enforces 1 post per second per channel and `--per-second` posts per
workspace (429 with Retry-After beyond them), and the workers are told the same limits
(BRIEFBOT_SLACK_POSTS_PER_MINUTE). The floor is the busiest workspace's posts at its rate.
Each row is run twice: as is, and with one worker SIGKILLed when half the posts are in (a
replacement is started at once, as a process manager would). Lost: a channel with no
digest; doubled: a channel with two. first_s and last_s: when the first and the last post
reached the fake Slack (total_s also counts the spreadsheets and the ledger after it).
CPU per post, in ms, from the posts' start to the last settled: the workers' (a killed
one's as last seen, its replacement's warm-up included), this process's (the fake Slack
and the clock), PostgreSQL's and Redis's (every process of theirs on the machine: other
users count too); put_off: tasks that put themselves off (`Later`) and were queued again.

Articles: `--articles` distinct articles (bench/engine.py's, recombined from the sample
articles' sentences) spread over `--stories` stories, one analysis task each, with 1 and 2
analysis workers (`--queues analysis --threads 1`: one core each). Articles per second.

Full size runs minutes on a quiet machine; `--channels 200 --workspaces 2` keeps the
per-workspace load of the full run at a tenth of the processes' work.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from math import ceil
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine import synthetic  # noqa: E402
from bench.pg import schema  # noqa: E402
from bench.procs import cpu_named, cpu_of  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.subscriptions import Subscription, parse_schedule  # noqa: E402
from tests.fakes.slack_api import Call, FakeSlack  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/0"
SLOT = "2026-12-07 08:00 Europe/London"


class LimitedSlack(FakeSlack):
    """The suite's fake Slack, with two limits on chat.postMessage at once: one post per
    second per channel, and `per_second` per workspace (sliding one-second windows). One
    bot token serves every workspace here, so a channel's workspace is looked up."""

    def __init__(self, per_second: int, workspace_of: dict[str, str]) -> None:
        super().__init__()
        self.per_second, self.workspace_of = per_second, workspace_of
        self.windows: dict[str, list[float]] = {}
        self.posted_at: list[float] = []  # time.monotonic() of each accepted post

    def _throttle(self, call: Call) -> int:
        if call.method != "chat.postMessage" or not isinstance(call.body, dict):
            return 0
        now = self._clock()
        channel = call.body["channel"]
        keys = [
            ("team", self.workspace_of.get(channel, "?"), self.per_second),
            ("chan", channel, 1),
        ]
        stamps = [self.windows.setdefault(f"{k}:{who}", []) for k, who, _ in keys]
        for s in stamps:
            s[:] = [t for t in s if t > now - 1.0]
        if any(len(s) >= limit for s, (_, _, limit) in zip(stamps, keys, strict=True)):
            return 1
        for s in stamps:
            s.append(now)
        self.posted_at.append(time.monotonic())
        return 0


class Cluster:
    """The shared environment and the worker processes of one run."""

    def __init__(self, tmp: Path, db_url: str, **extra: str) -> None:
        self.tmp, self.namespace, self.procs = tmp, "bench-" + uuid.uuid4().hex[:8], []
        self.env = {
            "DATABASE_URL": db_url, "BRIEFBOT_DATA_DIR": str(tmp / "data"),
            "BRIEFBOT_BROKER_URL": REDIS_URL, "BRIEFBOT_BROKER_NAMESPACE": self.namespace,
            "BRIEFBOT_WORKER_HEARTBEAT_SECONDS": "5", "BRIEFBOT_DIGEST_LEASE_SECONDS": "6",
        } | extra  # fmt: skip
        self.services = Services.from_settings(Settings.from_env(self.env))
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        log = open(self.tmp / f"worker-{len(self.procs)}.log", "wb")  # noqa: SIM115
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_"))}
        command = [sys.executable, "-m", "bot", "worker", *args]
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env | self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "".join(p.read_text() for p in sorted(self.tmp.glob("worker-*.log")))

    def ready(self, n: int) -> None:
        """Wait until `n` workers are up and have built the stories (warm-up)."""
        while self.logs().count("briefings warm") < n:
            if any(p.poll() not in (None, -9) for p in self.procs):
                raise SystemExit(f"a worker died:\n{self.logs()[-3000:]}")
            time.sleep(0.2)

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        client = redis.Redis.from_url(REDIS_URL)
        if keys := list(client.scan_iter(f"{self.namespace}:*")):
            client.delete(*keys)
        self.services.store.engine.dispose()


def digests(args: argparse.Namespace, workers: int, kill: bool) -> list[str]:
    where = {f"C{i:05d}": f"T{i % args.workspaces:03d}" for i in range(args.channels)}
    with (
        tempfile.TemporaryDirectory() as tmp,
        schema() as url,
        LimitedSlack(args.per_second, where) as slack,
    ):
        cluster = Cluster(Path(tmp), url, SLACK_API_URL=slack.base_url,
                          SLACK_BOT_TOKEN="xoxb-T000-bench",
                          BRIEFBOT_SLACK_POSTS_PER_MINUTE=str(args.per_second * 60),
                          BRIEFBOT_SLACK_FILES_PER_MINUTE="6000")  # fmt: skip
        try:
            return _digests(args, cluster, slack, workers, kill)
        finally:
            cluster.close()


def _digests(
    args: argparse.Namespace, cluster: Cluster, slack: LimitedSlack, workers: int, kill: bool
) -> list[str]:
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    schedule = parse_schedule([], "Europe/London")
    subs = [
        Subscription("slack", f"T{i % args.workspaces:03d}", f"C{i:05d}", "hubs", schedule)
        for i in range(args.channels)
    ]
    for sub in subs:
        services.store.subscribe(sub)
    for _ in range(workers):
        cluster.start("--queues", "digests", "--threads", str(args.threads))
    cluster.ready(workers)
    start = time.monotonic()
    for sub in subs:  # the clock's work at 08:00
        queue.send("digest", platform="slack", workspace=sub.workspace, channel=sub.channel,
                   story="hubs", slot=SLOT)  # fmt: skip
    killed = not kill
    seen = {p.pid: cpu_of(p.pid) or 0.0 for p in cluster.procs}  # after the warm-up
    began = {p.pid: seen[p.pid] for p in cluster.procs}
    others = time.process_time(), cpu_named("postgres"), cpu_named("redis-server")
    settled = text(
        "SELECT count(*) FROM briefbot_deliveries WHERE status IN ('sent', 'partial', 'failed', "
        "'quiet')"
    )  # a count, not the rows: this process also serves the fake Slack, and must stay quick
    while True:
        with services.store.engine.connect() as db:
            if db.execute(settled).scalar_one() >= len(subs):
                break
        if not killed and len(slack.messages) >= len(subs) // 2:
            cluster.procs[0].send_signal(signal.SIGKILL)
            cluster.start("--queues", "digests", "--threads", str(args.threads))
            killed = True
        for p in cluster.procs:  # a killed worker's CPU: as last seen
            seen[p.pid] = cpu_of(p.pid) or seen.get(p.pid, 0.0)
        time.sleep(0.5)
    total = time.monotonic() - start
    n = len(subs)
    cpu = [
        sum(seen[p] - began.get(p, 0.0) for p in seen) / n,
        (time.process_time() - others[0]) / n,
        (cpu_named("postgres") - others[1]) / n,
        (cpu_named("redis-server") - others[2]) / n,
    ]
    put_off = cluster.logs().count("put off: ")
    posts = sorted(slack.posted_at)  # where the time went: before the first, after the last
    first, last = posts[0] - start, posts[-1] - start
    rows = services.store.deliveries(limit=10 * args.channels)
    per_team = ceil(args.channels / args.workspaces)
    floor = per_team / args.per_second
    tops = {ch: [m for m in ms if not m.get("thread_ts")] for ch, ms in slack.messages.items()}
    lost = sum(1 for s in subs if not tops.get(s.channel))
    doubled = sum(1 for ms in tops.values() if len(ms) > 1)
    limited = sum(1 for c in slack.calls_to("chat.postMessage") if c.status == 429)
    statuses = sorted({r.status for r in rows})
    return [
        str(workers), "yes" if kill else "no", f"{total:.1f}", f"{floor:.1f}",
        f"{total / floor:.2f}", f"{first:.2f}", f"{last:.1f}", str(lost), str(doubled),
        str(limited), ",".join(statuses), *(f"{c * 1000:.1f}" for c in cpu), str(put_off),
    ]  # fmt: skip


def analysis(args: argparse.Namespace, workers: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp, schema() as url:
        config = _stories(Path(tmp), args.stories)
        cluster = Cluster(Path(tmp), url, BRIEFBOT_CONFIG=str(config))
        try:
            queue = cluster.services.queue
            assert queue is not None
            for _ in range(workers):
                cluster.start("--queues", "analysis", "--threads", "1")
            cluster.ready(workers)
            raws = synthetic(args.articles)
            start = time.perf_counter()
            for i, raw in enumerate(raws):
                fields: dict[str, Any] = {
                    "text": raw.text, "title": raw.title, "path": None,
                    "url": f"https://example.org/{i}", "meta": dict(raw.meta), "from_html": False,
                }  # fmt: skip
                queue.send("analyse", story=f"s{i % args.stories:02d}", raw=fields, origin="feed")
            while len(re.findall(r"\] ?: done: ", cluster.logs())) < args.articles:
                if any(p.poll() is not None for p in cluster.procs):
                    raise SystemExit(f"a worker died:\n{cluster.logs()[-3000:]}")
                time.sleep(0.5)
            total = time.perf_counter() - start
            added = cluster.logs().count("done: added")
        finally:
            cluster.close()
    return [str(workers), str(args.articles), str(added), f"{total:.1f}",
            f"{args.articles / total:.2f}"]  # fmt: skip


def _stories(tmp: Path, n: int) -> Path:
    """`n` stories with empty seed folders and no keywords: every article is on topic."""
    lines = []
    for s in range(n):
        (tmp / f"s{s:02d}").mkdir()
        lines.append(f'[[story]]\nslug = "s{s:02d}"\ntitle = "Story {s}"\nseeds = "s{s:02d}"\n')
    (tmp / "briefbot.toml").write_text("\n".join(lines), encoding="utf-8")
    return tmp / "briefbot.toml"


def table(header: str, rows: list[list[str]]) -> None:
    cells = [header.split(), *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for row in cells:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, kind, default in (
        ("--channels", int, 2000), ("--workspaces", int, 20), ("--workers", str, "1,2,4"),
        ("--threads", int, 8), ("--per-second", int, 5), ("--articles", int, 1000),
        ("--stories", int, 50), ("--analysts", str, "1,2"), ("--only", str, ""),
    ):  # fmt: skip
        parser.add_argument(flag, type=kind, default=default)
    args = parser.parse_args()
    if args.only != "analysis":
        print(f"{args.channels} channels in {args.workspaces} workspaces; fake Slack: 1 post/s "
              f"per channel, {args.per_second} posts/s per workspace; {args.threads} threads "
              "per worker")  # fmt: skip
        rows = [digests(args, int(n), kill) for n in args.workers.split(",")
                for kill in (False, True)]  # fmt: skip
        table(
            "workers killed total_s floor_s x_floor first_s last_s lost doubled 429s ledger "
            "ms_workers ms_bench ms_pg ms_redis put_off",
            rows,
        )
    if args.only != "digests":
        print(f"\n{args.articles} articles across {args.stories} stories")
        rows = [analysis(args, int(n)) for n in args.analysts.split(",")]
        table("workers articles added total_s per_s", rows)


if __name__ == "__main__":
    main()
