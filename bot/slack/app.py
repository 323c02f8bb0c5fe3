"""The Bolt app: one place that wires Slack settings, the client and the listeners.

Single-workspace mode takes SLACK_BOT_TOKEN; with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
the app is installed through OAuth and keeps installations in our database.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from ..schema import create_tables
from ..services import Services
from ..settings import Settings
from .client import slack_client
from .fix_listeners import register_fix_listeners
from .listeners import register_listeners
from .manifest import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH


def create_app(
    settings: Settings, services: Services | None = None, *, socket_mode: bool = False
) -> App:
    services = services or Services.from_settings(settings)
    token = None if settings.oauth and not socket_mode else settings.slack_bot_token
    client = slack_client(settings, token)
    if socket_mode:
        settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
        app = App(client=client, request_verification_enabled=False)
    elif settings.oauth:
        settings.require("SLACK_SIGNING_SECRET")
        app = App(
            signing_secret=settings.slack_signing_secret,
            client=client,
            oauth_settings=_oauth_settings(settings, services),
        )
    else:
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
        app = App(signing_secret=settings.slack_signing_secret, client=client)
    register_listeners(app, services)
    register_fix_listeners(app, services)
    services.briefings.warm()
    return app


def _oauth_settings(settings: Settings, services: Services) -> OAuthSettings:
    engine = services.store.engine
    assert settings.slack_client_id
    installations = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    create_tables(engine, installations.metadata)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    create_tables(engine, states.metadata)
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=BOT_SCOPES,
        installation_store=installations,
        state_store=states,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
    )
