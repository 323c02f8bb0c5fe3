"""Settings come from the environment once, with clear messages for what is wrong."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from bot.stories import load_stories
from briefings import ConfigError


def test_defaults_need_no_configuration():
    settings = Settings.from_env({})
    assert settings.db_url.startswith("sqlite:///") and not settings.oauth
    assert settings.slack_api_url == "https://slack.com/api/"


def test_urls_are_normalised():
    settings = Settings.from_env(
        {"SLACK_API_URL": "http://127.0.0.1:9/api", "DATABASE_URL": "postgres://u@h/db"}
    )
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.db_url == "postgresql+psycopg://u@h/db"
    assert Settings.from_env({}).teams_graph_url == "https://graph.microsoft.com"
    graph = Settings.from_env({"TEAMS_GRAPH_URL": "http://127.0.0.1:9/"}).teams_graph_url
    assert graph == "http://127.0.0.1:9"  # Briefbot appends "/v1.0/teams/…"


@pytest.mark.parametrize(
    "env",
    [
        {"SLACK_CLIENT_ID": "1.2"},
        {"SLACK_CLIENT_ID": "", "SLACK_CLIENT_SECRET": ""},
        {"PORT": "eighty"},
        {"BRIEFBOT_QUIET_DIGESTS": "sometimes"},
        {"TEAMS_ALLOW_UNAUTHENTICATED": "maybe"},
        {"BRIEFBOT_ALLOW_LOOPBACK": "2"},
    ],
)
def test_bad_settings_stop_start_up_naming_the_variable(env):
    with pytest.raises(ConfigError) as error:
        Settings.from_env(env)
    assert any(name in str(error.value) for name in env)


def test_missing_secrets_are_named():
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        Settings.from_env({}).require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")


def test_teams_is_off_unless_configured_and_authentication_is_on_by_default():
    assert not Settings.from_env({}).teams
    settings = Settings.from_env({"TEAMS_CLIENT_ID": "0d8e5a4e-0000-4000-8000-000000000001"})
    assert settings.teams and not settings.teams_allow_unauthenticated
    relaxed = Settings.from_env({"TEAMS_ALLOW_UNAUTHENTICATED": "1"})
    assert relaxed.teams and relaxed.teams_allow_unauthenticated


def test_public_url_loses_its_trailing_slash():
    settings = Settings.from_env({"BRIEFBOT_PUBLIC_URL": "https://bot.example.org/"})
    assert settings.public_url == "https://bot.example.org"


def test_a_briefbot_toml_where_briefbot_runs_lists_its_stories(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert [s.slug for s in load_stories(Settings.from_env({}))] == ["hubs"]
    (tmp_path / "articles").mkdir()
    (tmp_path / "briefbot.toml").write_text(
        '[[story]]\nslug = "floods"\ntitle = "Spring floods"\nseeds = "articles"\n'
    )
    (story,) = load_stories(Settings.from_env({}))
    assert (story.slug, story.seeds) == ("floods", (tmp_path / "articles").resolve())
