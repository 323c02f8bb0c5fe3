"""`briefbot worker`: runs tasks from the broker's queues until told to stop.

Exactly once, with a broker that delivers at least once:

- late acknowledgement: Dramatiq acknowledges a message after its task returned, so a
  worker killed mid-task (SIGKILL, a lost machine) leaves it unacknowledged;
- no visibility timeout to outlast: a worker holds its messages for as long as its
  heartbeat goes on, however long a task takes; a heartbeat silent for
  BRIEFBOT_WORKER_HEARTBEAT_SECONDS puts them back on their queue (`heartbeat` below);
- the task that runs again finds its own traces (the delivery ledger, the article table):
  see `bot.workers.tasks`.

Fairness: one consumer per queue, each with its own prefetch (`prefetch_for`): a slow
queue's (feeds, analysis) is 1, a quick one's (digests, alerts) the `threads` setting; and
the worker has one thread per message it may hold, so no message it fetched waits behind a
slow task while another worker is idle.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any

import dramatiq
from dramatiq import Worker
from dramatiq.common import q_name

from ..briefs import Update
from ..delivery import Delivery
from ..live import Alerter
from ..ratelimit import RedisLimiter
from ..services import Services
from ..workqueue import KINDS, QUEUES, BriefbotBroker, WorkQueue
from .observe import TaskLog
from .tasks import TASKS, Env, Later

log = logging.getLogger(__name__)
MAX_RETRIES = 3  # an unexpected error is retried this often (backing off), then dead-lettered
MAX_LATER = 50  # a task may put itself off (`Later`: a claim in flight, a throttled workspace)
# Were fetched messages ever to wait for a thread (a worker has one per message it may
# hold, so they do not), they would run in this order, lower first: digests before analyses.
PRIORITY = {"digest": 0, "sweep": 0, "alert": 0, "link": 5, "poll": 10, "analyse": 10}
SLOW_QUEUES = frozenset({"feeds", "analysis"})  # tasks of seconds to minutes: fetch one at a time


def prefetch_for(queues: Sequence[str], threads: int) -> dict[str, int]:
    """How many messages a worker holds per queue, running ones included (Dramatiq's
    prefetch): one for a slow queue, so a worker busy with a long poll or analysis leaves the
    next one in Redis for another worker; `threads` for a quick queue (digests mostly wait
    on the platforms' limits, so one process runs many at once)."""
    return {q: 1 if q in SLOW_QUEUES else max(1, threads) for q in queues}


class QueueWorker(Worker):
    """Dramatiq's worker with a prefetch per queue (Dramatiq has one per worker, for every
    queue, and wants one worker per process) and as many threads as messages it may hold.

    It sets `queue_prefetch` just before Dramatiq adds each queue's consumer, the one place
    Dramatiq reads it; tests/workers/test_prefetch.py checks the consumers got it."""

    def __init__(self, broker: BriefbotBroker, prefetch: dict[str, int]) -> None:
        super().__init__(broker, queues=set(prefetch), worker_threads=sum(prefetch.values()))
        self.prefetch = prefetch

    def _add_consumer(self, queue_name: str, *, delay: bool = False) -> None:
        if not delay:
            self.queue_prefetch = self.prefetch.get(q_name(queue_name), 1)
        super()._add_consumer(queue_name, delay=delay)


def _retry_when(retries: int, error: BaseException) -> bool:
    return retries < (MAX_LATER if isinstance(error, dramatiq.Retry) else MAX_RETRIES)


def declare_actors(broker: BriefbotBroker, env: Env) -> None:
    """Binds each kind of task to its function, on its queue."""
    for kind, task in TASKS.items():
        declare = dramatiq.actor(
            broker=broker, actor_name=kind, queue_name=KINDS[kind], priority=PRIORITY[kind],
            retry_when=_retry_when, min_backoff=5_000, max_backoff=300_000,
        )  # fmt: skip
        declare(_runner(env, kind, task))


def _runner(env: Env, kind: str, task: Callable[..., object]) -> Callable[..., None]:
    queue = env.services.queue
    assert queue is not None
    extra = {"queue": queue.send} if kind == "poll" else {}  # a poll queues its items

    def run(**kwargs: Any) -> None:
        try:
            log.info("done: %s", task(env, **kwargs, **extra))
        except Later as later:
            log.info("put off: %s", later)
            raise dramatiq.Retry(str(later), delay=int(later.seconds * 1000)) from None

    return run


class AlertFanout:
    """After a worker adds a version, one alert task per opted-in channel."""

    def __init__(self, env: Env, queue: WorkQueue) -> None:
        self.alerter, self.queue = Alerter(env.services, env.delivery), queue

    def __call__(self, slug: str, update: Update) -> int:
        channels = self.alerter.channels(slug, update)
        for sub in channels:
            self.queue.send("alert", story=slug, version=update.version, platform=sub.platform,
                            workspace=sub.workspace, channel=sub.channel)  # fmt: skip
        return len(channels)


def run_worker(
    services: Services,
    delivery: Delivery,
    *,
    queues: Sequence[str] = QUEUES,
    threads: int | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Work until SIGTERM or SIGINT (or `stop`); a task in progress is finished first."""
    queue = services.queue
    if queue is None:
        raise SystemExit("briefbot worker needs BRIEFBOT_BROKER_URL (see README, at scale)")
    unknown = set(queues) - set(QUEUES)
    if unknown:
        raise SystemExit(f"no such queue: {', '.join(sorted(unknown))} (known: {QUEUES})")
    settings, broker = services.settings, queue.broker
    threads = threads or settings.worker_threads
    env = Env(services, delivery, queued=True, limiter=limiter_for(services))
    services.briefings.listeners.append(AlertFanout(env, queue))
    declare_actors(broker, env)
    prefetch = prefetch_for(queues, threads)
    shown = ", ".join(f"{q} x{n}" for q, n in prefetch.items())
    tasklog = TaskLog(queue, settings.worker_heartbeat_seconds, shown)
    tasklog.renew()
    broker.add_middleware(tasklog)
    worker = QueueWorker(broker, prefetch)
    stop = stop or threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        if threading.current_thread() is threading.main_thread():
            signal.signal(sig, lambda *_: stop.set())
    worker.start()
    log.info(
        "worker %s: %d threads; holds at most %s", broker.broker_id, worker.worker_threads, shown
    )
    threading.Thread(target=_warm, args=(services,), name="warm", daemon=True).start()
    try:
        heartbeat(broker, queues, tasklog, stop, every=settings.worker_heartbeat_seconds / 6)
    finally:
        worker.stop()
        broker.close()


def _warm(services: Services) -> None:
    """Every story built before its first task needs it (as `briefbot serve` does)."""
    services.briefings.warm().join()
    log.info("briefings warm: %d stories", len(services.stories))


def limiter_for(services: Services) -> RedisLimiter | None:
    """The limiter every worker shares, in the broker's Redis."""
    queue = services.queue
    if queue is None:
        return None
    return RedisLimiter(queue.broker.client, services.settings.broker_namespace)


def heartbeat(
    broker: BriefbotBroker,
    queues: Sequence[str],
    tasklog: TaskLog,
    stop: threading.Event,
    *,
    every: float,
) -> None:
    """Tell the broker this worker is alive, queue by queue, until `stop`. Dramatiq's own
    heartbeat rides on fetching, which a worker busy with long tasks stops doing; and each
    call also requeues the messages of workers that stopped beating (`BriefbotBroker`)."""
    while not stop.wait(every):
        try:
            for name in queues:
                broker.do_qsize(name)
                broker.do_qsize(f"{name}.DQ")
            tasklog.renew()
        except Exception:  # Redis is away: Dramatiq's consumers reconnect; so do we
            log.exception("heartbeat failed")
