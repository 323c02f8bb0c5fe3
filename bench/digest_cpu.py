"""CPU per posted digest: the worker's digest task run in a loop in this process, against
PostgreSQL, the shared limiter in Redis and the suite's fake Slack, as `briefbot worker`
runs it (`bench/cluster.py` runs the same through real worker processes).

    python bench/digest_cpu.py [--channels 300] [--profile 25]

Why: on a 2-core machine the cluster benchmark's workers, the fake Slack and PostgreSQL
share the cores, so every millisecond of CPU per post shows in its time against the
floor. Prints, per post: CPU of the task's thread (what a worker spends), of the fake
Slack's handlers, and of PostgreSQL and Redis (their processes' CPU over the loop, read
from /proc: other users of the machine count too); with `--profile N`, cProfile's top N
functions of the task's thread. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cluster import REDIS_URL, SLOT  # noqa: E402
from bench.pg import schema  # noqa: E402
from bench.procs import cpu_named  # noqa: E402
from bot.platforms import platform_delivery  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.subscriptions import Subscription, parse_schedule  # noqa: E402
from bot.workers.tasks import Env, digest  # noqa: E402
from bot.workers.worker import limiter_for  # noqa: E402
from tests.fakes.http import Handler  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402


class TimedSlack(FakeSlack):
    """The fake Slack, adding up the CPU its handler threads spend."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu = 0.0
        self._cpu_lock = threading.Lock()

    def _handle(self, h: Handler) -> None:
        start = time.thread_time()
        super()._handle(h)
        with self._cpu_lock:
            self.cpu += time.thread_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=300)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, schema() as url, TimedSlack() as slack:
        env = {
            "DATABASE_URL": url, "BRIEFBOT_DATA_DIR": str(Path(tmp) / "data"),
            "BRIEFBOT_BROKER_URL": REDIS_URL, "BRIEFBOT_BROKER_NAMESPACE": "cpu-" + Path(tmp).name,
            "SLACK_API_URL": slack.base_url, "SLACK_BOT_TOKEN": "xoxb-T000-bench",
            "BRIEFBOT_SLACK_POSTS_PER_MINUTE": "600000",
            "BRIEFBOT_SLACK_FILES_PER_MINUTE": "600000",
        }  # fmt: skip
        services = Services.from_settings(Settings.from_env(env))
        delivery = platform_delivery(services, limiter=limiter_for(services))
        task = Env(services, delivery, queued=True, limiter=limiter_for(services))
        schedule = parse_schedule([], "Europe/London")
        subs = [Subscription("slack", f"T{i % 20:03d}", f"C{i:05d}", "hubs", schedule)
                for i in range(args.channels + 1)]  # fmt: skip
        for sub in subs:
            services.store.subscribe(sub)
        services.briefings.warm().join()

        def run(sub: Subscription) -> None:
            outcome = digest(task, platform="slack", workspace=sub.workspace,
                             channel=sub.channel, story="hubs", slot=SLOT)  # fmt: skip
            assert outcome == "sent", outcome

        run(subs[0])  # the first builds what is kept (the spreadsheet)
        slack.cpu, pg, rd = 0.0, cpu_named("postgres"), cpu_named("redis-server")
        process = time.process_time()
        profile = cProfile.Profile(time.thread_time) if args.profile else None  # CPU, not waits
        wall, cpu = time.perf_counter(), time.thread_time()
        if profile:
            profile.enable()
        for sub in subs[1:]:
            run(sub)
        if profile:
            profile.disable()
        n = args.channels
        cpu, wall = (time.thread_time() - cpu) / n, (time.perf_counter() - wall) / n
        rest = (time.process_time() - process) / n - cpu  # the fake's threads, the leases'

        pg, rd = (cpu_named("postgres") - pg) / n, (cpu_named("redis-server") - rd) / n
        every = cpu + rest + pg + rd
        print(f"{n} digests; CPU per post, ms: the task's thread {cpu * 1000:.2f}; the rest of "
              f"this process {rest * 1000:.2f} (of it the fake Slack's handlers "
              f"{slack.cpu / n * 1000:.2f}); PostgreSQL {pg * 1000:.2f}; Redis {rd * 1000:.2f}; "
              f"all {every * 1000:.2f}. Wall per post {wall * 1000:.2f}")  # fmt: skip
        print(f"Slack calls per post: {len(slack.calls) / (n + 1):.1f}")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
