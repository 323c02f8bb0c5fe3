"""A real broker (this machine's Redis), real `briefbot worker` processes, the fake Slack.

Each test gets its own key prefix in Redis (BRIEFBOT_BROKER_NAMESPACE), removed after it,
and its own SQLite database shared by the test and its workers. Without Redis these tests
skip, saying so; under CI (where `.ci/run` starts Redis) they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import redis

from bot.services import Services
from bot.settings import Settings
from tests.chat.conftest import Endpoint, texts
from tests.fakes.slack_api import FakeSlack
from tests.fakes.web import WebServer
from tests.live.conftest import FIXTURES, TYPES, write_story

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = "xoxb-T111-test"


@pytest.fixture
def broker_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run these: no Redis at 127.0.0.1:6379 ({error})")
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error}); `.ci/run` starts one")
    return REDIS_URL


class Cluster:
    """The environment a deployment's processes share, and worker processes started in it."""

    def __init__(self, tmp: Path, broker_url: str, slack: FakeSlack, **extra: str) -> None:
        self.tmp, self.namespace = tmp, "bbtest-" + uuid.uuid4().hex[:10]
        self.env = {
            "BRIEFBOT_BROKER_URL": broker_url,
            "BRIEFBOT_BROKER_NAMESPACE": self.namespace,
            "BRIEFBOT_WORKER_HEARTBEAT_SECONDS": "3",
            "BRIEFBOT_DIGEST_LEASE_SECONDS": "3",
            "BRIEFBOT_DATA_DIR": str(tmp / "data"),
            "DATABASE_URL": f"sqlite:///{tmp / 'shared.sqlite3'}",
            "SLACK_API_URL": slack.base_url,
            "SLACK_BOT_TOKEN": TOKEN,
        } | extra
        self.services = Services.from_settings(Settings.from_env(self.env))
        self.procs: list[subprocess.Popen[bytes]] = []

    def worker(self, *args: str) -> subprocess.Popen[bytes]:
        """`briefbot worker`, as the Procfile runs it, logging into the test's folder."""
        log = open(self.tmp / f"worker-{len(self.procs)}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "worker", *args],
            cwd=ROOT, env=os.environ | self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.tmp.glob("worker-*.log")))

    def wait_until(self, done: Callable[[], Any], timeout: float = 90.0) -> Any:
        """Polls `done` until it is truthy; fails early, with the logs, if a worker died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if result := done():
                return result
            dead = [p for p in self.procs if p.poll() not in (None, -9)]
            assert not dead, f"a worker exited:\n{self.logs()}"
            time.sleep(0.1)
        raise AssertionError(f"not done within {timeout} s; worker logs:\n{self.logs()}")

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)  # a task still waiting on a held reply: no need
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        queue = self.services.queue
        assert queue is not None
        client = queue.broker.client
        keys = list(client.scan_iter(f"{self.namespace}:*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
def cluster(tmp_path: Path, broker_url: str, slack: FakeSlack) -> Iterator[Cluster]:
    made = Cluster(tmp_path, broker_url, slack)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def web() -> Iterator[WebServer]:
    """The loopback web server of tests/live, serving its fixture pages."""
    with WebServer() as server:
        server.serve_directory(FIXTURES, TYPES)
        yield server


def say(endpoint: Endpoint, text: str) -> tuple[str, float]:
    """Type `/bridge TEXT` in C123 as U123; the answer's words (the acknowledgement's, or
    the first post to the response_url after "Working on it…"), and how long the
    acknowledgement took."""
    before = len(endpoint.responses.posts)
    form = {"team_id": "T111", "channel_id": "C123", "user_id": "U123", "command": "/bridge",
            "text": text, "response_url": endpoint.responses.url("/commands/1"),
            "trigger_id": f"{time.time_ns()}.1.2"}  # fmt: skip
    r = endpoint.post(urlencode(form).encode())
    assert r.status == 200
    shown = " ".join(texts(r.json))
    if r.json.get("text") == "Working on it…":
        shown += " ".join(texts(endpoint.responses.wait_for(before + 1, timeout=10)[before].json))
    return shown, r.elapsed


PAGES = ("/bridge/courier-traders.html", "/bridge/harbour-ministers.html")
"""Two articles of the live tests' 'bridge' story, as the fake web serves them."""


@pytest.fixture
def reader(tmp_path: Path, broker_url: str, slack: FakeSlack) -> Iterator[Cluster]:
    """A cluster following the 'bridge' story whose workers may read the fake web (on
    loopback) and wait a minute on a page: for a worker stuck on `/stall`."""
    story = write_story(tmp_path)
    made = Cluster(tmp_path, broker_url, slack, BRIEFBOT_CONFIG=str(story),
                   BRIEFBOT_ALLOW_LOOPBACK="1", BRIEFBOT_FETCH_TIMEOUT_SECONDS="60")  # fmt: skip
    try:
        made.services.briefings.get("bridge")  # version 1
        yield made
    finally:
        made.close()
