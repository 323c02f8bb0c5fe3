"""The /hubs commands about a channel's deliveries: digests (subscribe, unsubscribe,
subscriptions, digest now, deliveries) and alerts."""

from __future__ import annotations

from datetime import UTC, datetime

from .command_types import (
    CommandError,
    Context,
    Reply,
    store_of,
)
from .subscriptions import ScheduleError, Subscription, on_demand, parse_schedule


def cmd_subscribe(ctx: Context, args: list[str]) -> Reply:
    store = store_of(ctx)
    try:
        schedule = parse_schedule(args, ctx.default_timezone)
    except ScheduleError as error:
        raise CommandError(str(error)) from None
    c = ctx.caller
    sub = Subscription(c.platform, c.workspace, c.channel, ctx.story.slug, schedule, c.user)
    new = store.subscribe(sub)
    return Reply("subscribed", {"story": ctx.story, "sub": sub, "new": new})


def cmd_unsubscribe(ctx: Context, args: list[str]) -> Reply:
    c = ctx.caller
    removed = store_of(ctx).unsubscribe(c.platform, c.workspace, c.channel, ctx.story.slug)
    return Reply("unsubscribed", {"story": ctx.story, "removed": removed})


def cmd_subscriptions(ctx: Context, args: list[str]) -> Reply:
    c = ctx.caller
    subs = store_of(ctx).subscriptions(platform=c.platform, workspace=c.workspace)
    return Reply("subscriptions", {"story": ctx.story, "subs": subs, "caller": c})


def cmd_digest(ctx: Context, args: list[str]) -> Reply:
    if [a.lower() for a in args] != ["now"]:
        raise CommandError(f"To get the digest here now, type {ctx.story.command} digest now")
    if ctx.deliver_now is None:
        raise CommandError("Digests cannot be posted from here; use `briefbot digest --now`.")
    c = ctx.caller
    sub = on_demand(c.platform, c.workspace, c.channel, ctx.story.slug, c.user,
                    ctx.default_timezone)  # fmt: skip
    # One slot per channel per minute: a double click posts once.
    slot = "now " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    status = ctx.deliver_now(sub, slot)
    return Reply("digest_sent", {"story": ctx.story, "status": status})


def cmd_deliveries(ctx: Context, args: list[str]) -> Reply:
    """For admins: digests that failed, half-failed or were cut off, with the reason."""
    rows = [
        d
        for d in store_of(ctx).deliveries(limit=200)
        if d.workspace == ctx.caller.workspace and d.status not in ("sent", "quiet")
    ]
    return Reply("deliveries", {"story": ctx.story, "rows": rows[:20], "total": len(rows)})


def cmd_alerts(ctx: Context, args: list[str]) -> Reply:
    choice = " ".join(args).lower()
    if choice not in ("on", "off"):
        raise CommandError(f"Type {ctx.story.command} alerts on, or {ctx.story.command} alerts off")
    c = ctx.caller
    on = choice == "on"
    changed = store_of(ctx).set_alerts(
        c.platform, c.workspace, c.channel, ctx.story.slug, on=on, user=c.user
    )
    return Reply("alerts", {"story": ctx.story, "on": on, "changed": changed})
