"""Fairness: a worker busy with a long task holds no other message; the clock only enqueues."""

from __future__ import annotations

from bot.scheduler import create_scheduler, run_digest, run_feeds
from bot.subscriptions import Subscription, parse_schedule
from bot.workers.observe import running_tasks
from tests.fakes.slack_api import FakeSlack
from tests.fakes.web import WebServer
from tests.workers.conftest import PAGES, Cluster


def test_a_worker_stuck_on_a_slow_page_leaves_the_next_articles_to_another(
    reader: Cluster, web: WebServer
) -> None:
    services, queue = reader.services, reader.services.queue
    assert queue is not None and services.briefings.library is not None
    reader.worker("--queues", "analysis", "--threads", "1")  # one at a time: prefetch 1
    queue.send("link", story="bridge", url=web.url("/stall"))  # answers nothing for 30 s
    reader.wait_until(lambda: web.requests_to("/stall"))
    for page in PAGES:
        queue.send("link", story="bridge", url=web.url(page))
    assert queue.depths()["analysis"][0] == 2  # still in Redis: nobody hoards them
    reader.worker("--queues", "analysis", "--threads", "1")
    reader.wait_until(lambda: services.briefings.library.latest("bridge") == 3)
    [still] = running_tasks(queue)  # the first worker, still on the slow page
    assert still["kind"] == "link" and still["story"] == "bridge"


def test_with_a_broker_the_clock_only_enqueues(cluster: Cluster, slack: FakeSlack) -> None:
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    services.store.subscribe(
        Subscription("slack", "T111", "C1", "hubs", parse_schedule(["daily"], "UTC"))
    )
    create_scheduler(services, object(), blocking=False)  # type: ignore[arg-type]
    assert run_digest("slack", "T111", "C1", "hubs").startswith("queued as task ")
    assert str(run_feeds("hubs")).startswith("queued as task ")
    assert queue.depths()["digests"][0] == 1 and queue.depths()["feeds"][0] == 1
    assert slack.calls == [] and services.store.deliveries() == []
