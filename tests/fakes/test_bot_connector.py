"""The Teams fakes driven by the real ``microsoft_teams`` SDK client, so they stay honest."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest
from microsoft_teams.api import (
    Account,
    ApiClient,
    Attachment,
    CreateConversationParams,
    MessageActivityInput,
)
from microsoft_teams.apps import App
from microsoft_teams.cards import AdaptiveCard, TextBlock
from microsoft_teams.common import ClientOptions

from .bot_connector import (
    FAKE_APP_ID,
    FakeBotConnector,
    FakeWorkflowWebhook,
    fake_bot_token,
)
from .cards import CARD_CONTENT_TYPE, MAX_CARD_BYTES, as_message, card_errors

CARD = {"type": "AdaptiveCard", "version": "1.5",
        "body": [{"type": "TextBlock", "text": "Morning brief", "wrap": True}]}  # fmt: skip
# ApiClient builds the SDK's own deprecated BotClient on every construction: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The bot client is deprecated:DeprecationWarning")
T = TypeVar("T")
CHANNEL = "19:abc@thread.tacv2;messageid=1700000000000"


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def card_message() -> MessageActivityInput:
    """How an adapter sends a card built as a plain dict."""
    return MessageActivityInput().add_attachments(
        Attachment(content_type=CARD_CONTENT_TYPE, content=CARD)
    )


def api_for(fake: FakeBotConnector, **options: Any) -> ApiClient:
    return ApiClient(fake.service_url, ClientOptions(token=fake_bot_token(), **options))


# -- Bot Connector -------------------------------------------------------------------------
def test_sdk_client_posts_a_card_with_a_bearer_token(connector: FakeBotConnector) -> None:
    sent = run(api_for(connector).conversations.create_activity(CHANNEL, card_message()))
    call = connector.calls[0]
    assert (call.method, call.path) == ("POST", f"/v3/conversations/{CHANNEL}/activities")
    assert call.conversation_id == CHANNEL and call.status == 201
    assert call.token == fake_bot_token()
    attachment = call.json["attachments"][0]
    assert attachment == {"contentType": CARD_CONTENT_TYPE, "content": CARD}
    assert card_errors(attachment["content"]) == []
    assert connector.conversations[CHANNEL][0]["id"] == sent.id
    assert connector.sent(CHANNEL) == [call.json]


def test_app_send_uses_the_token_provider_and_no_login(connector: FakeBotConnector) -> None:
    async def send() -> str:
        app = App(client_id=FAKE_APP_ID, token=lambda scope, tenant=None: fake_bot_token(),
                  service_url=connector.service_url)  # fmt: skip
        await app.initialize()
        card = AdaptiveCard(version="1.5", body=[TextBlock(text="Digest", wrap=True)])
        return (await app.send("a:personal-chat", card)).id

    activity_id = run(send())
    call = connector.calls_to("POST", r"/activities$")[0]
    assert call.conversation_id == "a:personal-chat" and call.token == fake_bot_token()
    assert call.json["from"] == {"id": FAKE_APP_ID}
    assert call.json["attachments"][0]["content"]["body"][0]["text"] == "Digest"
    assert connector.conversations["a:personal-chat"][0]["id"] == activity_id


def test_create_conversation_returns_the_same_1to1_chat(connector: FakeBotConnector) -> None:
    params = CreateConversationParams(members=[Account(id="29:user")], tenant_id="tenant-1")

    async def create_twice_then_send() -> tuple[str, str]:
        api = api_for(connector)
        first, second = (
            await api.conversations.create(params),
            await api.conversations.create(params),
        )
        await api.conversations.create_activity(first.id, MessageActivityInput(text="hi"))
        return first.id, second.id

    first, second = run(create_twice_then_send())
    assert first == second and first.startswith("a:")
    assert connector.calls[0].json["members"] == [{"id": "29:user"}]
    assert [a["text"] for a in connector.conversations[first]] == ["hi"]


def test_create_conversation_needs_members(connector: FakeBotConnector) -> None:
    with pytest.raises(httpx.HTTPStatusError) as exc:
        run(api_for(connector).conversations.create(CreateConversationParams(tenant_id="t")))
    assert exc.value.response.status_code == 400
    assert exc.value.response.json()["error"]["code"] == "BadArgument"


def test_reply_update_delete(connector: FakeBotConnector) -> None:
    async def flow() -> tuple[str, str]:
        convs = api_for(connector).conversations
        root = await convs.create_activity(CHANNEL, MessageActivityInput(text="root"))
        reply = await convs.reply_to_activity(CHANNEL, root.id, MessageActivityInput(text="re"))
        await convs.update_activity(CHANNEL, reply.id, MessageActivityInput(text="edited"))
        await convs.delete_activity(CHANNEL, root.id)
        return root.id, reply.id

    root_id, reply_id = run(flow())
    assert [(a["id"], a["text"]) for a in connector.conversations[CHANNEL]] == [
        (reply_id, "edited")
    ]
    assert connector.sent()[1]["replyToId"] == root_id  # the SDK posts to …/activities
    assert [c.method for c in connector.calls] == ["POST", "POST", "PUT", "DELETE"]
    assert connector.calls[2].activity_id == reply_id


def test_rest_reply_path_is_served_too(connector: FakeBotConnector) -> None:
    url = f"{connector.service_url}/v3/conversations/a:1/activities/42"
    headers = {"Authorization": f"Bearer {fake_bot_token()}"}
    resp = httpx.post(url, json={"type": "message", "text": "hi"}, headers=headers)
    assert resp.status_code == 201
    assert connector.conversations["a:1"][0]["replyToId"] == "42"


def test_members_and_team_details(connector: FakeBotConnector) -> None:
    async def read() -> tuple[list[Any], Any, Any, Any]:
        api = api_for(connector)
        return (await api.conversations.get_members(CHANNEL),
                await api.conversations.get_member_by_id(CHANNEL, "29:fake-user"),
                await api.conversations.get_paged_members(CHANNEL, page_size=10),
                await api.teams.get_by_id("19:team@thread.tacv2"))  # fmt: skip

    members, one, page, team = run(read())
    assert [m.id for m in members] == ["29:fake-user"] and one.name == "Fake User"
    assert page.members[0].id == "29:fake-user" and team.name == "Fake Team"
    assert connector.calls[2].query == {"pageSize": "10"}


def test_missing_token_is_refused(connector: FakeBotConnector) -> None:
    anonymous = ApiClient(connector.service_url)
    with pytest.raises(httpx.HTTPStatusError) as exc:
        run(anonymous.conversations.create_activity("a:1", MessageActivityInput(text="x")))
    assert exc.value.response.status_code == 401
    assert connector.conversations.get("a:1") is None


def test_429_comes_back_with_retry_after(connector: FakeBotConnector) -> None:
    connector.fail(r"/activities$", 429, retry_after=7)

    async def two_sends() -> str:
        convs = api_for(connector).conversations
        with pytest.raises(httpx.HTTPStatusError) as exc:
            await convs.create_activity("a:1", MessageActivityInput(text="first"))
        assert exc.value.response.status_code == 429
        assert exc.value.response.headers["Retry-After"] == "7"
        assert exc.value.response.json()["error"]["code"] == "Throttled"
        return (await convs.create_activity("a:1", MessageActivityInput(text="again"))).id

    assert run(two_sends())
    assert [(c.status, c.accepted) for c in connector.calls] == [(429, False), (201, True)]
    assert [a["text"] for a in connector.conversations["a:1"]] == ["again"]


@pytest.mark.parametrize("status", [412, 500, 502, 504])
def test_scripted_errors_repeat_then_clear(connector: FakeBotConnector, status: int) -> None:
    connector.fail(r"^/v3/conversations/a:1/", status, times=2, method="POST")

    async def attempts() -> list[int]:
        convs, seen = api_for(connector).conversations, []
        for _ in range(3):
            try:
                await convs.create_activity("a:1", MessageActivityInput(text="x"))
                seen.append(201)
            except httpx.HTTPStatusError as error:
                seen.append(error.response.status_code)
        return seen

    assert run(attempts()) == [status, status, 201]


def test_slow_reply_times_out_but_the_post_landed(connector: FakeBotConnector) -> None:
    connector.fail(r"/activities$", 201, delay=1.0)
    slow = api_for(connector, timeout=0.2)
    with pytest.raises(httpx.ReadTimeout):
        run(slow.conversations.create_activity("a:1", MessageActivityInput(text="late")))
    assert connector.calls[0].accepted
    assert [a["text"] for a in connector.conversations["a:1"]] == ["late"]  # retrying duplicates


def test_wait_for_and_reset(connector: FakeBotConnector) -> None:
    run(api_for(connector).conversations.create_activity("a:1", MessageActivityInput(text="x")))
    assert len(connector.wait_for(1, timeout=1)) == 1
    with pytest.raises(TimeoutError):
        connector.wait_for(2, timeout=0.05)
    connector.fail("", 500)
    connector.reset()
    assert connector.calls == [] and connector.conversations == {}
    run(api_for(connector).conversations.create_activity("a:1", MessageActivityInput(text="y")))
    assert connector.calls[0].status == 201


# -- Workflows webhook ---------------------------------------------------------------------
def test_webhook_accepts_a_card_message_with_202(webhook: FakeWorkflowWebhook) -> None:
    resp = httpx.post(webhook.url, json=as_message(CARD))
    assert resp.status_code == 202 and resp.content == b""
    assert resp.headers["x-ms-workflow-run-id"]
    assert webhook.delivered == [CARD]
    assert webhook.calls[0].query["api-version"] == "1"


@pytest.mark.parametrize(
    "body",
    [
        {"@type": "MessageCard", "text": "legacy connector card"},
        {"type": "message", "attachments": []},
        {"type": "message", "attachments": [{"contentType": "text/html", "content": "<b>x</b>"}]},
        {"type": "message", "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": {}}]},
    ],
)
def test_webhook_refuses_other_shapes(webhook: FakeWorkflowWebhook, body: Any) -> None:
    resp = httpx.post(webhook.url, json=body)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "TriggerInputSchemaMismatch"
    assert webhook.delivered == [] and webhook.calls[0].note


def test_webhook_refuses_a_body_that_is_not_json(webhook: FakeWorkflowWebhook) -> None:
    resp = httpx.post(webhook.url, content=b"hello", headers={"Content-Type": "text/plain"})
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "InvalidRequestContent"


def big_card() -> dict[str, Any]:
    return {**CARD, "body": [{"type": "TextBlock", "text": "x" * MAX_CARD_BYTES}]}


def test_oversize_card_is_refused_when_strict(webhook: FakeWorkflowWebhook) -> None:
    resp = httpx.post(webhook.url, json=as_message(big_card()))
    assert resp.status_code == 400
    assert "MessageSizeExceeded" in resp.json()["error"]["message"]
    assert webhook.delivered == []


def test_oversize_card_is_dropped_silently_like_the_real_flow() -> None:
    with FakeWorkflowWebhook(strict=False) as lenient:
        resp = httpx.post(lenient.url, content=json.dumps(as_message(big_card())))
        assert resp.status_code == 202
        assert lenient.delivered == []
        assert lenient.calls[0].note.startswith("MessageSizeExceeded")


def test_webhook_scripted_429_and_500(webhook: FakeWorkflowWebhook) -> None:
    webhook.fail("", 429, retry_after=2)
    webhook.fail("", 500)
    first, second, third = (httpx.post(webhook.url, json=as_message(CARD)) for _ in range(3))
    assert (first.status_code, first.headers["Retry-After"]) == (429, "2")
    assert second.status_code == 500 and third.status_code == 202
    assert webhook.delivered == [CARD]


def test_webhook_throttles_past_four_per_second() -> None:
    now = [100.0]
    with FakeWorkflowWebhook(max_per_second=4, clock=lambda: now[0]) as fake:
        statuses = [httpx.post(fake.url, json=as_message(CARD)).status_code for _ in range(5)]
        assert statuses == [202, 202, 202, 202, 429]
        now[0] += 1.0
        assert httpx.post(fake.url, json=as_message(CARD)).status_code == 202
        assert len(fake.delivered) == 5


def test_team_details_tell_the_group_id_when_the_fake_knows_it(
    connector: FakeBotConnector,
) -> None:
    connector.groups["19:team@thread.tacv2"] = "0b8c3f1e-6a2d-4c55-9e1a-3f5d7c2b9a10"
    details = run(api_for(connector).teams.get_by_id("19:team@thread.tacv2"))
    assert details.aad_group_id == "0b8c3f1e-6a2d-4c55-9e1a-3f5d7c2b9a10"
    assert run(api_for(connector).teams.get_by_id("19:other@thread.tacv2")).aad_group_id is None
