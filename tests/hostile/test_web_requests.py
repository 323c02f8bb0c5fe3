"""Malformed requests to the web app get 400 or 401, never 500, and nothing from a request
that failed verification is used: no reply to its `response_url`, no Slack call at all."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from urllib.parse import quote, urlencode

import pytest

from bot.services import Services
from tests.chat.conftest import Endpoint, running_app
from tests.hostile.rawhttp import forged, request, signed

EVENTS = "/slack/events"
DEEP = 100_000


def command_form(endpoint: Endpoint, **fields: str) -> dict[str, str]:
    """A slash command as Slack sends it, with a response_url on our catcher."""
    return {
        "team_id": "T111",
        "channel_id": "C123",
        "user_id": "U123",
        "command": "/hubs",
        "text": "digest now",
        "response_url": endpoint.responses.url("/attacker"),
        "trigger_id": f"{time.time_ns()}.1",
        **fields,
    }


def nothing_used(endpoint: Endpoint, slack) -> None:
    # A signed command sent after the refused ones is answered on its own response URL:
    # by then, whatever the refused ones had set off would have been sent too.
    assert endpoint.command("brief", response_path="/after").status == 200
    endpoint.responses.wait_until(
        lambda: any(p.path == "/after" for p in endpoint.responses.posts), what="the reply"
    )
    assert {p.path for p in endpoint.responses.posts} == {"/after"}
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []


def now() -> str:
    return str(int(time.time()))


BAD_HEADERS = {
    "non-ASCII signature (UTF-8)": {"X-Slack-Signature": "v0=é".encode()},
    "non-ASCII signature (Latin-1)": {"X-Slack-Signature": "v0=é".encode("latin-1")},
    "310-digit timestamp": {"X-Slack-Request-Timestamp": "9" * 310},
    "4,301-digit timestamp": {"X-Slack-Request-Timestamp": "1" * 4301},
    "negative timestamp": {"X-Slack-Request-Timestamp": "-1"},
    "Arabic-Indic digits": {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠".encode()},
    "signature without v0=": {"X-Slack-Signature": "0" * 64},
    "empty signature": {"X-Slack-Signature": ""},
}


@pytest.mark.parametrize("bad", BAD_HEADERS.values(), ids=BAD_HEADERS.keys())
def test_hostile_signature_headers_get_401_and_no_reply(endpoint, slack, bad):
    body = urlencode(command_form(endpoint)).encode()
    answer = request(endpoint.url, EVENTS, body, forged(body) | bad)
    assert answer.status == 401, answer.body[:200]
    nothing_used(endpoint, slack)


def deep_json(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


BAD_BODIES = {
    "form not UTF-8": b"text=\xff&command=/hubs&response_url=",
    "payload not JSON": b"payload=%7Bx",
    "payload a list": b"payload=%5B1%5D",
    "payload null": b"payload=null",
    "payload a string": b"payload=%22x%22",
    "JSON array": b"[1]",
    "JSON invalid": b"{x",
    "JSON 100,000 deep": deep_json(DEEP),
    "JSON object 100,000 deep": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "team_id a list": json.dumps(
        {"type": "event_callback", "team_id": ["T111"], "event_id": "Ev1", "event": {}}
    ).encode(),
    "user a list": b"payload="
    + quote(json.dumps({"type": "block_actions", "user": ["U1"], "actions": []})).encode(),
    "actions not a list": b"payload="
    + quote(json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": 1})).encode(),
    "event a string": json.dumps({"type": "event_callback", "event": "x"}).encode(),
}


def _content_type(body: bytes) -> str:
    return "application/json" if body[:1] in b"[{" else "application/x-www-form-urlencoded"


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_unsigned_malformed_bodies_get_401(endpoint, slack, body):
    headers = forged(body) | {"Content-Type": _content_type(body)}
    answer = request(
        endpoint.url,
        EVENTS,
        body.replace(
            b"response_url=", b"response_url=" + quote(endpoint.responses.url("/x")).encode()
        ),
        headers,
    )
    assert answer.status == 401, answer.body[:200]
    nothing_used(endpoint, slack)


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_signed_malformed_bodies_get_400(endpoint, slack, body):
    """Even from someone holding the secret, a body Slack would never send is refused."""
    headers = signed(body) | {"Content-Type": _content_type(body)}
    answer = request(endpoint.url, EVENTS, body, headers)
    assert answer.status == 400, answer.body[:200]
    nothing_used(endpoint, slack)


def test_an_unverified_request_never_reaches_the_error_handler(endpoint, slack):
    """The run's worst case: a crash in verification made the error handler post
    "Sorry, something went wrong" to the sender's URL, twelve times out of twelve."""
    for _ in range(12):
        body = urlencode(command_form(endpoint)).encode()
        assert request(endpoint.url, EVENTS, body, forged(body, "v0=é".encode())).status == 401
    nothing_used(endpoint, slack)


def test_a_signed_command_still_works(endpoint):
    body = urlencode(command_form(endpoint, text="help")).encode()
    answer = request(endpoint.url, EVENTS, body, signed(body))
    assert answer.status == 200 and json.loads(answer.body)["blocks"]


def test_download_and_page_links_with_hostile_parameters_are_refused(settings):
    settings = replace(settings, public_url="https://bot.example.org")
    services = Services.from_settings(settings)
    with running_app(settings, services) as url:
        for query in (
            "expires=99999999999&sig=%C3%A9",  # non-ASCII signature
            "expires=99999999999&sig=%FF%FE",  # not UTF-8 either
            "expires=" + "9" * 5000 + "&sig=00",  # past int()'s 4,300 digits
            "expires=%D9%A1%D9%A7&sig=00",  # non-ASCII digits
            "expires=1&expires=2&sig=",
        ):
            for path in ("/download/hubs-figures.xlsx", "/briefing/hubs.html"):
                answer = request(url, f"{path}?{query}", method="GET")
                assert answer.status in (400, 403), (path, query, answer.status)
