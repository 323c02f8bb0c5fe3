"""Rate limits shared by every worker through Redis, and a 429 that holds one workspace only."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from slack_sdk import WebClient

from bot.commands import Reply
from bot.ratelimit import PacedDelivery, Rate, RedisLimiter, post_limits, slack_limits
from bot.services import Services
from bot.settings import Settings
from bot.slack.delivery import SlackDelivery
from bot.subscriptions import Subscription, parse_schedule
from bot.teams.delivery import WORKFLOWS, WORKFLOWS_WORKSPACE, WorkflowsDelivery
from tests.fakes.bot_connector import FakeWorkflowWebhook
from tests.fakes.slack_api import FakeSlack
from tests.workers.conftest import TOKEN, Cluster


@pytest.fixture
def namespace(broker_url: str) -> Iterator[str]:
    name = "bbtest-" + uuid.uuid4().hex[:10]
    yield name
    client = redis.Redis.from_url(broker_url)
    if keys := list(client.scan_iter(f"{name}:*")):
        client.delete(*keys)


def limiter(broker_url: str, namespace: str) -> RedisLimiter:
    """One worker's limiter: its own connection to the shared Redis."""
    return RedisLimiter(redis.Redis.from_url(broker_url), namespace)


def test_workers_sharing_redis_together_keep_to_one_rate(broker_url: str, namespace: str) -> None:
    rate, turns = Rate(20.0, 1), 30
    workers = [limiter(broker_url, namespace) for _ in range(3)]
    taken: list[float] = []

    def take(mine: RedisLimiter) -> None:
        for _ in range(turns // len(workers)):
            granted, wait = mine.acquire("slack:T1", [("slack:T1:C1:post", rate)], 10.0)
            assert granted
            time.sleep(wait)
            taken.append(time.monotonic())

    threads = [threading.Thread(target=take, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    taken.sort()
    # Never more than the rate allows in any one-second window (the burst, plus timing slack).
    most = max(sum(1 for t in taken if start <= t < start + 1.0) for start in taken)
    assert most <= 20 + 1 + 1
    assert taken[-1] - taken[0] >= (turns - 1) / 20 * 0.9


def test_a_429_holds_that_workspace_for_every_worker_and_no_other(
    broker_url: str, namespace: str, slack: FakeSlack
) -> None:
    client = WebClient(token=TOKEN, base_url=slack.base_url, retry_handlers=[])
    slept: list[float] = []
    delivery = SlackDelivery(lambda ws: client, sleep=slept.append,
                             limiter=limiter(broker_url, namespace))  # fmt: skip
    slack.fail_next("chat.postMessage", status=429, retry_after=30)
    sub = Subscription("slack", "T111", "C1", "hubs", parse_schedule([], "UTC"))
    reply = Reply("error", {"message": "hello", "command": None})
    delivery.post(sub, reply, "slot-1")  # throttled once, then posted
    assert len(slack.messages["C1"]) == 1 and 30 in slept

    other_worker = limiter(broker_url, namespace)
    posts = slack_limits("T111", "chat.postMessage", "C2", posts_per_minute=300)
    assert other_worker.wait("slack:T111", posts) > 20  # another channel, same workspace
    elsewhere = slack_limits("T222", "chat.postMessage", "C2", posts_per_minute=300)
    assert other_worker.wait("slack:T222", elsewhere) == 0


def test_a_throttled_webhook_holds_its_conversation_for_every_worker(
    broker_url: str, namespace: str, webhook: FakeWorkflowWebhook, tmp_path: Path
) -> None:
    services = Services.from_settings(
        Settings(data_dir=tmp_path, allow_loopback=True, public_url="https://b.example.org")
    )
    services.store.remember(WORKFLOWS, WORKFLOWS_WORKSPACE, "comms", {"url": webhook.url})
    slept: list[float] = []
    inner = WorkflowsDelivery(services.settings, services.store, sleep=slept.append)
    delivery = PacedDelivery(inner, limiter(broker_url, namespace))
    webhook.fail("", 429, retry_after=30)
    sub = Subscription(WORKFLOWS, WORKFLOWS_WORKSPACE, "comms", "hubs", parse_schedule([], "UTC"))
    delivery.post(sub, Reply("error", {"message": "hello", "command": None}), "slot-1")
    assert slept == [30.0] and len(webhook.delivered) == 1
    scope, limits = post_limits(WORKFLOWS, WORKFLOWS_WORKSPACE, "comms", slack_posts_per_minute=0)
    assert limiter(broker_url, namespace).wait(scope, limits) > 20  # every worker waits
    _, others = post_limits(WORKFLOWS, WORKFLOWS_WORKSPACE, "sales", slack_posts_per_minute=0)
    assert limiter(broker_url, namespace).wait(f"{WORKFLOWS}:sales", others) == 0


def test_a_throttled_workspaces_digest_waits_on_the_queue_not_in_a_thread(
    cluster: Cluster, slack: FakeSlack
) -> None:
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    for workspace, channel in (("T111", "C1"), ("T222", "C2")):
        services.store.subscribe(
            Subscription("slack", workspace, channel, "hubs", parse_schedule(["daily"], "UTC"))
        )
    shared = RedisLimiter(queue.broker.client, cluster.namespace)
    shared.back_off("slack:T111", 120)  # T111 answered 429, Retry-After 120
    cluster.worker("--queues", "digests", "--threads", "1")  # one thread: no room to hide
    for workspace, channel in (("T111", "C1"), ("T222", "C2")):  # the throttled one first
        queue.send("digest", platform="slack", workspace=workspace, channel=channel,
                   story="hubs", slot="slot-1")  # fmt: skip
    cluster.wait_until(lambda: slack.messages.get("C2"))
    assert not slack.messages.get("C1")
    cluster.wait_until(lambda: queue.depths()["digests"][1] == 1)  # T111's, put off
    assert "slack:T111 is throttled" in cluster.logs()
