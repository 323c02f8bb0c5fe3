"""`/bridge add URL` with a broker: chat answers at once, a worker reads and adds the page,
and the same page queued twice is stored once."""

from __future__ import annotations

from pathlib import Path

from bot.web import create_wsgi
from tests.chat.conftest import SECRET, Endpoint, serve_wsgi, texts
from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher
from tests.fakes.web import WebServer
from tests.live.conftest import write_story
from tests.workers.conftest import Cluster, say

TRADERS = "/bridge/courier-traders.html"


def test_a_link_from_chat_is_queued_at_once_and_added_once_by_a_worker(
    tmp_path: Path, broker_url: str, slack: FakeSlack, responses: ResponseUrlCatcher, web: WebServer
) -> None:
    config = write_story(tmp_path)
    cluster = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(config),
                      BRIEFBOT_ALLOW_LOOPBACK="1", SLACK_SIGNING_SECRET=SECRET)  # fmt: skip
    try:
        services = cluster.services
        library = services.briefings.library
        assert library is not None
        url, server = serve_wsgi(create_wsgi(services.settings, services))
        endpoint = Endpoint(url, responses)
        services.briefings.get("bridge")  # version 1: the seed page
        link = web.url(TRADERS)

        shown, took = say(endpoint, f"add <{link}>")
        assert took < 3.0
        assert "Queued" in shown and link in shown
        assert library.latest("bridge") == 1  # nothing read yet: no worker runs

        cluster.worker("--queues", "analysis")
        cluster.wait_until(lambda: library.latest("bridge") == 2)
        say(endpoint, f"add <{link}>")  # the same page again, and its task twice more
        assert services.queue is not None
        for _ in range(2):
            services.queue.send("link", story="bridge", url=link, by="U123")
        cluster.wait_until(lambda: services.queue.depths()["analysis"] == (0, 0, 0))
        cluster.wait_until(lambda: cluster.logs().count("done: not added") == 3)
        assert library.latest("bridge") == 2
        stored = [a.analysis.doc.source.url for a in library.articles("bridge")]
        assert stored.count(link) == 1
        server.shutdown()
        server.server_close()
    finally:
        cluster.close()


def test_a_version_a_worker_adds_alerts_each_opted_in_channel_once(
    tmp_path: Path, broker_url: str, slack: FakeSlack, web: WebServer
) -> None:
    config = write_story(tmp_path)
    cluster = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(config),
                      BRIEFBOT_ALLOW_LOOPBACK="1")  # fmt: skip
    try:
        services, queue = cluster.services, cluster.services.queue
        assert queue is not None
        services.briefings.get("bridge")  # version 1
        services.store.set_alerts("slack", "T111", "C1", "bridge", on=True)
        cluster.worker("--queues", "analysis,alerts")
        queue.send("link", story="bridge", url=web.url(TRADERS), by="U1")  # a new voice…
        cluster.wait_until(lambda: slack.messages.get("C1"))
        [alert] = slack.messages["C1"]
        shown = " ".join(texts(alert["blocks"]))
        assert "New voice: *Tom Ferris*" in shown
        for _ in range(2):  # the alert task delivered twice more: nothing more is posted
            queue.send("alert", story="bridge", version=2, platform="slack", workspace="T111",
                       channel="C1")  # fmt: skip
        cluster.wait_until(lambda: cluster.logs().count("done: held") == 2)
        assert len(slack.messages["C1"]) == 1
    finally:
        cluster.close()


def test_a_feed_poll_queues_one_analysis_per_new_item(
    tmp_path: Path, broker_url: str, slack: FakeSlack, web: WebServer
) -> None:
    config = write_story(tmp_path, feeds=(web.url("/bridge/feed.xml"),))
    cluster = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(config),
                      BRIEFBOT_ALLOW_LOOPBACK="1")  # fmt: skip
    try:
        services, queue = cluster.services, cluster.services.queue
        assert queue is not None and services.briefings.library is not None
        services.briefings.get("bridge")  # version 1
        cluster.worker("--queues", "feeds")
        queue.send("poll", story="bridge")
        cluster.wait_until(lambda: queue.depths()["analysis"][0] == 2)  # one per new item
        assert services.briefings.library.latest("bridge") == 1  # nothing analysed yet
        queue.send("poll", story="bridge")  # the items count as seen once queued
        cluster.wait_until(lambda: cluster.logs().count("done: 0") == 1)
        cluster.worker("--queues", "analysis")
        cluster.wait_until(lambda: cluster.logs().count("done: ") == 4)  # 2 polls, 2 items
        assert "done: not added: not about this story" in cluster.logs()
        assert services.briefings.library.latest("bridge") == 2  # the on-topic item
    finally:
        cluster.close()
