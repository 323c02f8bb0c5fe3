"""`briefbot workers`: queue depths, and what runs now, by kind; logs name task and workspace."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from bot.subscriptions import Subscription, parse_schedule
from tests.fakes.slack_api import FakeSlack
from tests.workers.conftest import ROOT, Cluster


def workers(cluster: Cluster) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "workers"], cwd=ROOT, env=os.environ | cluster.env,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


def test_workers_shows_what_waits_and_what_runs(cluster: Cluster, slack: FakeSlack) -> None:
    queue = cluster.services.queue
    assert queue is not None
    for channel in ("C1", "C2", "C3"):
        cluster.services.store.subscribe(
            Subscription("slack", "T111", channel, "hubs", parse_schedule(["daily"], "UTC"))
        )
        queue.send("digest", platform="slack", workspace="T111", channel=channel, story="hubs",
                   slot="slot-1")  # fmt: skip
    queue.send("poll", story="hubs")
    shown = workers(cluster)
    assert re.search(r"^digests\s+3\s+0\s+0$", shown, re.M), shown
    assert re.search(r"^feeds\s+1\s+0\s+0$", shown, re.M), shown
    assert "workers alive: 0" in shown and "running: nothing" in shown

    slack.fail_next("chat.postMessage", delay=60)  # the first digest's post hangs
    cluster.worker("--queues", "digests", "--threads", "1")
    cluster.wait_until(lambda: slack.calls_to("chat.postMessage"))
    shown = workers(cluster)
    assert "workers alive: 1" in shown
    assert re.search(r"running: digest 1 \(longest \d+ s\)", shown), shown
    assert re.search(r"^feeds\s+1\s+0\s+0$", shown, re.M), shown  # no worker on feeds
    line = next(x for x in cluster.logs().splitlines() if "started" in x)
    assert re.search(r"\[task [0-9a-f-]{36} digest story=hubs workspace=T111 channel=C\d\]", line)


def test_workers_counts_failed_tasks_by_kind(cluster: Cluster) -> None:
    queue = cluster.services.queue
    assert queue is not None
    queue.send("analyse", story="hubs", raw={"text": "x"}, origin="feed")
    consumer = queue.broker.consume("analysis", timeout=1000)
    message = next(m for m in consumer if m is not None)
    consumer.nack(message)  # what Dramatiq does once a task's retries are used up
    consumer.close()
    shown = workers(cluster)
    assert re.search(r"^analysis\s+0\s+0\s+1$", shown, re.M), shown
    assert "failed: analyse 1" in shown
