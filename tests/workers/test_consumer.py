"""A worker whose threads are all busy takes its next message the moment one is free.

Dramatiq's Redis consumer, holding its whole prefetch, slept on an exponential back-off (up
to a second) before it looked again, so in bench/cluster.py a thread that had finished a
digest waited, idle, while 2,000 more were queued (`bot.workqueue.WakingConsumer`)."""

from __future__ import annotations

import threading
import time
import uuid

import dramatiq
from dramatiq import Message

from bot.workers.worker import QueueWorker
from bot.workqueue import BriefbotBroker

NAP, TASKS, THREADS = 0.5, 8, 2


def test_a_free_thread_takes_the_next_queued_message_at_once(broker_url: str) -> None:
    namespace = "bbtest-" + uuid.uuid4().hex[:10]
    broker = BriefbotBroker(url=broker_url, namespace=namespace, heartbeat_timeout=60_000)
    started: list[float] = []
    done = threading.Semaphore(0)

    @dramatiq.actor(broker=broker, queue_name="digests", actor_name="nap", max_retries=0)
    def nap() -> None:
        started.append(time.monotonic())
        time.sleep(NAP)
        done.release()

    worker = QueueWorker(broker, {"digests": THREADS})
    worker.start()
    try:
        for _ in range(TASKS):
            broker.enqueue(Message(queue_name="digests", actor_name="nap", args=(), kwargs={},
                                   options={}))  # fmt: skip
        for _ in range(TASKS):
            assert done.acquire(timeout=30)
        took = time.monotonic() - started[0]
    finally:
        worker.stop()
        broker.client.delete(*broker.client.scan_iter(f"{namespace}:*"))
    ideal = TASKS / THREADS * NAP  # 2 s; Dramatiq's own consumer took 2.8 to 3.2 s
    assert took < ideal + 0.6, f"{TASKS} naps of {NAP} s on {THREADS} threads took {took:.2f} s"
