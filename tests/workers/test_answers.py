"""With a broker, chat hands work to the workers and still tells people what happened:
`/bridge add URL` answers "Queued" at once and the worker reports what it added (or why
not) to who asked; `/bridge digest now` queues the digest task, which posts it once."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web import create_wsgi
from tests.chat.conftest import SECRET, Endpoint, serve_wsgi, texts
from tests.fakes.slack_api import FakeSlack, Post, ResponseUrlCatcher
from tests.fakes.web import WebServer
from tests.live.conftest import FIXTURES, write_story
from tests.workers.conftest import Cluster, say

TRADERS = "bridge/courier-traders.html"
PRIVATE = "that address points inside a private network, which Briefbot never fetches"


@pytest.fixture
def chat(
    tmp_path: Path, broker_url: str, slack: FakeSlack, responses: ResponseUrlCatcher
) -> Iterator[tuple[Cluster, Endpoint]]:
    """The web app and a cluster sharing one broker and database; no worker yet."""
    cluster = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(write_story(tmp_path)),
                      BRIEFBOT_ALLOW_LOOPBACK="1", SLACK_SIGNING_SECRET=SECRET)  # fmt: skip
    services = cluster.services
    url, server = serve_wsgi(create_wsgi(services.settings, services))
    try:
        services.briefings.get("bridge")  # version 1: the seed page
        yield cluster, Endpoint(url, responses)
    finally:
        server.shutdown()
        server.server_close()
        cluster.close()


def answer_saying(responses: ResponseUrlCatcher, words: str, timeout: float = 60) -> Post:
    """The first post to a response_url whose text has `words` (a worker's answer may come
    before or after the web process's "Queued", whichever is quicker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for post in list(responses.posts):
            if words in " ".join(texts(post.json)):
                return post
        time.sleep(0.1)
    shown = [" ".join(texts(p.json))[:200] for p in responses.posts]
    raise AssertionError(f"no answer saying {words!r}; got {shown}")


def test_a_queued_link_tells_who_asked_what_it_added_or_why_not(
    chat: tuple[Cluster, Endpoint], slack: FakeSlack, responses: ResponseUrlCatcher, web: WebServer
) -> None:
    cluster, endpoint = chat
    queue = cluster.services.queue
    assert queue is not None
    page = (FIXTURES / TRADERS).read_text()  # a headline that tries to ping
    web.set("/hostile.html", page.replace("Traders fear", "&lt;!channel&gt; Traders fear"))
    link = web.url("/hostile.html")

    shown, took = say(endpoint, f"add <{link}>")
    assert took < 3.0 and "Queued" in shown and "You will be told here" in shown
    cluster.worker("--queues", "analysis")

    added = answer_saying(responses, "Added")
    assert added.path == "/commands/1" and added.json["response_type"] == "ephemeral"
    assert added.json["replace_original"] is False  # the "Queued" answer stays
    words = " ".join(texts(added.json))
    assert "&lt;!channel&gt; Traders fear Kestrel Bridge closure" in words  # shown, not sent
    assert "Millbrook Courier" in words and "now version 2" in words
    assert "New voice: *Tom Ferris*" in words  # what it changed in the briefing
    assert not any("<!" in t or "<@" in t for t in texts(added.json))

    say(endpoint, f"add <{web.url('/bridge/no-such-story.html')}>")
    missing = answer_saying(responses, "Could not add it")
    assert "the page was not found (HTTP 404)" in " ".join(texts(missing.json))
    say(endpoint, f"add <{web.url('/redirect?to=http://169.254.169.254/latest/meta-data/')}>")
    refused = answer_saying(responses, PRIVATE)
    assert "Usage: `/bridge add URL`" in " ".join(texts(refused.json))

    # Past the response_url's 30 minutes the answer goes by the bot token, still private.
    old = {"platform": "slack", "workspace": "T111", "channel": "C123", "user": "U123",
           "response_url": responses.url("/expired"), "asked_at": time.time() - 3600}  # fmt: skip
    queue.send("link", story="bridge", url=link, by="U123", reply_to=old)
    [late] = slack.wait_for_calls("chat.postEphemeral", timeout=60)
    assert (late.body["channel"], late.body["user"]) == ("C123", "U123")
    assert "Not added" in " ".join(texts(late.body))  # the same page again
    assert not [p for p in responses.posts if p.path == "/expired"]
    assert cluster.services.briefings.library is not None
    assert cluster.services.briefings.library.latest("bridge") == 2


def test_digest_now_queues_the_digest_task_which_posts_it_once(
    chat: tuple[Cluster, Endpoint], slack: FakeSlack
) -> None:
    cluster, endpoint = chat
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None

    shown, took = say(endpoint, "digest now")
    assert took < 3.0 and "Digest queued: it will post here shortly." in shown
    cluster.wait_until(lambda: queue.depths()["digests"][0] == 1)  # once the answer is out
    assert slack.calls_to("chat.postMessage") == []

    cluster.worker("--queues", "digests")
    cluster.wait_until(lambda: slack.messages.get("C123"))  # C123 is not even subscribed
    [row] = cluster.wait_until(
        lambda: [r for r in services.store.deliveries() if r.status == "sent"]
    )
    assert row.slot.startswith("now ") and row.message_id == slack.messages["C123"][0]["ts"]
    queue.send("digest", platform="slack", workspace="T111", channel="C123", story="bridge",
               slot=row.slot, asked_by="U123")  # fmt: skip  # the same task delivered again
    cluster.wait_until(lambda: "done: claimed" in cluster.logs())
    assert len(slack.messages["C123"]) == 1 and len(slack.calls_to("chat.postMessage")) == 1


def test_a_worker_killed_after_telling_who_asked_does_not_tell_them_twice(
    chat: tuple[Cluster, Endpoint], slack: FakeSlack, responses: ResponseUrlCatcher, web: WebServer
) -> None:
    cluster, endpoint = chat
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    shown, _ = say(endpoint, f"add <{web.url('/' + TRADERS)}>")
    assert "Queued" in shown
    responses.hold("/commands/1", 120)  # the answer is shown; its worker never hears so
    first = cluster.worker("--queues", "analysis")
    answer_saying(responses, "Added")
    first.send_signal(signal.SIGKILL)
    assert first.wait() == -signal.SIGKILL

    cluster.worker("--queues", "analysis")  # gets the unacknowledged task again
    cluster.wait_until(lambda: "done: answer cut off: uncertain" in cluster.logs())
    cluster.wait_until(lambda: queue.depths()["analysis"] == (0, 0, 0))  # acknowledged
    told = [p for p in responses.posts if "Queued" not in " ".join(texts(p.json))]
    assert len(told) == 1 and slack.calls_to("chat.postEphemeral") == []  # told once
    [row] = [r for r in services.store.deliveries() if r.slot.startswith("answer ")]
    assert (row.status, row.channel) == ("uncertain", "C123")  # may have been shown: not again
    assert services.briefings.library is not None
    assert services.briefings.library.latest("bridge") == 2  # and the article added once


def test_a_queued_link_run_again_after_answering_tells_nothing_new(
    chat: tuple[Cluster, Endpoint], responses: ResponseUrlCatcher, web: WebServer
) -> None:
    cluster, _ = chat
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    asker = {"platform": "slack", "workspace": "T111", "channel": "C123", "user": "U123",
             "response_url": responses.url("/commands/7"), "asked_at": time.time(),
             "ask": "request-7"}  # fmt: skip
    task = {"story": "bridge", "url": web.url("/" + TRADERS), "by": "U123", "reply_to": asker}
    queue.send("link", **task)
    cluster.worker("--queues", "analysis")
    answer_saying(responses, "Added")
    cluster.wait_until(lambda: [r for r in services.store.deliveries() if r.status == "sent"])
    queue.send("link", **task)  # the same task delivered again (its worker died unacked)
    cluster.wait_until(lambda: "done: answered already (sent)" in cluster.logs())
    assert len(responses.posts) == 1  # not "Not added: already in", not "Added" again


def test_a_queued_task_goes_on_the_queue_only_once_the_answer_is_written(
    tmp_path: Path, broker_url: str, slack: FakeSlack, responses: ResponseUrlCatcher
) -> None:
    """A worker quicker than the web server cannot tell its outcome above "Queued": the
    task reaches the queue only after the server has written the command's answer."""
    cluster = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(write_story(tmp_path)),
                      SLACK_SIGNING_SECRET=SECRET)  # fmt: skip
    services, queue = cluster.services, cluster.services.queue
    assert queue is not None
    app, queued = create_wsgi(services.settings, services), []

    def watched(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """Notes how many tasks wait while the server writes the answer."""
        body = app(environ, start_response)
        for chunk in body:
            queued.append(queue.depths()["analysis"][0])
            yield chunk
        getattr(body, "close", lambda: None)()  # a generator's own close runs this

    url, server = serve_wsgi(watched)
    try:
        services.briefings.get("bridge")
        for n in (1, 2):
            shown, _ = say(Endpoint(url, responses), f"add <https://example.org/{n}>")
            assert "Queued" in shown
            assert queued[-1] == n - 1  # while its answer was written: not yet queued
            cluster.wait_until(lambda n=n: queue.depths()["analysis"][0] == n)  # then queued
    finally:
        server.shutdown()
        server.server_close()
        cluster.close()
