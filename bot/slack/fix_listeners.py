"""Slack listeners for corrections: the ⋯ menu, its modal, and Undo buttons.

    block_actions fix_menu  → ack, check the editor, views.open (the trigger lasts 3 s)
    view_submission         → check again, record, answer with the result in the modal
    block_actions fix_undo  → `/hubs fix undo N`, answered privately

A non-editor is told so privately and no modal opens; the submission is checked again,
as a modal can stay open while an admin loses the role. Building every payload is
`fix_menus`' job; these only parse, call and send.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .. import commands
from ..commands import CommandError, Context
from ..corrections import REFUSAL, Editor, may_edit
from ..layout import render_parts
from ..services import Services
from . import blocks, fix_menus
from .fix_menus import FIX_MENU, FIX_MODAL, FIX_UNDO, SubmitError
from .people import caller_of, is_admin

log = logging.getLogger(__name__)
GONE = "That item is no longer in the briefing; ask for the list again to see it as it is now."


def register_fix_listeners(app: App, services: Services) -> None:
    def context(slug: str, body: dict[str, Any], client: WebClient) -> Context:
        caller = caller_of(body)
        admin = functools.partial(is_admin, client, caller.workspace, caller.user)
        return services.context(services.story(slug), caller, is_admin=admin)

    def handle_fix_menu(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        ack()
        op, slug, kind, ref = (body["actions"][0]["selected_option"]["value"].split() + [""] * 4)[
            :4
        ]
        ctx = context(slug, body, client)
        if not _editor(ctx):
            respond(response_type="ephemeral", replace_original=False, text=_refusal(ctx))
            return
        view = fix_menus.modal(op, slug, kind, ref, ctx.briefing)
        if view is None:
            respond(response_type="ephemeral", replace_original=False, text=GONE)
            return
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as error:  # the trigger expired: Slack waited too long for us
            log.warning("fix modal not opened: %s", error.response.get("error"))
            again = "Slack closed the menu before the form could open; please try again."
            respond(response_type="ephemeral", replace_original=False, text=again)

    def handle_fix_modal(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        view = body["view"]
        meta = json.loads(view.get("private_metadata") or "{}")
        ctx = context(str(meta.get("story", "")), body, client)
        if not _editor(ctx):
            ack(response_action="update", view=fix_menus.notice(_refusal(ctx)))
            return
        try:
            change = fix_menus.change(meta, view.get("state", {}).get("values", {}), ctx.briefing)
            reply = commands.record_fix(ctx, change)
        except SubmitError as error:
            if error.block:
                ack(response_action="errors", errors={error.block: str(error)})
            else:
                ack(response_action="update", view=fix_menus.notice(GONE))
            return
        except CommandError as error:
            ack(response_action="update", view=fix_menus.notice(str(error)))
            return
        shown = blocks.to_blocks(render_parts(blocks.SLACK, reply.view, reply.data))
        ack(response_action="update", view=fix_menus.result_view(shown))

    def handle_fix_undo(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        ack()
        slug, _, number = body["actions"][0]["value"].partition(" ")
        reply = commands.run(f"fix undo {number}", context(slug, body, client))
        for message in blocks.build_messages(reply):
            respond(response_type="ephemeral", replace_original=False, **message)

    app.action(FIX_MENU)(handle_fix_menu)
    app.view(FIX_MODAL)(handle_fix_modal)
    app.action(FIX_UNDO)(handle_fix_undo)


def _editor(ctx: Context) -> bool:
    c = ctx.caller
    return may_edit(
        ctx.story.editors, Editor(c.platform, c.workspace, c.user, c.name), ctx.is_admin
    )


def _refusal(ctx: Context) -> str:
    return REFUSAL.format(user=ctx.caller.user or "unknown")
