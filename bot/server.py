"""`briefbot serve`: the web app under gunicorn, Bolt's recommended production server.

Bolt's own `app.start()` is a development server; gunicorn with threads answers many
Slack requests at once and restarts a worker that dies.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from briefings import ConfigError

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
        if self.with_scheduler:
            from .scheduler import create_scheduler, start
            from .slack.delivery import slack_delivery

            delivery = slack_delivery(self.settings, services)
            start(create_scheduler(services, delivery, blocking=False), services)
        return create_wsgi(self.settings, services)


def serve(
    settings: Settings, *, workers: int = 1, threads: int = 8, with_scheduler: bool = False
) -> None:
    """Run until stopped. One worker by default: each keeps its own briefings in memory.

    `with_scheduler` runs the digest scheduler inside the (single) worker, for small
    installs; never with several workers, as each would run its own scheduler.
    """
    if with_scheduler and workers != 1:
        raise ConfigError("--with-scheduler needs --workers 1 (one scheduler per install)")
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
