"""Prefetch per queue: a worker holds one feed poll and one analysis at most (long tasks
leave the rest in Redis for other workers), several digests and alerts, and has a thread
for every message it holds."""

from __future__ import annotations

import time

from bot.subscriptions import Subscription, parse_schedule
from bot.workers.worker import QueueWorker, prefetch_for
from bot.workqueue import QUEUES, make_broker
from tests.fakes.slack_api import FakeSlack
from tests.fakes.web import WebServer
from tests.workers.conftest import PAGES, Cluster


def test_prefetch_is_one_for_slow_queues_and_the_thread_count_for_quick_ones() -> None:
    assert prefetch_for(QUEUES, 8) == {"digests": 8, "alerts": 8, "feeds": 1, "analysis": 1}
    assert prefetch_for(["analysis"], 8) == {"analysis": 1}
    assert prefetch_for(["digests", "feeds"], 0) == {"digests": 1, "feeds": 1}


def test_the_worker_opens_each_queue_with_its_own_prefetch(cluster: Cluster) -> None:
    broker = make_broker(cluster.services.settings)  # this machine's Redis, the test's keys
    for queue in QUEUES:
        broker.declare_queue(queue)
    worker = QueueWorker(broker, prefetch_for(QUEUES, 3))
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while any(c.consumer is None for c in worker.consumers.values()):
            assert time.monotonic() < deadline, "the consumers did not start"
            time.sleep(0.05)
        opened = {
            name: consumer.consumer.prefetch  # type: ignore[union-attr]  # Redis's, as opened
            for name, consumer in worker.consumers.items()
            if not name.endswith(".DQ")
        }
        assert opened == {"digests": 3, "alerts": 3, "feeds": 1, "analysis": 1}
        assert len(worker.workers) == 3 + 3 + 1 + 1  # one thread per message it may hold
    finally:
        worker.stop(timeout=10_000)
        broker.close()


def test_a_worker_on_every_queue_busy_with_a_slow_page_holds_no_more_and_still_posts(
    reader: Cluster, slack: FakeSlack, web: WebServer
) -> None:
    services, queue = reader.services, reader.services.queue
    assert queue is not None
    services.store.subscribe(
        Subscription("slack", "T111", "C1", "bridge", parse_schedule(["daily"], "UTC"))
    )
    reader.worker()  # every queue (no --queues), as a one-machine install runs it
    queue.send("link", story="bridge", url=web.url("/stall"))  # answers nothing for 30 s
    reader.wait_until(lambda: web.requests_to("/stall"))
    for page in PAGES:
        queue.send("link", story="bridge", url=web.url(page))
    queue.send("digest", platform="slack", workspace="T111", channel="C1", story="bridge",
               slot="2026-12-07 08:00 UTC")  # fmt: skip
    reader.wait_until(lambda: slack.messages.get("C1"))  # the digest did not wait
    assert queue.depths()["analysis"][0] == 2  # still in Redis, for any other worker
