"""Briefbot's database: subscriptions (and, with them, Slack installations), via SQLAlchemy.

SQLite file by default, PostgreSQL when DATABASE_URL is set; one `Store` per process.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    and_,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url

from .subscriptions import Schedule, Subscription

metadata = MetaData()

subscriptions = Table(
    "briefbot_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("channel", String(256), nullable=False),
    Column("story", String(64), nullable=False),
    Column("time", String(5), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("days", String(32), nullable=False),
    Column("user", String(64), nullable=False, default=""),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("platform", "workspace", "channel", "story", name="one_subscription"),
)


def connect(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created on first use."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, pool_pre_ping=True)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

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
                    created_at=datetime.now(UTC).isoformat(timespec="seconds"),
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
        query = select(subscriptions).order_by(subscriptions.c.id)
        for name, value in where.items():
            query = query.where(subscriptions.c[name] == value)
        with self.engine.connect() as db:
            return [_subscription(row) for row in db.execute(query).mappings()]


def _key(platform: str, workspace: str, channel: str, story: str):  # type: ignore[no-untyped-def]
    c = subscriptions.c
    return and_(
        c.platform == platform, c.workspace == workspace, c.channel == channel, c.story == story
    )


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
