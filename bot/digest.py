"""Digests, delivered exactly once: claim the slot in the ledger, post, then record.

A slot is one scheduled time in the channel's own time zone ("2026-03-30 08:00
Europe/London"). Whoever inserts the ledger row for a slot first delivers it; everyone
else (a second scheduler, a restarted one) sees the claim and does nothing.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from briefings import Briefing, BriefingError, changes, render_xlsx, summarize

from .briefs import BriefingCache
from .commands import Reply, full_briefing, key_figures
from .delivery import Delivery, DeliveryError, Finds, MaybeDelivered
from .layout import source_labels
from .memo import Made
from .services import Send, Services
from .store import is_digest_slot
from .stories import StoryConfig
from .subscriptions import DAYS, Schedule, Subscription

log = logging.getLogger(__name__)


_xlsx_made: Made[str, bytes] = Made(8)
"""Spreadsheets kept for the current briefing: one per time zone subscribers use."""
_xlsx_lock = threading.Lock()


def _xlsx(briefings: BriefingCache, briefing: Briefing, story: StoryConfig, zone: str) -> bytes:
    """The spreadsheet, built once per briefing and time zone (its About sheet's times are
    the subscription's): a fan-out to 1,000 channels sends the same bytes (building it costs
    ~80 ms of CPU; bench/digest_fanout.py). Paths are shown relative to the story's folder,
    never as the server's layout."""
    with _xlsx_lock:  # built under the lock: ~80 ms, once, however many threads ask
        if (data := _xlsx_made.get(briefing, zone)) is not None:
            return data
        timeline = briefings.with_history(briefing, zone)  # its Timeline sheet: versions too
        data = render_xlsx(timeline, folder=story.folder, timezone=zone)
        return _xlsx_made.keep(briefing, zone, data, lambda made_for, _: made_for is not briefing)


def latest_slot(schedule: Schedule, now: datetime) -> str | None:
    """The most recent scheduled time at or before `now`, as a slot key; None if none this week.

    Wall-clock times, matching APScheduler's cron trigger: on the day the clocks go back,
    01:30 happens twice (the trigger fires twice) but is one slot, so one digest; on the
    day they go forward, a skipped 01:30 fires an hour late and is still that day's slot.
    """
    zone = ZoneInfo(schedule.timezone)
    local = now.astimezone(zone)
    hour, minute = map(int, schedule.time.split(":"))
    for back in range(8):
        day = (local - timedelta(days=back)).date()
        if DAYS[day.weekday()] not in schedule.days:
            continue
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        if at <= local:
            return f"{day.isoformat()} {schedule.time} {schedule.timezone}"
    return None


DigestKey = tuple[str, str, bool, str]
"""(story, time zone, quiet digests, what the channel's last digest showed, as JSON)."""
_digests: Made[DigestKey, tuple[Reply, dict[str, object]]] = Made(32)
"""Digests kept for the current briefings: one per story, zone and last digest seen."""


def digest_reply(services: Services, sub: Subscription) -> tuple[Reply, dict[str, object]]:
    """The digest for one channel, and the summary to remember once it is delivered.

    Made once per briefing and per what it depends on (the channel's time zone, and the
    summary of the channel's last digest, for what changed since): a fan-out to 2,000
    channels sends a few distinct digests, not 2,000 (bench/digest_cpu.py). The same
    briefing object is the key (a changed briefing is a new one), never its id or slug,
    so a digest made for an older briefing is never served."""
    story = services.story(sub.story)
    briefing = services.briefings.get(story.slug)
    last = services.store.last_summary(sub)
    quiet = services.settings.quiet_digests == "line"
    key = (story.slug, sub.schedule.timezone, quiet, json.dumps(last, sort_keys=True))
    if (made := _digests.get(briefing, key)) is not None:
        return made
    data = {
        "b": briefing,
        "labels": source_labels(briefing),
        "story": story,
        "changes": changes(last, briefing),
        "key_figures": key_figures(briefing),
        "quiet": quiet,
        "zone": sub.schedule.timezone,  # times as the channel reads them, not UTC
    }
    reply, summary = Reply("digest", data, (full_briefing(story.slug),)), summarize(briefing)

    def older(made_for: object, made_key: DigestKey) -> bool:  # this story's older briefings
        return made_for is not briefing and made_key[0] == story.slug

    return _digests.keep(briefing, key, (reply, summary), older)


def digest_now(
    services: Services,
    sub: Subscription,
    slot: str,
    delivery: Callable[[], Delivery],
    send: Send | None = None,
) -> str:
    """`/hubs digest now`. With a broker, the digest task is queued (by `send`, default
    the queue's), as the clock queues its digests (a worker claims the slot, so it posts
    once), and "queued" is the answer at once; without one it is sent here and now."""
    if services.queue is not None:
        send = send or services.queue.send
        send("digest", platform=sub.platform, workspace=sub.workspace, channel=sub.channel,
             story=sub.story, slot=slot, asked_by=sub.user)  # fmt: skip
        return "queued"
    return send_digest(services, sub, slot, delivery())


def send_digest(services: Services, sub: Subscription, slot: str, delivery: Delivery) -> str:
    """Deliver one digest unless its slot is already claimed; returns the ledger status."""
    claimed_at = time.monotonic()
    delivery_id = services.store.claim(sub, slot)
    if delivery_id is None:
        log.info("digest %s %s %s: already claimed", sub.channel, sub.story, slot)
        return "claimed"
    with Lease(services, delivery_id, 0):
        return _deliver(services, sub, slot, delivery, delivery_id, 0, claimed_at)


class Lease:
    """While a process sends a claimed digest, it renews the claim's lease every third of
    `digest_lease_seconds`. A process that dies stops renewing; the sweep in every running
    scheduler (`sweep_claims`) then finds the claim stale within a lease and settles it."""

    def __init__(self, services: Services, delivery_id: int, token: int) -> None:
        self.store, self.delivery_id, self.token = services.store, delivery_id, token
        self.every = services.settings.digest_lease_seconds / 3
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="digest-lease", daemon=True)

    def __enter__(self) -> Lease:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _renew(self) -> None:
        while not self._stop.wait(self.every):
            try:
                if not self.store.renew(self.delivery_id, self.token):
                    return  # finished, or no longer ours
            except Exception:  # the database is down: the next beat tries again
                log.exception("digest %d: could not renew its lease", self.delivery_id)


def sweep_claims(services: Services, delivery: Delivery) -> dict[int, str]:
    """Claims whose lease ran out (their process died mid-send) become uncertain, and are
    settled like at start-up: found in the channel, sent, or attached. Run by every
    scheduler every `SWEEP_SECONDS`, so a crash delays a digest by about one lease."""
    services.store.mark_uncertain(older_than_seconds=services.settings.digest_lease_seconds)
    return resume_uncertain(services, delivery)


def resume_uncertain(services: Services, delivery: Delivery) -> dict[int, str]:
    """After a crash, the claims cut off mid-send (see `Store.mark_uncertain`), if still
    within the grace period: a digest found in its channel is recorded, one that is not
    there is sent, and a posted one missing its spreadsheet gets it. Where the platform
    cannot be read back (Teams), the claim stays "uncertain" for an admin: never a guess."""
    store, outcomes = services.store, dict[int, str]()
    if not isinstance(delivery, Finds):
        return outcomes  # nothing here can look in a channel: every claim stays uncertain
    oldest = datetime.now(UTC) - timedelta(seconds=services.settings.digest_grace_seconds)
    for row in store.deliveries(status="uncertain", limit=500):
        if not is_digest_slot(row.slot):
            continue  # an alert or an answer: not readable back, never re-sent as a digest
        key = {"platform": row.platform, "workspace": row.workspace, "channel": row.channel}
        subs = store.subscriptions(**key, story=row.story)
        if datetime.fromisoformat(row.claimed_at) < oldest or not subs:
            continue
        sub, found = subs[0], None
        if row.message_id is None:
            try:
                found = delivery.find(sub, row.slot)
            except DeliveryError as error:
                log.info("digest %s %s stays uncertain: %s", sub.channel, row.slot, error)
                continue
        token = store.retake(row.id)
        if token is None:
            continue  # another scheduler is on it
        with Lease(services, row.id, token):
            if row.message_id is not None:
                briefing = services.briefings.get(sub.story)
                outcomes[row.id] = _attach(
                    services, sub, delivery, row.id, row.message_id, briefing
                )
            elif found is not None:
                outcomes[row.id] = _found(services, sub, delivery, row.id, found)
            else:
                outcomes[row.id] = _deliver(services, sub, row.slot, delivery, row.id, token)
    return outcomes


def _found(
    services: Services, sub: Subscription, delivery: Delivery, delivery_id: int, message_id: str
) -> str:
    """A digest found in its channel after a crash: recorded, and its spreadsheet attached
    unless its thread already holds it (the crash may have come between the two)."""
    store = services.store
    store.update_delivery(delivery_id, message_id=message_id)
    assert isinstance(delivery, Finds)  # only such deliveries find digests
    try:
        attached = delivery.attached(sub, message_id)
    except DeliveryError as error:
        note = f"found in the channel after a restart; its spreadsheet was not checked: {error}"
        store.update_delivery(delivery_id, status="sent", error=note)
        return "sent"
    if attached:
        store.update_delivery(delivery_id, status="sent", error=None)
        return "sent"
    briefing = services.briefings.get(sub.story)
    return _attach(services, sub, delivery, delivery_id, message_id, briefing)


def _deliver(
    services: Services,
    sub: Subscription,
    slot: str,
    delivery: Delivery,
    delivery_id: int,
    token: int,
    claimed_at: float | None = None,
) -> str:
    """Post the digest for a claimed slot, then attach its spreadsheet. Just before the
    post, the claim must still be ours: a sweep retakes only claims older than a lease, so
    one made (`claimed_at`, monotonic) less than a third of a lease ago is, without asking."""
    store = services.store
    try:
        reply, summary = digest_reply(services, sub)
    except BriefingError as error:
        store.update_delivery(delivery_id, status="failed", error=f"no briefing: {error}")
        return "failed"
    data = reply.data
    if data["changes"].empty and not data["changes"].first and not data["quiet"]:
        store.update_delivery(delivery_id, status="quiet", summary=summary)
        return "quiet"
    lease = services.settings.digest_lease_seconds
    fresh = claimed_at is not None and time.monotonic() - claimed_at < lease / 3
    if not fresh and not store.renew(delivery_id, token):
        log.warning("digest %s %s %s: the claim was taken over; not posting", sub.channel,
                    sub.story, slot)  # fmt: skip
        return "claimed"
    try:
        message_id = delivery.post(sub, reply, slot)
    except MaybeDelivered as error:
        store.update_delivery(delivery_id, status="uncertain", error=str(error))
        log.warning("digest %s %s %s may have been posted: %s", sub.channel, sub.story, slot, error)
        return "uncertain"
    except DeliveryError as error:
        store.update_delivery(delivery_id, status="failed", error=str(error))
        log.warning("digest %s %s %s failed: %s", sub.channel, sub.story, slot, error)
        return "failed"
    store.update_delivery(delivery_id, message_id=message_id, summary=summary)
    return _attach(services, sub, delivery, delivery_id, message_id, data["b"])


def _attach(
    services: Services,
    sub: Subscription,
    delivery: Delivery,
    delivery_id: int,
    message_id: str,
    briefing: Briefing,
) -> str:
    """Attach the figures spreadsheet under the posted digest."""
    name = f"{sub.story}-figures-{briefing.generated_at[:10]}.xlsx"
    try:
        file_id = delivery.attach(
            sub,
            message_id,
            name,
            _xlsx(services.briefings, briefing, services.story(sub.story), sub.schedule.timezone),
        )
    except DeliveryError as error:
        # The digest is out; only the spreadsheet is missing. Never post the digest again.
        services.store.update_delivery(delivery_id, status="partial", error=f"attachment: {error}")
        return "partial"
    services.store.update_delivery(delivery_id, status="sent", file_id=file_id, error=None)
    return "sent"
