"""The tasks, one function per kind of work, shared by both ways of running them.

With a broker each is a Dramatiq actor run by `briefbot worker` (`bot.workers.worker`);
without one, `submit` calls it in the process that asked, as Briefbot always did. Every
task is safe to run twice, because a broker delivers again a task whose worker died
before acknowledging it:

    digest    the delivery ledger claims (subscription, slot) first: a repeat is a no-op
    sweep     settles claims whose sender died mid-send, as the crash recovery does
    alert     each change is claimed per channel in the same ledger
    analyse   an article's id is a hash of its text: the same text is stored once
    link      as analyse, after reading the page
    poll      a feed's items count as seen once their analysis is queued
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from briefings import BriefingError, RawArticle, changes, read_url

from ..briefs import Update
from ..commands import Caller, Reply, add_failed, added_reply
from ..delivery import Answers, Delivery, DeliveryError, MaybeDelivered
from ..digest import Lease, send_digest, sweep_claims
from ..live import Alerter, poll_feeds
from ..ratelimit import RedisLimiter, post_limits
from ..services import Services
from ..store import Delivery as StoredDelivery
from ..subscriptions import Subscription, on_demand

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Env:
    """What every task needs: the shared services and where posts go."""

    services: Services
    delivery: Delivery
    queued: bool = False
    """Run by a worker: a task may ask to be run again later (`Later`)."""
    limiter: RedisLimiter | None = None
    """The platforms' limits, shared by every worker (with a broker)."""


PATIENCE = 5.0  # a digest whose turn is further off than this goes back on the queue


class Later(Exception):
    """Run this task again in `seconds`, instead of holding a worker thread meanwhile."""

    def __init__(self, reason: str, seconds: float) -> None:
        super().__init__(f"{reason}; again in {seconds:.0f} s")
        self.seconds = seconds


def digest(
    env: Env,
    *,
    platform: str,
    workspace: str,
    channel: str,
    story: str,
    slot: str,
    asked_by: str | None = None,
) -> str:
    """One subscription's digest for one slot (the slot is fixed when it is queued, so a
    task that waited still delivers the slot it was queued for, and only that). With
    `asked_by`, a `/hubs digest now`: the channel gets it, subscribed or not.

    A task delivered again after its worker died finds the slot claimed. It waits (`Later`)
    until the dead worker's lease has run out, then settles the claim as the crash recovery
    does: the digest found in the channel is recorded (and gets its spreadsheet), one that
    is not there is sent. Run in-process, the scheduler's sweep does the same."""
    services = env.services
    if asked_by is not None:
        zone = services.settings.timezone
        sub = on_demand(platform, workspace, channel, story, asked_by, zone)
    elif found := services.store.subscriptions(
        platform=platform, workspace=workspace, channel=channel, story=story
    ):
        sub = found[0]
    else:
        return "unsubscribed"
    if env.queued and env.limiter is not None:  # a throttled workspace holds no thread
        per_minute = services.settings.slack_posts_per_minute
        scope, limits = post_limits(platform, workspace, channel, slack_posts_per_minute=per_minute)
        if (wait := env.limiter.wait(scope, limits)) > PATIENCE:
            raise Later(f"{scope} is throttled", wait)
    status = send_digest(services, sub, slot, env.delivery)
    if status != "claimed" or not env.queued:
        return status
    row = _in_flight(services, sub, slot)
    if row is None:
        return status  # delivered (or failed) by whoever holds the claim: nothing to do
    lease = services.settings.digest_lease_seconds
    age = (datetime.now(UTC) - datetime.fromisoformat(row.updated_at)).total_seconds()
    if row.status == "sending" and age < lease:
        raise Later(f"slot {slot} is being sent by another worker", lease - age + 1)
    settled = sweep_claims(services, env.delivery).get(row.id)
    if settled is not None:
        return f"settled: {settled}"
    row = _in_flight(services, sub, slot)
    if row is not None and row.status == "sending":
        raise Later(f"slot {slot} is being settled by another worker", lease)
    return row.status if row else "claimed"  # "uncertain": not readable back, for an admin


def _in_flight(services: Services, sub: Subscription, slot: str) -> StoredDelivery | None:
    """The slot's ledger row while its outcome is open (sending, or cut off)."""
    row = services.store.delivery(sub, slot)
    return row if row is not None and row.status in ("sending", "uncertain") else None


def sweep(env: Env) -> int:
    """Claims whose lease ran out (their worker died) are settled: found in the channel and
    recorded, or sent. Returns how many."""
    return len(sweep_claims(env.services, env.delivery))


def alert(
    env: Env, *, story: str, version: int, platform: str, workspace: str, channel: str
) -> str:
    """One channel's alert for what version `version` of the story changed."""
    services = env.services
    library = services.briefings.library
    before = library.version(story, version - 1) if library else None
    if before is None:
        return "no earlier version"
    briefing = services.briefings.get(story)
    update = Update(version=version, changes=changes(before.summary, briefing), briefing=briefing)
    for sub in services.store.alert_channels(story):
        if (sub.platform, sub.workspace, sub.channel) == (platform, workspace, channel):
            return "sent" if Alerter(services, env.delivery).post_to(story, update, sub) else "held"
    return "not opted in"


def analyse(env: Env, *, story: str, raw: dict[str, Any], origin: str, by: str = "") -> str:
    """Read one article and add it to the story (or say why not)."""
    update = env.services.briefings.add(story, [RawArticle(**raw)], origin=origin, by=by)
    return _outcome(update)


def link(
    env: Env, *, story: str, url: str, by: str = "", reply_to: dict[str, Any] | None = None
) -> str:
    """A link from chat: fetch the page, then as `analyse`; then tell who asked
    (`reply_to`, a `Caller`'s fields, `asked_at` and the request's id `ask`) what it
    added, or why not, as `/hubs add` answers in-process. The answer is told once
    (`_tell`): a repeat of a task that got as far as answering does nothing again."""
    services = env.services
    config = services.story(story)
    asker = Asker.of(story, reply_to, services.settings.timezone)
    if asker is not None and (told := _told(services, asker)) is not None:
        return told
    try:
        raw = read_url(url, services.fetch_policy())
        update = services.briefings.add(story, [raw], origin="link", by=by)
    except BriefingError as error:
        log.info("story %s: link %s not added: %s", story, url, error)
        _tell(env, asker, add_failed(config, error))
        return f"not added: {error}"
    _tell(env, asker, added_reply(config, update))
    return _outcome(update)


@dataclass(frozen=True)
class Asker:
    """Who asked for a queued command, and the ledger row its answer claims: keyed on the
    request (`ask`), so however often the task runs, the answer is told once."""

    caller: Caller
    asked_at: float
    key: Subscription  # the ledger's (platform, workspace, channel, story)
    slot: str

    @classmethod
    def of(cls, story: str, reply_to: dict[str, Any] | None, zone: str) -> Asker | None:
        if reply_to is None:
            return None
        known = {f.name for f in fields(Caller)}
        to = Caller(**{k: str(v) for k, v in reply_to.items() if k in known})
        asked_at = float(reply_to.get("asked_at") or 0)
        ask = str(reply_to.get("ask") or f"{to.user} {asked_at!r}")[:48]  # older messages
        key = on_demand(to.platform, to.workspace, to.channel, story, to.user, zone)
        return cls(to, asked_at, key, ANSWER_SLOT + ask)


ANSWER_SLOT = "answer "


def _told(services: Services, asker: Asker) -> str | None:
    """What became of an answer already claimed (None: never claimed, so tell it). One
    whose worker died while telling it may have been shown (an ephemeral answer cannot be
    read back), so it is settled as the crash recovery settles a digest it cannot find:
    uncertain, for an admin, never told twice. Until its lease has run out, its worker may
    still be telling it: `Later`."""
    store = services.store
    row = store.delivery(asker.key, asker.slot)
    if row is None:
        return None
    if row.status != "sending":
        return f"answered already ({row.status})"
    lease = services.settings.digest_lease_seconds
    note = "the worker stopped while telling the answer; it may have been shown, so not again"
    if store.mark_uncertain(lease, delivery_id=row.id, error=note):
        return "answer cut off: uncertain"
    age = (datetime.now(UTC) - datetime.fromisoformat(row.updated_at)).total_seconds()
    raise Later(f"the answer to {asker.caller.user} is being told", max(1.0, lease - age + 1))


def _tell(env: Env, asker: Asker | None, reply: Reply) -> None:
    """The outcome, to who asked, claimed in the ledger first; one that cannot be told is
    recorded (failed, or uncertain when it may have been shown), not retried: the article
    is in, or not, either way."""
    if asker is None:
        return
    services, delivery, to = env.services, env.delivery, asker.caller
    delivery_id = services.store.claim(asker.key, asker.slot)
    if delivery_id is None:  # another run of this task claimed it since `_told` looked
        log.info("answer to %s in %s: told by another run of this task", to.user, to.channel)
        return
    with Lease(services, delivery_id, 0):
        try:
            if not isinstance(delivery, Answers):
                raise DeliveryError("this worker delivers nowhere it could answer")
            delivery.answer(to, reply, asked_at=asker.asked_at)
        except DeliveryError as error:
            status = "uncertain" if isinstance(error, MaybeDelivered) else "failed"
            services.store.update_delivery(delivery_id, status=status, error=str(error))
            log.warning("could not tell %s in %s: %s", to.user, to.channel, error)
            return
        services.store.update_delivery(delivery_id, status="sent")


def poll(env: Env, *, story: str, queue: Callable[..., object] | None = None) -> int:
    """Read one story's feeds; each new item is analysed here, or queued when `queue` is
    given (a worker with a broker). Returns how many were added (or queued)."""
    services = env.services

    sent: list[str] = []

    def queued(raws: list[RawArticle]) -> Update:
        for raw in raws:
            assert queue is not None
            queue("analyse", story=story, raw=_plain(raw), origin="feed")
            sent.append(raw.url or raw.title)
        return Update()

    update = poll_feeds(services, services.story(story), queued if queue else None)
    return len(sent) if queue else len(update.added) if update else 0


TASKS: dict[str, Callable[..., object]] = {
    "digest": digest,
    "sweep": sweep,
    "alert": alert,
    "analyse": analyse,
    "link": link,
    "poll": poll,
}


def _outcome(update: Update) -> str:
    if update.added:
        return f"added as version {update.version}"
    return "; ".join(f"not added: {s.reason}" for s in update.skipped) or "nothing new"


def _plain(raw: RawArticle) -> dict[str, Any]:
    """A RawArticle as JSON-ready fields (the message body)."""
    return {
        "text": raw.text, "title": raw.title, "path": raw.path, "url": raw.url,
        "meta": dict(raw.meta), "from_html": raw.from_html,
    }  # fmt: skip


def submit(env: Env, kind: str, **kwargs: Any) -> object:
    """Queue the task when there is a broker (the clock only enqueues); else run it now,
    in this process, as Briefbot did before it had workers."""
    queue = env.services.queue
    if queue is not None:
        return f"queued as task {queue.send(kind, **kwargs)}"
    return TASKS[kind](env, **kwargs)
