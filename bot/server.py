"""`briefbot serve`: the web app under gunicorn, Bolt's recommended production server.

Bolt's own `app.start()` is a development server; gunicorn with threads answers many
Slack requests at once and restarts a worker that dies.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from .settings import Settings
from .web import create_wsgi


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings, self.options = settings, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Built in the worker, after the fork, so its background threads live there.
        return create_wsgi(self.settings)


def serve(settings: Settings, *, workers: int = 1, threads: int = 8) -> None:
    """Run until stopped. One worker by default: each keeps its own briefings in memory."""
    settings.require(*(() if settings.oauth else ("SLACK_BOT_TOKEN",)), "SLACK_SIGNING_SECRET")
    options = {
        "bind": f"0.0.0.0:{settings.port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "accesslog": "-",
    }
    _Gunicorn(settings, options).run()
