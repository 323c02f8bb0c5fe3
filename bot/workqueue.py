"""The work queue's sending side: what the clock and chat hand to `briefbot worker`s.

Dramatiq on Redis (README, "Running at scale", says why). This module only sends: a
message names its task by kind, so the web process and the clock load none of the task
code, and each worker (`bot.workers`) binds every kind to its function. With no
BRIEFBOT_BROKER_URL there is no queue, and whoever would send a task runs it in-process.

One queue per kind of work, so a slow feed or a throttled workspace never sits in front of
a digest (a worker subscribes to the queues it is told to):

    digests   one (subscription, slot); and the sweep that settles claims a crash left
    alerts    one channel's alert for one new version of a story
    feeds     one story's feeds, read once
    analysis  one new article (a feed item or a link from chat), read and added
"""

from __future__ import annotations

import threading
from typing import Any

from dramatiq import Message
from dramatiq.broker import MessageProxy
from dramatiq.brokers.redis import RedisBroker, _RedisConsumer

from .settings import Settings

KINDS: dict[str, str] = {
    "digest": "digests",
    "sweep": "digests",
    "alert": "alerts",
    "poll": "feeds",
    "analyse": "analysis",
    "link": "analysis",
}
QUEUES: tuple[str, ...] = tuple(dict.fromkeys(KINDS.values()))


class WakingConsumer(_RedisConsumer):
    """Dramatiq's Redis consumer, woken as soon as one of the messages it holds is done.

    Holding its whole prefetch (every thread busy), Dramatiq's consumer does not fetch, and
    sleeps on an exponential back-off up to the worker timeout (a second) before it looks
    again: a thread that finished a digest sat idle for up to a second while the queue
    was full (bench/cluster.py, sampled with py-spy: a quarter of the digest threads' time
    at 2,000 channels). Here it waits for an acknowledgement instead, and fetches at once.
    An empty queue is still polled on Dramatiq's back-off."""

    def __init__(self, broker: RedisBroker, queue_name: str, prefetch: int, timeout: int) -> None:
        super().__init__(broker, queue_name, prefetch, timeout)  # type: ignore[no-untyped-call]
        self.freed = threading.Event()

    def ack(self, message: MessageProxy) -> None:
        try:
            super().ack(message)  # type: ignore[no-untyped-call]
        finally:
            self.freed.set()

    def nack(self, message: MessageProxy) -> None:
        try:
            super().nack(message)  # type: ignore[no-untyped-call]
        finally:
            self.freed.set()

    def __next__(self) -> MessageProxy | None:
        self.freed.clear()
        if not self.message_cache and self.outstanding_message_count >= self.prefetch:
            self.freed.wait(self.timeout / 1000)  # every one held is running: wait for one
            return None  # the worker's loop asks again, and this time it fetches
        return super().__next__()  # type: ignore[no-any-return, no-untyped-call]


class BriefbotBroker(RedisBroker):
    """Dramatiq's Redis broker with two changes: every `qsize` call also runs its queue
    maintenance, which puts the unacknowledged messages of workers whose heartbeat stopped
    back on their queue (workers call `qsize` on each of their queues every few seconds,
    `bot.workers.worker`, so a SIGKILLed worker's task is delivered again within one
    heartbeat timeout, not when a one-in-a-thousand dice roll says so); and its consumers
    fetch as soon as a thread is free (`WakingConsumer`)."""

    @property
    def consumer_class(self) -> type[WakingConsumer]:
        return WakingConsumer

    def _should_do_maintenance(self, command: str) -> int:
        if command == "qsize":
            return 1
        return int(super()._should_do_maintenance(command))


def make_broker(settings: Settings) -> BriefbotBroker:
    """The broker for BRIEFBOT_BROKER_URL; keys are prefixed by BRIEFBOT_BROKER_NAMESPACE."""
    assert settings.broker_url, "make_broker needs BRIEFBOT_BROKER_URL"
    return BriefbotBroker(  # type: ignore[no-untyped-call]  # dramatiq leaves it unannotated
        url=settings.broker_url,
        namespace=settings.broker_namespace,
        heartbeat_timeout=settings.worker_heartbeat_seconds * 1000,
    )


class WorkQueue:
    """Sends tasks by kind; each message is acknowledged only once its task has finished."""

    def __init__(self, broker: BriefbotBroker) -> None:
        self.broker = broker

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkQueue | None:
        return cls(make_broker(settings)) if settings.broker_url else None

    def send(self, kind: str, *, delay_seconds: float = 0.0, **kwargs: Any) -> str:
        """Queue one task; returns its message id (the task id the logs show)."""
        message: Message[Any] = Message(
            queue_name=KINDS[kind], actor_name=kind, args=(), kwargs=kwargs, options={}
        )
        delay = int(delay_seconds * 1000) or None
        return str(self.broker.enqueue(message, delay=delay).message_id)

    def depths(self) -> dict[str, tuple[int, int, int]]:
        """Per queue: messages waiting, delayed (retries, back-offs: queued, or held by a
        worker until due), and dead (failed)."""
        client, ns = self.broker.client, self.broker.namespace
        return {
            queue: (
                int(client.llen(f"{ns}:{queue}")),
                int(client.llen(f"{ns}:{queue}.DQ"))
                + sum(
                    int(client.scard(k)) for k in client.scan_iter(f"{ns}:__acks__.*.{queue}.DQ")
                ),
                int(client.zcard(f"{ns}:{queue}.XQ")),
            )
            for queue in QUEUES
        }
