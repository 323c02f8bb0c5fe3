"""Correcting from Slack: the ⋯ menu on a figure or quote opens a modal (views.open on the
fake Slack), the submitted modal records the correction, and the replies show it. Signed
requests go to our real web app; a non-editor is refused and no modal opens."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.corrections import CorrectionLog
from bot.services import Services
from bot.settings import Settings
from bot.slack.limits import violations
from tests.chat.conftest import Endpoint, running_app, texts
from tests.chat.test_corrections import write_story
from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher

EDITOR, SOMEONE, ADMIN = "U0EDITOR", "U0SOMEONE", "U0ADMIN"


@pytest.fixture
def app(settings: Settings, tmp_path: Path, responses: ResponseUrlCatcher) -> Iterator[Endpoint]:
    config = write_story(tmp_path / "story", editors=(EDITOR,))
    story_settings = Settings(**{**settings.__dict__, "config_path": config})
    services = Services.from_settings(story_settings)
    with running_app(story_settings, services) as url:
        endpoint = Endpoint(url, responses)
        endpoint.services = services  # type: ignore[attr-defined]
        yield endpoint


def menus(message: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each section with a correction menu: its text and the menu."""
    return [
        (b["text"]["text"], b["accessory"])
        for b in message["blocks"]
        if b.get("accessory", {}).get("type") == "overflow"
    ]


def choose(endpoint: Endpoint, menu: dict[str, Any], op: str, user: str) -> Any:
    option = next(o for o in menu["options"] if o["value"].startswith(op + " "))
    payload = {
        "type": "block_actions",
        "team": {"id": "T111", "domain": "fake"},
        "user": {"id": user, "username": user.lower(), "team_id": "T111"},
        "api_app_id": "A111",
        "channel": {"id": "C123", "name": "policy"},
        "container": {"type": "message", "is_ephemeral": True},
        "trigger_id": f"{time.time_ns()}.1.2",
        "response_url": endpoint.responses.url("/actions/menu"),
        "actions": [
            {"type": "overflow", "action_id": menu["action_id"], "block_id": "b1",
             "selected_option": option, "action_ts": str(time.time())}
        ],
    }  # fmt: skip
    return endpoint.post(urlencode({"payload": json.dumps(payload)}).encode())


def submit(endpoint: Endpoint, view: dict[str, Any], value: Any, user: str) -> dict[str, Any]:
    """The modal sent back as Slack does: the view with the state of its input."""
    state: dict[str, Any] = {}
    if value is not None:
        kind = next(b["element"]["type"] for b in view["blocks"] if b["type"] == "input")
        entry = {"type": kind}
        entry |= (
            {"selected_option": {"value": value}} if kind == "static_select" else {"value": value}
        )
        state = {"value": {"value": entry}}
    payload = {
        "type": "view_submission",
        "team": {"id": "T111", "domain": "fake"},
        "user": {"id": user, "username": user.lower(), "team_id": "T111"},
        "api_app_id": "A111",
        "trigger_id": f"{time.time_ns()}.3.4",
        "view": {**view, "state": {"values": state}},
    }
    r = endpoint.post(urlencode({"payload": json.dumps(payload)}).encode())
    assert r.status == 200, r.body
    return r.json


def opened(slack: FakeSlack) -> dict[str, Any]:
    (call,) = slack.wait_for_calls("views.open")
    view = (
        json.loads(call.body["view"]) if isinstance(call.body["view"], str) else call.body["view"]
    )
    assert violations(view, surface="modal") == []
    return view


def test_a_figure_menu_opens_a_modal_whose_label_is_shown_corrected(app, slack) -> None:
    figures = app.command("figures", user=EDITOR).json
    assert violations(figures) == []
    text, menu = next(m for m in menus(figures) if "*12,700*" in m[0])
    assert [o["text"]["text"] for o in menu["options"]][:2] == [
        "Correct the label…",
        "Hide this figure",
    ]
    assert choose(app, menu, "label", EDITOR).status == 200
    view = opened(slack)
    label = view["blocks"][1]["element"]["initial_value"]
    assert f"*12,700* {label}," in text and f"*12,700* {label}" in view["blocks"][0]["text"]["text"]

    hostile = "<!channel> crossings =1+1 ${x} <@U0ADMIN>"
    done = submit(app, view, hostile, EDITOR)
    assert done["response_action"] == "update"
    assert violations(done["view"], surface="modal") == []
    assert "Correction #1" in " ".join(texts(done["view"]))

    again = app.command("figures", user=SOMEONE).json
    shown = "\n".join(texts(again))
    assert "&lt;!channel&gt; crossings =1+1 ${x} &lt;@U0ADMIN&gt;" in shown
    assert "corrected by @u0editor" in shown
    assert "<!" not in shown and "<@" not in shown  # the label pings no one


def test_a_quote_menu_moves_the_quote_and_sets_the_speakers_stance(app, slack) -> None:
    reactions = app.command("reactions philp", user=EDITOR).json
    assert violations(reactions) == []
    _, menu = next(m for m in menus(reactions) if "decisive action" in m[0])
    choose(app, menu, "move", EDITOR)
    assert submit(app, opened(slack), "Jane Roe", EDITOR)["response_action"] == "update"
    shown = "\n".join(texts(app.command("reactions jane", user=SOMEONE).json))
    assert "*Jane Roe*" in shown and "decisive action" in shown

    slack.reset()
    _, menu = menus(app.command("reactions philp", user=EDITOR).json)[0]
    choose(app, menu, "stance", EDITOR)
    view = opened(slack)
    assert submit(app, view, "supportive", EDITOR)["response_action"] == "update"
    shown = "\n".join(texts(app.command("reactions philp", user=SOMEONE).json))
    assert "_supportive_" in shown


def test_an_empty_answer_is_refused_beside_the_input(app, slack) -> None:
    _, menu = menus(app.command("figures", user=EDITOR).json)[0]
    choose(app, menu, "label", EDITOR)
    answer = submit(app, opened(slack), "  ", EDITOR)
    assert answer == {"response_action": "errors", "errors": {"value": "This cannot be empty."}}
    assert not CorrectionLog(app.services.store).entries("hubs")


def test_a_non_editor_is_refused_and_no_modal_opens(app, slack) -> None:
    _, menu = menus(app.command("figures", user=SOMEONE).json)[0]
    assert choose(app, menu, "hide", SOMEONE).status == 200
    (post,) = app.responses.wait_for(1)
    assert "Only editors can correct the briefing" in post.json["text"]
    assert slack.calls_to("views.open") == []

    # A modal opened by an editor and submitted by someone else records nothing.
    choose(app, menu, "hide", EDITOR)
    answer = submit(app, opened(slack), None, SOMEONE)
    assert "Only editors" in " ".join(texts(answer["view"]))
    assert not CorrectionLog(app.services.store).entries("hubs")


def test_a_workspace_admin_may_correct(app, slack) -> None:
    slack.admins.add(ADMIN)
    _, menu = menus(app.command("figures", user=ADMIN).json)[0]
    choose(app, menu, "hide", ADMIN)
    assert submit(app, opened(slack), None, ADMIN)["response_action"] == "update"
    assert [e.by for e in CorrectionLog(app.services.store).entries("hubs")] == ["@u0admin"]
    assert slack.calls_to("users.info")[0].body["user"] == ADMIN


def test_the_corrections_list_has_an_undo_button(app, slack) -> None:
    app.command('fix hide figure "12,700"', user=EDITOR)
    listed = app.command("corrections", user=EDITOR).json
    assert violations(listed) == []
    undo = next(
        b["accessory"] for b in listed["blocks"] if b.get("accessory", {}).get("type") == "button"
    )
    assert (undo["action_id"], undo["value"]) == ("fix_undo", "hubs 1")
    app.action("fix_undo", undo["value"], user=EDITOR)
    (post,) = app.responses.wait_for(1)
    assert "undid correction #1" in " ".join(texts(post.json))
    figures = app.command("figures", user=SOMEONE).json
    assert any("*12,700*" in t for t in texts(figures))


def test_a_shared_copy_has_no_menus(app) -> None:
    app.command("figures", user=EDITOR)
    app.action("share", "hubs figures", user=EDITOR)
    shared = app.responses.wait_for(2)[0].json
    assert shared["response_type"] == "in_channel" and menus(shared) == []
