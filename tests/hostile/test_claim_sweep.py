"""A digest whose sender died mid-send goes out within about one lease, from whichever
scheduler sweeps next, and still exactly once: a live sender keeps its lease, and one
that lost it never posts. (The run lost a digest for 15 minutes: claims were only
settled when a scheduler started.)"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot import digest
from bot.digest import send_digest, sweep_claims
from bot.scheduler import SWEEP_JOB, create_scheduler, start
from bot.services import Services
from tests.chat.test_digest import ready, slack_delivery, sub  # noqa: F401 - fixtures


def with_lease(services: Services, seconds: int) -> Services:
    settings = replace(services.settings, digest_lease_seconds=seconds)
    return Services(settings, services.stories, services.briefings, services.store)


def cut_off(services: Services, sub, slot: str, seconds_ago: int) -> int:  # noqa: F811
    """A claim left `sending` by a process that died `seconds_ago`."""
    services.store.subscribe(sub)
    delivery_id = services.store.claim(sub, slot)
    assert delivery_id is not None
    stale = (datetime.now(UTC) - timedelta(seconds=seconds_ago)).isoformat(timespec="seconds")
    with services.store.engine.begin() as db:
        db.exec_driver_sql("UPDATE briefbot_deliveries SET updated_at = ?", (stale,))
    return delivery_id


def test_the_next_sweep_sends_a_digest_cut_off_two_minutes_ago(ready, slack, sub):  # noqa: F811
    delivery_id = cut_off(ready, sub, "slot-1", seconds_ago=120)
    assert sweep_claims(ready, slack_delivery(slack)) == {delivery_id: "sent"}
    assert sweep_claims(ready, slack_delivery(slack)) == {}  # the other scheduler's sweep
    assert len(slack.messages["C200"]) == 1 and len(slack.completed_uploads) == 1
    assert [d.status for d in ready.store.deliveries()] == ["sent"]


def test_a_claim_within_its_lease_is_left_alone(ready, slack, sub):  # noqa: F811
    cut_off(ready, sub, "slot-1", seconds_ago=10)
    assert sweep_claims(ready, slack_delivery(slack)) == {}
    assert slack.messages.get("C200", []) == []


def test_an_alert_or_answer_cut_off_is_never_sent_as_a_digest(ready, slack, sub):  # noqa: F811
    cut_off(ready, sub, "alert figure:toll", seconds_ago=120)
    ready.store.claim(sub, "answer 5f0c")  # cut_off made every row stale
    with ready.store.engine.begin() as db:
        db.exec_driver_sql("UPDATE briefbot_deliveries SET updated_at = '2000-01-01'")
    assert sweep_claims(ready, slack_delivery(slack)) == {}
    assert slack.messages.get("C200", []) == []  # it may have been shown: not again
    assert sorted(d.status for d in ready.store.deliveries()) == ["uncertain", "uncertain"]


class SlowPost:
    """A delivery whose post takes `seconds` (Slack answering 429s, say)."""

    def __init__(self, inner, seconds: float) -> None:
        self.inner, self.seconds = inner, seconds

    def post(self, *args):  # type: ignore[no-untyped-def]
        time.sleep(self.seconds)
        return self.inner.post(*args)

    def attach(self, *args):  # type: ignore[no-untyped-def]
        return self.inner.attach(*args)

    def find(self, *args):  # type: ignore[no-untyped-def]
        return self.inner.find(*args)


def test_a_live_sender_keeps_its_lease_through_a_slow_post(ready, slack, sub):  # noqa: F811
    services = with_lease(ready, 1)  # renewed every third of a second
    services.store.subscribe(sub)
    outcome: list[str] = []
    sender = threading.Thread(
        target=lambda: outcome.append(
            send_digest(services, sub, "slot-1", SlowPost(slack_delivery(slack), 3.0))
        )
    )
    sender.start()
    swept = []
    while sender.is_alive():  # another scheduler sweeping all the while
        swept.append(sweep_claims(services, slack_delivery(slack)))
        time.sleep(0.3)
    assert outcome == ["sent"] and all(s == {} for s in swept)
    assert len(slack.messages["C200"]) == 1


def test_a_sender_that_lost_its_claim_does_not_post(ready, slack, sub):  # noqa: F811
    delivery_id = cut_off(ready, sub, "slot-1", seconds_ago=120)
    ready.store.mark_uncertain(older_than_seconds=90)
    assert ready.store.retake(delivery_id) == 1  # another scheduler has it now
    # … and the first process wakes up and carries on with its old lease:
    assert digest._deliver(ready, sub, "slot-1", slack_delivery(slack), delivery_id, 0) == (
        "claimed"
    )
    assert slack.messages.get("C200", []) == []


def test_every_running_scheduler_sweeps(ready, slack, sub):  # noqa: F811
    scheduler = create_scheduler(ready, slack_delivery(slack), blocking=False)
    start(scheduler, ready)
    try:
        assert scheduler.get_job(SWEEP_JOB) is not None  # added as the scheduler starts
    finally:
        scheduler.shutdown(wait=False)
