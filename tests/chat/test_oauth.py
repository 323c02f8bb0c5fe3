"""Multi-workspace mode: the OAuth install flow stores installations in our database."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.services import Services
from bot.settings import Settings
from bot.web import create_wsgi
from tests.chat.conftest import Endpoint, serve_wsgi

CLIENT_ID = "111.222"


@pytest.fixture(params=["sqlite", "postgresql"])
def oauth_settings(request, settings: Settings, tmp_path) -> Settings:
    url = (
        f"sqlite:///{tmp_path / 'oauth.sqlite3'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    return replace(
        settings,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret="client-secret",
        database_url=url,
    )


def test_install_then_answer_commands_from_the_installed_workspace(
    oauth_settings, slack, responses
):
    services = Services.from_settings(oauth_settings)
    url, server = serve_wsgi(create_wsgi(oauth_settings, services))
    try:
        endpoint = Endpoint(url, responses)
        install = endpoint.request("/slack/install")
        assert install.status == 200
        page = install.body.decode()
        assert "https://slack.com/oauth/v2/authorize" in page and CLIENT_ID in page
        state = re.search(r"state=([\w-]+)", page)[1]

        # Slack sends the user back with a code; Bolt checks the state cookie it set.
        callback = endpoint.request(
            f"/slack/oauth_redirect?code=code-1&state={state}",
            headers={"Cookie": f"slack-app-oauth-state={state}"},
        )
        assert callback.status == 200, callback.body[:300]
        [access] = slack.calls_to("oauth.v2.access")
        assert access.body["code"] == "code-1"

        store = SQLAlchemyInstallationStore(CLIENT_ID, services.store.engine)
        installation = store.find_installation(enterprise_id=None, team_id="T111")
        assert installation is not None and installation.bot_token.startswith("xoxb-T111-")

        services.briefings.get("hubs")  # built, as after start-up warm-up
        reply = endpoint.command("status", team="T111")
        assert reply.status == 200 and reply.json["blocks"][0]["type"] == "header"

        elsewhere = endpoint.command("status", team="T999")
        assert "blocks" not in elsewhere.body.decode()
    finally:
        server.shutdown()
        server.server_close()


def test_a_forged_oauth_state_installs_nothing(oauth_settings, slack, responses):
    services = Services.from_settings(oauth_settings)
    url, server = serve_wsgi(create_wsgi(oauth_settings, services))
    try:
        endpoint = Endpoint(url, responses)
        r = endpoint.request(
            "/slack/oauth_redirect?code=code-1&state=forged",
            headers={"Cookie": "slack-app-oauth-state=forged"},
        )
        assert r.status >= 400
        assert slack.calls_to("oauth.v2.access") == []
    finally:
        server.shutdown()
        server.server_close()
