"""One retry policy: backoff with jitter, Retry-After up to a cap."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.delivery import DeliveryError
from bot.retry import Policy
from bot.slack.delivery import SlackDelivery
from bot.subscriptions import Subscription, parse_schedule


def test_backoff_doubles_with_a_little_jitter() -> None:
    policy = Policy(attempts=5, backoff=1.0, jitter=0.25)
    for attempt, base in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0)):
        wait = policy.wait(attempt)
        assert wait is not None and base <= wait <= base * 1.25
    assert policy.wait(5) is None  # attempts used up


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    policy = Policy(max_wait=60.0)
    assert policy.wait(1, retry_after=30.0) == pytest.approx(30.0)
    assert policy.wait(1, retry_after=61.0) is None  # a thread asleep for an hour helps nobody


def test_slack_gives_up_on_a_retry_after_beyond_the_cap(slack) -> None:
    client = WebClient(token="xoxb-T111-x", base_url=slack.base_url, retry_handlers=[])
    sleeps: list[float] = []
    delivery = SlackDelivery(lambda team: client, sleep=sleeps.append, max_wait=60.0)
    sub = Subscription("slack", "T111", "C200", "hubs", parse_schedule([], "UTC"), "U1")
    slack.fail_next("files.getUploadURLExternal", status=429, retry_after=3600)
    with pytest.raises(DeliveryError, match="HTTP 429"):
        delivery.attach(sub, "1.0", "hubs-figures.xlsx", b"x")
    assert sleeps == []
