"""Live coverage: links and feed items in, alerts out.

    services.add_link(story, url)      /hubs add URL and `briefbot add URL`
    poll_feeds(services, story)        the scheduler's job, every story.poll_minutes
    Alerter(services, delivery)        after each new version, a short alert to the
                                       channels that opted in, once per change

Every fetch goes through `briefings.fetch` (public http(s) addresses only, size and time
limits); every refusal is a `DownloadError` whose message is shown to the user as is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from briefings import (
    FEED_TYPES,
    BriefingError,
    DownloadError,
    FeedEntry,
    FetchPolicy,
    InputError,
    RawArticle,
    alerts,
    fetch,
    parse_feed,
    read_url,
)

from .briefs import Skipped, Update
from .commands import Reply
from .delivery import Delivery, DeliveryError
from .hosts import HostBackoff
from .layout import source_labels
from .library import FeedState
from .services import Services
from .stories import StoryConfig
from .subscriptions import Subscription

log = logging.getLogger(__name__)
MAX_NEW_PER_POLL = 50  # a feed that suddenly lists 1,000 items is read over several polls


ITEM_WORKERS = 8  # feed items fetched at once in one poll …
PER_HOST = 2  # … at most this many from one host
HOSTS = HostBackoff()  # this process's record of hosts that keep timing out


def poll_feeds(
    services: Services,
    story: StoryConfig,
    analyse: Callable[[list[RawArticle]], Update] | None = None,
) -> Update | None:
    """Read each of the story's feeds (a conditional GET), fetch items not seen before,
    and add them; a feed that fails is recorded with its reason and tried next time.

    Returns None when no feed had anything new; items that could not be fetched are in
    the update's `skipped`, with the reason. A feed's items count as seen only once they
    were added, so a poll that fails half-way loses nothing.

    A poll ends by `poll_deadline_seconds`: items are fetched several at a time (at most
    `PER_HOST` from one host), a host that keeps timing out is backed off (`HOSTS`), and
    items not fetched in time, or from a host backed off, are left for the next poll.

    `analyse` adds the pages fetched (default: here and now; with a broker, one queued task
    per page, which counts as handled once it is queued: the queue keeps it).
    """
    library = services.briefings.library
    if library is None:
        raise BriefingError("feeds need the database")
    policy = services.fetch_policy()
    raws: list[RawArticle] = []
    refused: list[Skipped] = []
    checked: list[FeedState] = []
    deadline = time.monotonic() + services.settings.poll_deadline_seconds
    for url in story.feeds:
        if time.monotonic() >= deadline:
            log.warning("story %s: poll deadline reached; feed %s waits", story.slug, url)
            break
        state = library.feed(story.slug, url)
        try:
            got = fetch(
                url, policy, accept=FEED_TYPES, etag=state.etag, last_modified=state.last_modified
            )
            if got.not_modified:
                library.feed_checked(story.slug, state)
                continue
            feed = parse_feed(got.body, got.final_url)
        except (DownloadError, InputError) as error:
            log.warning("story %s: feed %s: %s", story.slug, url, error)
            library.feed_checked(story.slug, state, error=error.reason)  # the row has the URL
            continue
        seen = dict.fromkeys(state.seen)  # ordered, oldest first
        entries = [e for e in feed.entries if e.id not in seen][:MAX_NEW_PER_POLL]
        for entry, result in zip(entries, _fetch_items(entries, policy, deadline), strict=True):
            if result is None:
                continue  # not fetched in time, or its host is slow: next poll
            if isinstance(result, DownloadError | InputError):
                log.info("story %s: feed item %s skipped: %s", story.slug, entry.url, result)
                refused.append(Skipped(entry.title or entry.url, result.reason))
            else:
                raws.append(
                    _with_entry_metadata(result, entry.title, entry.published, entry.author)
                )
            seen[entry.id] = None
        checked.append(
            replace(state, etag=got.etag, last_modified=got.last_modified, seen=tuple(seen))
        )
    if analyse is None:
        analyse = lambda found: services.briefings.add(story.slug, found, origin="feed")  # noqa: E731
    update = analyse(raws) if raws or refused else None
    for state in checked:
        library.feed_checked(story.slug, state)
    return replace(update, skipped=(*refused, *update.skipped)) if update else None


Fetched = RawArticle | DownloadError | InputError | None


def _fetch_items(entries: list[FeedEntry], policy: FetchPolicy, deadline: float) -> list[Fetched]:
    """Each entry's page, its refusal, or None when it was not fetched in time (or its host
    is backed off); in the entries' order. Each host's entries are read in at most
    `PER_HOST` lanes, so one slow host holds at most that many of the workers."""
    results: list[Fetched] = [None] * len(entries)
    by_host: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        by_host.setdefault(urlsplit(entry.url).netloc.lower(), []).append(i)

    def lane(host: str, indexes: list[int]) -> None:
        for i in indexes:
            left = deadline - time.monotonic()
            if left <= 0 or not HOSTS.allowed(host):
                return
            try:
                results[i] = read_url(
                    entries[i].url, replace(policy, timeout=min(policy.timeout, left))
                )
            except (DownloadError, InputError) as error:
                if isinstance(error, DownloadError) and "took longer" in error.reason:
                    HOSTS.timed_out(host)  # a slow site: try the item again next poll
                    continue
                results[i] = error
            HOSTS.answered(host)

    lanes = [
        (host, indexes[k::PER_HOST])
        for host, indexes in by_host.items()
        for k in range(min(PER_HOST, len(indexes)))
    ]
    if not lanes:
        return results
    pool = ThreadPoolExecutor(min(ITEM_WORKERS, len(lanes)), thread_name_prefix="poll")
    futures = [pool.submit(lane, host, indexes) for host, indexes in lanes]
    wait(futures, timeout=max(0.0, deadline - time.monotonic()) + 1.0)
    pool.shutdown(wait=False, cancel_futures=True)
    return list(results)  # a copy: a lane still running past the deadline changes nothing


def _with_entry_metadata(
    raw: RawArticle, title: str, published: str | None, author: str | None
) -> RawArticle:
    """The feed's own title, date and author fill what the page did not say."""
    meta = dict(raw.meta)
    if published:
        meta.setdefault("published", published)
    if author:
        meta.setdefault("author", author)
    return replace(raw, title=raw.title or title, meta=meta)


class Alerter:
    """Sends alerts for each new version to the channels that opted in."""

    def __init__(self, services: Services, delivery: Delivery) -> None:
        self.services, self.delivery = services, delivery

    def __call__(self, slug: str, update: Update) -> int:
        """Post the update's alerts; returns how many channels got one."""
        return sum(self.post_to(slug, update, channel) for channel in self.channels(slug, update))

    def channels(self, slug: str, update: Update) -> list[Subscription]:
        """The opted-in channels, when this update has anything to alert about."""
        story = self.services.story(slug)
        if update.briefing is None or not alerts(update.changes, story.alerts):
            return []
        return self.services.store.alert_channels(slug)

    def post_to(self, slug: str, update: Update, channel: Subscription) -> bool:
        """One channel's alert, once per change (each claimed in the ledger first), unless
        the channel had its hourly share already; returns whether one was posted."""
        story = self.services.story(slug)
        found = alerts(update.changes, story.alerts)
        if not found or update.briefing is None:
            return False
        store = self.services.store
        hour_ago = datetime.now(UTC) - timedelta(hours=1)
        if store.recent_alerts(channel, hour_ago) >= story.alerts_per_hour:
            log.info("alerts for %s in %s held for the digest (limit)", slug, channel.channel)
            return False
        claimed = [(a, d) for a in found if (d := store.claim(channel, f"alert {a.key}"))]
        if not claimed:
            return False  # every one of these changes was alerted here already
        reply = self._reply(story, update, [a for a, _ in claimed])
        try:
            message_id = self.delivery.post(channel, reply, f"alert v{update.version}")
        except DeliveryError as error:
            for _, delivery_id in claimed:
                store.update_delivery(delivery_id, status="failed", error=str(error))
            return False
        for _, delivery_id in claimed:
            store.update_delivery(delivery_id, status="sent", message_id=message_id)
        return True

    def _reply(self, story: StoryConfig, update: Update, found: list[object]) -> Reply:
        b = update.briefing
        assert b is not None
        data = {"b": b, "labels": source_labels(b), "story": story, "alerts": found}
        return Reply("alert", data)
