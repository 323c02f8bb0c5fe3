"""The digest scheduler: APScheduler 3 with its jobs in our database, one cron job per subscription.

Run exactly one (`briefbot scheduler`, the Procfile's `clock`); APScheduler 3 cannot share
a job store between processes. Even so, two schedulers never post twice: every run claims
its slot in the delivery ledger first (see `bot.digest`).

A digest missed while the scheduler was down runs once on restart if it is less than
`digest_grace_seconds` late (APScheduler's misfire grace time); later than that it is
skipped and logged. A claim whose sender died mid-send is settled by the sweep every
running scheduler makes every `SWEEP_SECONDS`, once its lease has run out (`bot.digest`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.events import (
    EVENT_JOB_MISSED,
    EVENT_SCHEDULER_START,
    JobExecutionEvent,
    SchedulerEvent,
)
from apscheduler.jobstores.base import ConflictingIdError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import IntegrityError

from .delivery import Delivery
from .digest import latest_slot
from .live import Alerter
from .services import Services
from .subscriptions import Schedule, Subscription
from .workers.tasks import Env, submit

log = logging.getLogger(__name__)
SYNC_JOB = "briefbot:sync"
SYNC_SECONDS = 60
SWEEP_JOB = "briefbot:sweep"
SWEEP_SECONDS = 30

# Jobs are pickled into the job store, so they name module-level functions; the running
# process registers its services and delivery here when it starts.
_running: dict[str, object] = {}


def trigger_for(schedule: Schedule) -> CronTrigger:
    hour, minute = schedule.time.split(":")
    return CronTrigger(
        day_of_week=",".join(schedule.days),
        hour=int(hour),
        minute=int(minute),
        timezone=ZoneInfo(schedule.timezone),
    )


def job_id(sub: Subscription) -> str:
    return f"digest:{sub.platform}:{sub.workspace}:{sub.channel}:{sub.story}"


def create_scheduler(services: Services, delivery: Delivery, *, blocking: bool) -> BaseScheduler:
    _running.update(services=services, delivery=delivery)
    services.briefings.listeners.append(Alerter(services, delivery))
    store = SQLAlchemyJobStore(engine=services.store.engine, tablename="briefbot_jobs")
    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(
        jobstores={"default": store},
        job_defaults={
            "coalesce": True,  # several missed runs of one job: deliver the latest once
            "max_instances": 1,
            "misfire_grace_time": services.settings.digest_grace_seconds,
        },
        timezone=UTC,
    )
    scheduler.add_listener(_log_missed, EVENT_JOB_MISSED)
    _running["scheduler"] = scheduler
    return scheduler


def start(scheduler: BaseScheduler, services: Services) -> None:
    """Settle interrupted digests, reconcile jobs with subscriptions and feeds, then run
    (blocks for a BlockingScheduler)."""
    run_sweep()

    def reconcile(event: SchedulerEvent) -> None:
        """Stored jobs are only visible once the scheduler has started, and this runs before
        any job does: an unchanged digest job keeps its missed run, stale jobs go."""
        sync_jobs(scheduler, services)
        scheduler.add_job(
            sync_from_store, "interval", seconds=SYNC_SECONDS, id=SYNC_JOB, replace_existing=True
        )
        scheduler.add_job(
            run_sweep, "interval", seconds=SWEEP_SECONDS, id=SWEEP_JOB, replace_existing=True
        )
        feed_jobs = {f"feeds:{story.slug}": story for story in services.stories if story.feeds}
        for job in scheduler.get_jobs():
            if job.id.startswith("feeds:") and job.id not in feed_jobs:
                job.remove()
        for jid, story in feed_jobs.items():
            scheduler.add_job(
                run_feeds, "interval", minutes=story.poll_minutes, id=jid, args=[story.slug],
                replace_existing=True, next_run_time=datetime.now(UTC),
                misfire_grace_time=story.poll_minutes * 60,
            )  # fmt: skip

    scheduler.add_listener(reconcile, EVENT_SCHEDULER_START)
    scheduler.start()


def sync_jobs(scheduler: BaseScheduler, services: Services) -> None:
    """One job per subscription; a job is only replaced when its schedule changed, so a
    pending missed run survives a restart."""
    wanted = {job_id(s): s for s in services.store.subscriptions()}
    for job in scheduler.get_jobs():
        if job.id.startswith("digest:") and job.id not in wanted:
            job.remove()
    for jid, sub in wanted.items():
        trigger = trigger_for(sub.schedule)
        job = scheduler.get_job(jid)
        if job is not None and str(job.trigger) == str(trigger):
            continue
        try:
            scheduler.add_job(
                run_digest,
                trigger,
                id=jid,
                args=[sub.platform, sub.workspace, sub.channel, sub.story],
                replace_existing=True,
            )
        except (ConflictingIdError, IntegrityError):  # another scheduler added it meanwhile
            continue
        log.info("scheduled %s at %s", jid, sub.schedule.describe())


def sync_from_store() -> None:
    """Interval job: pick up subscriptions made through chat since the last look."""
    scheduler = _running.get("scheduler")
    if isinstance(scheduler, BaseScheduler):
        sync_jobs(scheduler, _services())


def run_digest(platform: str, workspace: str, channel: str, story: str) -> str:
    """The scheduled job: this subscription's current slot, delivered once (queued for a
    worker when there is a broker; the slot is fixed here, when it falls due)."""
    services = _services()
    found = services.store.subscriptions(
        platform=platform, workspace=workspace, channel=channel, story=story
    )
    if not found:
        return "unsubscribed"
    slot = latest_slot(found[0].schedule, datetime.now(UTC))
    if slot is None:
        return "no slot"
    where = {"platform": platform, "workspace": workspace, "channel": channel, "story": story}
    return str(submit(_env(), "digest", **where, slot=slot))


def run_sweep() -> object:
    """Interval job: settle claims a process (a scheduler, a worker) left when it died."""
    return submit(_env(), "sweep")


def run_feeds(slug: str) -> object:
    """The feed job: new articles for one story (alerts follow through the listeners);
    how many were added (in-process), or the task id (queued)."""
    return submit(_env(), "poll", story=slug)


def _services() -> Services:
    services = _running.get("services")
    assert isinstance(services, Services), "the scheduler was not started with create_scheduler"
    return services


def _env() -> Env:
    delivery = _running["delivery"]
    return Env(_services(), delivery)  # type: ignore[arg-type]


def _log_missed(event: JobExecutionEvent) -> None:
    log.warning(
        "digest job %s due at %s was missed by more than the grace period; skipped",
        event.job_id,
        event.scheduled_run_time,
    )
