"""`briefbot worker` and `briefbot workers`: run tasks; see the queues."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from briefings import ConfigError

from ..delivery import Delivery, OutboxDelivery
from ..services import Services
from ..settings import Settings
from ..workqueue import QUEUES


def add_commands(commands: Any) -> None:
    """Adds both commands to the `briefbot` parser's sub-commands."""
    worker = commands.add_parser("worker", help="run queued tasks (needs BRIEFBOT_BROKER_URL)")
    worker.add_argument(
        "--queues",
        default=",".join(QUEUES),
        help=f"comma-separated, from {', '.join(QUEUES)} (default: all)",
    )
    worker.add_argument(
        "--threads",
        type=int,
        default=None,
        help="digests (and alerts) at once (default BRIEFBOT_WORKER_THREADS); feeds and "
        "analysis run one at a time per process, so start more processes for them",
    )
    worker.add_argument("--outbox", metavar="DIR", help="deliver into this folder, not chat")
    worker.set_defaults(run=run_worker_command)
    workers = commands.add_parser("workers", help="queue depths, running and failed tasks")
    workers.set_defaults(run=run_workers_command)


def run_worker_command(args: argparse.Namespace) -> int:
    from .observe import TaskFilter
    from .worker import limiter_for, run_worker  # Dramatiq's worker machinery loads only here

    for handler in logging.getLogger().handlers:  # each line names its task
        handler.addFilter(TaskFilter())
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s [%(task)s]: %(message)s"))
    services = Services.from_settings(Settings.from_env())
    if services.queue is None:
        raise ConfigError("a worker needs BRIEFBOT_BROKER_URL, a redis:// URL (README, at scale)")
    queues = [q.strip() for q in args.queues.split(",") if q.strip()]
    if args.outbox:
        delivery: Delivery = OutboxDelivery(Path(args.outbox))
    else:
        from ..platforms import platform_delivery  # the platforms' SDKs load only to deliver

        delivery = platform_delivery(services, limiter=limiter_for(services))
    run_worker(services, delivery, queues=queues, threads=args.threads)
    return 0


def run_workers_command(args: argparse.Namespace) -> int:
    from .observe import status

    services = Services.from_settings(Settings.from_env())
    if services.queue is None:
        print("briefbot: no broker (BRIEFBOT_BROKER_URL): every task runs in-process")
        return 0
    print(status(services.queue))
    return 0
