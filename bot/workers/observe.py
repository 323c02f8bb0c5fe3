"""Seeing the workers run: which task a log line belongs to, what runs now, what failed.

Every log line a task writes carries its task id, kind, story and workspace (a logging
filter reads them from the task's context). Each worker keeps the tasks it is running in
one Redis hash that expires unless its heartbeat renews it, so a killed worker's entries
vanish on their own; failed tasks are Dramatiq's dead-letter queues. `briefbot workers`
prints all three.
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from typing import Any

from dramatiq import Middleware, Retry
from dramatiq.broker import Broker, MessageProxy

from ..workqueue import WorkQueue

log = logging.getLogger(__name__)
TASK: ContextVar[str] = ContextVar("briefbot_task", default="-")
RUNNING = "briefbot:running"  # + ":" + the worker's broker id: a hash, task id -> JSON
ALIVE = "briefbot:alive"  # + ":" + the worker's broker id: its queues, while it beats


class TaskFilter(logging.Filter):
    """Puts the current task's description on every record as `task`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.task = TASK.get()
        return True


def describe(kind: str, message_id: str, kwargs: dict[str, Any]) -> str:
    """'task 1f0c… digest story=hubs workspace=T111 channel=C200': what a log line needs to
    be traced to one task and one customer."""
    where = " ".join(
        f"{key}={kwargs[key]}" for key in ("story", "workspace", "channel") if kwargs.get(key)
    )
    return f"task {message_id} {kind} {where}".rstrip()


class TaskLog(Middleware):
    """Logs each task's start and end, and keeps this worker's running tasks in Redis."""

    def __init__(self, queue: WorkQueue, ttl_seconds: int, queues: str = "") -> None:
        self.queue, self.ttl, self.queues = queue, ttl_seconds, queues
        broker = queue.broker
        self.key = f"{broker.namespace}:{RUNNING}:{broker.broker_id}"
        self.alive = f"{broker.namespace}:{ALIVE}:{broker.broker_id}"

    def before_process_message(self, broker: Broker, message: MessageProxy) -> None:
        kwargs = message.kwargs or {}
        TASK.set(describe(message.actor_name, message.message_id, kwargs))
        row = {"kind": message.actor_name, "story": kwargs.get("story", ""),
               "workspace": kwargs.get("workspace", ""), "started": time.time()}  # fmt: skip
        pipe = self.queue.broker.client.pipeline(transaction=False)  # one round trip
        pipe.hset(self.key, message.message_id, json.dumps(row))
        pipe.expire(self.key, self.ttl)
        pipe.execute()
        log.info("started (try %d)", message.options.get("retries", 0) + 1)

    def after_process_message(
        self,
        broker: Broker,
        message: MessageProxy,
        *,
        result: Any | None = None,
        exception: BaseException | None = None,
    ) -> None:
        self.queue.broker.client.hdel(self.key, message.message_id)
        if exception is not None and not isinstance(exception, Retry):  # Retry: put off
            log.warning("failed: %s", exception)
        TASK.set("-")

    after_skip_message = after_process_message

    def renew(self) -> None:
        """Called with each heartbeat: this worker, and its running tasks, stay listed."""
        client = self.queue.broker.client
        client.set(self.alive, self.queues, ex=self.ttl)
        client.expire(self.key, self.ttl)


def status(queue: WorkQueue) -> str:
    """Queue depths, running tasks by kind, and failed tasks by kind, as text."""
    client, ns = queue.broker.client, queue.broker.namespace
    lines = [f"{'queue':<10} {'waiting':>8} {'delayed':>8} {'failed':>8}"]
    for name, (waiting, delayed, dead) in queue.depths().items():
        lines.append(f"{name:<10} {waiting:>8} {delayed:>8} {dead:>8}")
    running: dict[str, int] = {}
    oldest: dict[str, float] = {}
    for row in running_tasks(queue):
        running[row["kind"]] = running.get(row["kind"], 0) + 1
        oldest[row["kind"]] = min(oldest.get(row["kind"], time.time()), row["started"])
    alive = sorted(_text(client.get(key)) for key in client.scan_iter(f"{ns}:{ALIVE}:*"))
    lines.append(f"\nworkers alive: {len(alive)}" + "".join(f"\n  on {q}" for q in alive))
    lines.append("running: " + (", ".join(
        f"{kind} {n} (longest {time.time() - oldest[kind]:.0f} s)"
        for kind, n in sorted(running.items())
    ) or "nothing"))  # fmt: skip
    failed = _failed_by_kind(queue)
    lines.append("failed: " + (", ".join(f"{k} {n}" for k, n in sorted(failed.items())) or "none"))
    return "\n".join(lines)


def running_tasks(queue: WorkQueue) -> list[dict[str, Any]]:
    """Every live worker's running tasks: kind, story, workspace, started (epoch s)."""
    client, ns = queue.broker.client, queue.broker.namespace
    return [
        json.loads(raw)
        for key in client.scan_iter(f"{ns}:{RUNNING}:*")
        for raw in client.hvals(key)
    ]


def _failed_by_kind(queue: WorkQueue) -> dict[str, int]:
    """Dead-lettered messages (retries used up), counted by their kind."""
    client, ns = queue.broker.client, queue.broker.namespace
    counts: dict[str, int] = {}
    for name in queue.depths():
        for raw in client.hvals(f"{ns}:{name}.XQ.msgs"):
            kind = json.loads(raw).get("actor_name", "?")
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")
