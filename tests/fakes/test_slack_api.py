"""Tests of the Slack fake through the real slack_sdk WebClient, so the fake stays honest."""

from __future__ import annotations

import json
import types
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from .slack_api import UPLOAD, FakeSlack, ResponseUrlCatcher


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as f:
        yield f


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url, timeout=5)


BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Brief*"}}]


def test_base_url_shape(fake: FakeSlack) -> None:
    assert fake.base_url.startswith("http://127.0.0.1:") and fake.base_url.endswith("/api/")


def test_auth_test(client: WebClient, fake: FakeSlack) -> None:
    resp = client.auth_test()
    assert (resp["team_id"], resp["user_id"], resp["bot_id"]) == ("T111", "UBOT", "B111")
    assert fake.calls_to("auth.test")[0].headers["authorization"] == "Bearer xoxb-test"


def test_post_message_round_trip_with_blocks(client: WebClient, fake: FakeSlack) -> None:
    first = client.chat_postMessage(channel="C1", text="fallback", blocks=BLOCKS)
    second = client.chat_postMessage(channel="C1", text="again", thread_ts=first["ts"])
    assert first["channel"] == "C1" and first["message"]["blocks"] == BLOCKS
    assert float(second["ts"]) > float(first["ts"])
    assert second["message"]["thread_ts"] == first["ts"]
    call = fake.calls_to("chat.postMessage")[0]
    assert call.json is not None and call.json["blocks"] == BLOCKS
    assert call.body["text"] == "fallback" and call.accepted


def test_post_ephemeral_update_and_info(client: WebClient, fake: FakeSlack) -> None:
    assert client.chat_postEphemeral(channel="C1", user="U1", text="psst")["message_ts"]
    posted = client.chat_postMessage(channel="C1", text="v1")
    updated = client.chat_update(channel="C1", ts=posted["ts"], text="v2")
    assert updated["ts"] == posted["ts"] and updated["message"]["text"] == "v2"
    assert client.conversations_info(channel="C9")["channel"]["id"] == "C9"
    assert fake.calls_to("conversations.info")[0].json is None  # sent form-encoded


def test_views_publish(client: WebClient, fake: FakeSlack) -> None:
    resp = client.views_publish(user_id="U1", view={"type": "home", "blocks": BLOCKS})
    assert resp["view"]["type"] == "home" and resp["view"]["blocks"] == BLOCKS
    assert fake.calls_to("views.publish")[0].body["user_id"] == "U1"


MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Fix"}, "blocks": BLOCKS}


def test_views_open_once_per_trigger_and_update(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id="123.4.5", view=MODAL)["view"]
    assert opened["id"] in fake.views and opened["blocks"] == BLOCKS
    with pytest.raises(SlackApiError) as reused:
        client.views_open(trigger_id="123.4.5", view=MODAL)
    assert reused.value.response["error"] == "expired_trigger_id"
    with pytest.raises(SlackApiError) as not_a_modal:
        client.views_open(trigger_id="123.4.6", view={"type": "home", "blocks": []})
    assert not_a_modal.value.response["error"] == "invalid_arguments"
    title = {"type": "plain_text", "text": "Done"}
    updated = client.views_update(view_id=opened["id"], view={**MODAL, "title": title})
    assert updated["view"]["title"]["text"] == "Done"


def test_users_info_says_who_is_an_admin(client: WebClient, fake: FakeSlack) -> None:
    fake.admins.add("UADMIN")
    assert client.users_info(user="UADMIN")["user"]["is_admin"] is True
    assert client.users_info(user="U2")["user"]["is_admin"] is False
    with pytest.raises(SlackApiError):
        client.users_info(user="nobody")


def test_files_upload_v2_end_to_end(client: WebClient, fake: FakeSlack) -> None:
    data = b"# Brief\n\x00binary-ok\xff"
    resp = client.files_upload_v2(
        content=data,
        filename="brief.md",
        title="Morning brief",
        channel="C1",
        thread_ts="1700000000.000100",
        initial_comment="Here it is",
    )
    file_id = resp["file"]["id"]
    assert fake.uploads[file_id] == data and fake.filenames[file_id] == "brief.md"
    assert resp["file"]["title"] == "Morning brief"
    done = fake.completed_uploads[0]
    assert done["channel_id"] == "C1" and done["thread_ts"] == "1700000000.000100"
    assert done["initial_comment"] == "Here it is"
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal",
        UPLOAD,
        "files.completeUploadExternal",
    ]
    assert "authorization" not in fake.calls[1].headers  # upload URL is pre-signed


def test_upload_step_failure_skips_complete(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next(UPLOAD, status=500)
    with pytest.raises(urllib.error.HTTPError):  # raw urllib error, not a SlackApiError
        client.files_upload_v2(content=b"x", filename="a.txt", channel="C1")
    assert not fake.calls_to("files.completeUploadExternal")


def test_complete_unknown_file(client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="file_not_found"):
        client.files_completeUploadExternal(files=[{"id": "FNOPE"}], channel_id="C1")


def test_429_raises_with_retry_after(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="hi")
    assert exc.value.response.status_code == 429
    assert exc.value.response.headers["Retry-After"] == "7"
    assert exc.value.response["error"] == "ratelimited"
    assert not fake.calls_to("chat.postMessage")[0].accepted


def test_rate_limit_retry_handler_succeeds(
    client: WebClient, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The handler sleeps int(Retry-After) + random.random(); pin the jitter to keep this fast.
    monkeypatch.setattr(builtin_handlers, "random", types.SimpleNamespace(random=lambda: 0.0))
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]


def test_500_and_scripted_error_in_order(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=500)
    fake.fail_next("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as first:
        client.chat_postMessage(channel="C1", text="a")
    with pytest.raises(SlackApiError) as second:
        client.chat_postMessage(channel="C1", text="b")
    assert first.value.response.status_code == 500
    assert (second.value.response.status_code, second.value.response["error"]) == (
        200,
        "channel_not_found",
    )
    assert client.chat_postMessage(channel="C1", text="c")["ok"]


@pytest.mark.parametrize(("token", "error"), [("bogus", "invalid_auth"), (None, "not_authed")])
def test_bad_token(fake: FakeSlack, token: str | None, error: str) -> None:
    with pytest.raises(SlackApiError) as exc:
        WebClient(token=token, base_url=fake.base_url).chat_postMessage(channel="C1", text="x")
    assert exc.value.response["error"] == error


def test_oauth_install_then_auth_test(fake: FakeSlack) -> None:
    anon = WebClient(base_url=fake.base_url)
    install = anon.oauth_v2_access(client_id="1.2", client_secret="s", code="abc")
    assert install["access_token"].startswith("xoxb-") and install["team"]["id"] == "T111"
    bot = WebClient(token=install["access_token"], base_url=fake.base_url)
    assert bot.auth_test()["team_id"] == "T111"


def test_delay_provokes_client_timeout(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", delay=1.0)
    slow = WebClient(token="xoxb-test", base_url=fake.base_url, timeout=0.2)
    with pytest.raises(TimeoutError):
        slow.chat_postMessage(channel="C1", text="late")
    assert len(fake.calls_to("chat.postMessage")) == 1  # timeouts are not retried by default


def test_accept_then_drop(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", accept_then_drop=True)
    bare = WebClient(token="xoxb-test", base_url=fake.base_url, retry_handlers=[])
    with pytest.raises(ConnectionError):  # http.client.RemoteDisconnected
        bare.chat_postMessage(channel="C1", text="landed")
    assert fake.calls_to("chat.postMessage")[0].accepted


def test_default_connection_retry_duplicates_dropped_post(fake: FakeSlack) -> None:
    # WebClient's default handlers retry RemoteDisconnected once: the post lands twice.
    fake.fail_next("chat.postMessage", accept_then_drop=True)
    handler = ConnectionErrorRetryHandler(interval_calculator=FixedValueRetryIntervalCalculator(0))
    retrying = WebClient(token="xoxb-test", base_url=fake.base_url, retry_handlers=[handler])
    assert retrying.chat_postMessage(channel="C1", text="twice")["ok"]
    assert [c.accepted for c in fake.calls_to("chat.postMessage")] == [True, True]


def test_sliding_window_rate_limit() -> None:
    now = [1000.0]
    with FakeSlack(clock=lambda: now[0]) as fake:
        fake.rate_limit("chat.postMessage", per_minute=2, key="channel")
        client = WebClient(token="xoxb-test", base_url=fake.base_url, retry_handlers=[])
        client.chat_postMessage(channel="C1", text="1")
        now[0] += 30
        client.chat_postMessage(channel="C1", text="2")
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel="C1", text="3")
        assert exc.value.response.headers["Retry-After"] == "30"
        client.chat_postMessage(channel="C2", text="other channel is fine")
        now[0] += 30
        assert client.chat_postMessage(channel="C1", text="window slid")["ok"]


def test_reset(client: WebClient, fake: FakeSlack) -> None:
    client.auth_test()
    fake.fail_next("auth.test", error="boom")
    fake.reset()
    assert fake.calls == [] and client.auth_test()["ok"]


def test_response_url_catcher() -> None:
    with ResponseUrlCatcher() as catcher:
        body = json.dumps({"text": "done", "replace_original": True}).encode()
        req = urllib.request.Request(
            catcher.url("/respond/42"), data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=2) as resp:
            assert resp.status == 200
        posts = catcher.wait_for(1, timeout=2)
        assert posts[0].path == "/respond/42" and posts[0].json["text"] == "done"
        with pytest.raises(TimeoutError):
            catcher.wait_for(2, timeout=0.05)
