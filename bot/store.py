"""Briefbot's database: subscriptions, the delivery ledger, where to post (and Slack installations).

SQLite file by default, PostgreSQL when DATABASE_URL is set; one `Store` per process.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from .database import connect
from .schema import upgrade
from .subscriptions import Schedule, Subscription
from .tables import alert_channels, conversations, deliveries, subscriptions

SENT_STATES = ("sent", "partial")
NOT_DIGESTS = ("alert ", "answer ")
"""Slot prefixes of the ledger's other rows: an alert per change, a queued command's answer."""


CHANNEL_KEY = ("platform", "workspace", "channel", "story")


def _bound(table: Table, names: tuple[str, ...]) -> ColumnElement[bool]:
    """Each named column equal to a parameter of its name and "_": a statement built once,
    with values bound at each call, since building and hashing a statement costs more of a
    digest's CPU than the database's answer (bench/digest_cpu.py)."""
    return and_(*(table.c[name] == bindparam(f"_{name}") for name in names))


@cache
def _subscriptions_where(names: tuple[str, ...]) -> Any:
    query = select(subscriptions).order_by(subscriptions.c.id)
    return query.where(_bound(subscriptions, names)) if names else query


_CLAIM = insert(deliveries)
_UPDATE = update(deliveries).where(deliveries.c.id == bindparam("_id"))
_RENEW = _UPDATE.where(
    deliveries.c.status == "sending", deliveries.c.attempts == bindparam("_token")
)
_LAST_SUMMARY = (
    select(deliveries.c.summary)
    .where(_bound(deliveries, CHANNEL_KEY), deliveries.c.status.in_(SENT_STATES))
    .where(deliveries.c.summary.is_not(None))
    .order_by(deliveries.c.id.desc())
    .limit(1)
)


def is_digest_slot(slot: str) -> bool:
    """Whether a ledger row is a digest's (only those are settled by posting a digest)."""
    return not slot.startswith(NOT_DIGESTS)


@dataclass(frozen=True)
class Delivery:
    id: int
    platform: str
    workspace: str
    channel: str
    story: str
    slot: str
    status: str
    attempts: int
    message_id: str | None
    file_id: str | None
    error: str | None
    claimed_at: str
    updated_at: str


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        upgrade(engine)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(connect(url))

    def subscribe(self, sub: Subscription) -> bool:
        """Add or change a channel's subscription; True when it is new."""
        key = _key(sub.platform, sub.workspace, sub.channel, sub.story)
        values = {
            "time": sub.schedule.time,
            "timezone": sub.schedule.timezone,
            "days": ",".join(sub.schedule.days),
            "user": sub.user,
        }
        with self.engine.begin() as db:
            changed = db.execute(update(subscriptions).where(key).values(**values)).rowcount
            if changed:
                return False
            db.execute(
                insert(subscriptions).values(
                    platform=sub.platform,
                    workspace=sub.workspace,
                    channel=sub.channel,
                    story=sub.story,
                    created_at=_now(),
                    **values,
                )
            )
            return True

    def unsubscribe(self, platform: str, workspace: str, channel: str, story: str) -> bool:
        with self.engine.begin() as db:
            key = _key(platform, workspace, channel, story)
            return bool(db.execute(delete(subscriptions).where(key)).rowcount)

    def subscriptions(self, **where: str) -> list[Subscription]:
        """Subscriptions matching every given column (platform, workspace, channel, story, user)."""
        query = _subscriptions_where(tuple(sorted(where)))
        with self.engine.connect() as db:
            rows = db.execute(query, {f"_{k}": v for k, v in where.items()}).mappings()
            return [_subscription(row) for row in rows]

    def remember(
        self, platform: str, workspace: str, channel: str, address: dict[str, Any]
    ) -> None:
        """Keep (or refresh) where a conversation can be reached."""
        c = conversations.c
        key = and_(c.platform == platform, c.workspace == workspace, c.channel == channel)
        values = {"address": json.dumps(address, sort_keys=True), "updated_at": _now()}
        with self.engine.begin() as db:
            if db.execute(update(conversations).where(key).values(**values)).rowcount:
                return
            try:
                with db.begin_nested():
                    db.execute(
                        insert(conversations).values(
                            platform=platform, workspace=workspace, channel=channel, **values
                        )
                    )
            except IntegrityError:  # remembered by another thread meanwhile
                db.execute(update(conversations).where(key).values(**values))

    def address(self, platform: str, workspace: str, channel: str) -> dict[str, Any] | None:
        c = conversations.c
        query = select(c.address).where(
            c.platform == platform, c.workspace == workspace, c.channel == channel
        )
        with self.engine.connect() as db:
            row = db.execute(query).first()
        return json.loads(row[0]) if row else None

    def forget(self, platform: str, workspace: str, channel: str) -> bool:
        c = conversations.c
        key = and_(c.platform == platform, c.workspace == workspace, c.channel == channel)
        with self.engine.begin() as db:
            return bool(db.execute(delete(conversations).where(key)).rowcount)

    def set_alerts(
        self, platform: str, workspace: str, channel: str, story: str, *, on: bool, user: str = ""
    ) -> bool:
        """Opt a channel in or out of alerts; True when that changed anything."""
        key = _key_of(alert_channels, platform, workspace, channel, story)
        with self.engine.begin() as db:
            if not on:
                return bool(db.execute(delete(alert_channels).where(key)).rowcount)
            if db.execute(select(alert_channels.c.id).where(key)).first():
                return False
            try:
                with db.begin_nested():
                    db.execute(
                        insert(alert_channels).values(
                            platform=platform,
                            workspace=workspace,
                            channel=channel,
                            story=story,
                            user=user,
                            created_at=_now(),
                        )
                    )
            except IntegrityError:
                return False
            return True

    def alert_channels(self, story: str) -> list[Subscription]:
        """The channels that want alerts for `story` (as subscriptions: where to post)."""
        query = select(alert_channels).where(alert_channels.c.story == story)
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(alert_channels.c.id)).mappings()
            return [
                Subscription(
                    r["platform"],
                    r["workspace"],
                    r["channel"],
                    r["story"],
                    Schedule("00:00", "UTC", ()),
                    r["user"],
                    r["created_at"],
                )
                for r in rows
            ]

    def recent_alerts(self, sub: Subscription, since: datetime) -> int:
        """Alert messages posted to a channel since `since`: for the per-hour limit (one
        message may carry several alerts, each with its ledger row)."""
        c = deliveries.c
        query = (
            select(func.count(func.distinct(c.message_id)))
            .where(_key_of(deliveries, sub.platform, sub.workspace, sub.channel, sub.story))
            .where(c.slot.like("alert %"), c.status.in_(SENT_STATES))
            .where(c.claimed_at >= since.astimezone(UTC).isoformat(timespec="seconds"))
        )
        with self.engine.connect() as db:
            return int(db.execute(query).scalar() or 0)

    # -- the delivery ledger ---------------------------------------------------------------
    def claim(self, sub: Subscription, slot: str) -> int | None:
        """Claim a digest slot for a channel; None when someone already has it."""
        now = _now()
        try:
            with self.engine.begin() as db:
                result = db.execute(_CLAIM, {
                    "platform": sub.platform, "workspace": sub.workspace, "channel": sub.channel,
                    "story": sub.story, "slot": slot, "status": "sending", "attempts": 0,
                    "claimed_at": now, "updated_at": now,
                })  # fmt: skip
                key = result.inserted_primary_key
                if key is None:  # every database we run on reports it
                    raise RuntimeError("the database did not report the new delivery's id")
                return int(key[0])
        except IntegrityError:
            return None

    def update_delivery(self, delivery_id: int, **values: Any) -> None:
        """Record progress: status, attempts, message_id, file_id, error, summary."""
        if isinstance(values.get("summary"), dict):
            values["summary"] = json.dumps(values["summary"])
        with self.engine.begin() as db:
            db.execute(_UPDATE, {"_id": delivery_id, "updated_at": _now(), **values})

    def last_summary(self, sub: Subscription) -> dict[str, Any] | None:
        """What this channel's last delivered digest showed, for "what changed since"."""
        key = {f"_{name}": getattr(sub, name) for name in CHANNEL_KEY}
        with self.engine.connect() as db:
            row = db.execute(_LAST_SUMMARY, key).first()
        return json.loads(row[0]) if row else None

    def deliveries(self, *, status: str | None = None, limit: int = 50) -> list[Delivery]:
        query = select(*[c for c in deliveries.c if c.name != "summary"])
        if status:
            query = query.where(deliveries.c.status == status)
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(deliveries.c.id.desc()).limit(limit)).mappings()
            return [Delivery(**row) for row in rows]

    def delivery(self, sub: Subscription, slot: str) -> Delivery | None:
        """The ledger row of one channel's slot, if it was claimed."""
        key = _key_of(deliveries, sub.platform, sub.workspace, sub.channel, sub.story)
        query = select(*[c for c in deliveries.c if c.name != "summary"]).where(key)
        with self.engine.connect() as db:
            row = db.execute(query.where(deliveries.c.slot == slot)).mappings().first()
            return Delivery(**row) if row else None

    def mark_uncertain(
        self,
        older_than_seconds: float,
        *,
        delivery_id: int | None = None,
        error: str = "interrupted while sending",
    ) -> int:
        """Claims left `sending` by a crash (every one, or `delivery_id`): never resent
        blindly, shown to admins instead."""
        cutoff = datetime.fromtimestamp(time.time() - older_than_seconds, UTC)
        query = (
            update(deliveries)
            .where(deliveries.c.status == "sending")
            .where(deliveries.c.updated_at < cutoff.isoformat(timespec="seconds"))
        )
        if delivery_id is not None:
            query = query.where(deliveries.c.id == delivery_id)
        with self.engine.begin() as db:
            result = db.execute(query.values(status="uncertain", error=error, updated_at=_now()))
            return int(result.rowcount)

    def retake(self, delivery_id: int) -> int | None:
        """Take an uncertain claim back to deliver it; only one process ever gets it.
        Returns its new lease token (see `renew`), None when someone else has it."""
        c = deliveries.c
        with self.engine.begin() as db:
            result = db.execute(
                update(deliveries)
                .where(c.id == delivery_id, c.status == "uncertain")
                .values(status="sending", attempts=c.attempts + 1, updated_at=_now())
            )
            if result.rowcount != 1:
                return None
            return int(db.execute(select(c.attempts).where(c.id == delivery_id)).scalar_one())

    def renew(self, delivery_id: int, token: int) -> bool:
        """Extend the lease on a claim being sent; False once it is no longer ours (a
        sweep found it stale and another process retook it, which bumped the token)."""
        with self.engine.begin() as db:
            result = db.execute(_RENEW, {"_id": delivery_id, "_token": token, "updated_at": _now()})
            return result.rowcount == 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _key_of(table: Table, platform: str, workspace: str, channel: str, story: str):  # type: ignore[no-untyped-def]
    c = table.c
    return and_(
        c.platform == platform, c.workspace == workspace, c.channel == channel, c.story == story
    )


def _key(platform: str, workspace: str, channel: str, story: str):  # type: ignore[no-untyped-def]
    return _key_of(subscriptions, platform, workspace, channel, story)


def _subscription(row: object) -> Subscription:
    r = dict(row)  # type: ignore[call-overload]
    schedule = Schedule(r["time"], r["timezone"], tuple(filter(None, r["days"].split(","))))
    return Subscription(
        r["platform"],
        r["workspace"],
        r["channel"],
        r["story"],
        schedule,
        r["user"],
        r["created_at"],
    )
