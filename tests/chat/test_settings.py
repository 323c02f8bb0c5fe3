"""Settings come from the environment once, with clear messages for what is wrong."""

from __future__ import annotations

import pytest

from bot.settings import Settings
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


@pytest.mark.parametrize(
    "env",
    [
        {"SLACK_CLIENT_ID": "1.2"},
        {"SLACK_CLIENT_ID": "", "SLACK_CLIENT_SECRET": ""},
        {"PORT": "eighty"},
        {"BRIEFBOT_QUIET_DIGESTS": "sometimes"},
    ],
)
def test_bad_settings_stop_start_up_naming_the_variable(env):
    with pytest.raises(ConfigError) as error:
        Settings.from_env(env)
    assert any(name in str(error.value) for name in env)


def test_missing_secrets_are_named():
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        Settings.from_env({}).require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
