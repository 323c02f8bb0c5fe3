"""A workspace's posts are counted from before they are sent until they are answered, so a
post that reaches Slack late never bunches with the next ones in Slack's window."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from slack_sdk import WebClient

from bot.commands import Reply
from bot.ratelimit import RedisLimiter, Window
from bot.slack.delivery import SlackDelivery
from bot.subscriptions import Subscription, parse_schedule
from tests.fakes.slack_api import FakeSlack
from tests.workers.conftest import TOKEN


@pytest.fixture
def limiter(broker_url: str) -> Iterator[RedisLimiter]:
    name = "bbtest-" + uuid.uuid4().hex[:10]
    client = redis.Redis.from_url(broker_url)
    yield RedisLimiter(client, name)
    if keys := list(client.scan_iter(f"{name}:*")):
        client.delete(*keys)


def test_a_call_not_answered_yet_keeps_its_place_in_the_window(limiter: RedisLimiter) -> None:
    window = Window("slack:T1:posts:window", 2, 0.3)
    first, second = limiter.enter(window, 0.0), limiter.enter(window, 0.0)
    assert first and second
    assert limiter.enter(window, 0.2) is None  # both still in flight, however long
    limiter.leave(window, first)
    left = time.monotonic()
    assert limiter.enter(window, 1.0) is not None
    assert 0.25 <= time.monotonic() - left < 0.6  # a window's length after it was answered


class LateFirstPost(WebClient):
    """A client whose first post sits 0.3 s between taking its turn and reaching Slack, as
    on a machine whose cores are all busy."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.late = threading.Event()

    def chat_postMessage(self, **kwargs: Any) -> Any:  # noqa: N802 (slack_sdk's name)
        if not self.late.is_set():
            self.late.set()
            time.sleep(0.3)
        return super().chat_postMessage(**kwargs)


def test_a_post_that_reaches_slack_late_does_not_make_the_next_ones_429(
    limiter: RedisLimiter, slack: FakeSlack
) -> None:
    slack.rate_limit("chat.postMessage", per_minute=5, window=1.0)  # 5 in any second, as 300/min
    client = LateFirstPost(token=TOKEN, base_url=slack.base_url, retry_handlers=[])
    delivery = SlackDelivery(lambda ws: client, limiter=limiter, posts_per_minute=300)
    reply = Reply("error", {"message": "reservoir closed", "command": None})
    subs = [Subscription("slack", "T111", f"C{i}", "hubs", parse_schedule([], "UTC"))
            for i in range(7)]  # fmt: skip
    threads = [threading.Thread(target=delivery.post, args=(sub, reply, "slot-1")) for sub in subs]
    for thread in threads:
        thread.start()
        time.sleep(0.01)  # the late one takes the first turn
    for thread in threads:
        thread.join()
    posts = slack.calls_to("chat.postMessage")
    assert [c.status for c in posts].count(429) == 0
    assert all(len(slack.messages[sub.channel]) == 1 for sub in subs)
