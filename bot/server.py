"""`briefbot serve`: the web app under gunicorn, Bolt's recommended production server.

Bolt's own `app.start()` is a development server; gunicorn with threads answers many
Slack requests at once and restarts a worker that dies.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from briefings import ConfigError

from .platforms import platform_delivery
from .services import Services
from .settings import Settings
from .web import create_wsgi


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: dict[str, Any], with_scheduler: bool) -> None:
        self.settings, self.options, self.with_scheduler = settings, options, with_scheduler
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Built in the worker, after the fork, so its background threads live there.
        services = Services.from_settings(self.settings)
        teams = None
        if self.settings.teams:
            from .teams.app import TeamsBot

            teams = TeamsBot(services)
        delivery = platform_delivery(services, teams=teams)
        if self.with_scheduler:
            from .scheduler import create_scheduler, start

            start(create_scheduler(services, delivery, blocking=False), services)
        else:  # links added through chat still alert the channels that opted in
            from .live import Alerter

            services.briefings.listeners.append(Alerter(services, delivery))
        return create_wsgi(self.settings, services, teams=teams)


def serve(
    settings: Settings, *, workers: int = 1, threads: int = 8, with_scheduler: bool = False
) -> None:
    """Run until stopped. One worker by default: each keeps its own briefings in memory.

    `with_scheduler` runs the digest scheduler inside the (single) worker, for small
    installs; never with several workers, as each would run its own scheduler.
    """
    if with_scheduler and workers != 1:
        raise ConfigError("--with-scheduler needs --workers 1 (one scheduler per install)")
    if not settings.teams or settings.slack_signing_secret or settings.slack_bot_token:
        # Slack is on unless this is a Teams-only install.
        settings.require(*(() if settings.oauth else ("SLACK_BOT_TOKEN",)), "SLACK_SIGNING_SECRET")
    options = {
        "bind": f"0.0.0.0:{settings.port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "accesslog": "-",
    }
    _Gunicorn(settings, options, with_scheduler).run()
