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
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from briefings import BriefingError, DownloadError, InputError, RawArticle
from briefings.alerts import alerts
from briefings.feeds import FeedEntry, parse_feed
from briefings.fetch import FEED_TYPES, Fetched, fetch, read_url

from .briefs import Skipped, Update
from .commands import Reply
from .delivery import Delivery, DeliveryError
from .gather import SlowHosts, gather
from .layout import source_labels
from .library import FeedState
from .services import Services
from .stories import StoryConfig

log = logging.getLogger(__name__)
MAX_NEW_PER_POLL = 50  # a feed that suddenly lists 1,000 items is read over several polls
POLL_SECONDS = 60.0
"""A poll's deadline: the rest of the feeds are polled on time whatever one site does."""
SLOW_HOSTS = SlowHosts()
"""Sites that keep timing out, for this process's polls (the scheduler's)."""


def poll_feeds(
    services: Services, story: StoryConfig, *, seconds: float = POLL_SECONDS
) -> Update | None:
    """Read each of the story's feeds (a conditional GET), fetch items not seen before,
    and add them; a feed that fails is recorded with its reason and tried next time.

    Returns None when no feed had anything new; items that could not be fetched are in
    the update's `skipped`, with the reason. A feed's items count as seen only once they
    were added, so a poll that fails half-way loses nothing. The poll ends within
    `seconds`: items fetched concurrently (`bot.gather`), what a slow site did not answer
    in time left for the next poll, and feeds not reached by then read next time.
    """
    library = services.briefings.library
    if library is None:
        raise BriefingError("feeds need the database")
    policy = services.fetch_policy()
    deadline = time.monotonic() + seconds
    new: list[tuple[FeedState, Fetched, list[FeedEntry]]] = []
    for url in story.feeds:
        if time.monotonic() >= deadline:
            log.warning("story %s: poll out of time; feed %s waits for the next", story.slug, url)
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
        entries = [e for e in feed.entries if e.id not in state.seen][:MAX_NEW_PER_POLL]
        new.append((state, got, entries))
    read = gather(
        (e.url for _, _, entries in new for e in entries),
        lambda url: read_url(url, policy),
        seconds=max(0.0, deadline - time.monotonic()),
        slow=SLOW_HOSTS,
        timed_out=_too_slow,
    )
    raws: list[RawArticle] = []
    refused: list[Skipped] = []
    checked: list[FeedState] = []
    for state, got, entries in new:
        seen = dict.fromkeys(state.seen)  # ordered, oldest first
        for entry in entries:
            outcome = read.get(entry.url)
            if outcome is None:
                continue  # not answered in time: try the item again next poll
            if isinstance(outcome.error, DownloadError | InputError):
                log.info("story %s: item %s skipped: %s", story.slug, entry.url, outcome.error)
                refused.append(Skipped(entry.title or entry.url, outcome.error.reason))
            elif outcome.error is not None:
                raise outcome.error
            elif outcome.value is not None:
                raws.append(
                    _with_entry_metadata(outcome.value, entry.title, entry.published, entry.author)
                )
            seen[entry.id] = None
        checked.append(
            replace(state, etag=got.etag, last_modified=got.last_modified, seen=tuple(seen))
        )
    update = services.briefings.add(story.slug, raws, origin="feed") if raws or refused else None
    for state in checked:
        library.feed_checked(story.slug, state)
    return replace(update, skipped=(*refused, *update.skipped)) if update else None


def _too_slow(error: Exception) -> bool:
    return isinstance(error, DownloadError) and "took longer" in error.reason


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
        story = self.services.story(slug)
        found = alerts(update.changes, story.alerts)
        if not found or update.briefing is None:
            return 0
        store = self.services.store
        posted = 0
        hour_ago = datetime.now(UTC) - timedelta(hours=1)
        for channel in store.alert_channels(slug):
            if store.recent_alerts(channel, hour_ago) >= story.alerts_per_hour:
                log.info("alerts for %s in %s held for the digest (limit)", slug, channel.channel)
                continue
            claimed = [(a, d) for a in found if (d := store.claim(channel, f"alert {a.key}"))]
            if not claimed:
                continue  # every one of these changes was alerted here already
            reply = self._reply(story, update, [a for a, _ in claimed])
            try:
                message_id = self.delivery.post(channel, reply, f"alert v{update.version}")
            except DeliveryError as error:
                for _, delivery_id in claimed:
                    store.update_delivery(delivery_id, status="failed", error=str(error))
                continue
            for _, delivery_id in claimed:
                store.update_delivery(delivery_id, status="sent", message_id=message_id)
            posted += 1
        return posted

    def _reply(self, story: StoryConfig, update: Update, found: list[object]) -> Reply:
        b = update.briefing
        assert b is not None
        data = {"b": b, "labels": source_labels(b), "story": story, "alerts": found}
        return Reply("alert", data)
