"""Digests: slots across clock changes, exactly-once delivery, retries, misfires, the outbox."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobEvent
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from slack_sdk import WebClient

from bot.commands import Caller, run
from bot.delivery import OutboxDelivery, RoutingDelivery
from bot.digest import digest_reply, latest_slot, resume_uncertain, send_digest
from bot.scheduler import create_scheduler, job_id, start, trigger_for
from bot.services import Services
from bot.slack.delivery import SlackDelivery
from bot.subscriptions import Schedule, Subscription, parse_schedule
from briefings import build_briefing, load_articles
from briefings.diff import changes, summarize

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")


def at(text: str, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


# -- slots and triggers across the Europe/London clock changes -------------------------


def test_digest_stays_at_8am_local_across_both_clock_changes():
    trigger = trigger_for(
        Schedule("08:00", "Europe/London", ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    )
    fire, seen = datetime(2026, 3, 27, 12, tzinfo=UTC), []
    for _ in range(4):
        fire = trigger.get_next_fire_time(None, fire + timedelta(seconds=1))
        seen.append(fire)
    assert [f.astimezone(LONDON).strftime("%d %H:%M") for f in seen] == [
        "28 08:00",
        "29 08:00",
        "30 08:00",
        "31 08:00",
    ]
    assert [f.astimezone(UTC).hour for f in seen] == [8, 7, 7, 7]  # BST starts on 29 March
    fire = datetime(2026, 10, 23, 12, tzinfo=UTC)
    fire = trigger.get_next_fire_time(None, fire)
    fire2 = trigger.get_next_fire_time(None, fire + timedelta(seconds=1))
    assert (fire.astimezone(UTC).hour, fire2.astimezone(UTC).hour) == (7, 8)  # GMT from 25 Oct


def fire_times(schedule: Schedule, start: datetime, n: int) -> list[datetime]:
    trigger, fire, out = trigger_for(schedule), start, []
    for _ in range(n):
        fire = trigger.get_next_fire_time(None, fire + timedelta(seconds=1))
        out.append(fire)
    return out


def test_a_time_the_clocks_skip_is_still_that_days_digest():
    schedule = Schedule("01:30", "Europe/London", ("sun",))
    # 29 March 2026: 01:00 GMT -> 02:00 BST, so there is no 01:30; the trigger fires at 02:30.
    fires = fire_times(schedule, datetime(2026, 3, 21, tzinfo=UTC), 3)
    slots = [latest_slot(schedule, f) for f in fires]
    assert slots == [f"2026-03-{d} 01:30 Europe/London" for d in ("22", "29")] + [
        "2026-04-05 01:30 Europe/London"
    ]


def test_a_time_the_clocks_repeat_is_one_slot():
    schedule = Schedule("01:30", "Europe/London", ("sun",))
    # 25 October 2026: 01:30 happens in BST and again in GMT; the trigger fires at both.
    fires = fire_times(schedule, datetime(2026, 10, 24, tzinfo=UTC), 2)
    assert fires[1].astimezone(UTC) - fires[0].astimezone(UTC) == timedelta(hours=1)
    assert {latest_slot(schedule, f) for f in fires} == {"2026-10-25 01:30 Europe/London"}


def test_weekday_slots_skip_the_weekend():
    schedule = parse_schedule([], "Europe/London")
    assert (
        latest_slot(schedule, at("2026-11-22T09:00")) == "2026-11-20 08:00 Europe/London"
    )  # Sun -> Fri
    assert latest_slot(schedule, at("2026-11-23T07:59")) == "2026-11-20 08:00 Europe/London"
    assert latest_slot(schedule, at("2026-11-23T08:00")) == "2026-11-23 08:00 Europe/London"


# -- what changed -------------------------------------------------------------------------


def test_changes_since_the_last_digest_name_the_new_coverage(seeds_dir):
    raws, _ = load_articles([seeds_dir])
    before = build_briefing(raws[:2])
    after = build_briefing(raws)
    found = changes(summarize(before), after)
    assert {s.id for s in found.sources} == {s.id for s in after.sources} - {
        s.id for s in before.sources
    }
    assert found.figures or found.revised
    assert not changes(summarize(after), after).sources
    assert changes(summarize(after), after).empty
    assert changes(None, after).first


# -- delivery ----------------------------------------------------------------------------


@pytest.fixture
def sub() -> Subscription:
    return Subscription("slack", "T111", "C200", "hubs", parse_schedule([], "Europe/London"), "U1")


@pytest.fixture
def ready(services: Services) -> Services:
    services.briefings.get("hubs")
    return services


def slack_delivery(slack, sleeps: list[float] | None = None, **kw) -> SlackDelivery:
    client = WebClient(
        token="xoxb-T111-x",
        base_url=slack.base_url,
        retry_handlers=[],
        timeout=kw.pop("timeout", 5),
    )
    return SlackDelivery(
        lambda team: client, sleep=(sleeps.append if sleeps is not None else lambda s: None), **kw
    )


def test_a_digest_is_posted_once_with_its_spreadsheet_in_the_thread(ready, slack, sub):
    delivery = slack_delivery(slack)
    assert send_digest(ready, sub, "2026-11-23 08:00 Europe/London", delivery) == "sent"
    assert send_digest(ready, sub, "2026-11-23 08:00 Europe/London", delivery) == "claimed"
    [post] = slack.calls_to("chat.postMessage")
    assert post.body["channel"] == "C200" and "<!" not in json.dumps(post.body)
    [upload] = slack.completed_uploads
    assert upload["channel_id"] == "C200" and upload["thread_ts"] == slack.messages["C200"][0]["ts"]
    [row] = ready.store.deliveries()
    assert (row.status, row.message_id, row.file_id) == (
        "sent",
        slack.messages["C200"][0]["ts"],
        upload["files"][0]["id"],
    )


def test_the_next_digest_says_there_is_no_new_coverage(ready, slack, sub):
    delivery = slack_delivery(slack)
    send_digest(ready, sub, "2026-11-23 08:00 Europe/London", delivery)
    assert send_digest(ready, sub, "2026-11-24 08:00 Europe/London", delivery) == "sent"
    second = slack.calls_to("chat.postMessage")[-1].body
    assert "No new coverage since your last digest" in json.dumps(second["blocks"])
    quiet = Services(
        replace(ready.settings, quiet_digests="skip"), ready.stories, ready.briefings, ready.store
    )
    assert send_digest(quiet, sub, "2026-11-25 08:00 Europe/London", delivery) == "quiet"
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_rate_limits_and_server_errors_are_retried_honouring_retry_after(ready, slack, sub):
    sleeps: list[float] = []
    slack.fail_next("chat.postMessage", status=429, retry_after=7)
    slack.fail_next("chat.postMessage", status=500)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack, sleeps)) == "sent"
    assert sleeps[0] >= 7 and len(sleeps) == 2
    assert len(slack.messages["C200"]) == 1


def test_a_post_whose_reply_is_lost_is_not_posted_again(ready, slack, sub):
    slack.fail_next("chat.postMessage", accept_then_drop=True)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack)) == "sent"
    assert len(slack.messages["C200"]) == 1  # found by its metadata, not re-posted


def test_a_timeout_after_the_post_landed_is_not_posted_again(ready, slack, sub):
    slack.fail_next("chat.postMessage", delay=3)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack, timeout=1)) == "sent"
    assert len(slack.messages["C200"]) == 1


def test_after_the_last_try_the_failure_is_kept_and_shown_to_admins(ready, slack, sub):
    for _ in range(3):
        slack.fail_next("chat.postMessage", status=503)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack, attempts=3)) == "failed"
    [row] = ready.store.deliveries(status="failed")
    assert "HTTP 503" in row.error
    ctx = ready.context(ready.stories[0], Caller("slack", "T111", "C200", "U1"))
    from bot.slack.blocks import as_text, build_messages

    shown = as_text(build_messages(run("deliveries", ctx)))
    assert "failed" in shown and "HTTP 503" in shown and "slot-1" in shown


def test_a_rate_limited_upload_retries_only_the_step_that_failed(ready, slack, sub):
    sleeps: list[float] = []
    slack.fail_next("files.completeUploadExternal", status=429, retry_after=4)
    slack.fail_next("upload", status=503)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack, sleeps)) == "sent"
    assert 4 in sleeps
    assert len(slack.calls_to("files.getUploadURLExternal")) == 1  # no orphaned upload
    [upload] = slack.completed_uploads
    [row] = ready.store.deliveries()
    assert row.file_id == upload["files"][0]["id"] and row.status == "sent"


def test_a_shared_spreadsheet_whose_reply_is_lost_is_not_shared_again(ready, slack, sub):
    slack.fail_next("files.completeUploadExternal", accept_then_drop=True)
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack)) == "sent"
    assert len(slack.completed_uploads) == 1  # files.info showed it in the channel
    [row] = ready.store.deliveries()
    assert row.file_id == slack.completed_uploads[0]["files"][0]["id"]


def test_a_failed_upload_keeps_the_posted_digest_and_never_reposts_it(ready, slack, sub):
    slack.fail_next("files.completeUploadExternal", error="not_in_channel")
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack)) == "partial"
    assert send_digest(ready, sub, "slot-1", slack_delivery(slack)) == "claimed"
    assert len(slack.messages["C200"]) == 1
    [row] = ready.store.deliveries()
    assert row.status == "partial" and "not_in_channel" in row.error and row.message_id


# -- a crash mid-send: nothing lost, nothing doubled --------------------------------------


def crashed_claim(services: Services, sub: Subscription, slot: str, **recorded) -> None:
    """A claim as a process leaves it when it dies while sending, 20 minutes ago."""
    services.store.subscribe(sub)
    delivery_id = services.store.claim(sub, slot)
    services.store.update_delivery(delivery_id, **recorded)
    stale = (datetime.now(UTC) - timedelta(minutes=20)).isoformat(timespec="seconds")
    with services.store.engine.begin() as db:
        db.exec_driver_sql(
            "UPDATE briefbot_deliveries SET claimed_at = ?, updated_at = ?", (stale, stale)
        )
    assert services.store.mark_uncertain(older_than_seconds=15 * 60) == 1


def test_a_digest_cut_off_before_it_was_posted_is_sent_on_restart(ready, slack, sub):
    crashed_claim(ready, sub, "slot-1")
    assert resume_uncertain(ready, slack_delivery(slack)) == {1: "sent"}
    assert resume_uncertain(ready, slack_delivery(slack)) == {}  # a second scheduler
    assert len(slack.messages["C200"]) == 1 and len(slack.completed_uploads) == 1
    [row] = ready.store.deliveries()
    assert row.status == "sent" and row.message_id == slack.messages["C200"][0]["ts"]


def test_a_digest_that_landed_before_the_crash_is_recorded_not_reposted(ready, slack, sub):
    delivery = slack_delivery(slack)
    reply, _ = digest_reply(ready, sub)
    ts = delivery.post(sub, reply, "slot-1")  # posted, then the process died
    crashed_claim(ready, sub, "slot-1")
    assert resume_uncertain(ready, delivery) == {1: "sent"}
    assert len(slack.messages["C200"]) == 1
    [row] = ready.store.deliveries()
    assert row.message_id == ts


def test_a_posted_digest_missing_its_spreadsheet_gets_it_on_restart(ready, slack, sub):
    delivery = slack_delivery(slack)
    reply, _ = digest_reply(ready, sub)
    ts = delivery.post(sub, reply, "slot-1")
    crashed_claim(ready, sub, "slot-1", message_id=ts)
    assert resume_uncertain(ready, delivery) == {1: "sent"}
    [upload] = slack.completed_uploads
    assert upload["thread_ts"] == ts and len(slack.messages["C200"]) == 1


def test_a_claim_older_than_the_grace_period_stays_for_an_admin(ready, slack, sub):
    late = Services(
        replace(ready.settings, digest_grace_seconds=60), ready.stories, ready.briefings,
        ready.store,
    )  # fmt: skip
    crashed_claim(late, sub, "slot-1")
    assert resume_uncertain(late, slack_delivery(slack)) == {}
    assert slack.messages.get("C200", []) == []
    assert [d.status for d in late.store.deliveries()] == ["uncertain"]


# -- exactly once across processes ------------------------------------------------------

RACE = """
import sys, time
from bot.services import Services
from bot.settings import Settings
from bot.scheduler import create_scheduler, run_digest
from bot.slack.delivery import SlackDelivery
from slack_sdk import WebClient
settings = Settings(
    slack_api_url=sys.argv[1], database_url=sys.argv[2], slack_bot_token="xoxb-T111-x"
)
services = Services.from_settings(settings)
services.briefings.get("hubs")
client = WebClient(token="xoxb-T111-x", base_url=sys.argv[1], retry_handlers=[])
create_scheduler(services, SlackDelivery(lambda team: client), blocking=False)
while time.time() < float(sys.argv[3]):
    time.sleep(0.001)
print(run_digest("slack", "T111", "C300", "hubs"))
"""


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_schedulers_on_one_database_post_each_slot_once(request, database, slack, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        if database == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    from bot.settings import Settings

    services = Services.from_settings(Settings(database_url=url))
    services.store.subscribe(
        Subscription("slack", "T111", "C300", "hubs", parse_schedule(["daily"], "UTC"))
    )
    go = time.time() + 6
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, slack.base_url, url, str(go)],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    results = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert results == ["claimed", "sent"], [p.stderr for p in procs]
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert [d.status for d in services.store.deliveries()] == ["sent"]


# -- the scheduler: misfires inside and outside the grace period ------------------------


@pytest.mark.parametrize(("late_hours", "delivered"), [(1, True), (3, False)])
def test_a_missed_digest_is_sent_on_restart_only_within_the_grace_period(
    services, tmp_path, caplog, late_hours, delivered
):
    services.briefings.get("hubs")
    due = (datetime.now(UTC) - timedelta(hours=late_hours)).replace(second=0, microsecond=0)
    schedule = Schedule(
        due.strftime("%H:%M"), "UTC", ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )
    sub = Subscription("outbox", "local", "C400", "hubs", schedule)
    services.store.subscribe(sub)
    outbox = tmp_path / "outbox"
    first = create_scheduler(services, OutboxDelivery(outbox), blocking=False)
    start(first, services)  # stores the job
    first.shutdown()
    store = SQLAlchemyJobStore(engine=services.store.engine, tablename="briefbot_jobs")
    store.start(first, "default")
    job = store.lookup_job(job_id(sub))
    job.next_run_time = due  # as if the process had been down since
    store.update_job(job)
    scheduler = create_scheduler(services, OutboxDelivery(outbox), blocking=False)
    settled = threading.Event()  # the job ran, or was skipped as missed

    def settle(event: JobEvent) -> None:
        if event.job_id == job_id(sub):
            settled.set()

    scheduler.add_listener(settle, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        start(scheduler, services)  # the restart, through the real start-up path
        assert settled.wait(timeout=10)
        scheduler.shutdown()
    assert bool(list(outbox.glob("*.md"))) is delivered
    if not delivered:
        assert "missed by more than the grace period" in caplog.text
    else:
        [row] = services.store.deliveries()
        assert row.slot == f"{due:%Y-%m-%d %H:%M} UTC"


# -- without Slack ------------------------------------------------------------------------


def test_digest_now_writes_markdown_and_xlsx_into_the_outbox(tmp_path, seeds_briefing):
    env = {"BRIEFBOT_DATA_DIR": str(tmp_path / "data")}
    import os

    def digest():
        return subprocess.run(
            [sys.executable, "-m", "bot", "digest", "--now", "--outbox", str(tmp_path / "out")],
            cwd=ROOT,
            env=os.environ | env,
            text=True,
            capture_output=True,
            timeout=120,
        )

    first = digest()
    finished = time.time()  # the first digest's slot (to the second) is no later than this
    assert first.returncode == 0, first.stderr
    [md] = (tmp_path / "out").glob("*.md")
    text = md.read_text()
    assert text.startswith("## Overseas return hubs for failed asylum seekers: digest")
    assert "**Key figures**" in text
    [xlsx] = (tmp_path / "out").glob("*.xlsx")
    assert openpyxl.load_workbook(xlsx)["Figures"].max_row == len(seeds_briefing.figures) + 1
    # `--now` slots are to the second: the next digest is another slot once the clock has
    # passed the second the first one finished in (usually long since, by now).
    time.sleep(max(0.0, int(finished) + 1 - time.time()))
    assert digest().returncode == 0
    newest = max((tmp_path / "out").glob("*.md"))
    assert "No new coverage since your last digest" in newest.read_text()


def test_where_the_channel_cannot_be_read_back_the_claim_stays_uncertain(ready, tmp_path, sub):
    crashed_claim(ready, sub, "slot-1")
    outbox = tmp_path / "outbox"
    cannot_check = RoutingDelivery({"slack": OutboxDelivery(outbox)})  # no `find`
    assert resume_uncertain(ready, cannot_check) == {}
    assert list(outbox.iterdir()) == []
    assert [d.status for d in ready.store.deliveries()] == ["uncertain"]
