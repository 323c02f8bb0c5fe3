"""Exactly once through the queue: a worker SIGKILLed mid-digest leaves one post, not 0 or 2."""

from __future__ import annotations

import signal

import pytest

from bot.subscriptions import Subscription, parse_schedule
from tests.fakes.slack_api import FakeSlack
from tests.workers.conftest import Cluster

SLOT = "2026-12-07 08:00 UTC"


@pytest.mark.parametrize(
    "held",
    [
        "chat.postMessage",  # Slack took the post; the worker died before it heard so
        "files.getUploadURLExternal",  # posted and recorded; died before the spreadsheet
    ],
)
def test_a_worker_killed_mid_digest_leaves_exactly_one_post(
    cluster: Cluster, slack: FakeSlack, held: str
) -> None:
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    services.store.subscribe(
        Subscription("slack", "T111", "C200", "hubs", parse_schedule(["daily"], "UTC"))
    )
    slack.fail_next(held, delay=120)  # the call arrives (and counts), its reply is held
    first = cluster.worker("--queues", "digests")
    queue.send("digest", platform="slack", workspace="T111", channel="C200", story="hubs",
               slot=SLOT)  # fmt: skip
    cluster.wait_until(lambda: slack.calls_to(held))
    first.send_signal(signal.SIGKILL)
    assert first.wait() == -signal.SIGKILL

    cluster.worker("--queues", "digests")  # gets the unacknowledged task again
    rows = cluster.wait_until(
        lambda: [r for r in services.store.deliveries() if r.status not in ("sending", "uncertain")]
    )
    assert [(r.slot, r.status) for r in rows] == [(SLOT, "sent")]
    assert len(slack.messages["C200"]) == 1  # posted once, by the killed worker
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert len(slack.completed_uploads) == 1  # and its spreadsheet once, by the second
    assert rows[0].message_id == slack.messages["C200"][0]["ts"]
    cluster.wait_until(lambda: queue.depths()["digests"] == (0, 0, 0))  # acknowledged
    assert "settled: sent" in cluster.logs()
