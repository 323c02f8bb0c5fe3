"""`briefbot serve`: the web app under gunicorn, Bolt's recommended production server.

Bolt's own `app.start()` is a development server; gunicorn restarts a worker that dies.
Its worker is asynchronous (`bot.asgi`): requests are read on an event loop, with a size
cap and a deadline, and answered on a pool of threads, so slow clients hold no thread.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from briefings import ConfigError

from .asgi import Buffered
from .platforms import platform_delivery
from .services import Services
from .settings import Settings
from .web import create_wsgi


class _Gunicorn(BaseApplication):
    def __init__(
        self, settings: Settings, options: dict[str, Any], with_scheduler: bool, threads: int
    ) -> None:
        self.settings, self.options, self.with_scheduler = settings, options, with_scheduler
        self.threads = threads
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
        return Buffered(
            create_wsgi(self.settings, services, teams=teams),
            threads=self.threads,
            max_body=self.settings.max_body_bytes,
            body_timeout=self.settings.body_timeout_seconds,
        )


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
        "worker_class": "bot.asgi.Worker",
        "timeout": 60,
        "accesslog": "-",
    }
    _Gunicorn(settings, options, with_scheduler, threads).run()
