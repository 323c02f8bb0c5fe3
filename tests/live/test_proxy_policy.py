"""One outbound policy (`bot.outbound`): platform calls go through the proxy the settings
name, and nowhere else; article fetches never go through a proxy, whatever the environment
says (the SSRF guard must see the address it connects to)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.outbound import fetch_policy, platform_client, post_bytes, proxy_for
from bot.settings import Settings
from bot.slack.client import slack_client
from bot.teams.owners import TeamOwners
from briefings import read_url
from tests.fakes.http import Handler, LocalServer
from tests.fakes.web import WebServer

ENV_PROXIES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


class Recorder(LocalServer):
    """Answers every request with 200 and keeps its request line: a proxy is sent the
    absolute URL ("POST http://host/path"), a server its own path ("POST /path")."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def _handle(self, h: Handler) -> None:
        h.read_body()
        with self._arrived:
            self.lines.append(f"{h.command} {h.path}")
            self._arrived.notify_all()
        h.reply(200, b"ok", "text/plain", {})


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with Recorder() as server:
        yield server


@pytest.fixture
def env_proxy(monkeypatch, recorder) -> str:
    """Every proxy variable in the environment points at the recorder."""
    for name in ENV_PROXIES:
        monkeypatch.setenv(name, recorder.host_url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    return recorder.host_url


def test_settings_read_the_standard_proxy_variables():
    settings = Settings.from_env({"HTTP_PROXY": "http://proxy.corp:3128", "NO_PROXY": "corp"})
    assert settings.https_proxy == "http://proxy.corp:3128" and settings.no_proxy == "corp"
    both = Settings.from_env({"HTTP_PROXY": "http://a:1", "HTTPS_PROXY": "http://b:2"})
    assert both.https_proxy == "http://b:2"
    assert Settings.from_env({}).https_proxy is None


def test_a_webhook_post_goes_through_the_proxy_the_settings_name(recorder):
    client = platform_client(Settings(https_proxy=recorder.host_url))
    assert client.post("http://flows.example/run", json={"a": 1}).status_code == 200
    assert recorder.lines == ["POST http://flows.example/run"]


def test_asking_graph_for_team_owners_goes_through_the_proxy(recorder):
    # Plain http, so the recorder sees the request itself rather than a CONNECT tunnel.
    settings = Settings(https_proxy=recorder.host_url, teams_graph_url="http://graph.example")
    owners = TeamOwners(settings, lambda tenant: "graph-token")
    group = "0b8c3f1e-6a2d-4c55-9e1a-3f5d7c2b9a10"
    assert not owners.is_owner("tenant", group, "user")  # "ok" is no member list: refused
    assert recorder.lines == [f"GET http://graph.example/v1.0/teams/{group}/members"]


def test_hosts_in_no_proxy_are_reached_directly(recorder):
    settings = Settings(https_proxy="http://127.0.0.1:9", no_proxy="localhost,127.0.0.1")
    assert platform_client(settings).post(f"{recorder.host_url}/run").status_code == 200
    assert recorder.lines == ["POST /run"]  # port 9 (the proxy) would have refused
    assert proxy_for(settings, "https://slack.com/api/") == "http://127.0.0.1:9"
    assert proxy_for(settings, "http://localhost:3000/api/") is None


def test_platform_clients_ignore_proxy_variables_the_settings_do_not_hold(env_proxy, recorder):
    settings = Settings()  # built without the environment: no proxy
    assert platform_client(settings).post(f"{recorder.host_url}/run").status_code == 200
    assert post_bytes(f"{recorder.host_url}/upload", b"xlsx", timeout=5, proxy=None) == 200
    assert recorder.lines == ["POST /run", "POST /upload"]
    assert slack_client(settings, "xoxb-1").proxy is None  # slack_sdk read the variable itself
    assert slack_client(Settings.from_env(), "xoxb-1").proxy == env_proxy


def test_the_slack_upload_goes_through_the_slack_clients_proxy(recorder):
    client = slack_client(Settings(https_proxy=recorder.host_url), "xoxb-1")
    assert post_bytes("http://files.example/up", b"xlsx", timeout=5, proxy=client.proxy) == 200
    assert recorder.lines == ["POST http://files.example/up"]


def test_article_fetches_never_use_a_proxy(env_proxy, recorder):
    settings = Settings.from_env({"HTTPS_PROXY": env_proxy, "BRIEFBOT_ALLOW_LOOPBACK": "1"})
    assert settings.https_proxy == env_proxy  # platform calls would use it
    with WebServer() as web:
        web.set("/story", "<html><body><h1>Bridge</h1><p>The bridge opens.</p></body></html>")
        raw = read_url(web.url("/story"), fetch_policy(settings))
        assert "The bridge opens." in raw.text
        assert [r.path for r in web.requests] == ["/story"]
    assert recorder.lines == []
