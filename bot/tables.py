"""Briefbot's tables: subscriptions, the delivery ledger, conversations, alert channels.

Their columns are the one definition the migrations (`bot/migrations`) and `Store` read.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()


def _channel_columns() -> list[Column[str]]:
    """Which channel, where, for which story: the key both tables start with."""
    return [
        Column("platform", String(16), nullable=False),
        Column("workspace", String(64), nullable=False),
        Column("channel", String(256), nullable=False),
        Column("story", String(64), nullable=False),
    ]


subscriptions = Table(
    "briefbot_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    *_channel_columns(),
    Column("time", String(5), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("days", String(32), nullable=False),
    Column("user", String(64), nullable=False, default=""),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("platform", "workspace", "channel", "story", name="one_subscription"),
)


deliveries = Table(
    "briefbot_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    *_channel_columns(),
    Column("slot", String(64), nullable=False),  # local "YYYY-MM-DD HH:MM Area/City", or "now…"
    Column(
        "status", String(16), nullable=False
    ),  # sending, sent, partial, failed, quiet, uncertain
    Column("attempts", Integer, nullable=False, default=0),
    Column("message_id", String(64)),
    Column("file_id", String(64)),
    Column("error", Text),
    Column("summary", Text),  # JSON from briefings.diff.summarize, once sent
    Column("claimed_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    # The exactly-once guarantee: a second claim of the same slot fails here.
    UniqueConstraint("platform", "workspace", "channel", "story", "slot", name="one_delivery"),
)

conversations = Table(
    "briefbot_conversations",
    metadata,
    Column("id", Integer, primary_key=True),
    *_channel_columns()[:3],
    Column("address", Text, nullable=False),  # JSON: how to reach it without being asked
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("platform", "workspace", "channel", name="one_conversation"),
)
"""Teams conversation references and Workflows webhook URLs: Slack needs only a channel id,
but a proactive Teams message needs the service URL seen in the last activity."""

alert_channels = Table(
    "briefbot_alert_channels",
    metadata,
    Column("id", Integer, primary_key=True),
    *_channel_columns(),
    Column("user", String(64), nullable=False, default=""),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("platform", "workspace", "channel", "story", name="one_alert_channel"),
)
"""Channels that opted in to alerts (`/hubs alerts on`)."""
