"""Settings: the one place that reads the environment.

Everything else receives a frozen `Settings`, so tests build one directly (or from a dict)
and never depend on the developer's shell.  Names follow Bolt's conventions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from briefings import ConfigError

PROJECT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT / ".briefbot" if (PROJECT / "pyproject.toml").is_file() else Path(".briefbot")
"""A checkout keeps its data beside the code; an installed Briefbot in the folder it runs
in (never inside site-packages)."""
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_GRAPH_URL = "https://graph.microsoft.com"


@dataclass(frozen=True)
class Settings:
    """Deployment settings; every field has a working default except the Slack secrets."""

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str | None = None
    data_dir: Path = DATA_DIR
    config_path: Path | None = None
    port: int = 3000
    timezone: str = "Europe/London"
    digest_grace_seconds: int = 2 * 3600
    digest_lease_seconds: int = 90  # a claim not renewed for this long was cut off by a crash
    quiet_digests: str = "line"  # "line": say "no new coverage"; "skip": post nothing
    teams_client_id: str | None = None  # the Azure bot's app id; Teams is off without it
    teams_client_secret: str | None = None
    teams_tenant_id: str | None = None  # single-tenant bots only
    teams_allow_unauthenticated: bool = False  # tests and local emulators only
    teams_graph_url: str = DEFAULT_GRAPH_URL  # Microsoft Graph, for team owners (tests: a fake)
    public_url: str | None = None  # where this app is reachable, for download links
    secret: str | None = None  # signs download links; a random one is kept in data_dir
    allow_loopback: bool = False  # tests only: fetch from and post to 127.0.0.1
    max_body_bytes: int = 1_000_000  # larger requests get 413 unread (Slack's are far smaller)
    body_timeout_seconds: int = 5  # a request body not in by then is cut off (slow clients)
    fetch_timeout_seconds: int = 10  # one page or feed, slow bodies included
    poll_deadline_seconds: int = 120  # one poll of a story's feeds; the rest waits for the next
    https_proxy: str | None = None  # platform calls only, never article fetches (bot.outbound)
    no_proxy: str = ""  # hosts platform calls reach directly, comma-separated
    broker_url: str | None = None  # redis://…: tasks go to `briefbot worker`s; unset: in-process
    broker_namespace: str = "briefbot"  # the prefix of every key in the broker's Redis
    worker_heartbeat_seconds: int = 60  # a worker silent this long is dead: its tasks go again
    worker_threads: int = 8  # digests (and alerts) one `briefbot worker` runs at once
    slack_posts_per_minute: int = 300  # per workspace, every worker together (with a broker)
    slack_files_per_minute: int = 100  # each files.* upload step, per workspace (Slack tier 4)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            return env.get(name) or None  # empty means unset

        api_url = get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
        port = _int(env, "PORT", 3000)
        oauth = [env.get(n) for n in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET") if n in env]
        if oauth and (len(oauth) == 1 or not all(oauth)):
            # Bolt reads these two itself and turns on OAuth when they merely exist.
            raise ConfigError("set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, or neither")
        # The stories file: BRIEFBOT_CONFIG, else briefbot.toml where Briefbot is run.
        config = get("BRIEFBOT_CONFIG") or (
            "briefbot.toml" if Path("briefbot.toml").is_file() else None
        )
        broker = get("BRIEFBOT_BROKER_URL")
        if broker and not broker.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("BRIEFBOT_BROKER_URL must be a redis:// URL (see README, at scale)")
        return cls(
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            # slack_sdk joins method names onto the base URL, so it must end with "/".
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=get("DATABASE_URL"),
            data_dir=Path(get("BRIEFBOT_DATA_DIR") or DATA_DIR),
            config_path=Path(config).resolve() if config else None,
            port=port,
            timezone=get("BRIEFBOT_TIMEZONE") or "Europe/London",
            digest_grace_seconds=_int(env, "BRIEFBOT_DIGEST_GRACE_SECONDS", 2 * 3600),
            digest_lease_seconds=_int(env, "BRIEFBOT_DIGEST_LEASE_SECONDS", 90),
            quiet_digests=_choice(env, "BRIEFBOT_QUIET_DIGESTS", ("line", "skip")),
            teams_client_id=get("TEAMS_CLIENT_ID"),
            teams_client_secret=get("TEAMS_CLIENT_SECRET"),
            teams_tenant_id=get("TEAMS_TENANT_ID"),
            teams_allow_unauthenticated=_flag(env, "TEAMS_ALLOW_UNAUTHENTICATED"),
            # No trailing "/": Briefbot appends "/v1.0/teams/…" itself.
            teams_graph_url=(get("TEAMS_GRAPH_URL") or DEFAULT_GRAPH_URL).rstrip("/"),
            public_url=(get("BRIEFBOT_PUBLIC_URL") or "").rstrip("/") or None,
            secret=get("BRIEFBOT_SECRET"),
            allow_loopback=_flag(env, "BRIEFBOT_ALLOW_LOOPBACK"),
            max_body_bytes=_int(env, "BRIEFBOT_MAX_BODY_BYTES", 1_000_000),
            body_timeout_seconds=_int(env, "BRIEFBOT_BODY_TIMEOUT_SECONDS", 5),
            fetch_timeout_seconds=_int(env, "BRIEFBOT_FETCH_TIMEOUT_SECONDS", 10),
            poll_deadline_seconds=_int(env, "BRIEFBOT_POLL_DEADLINE_SECONDS", 120),
            # The standard variables, in the order Slack's SDK reads them.
            https_proxy=next(filter(None, map(get, _PROXY_NAMES)), None),
            no_proxy=get("NO_PROXY") or get("no_proxy") or "",
            broker_url=broker,
            broker_namespace=get("BRIEFBOT_BROKER_NAMESPACE") or "briefbot",
            worker_heartbeat_seconds=_int(env, "BRIEFBOT_WORKER_HEARTBEAT_SECONDS", 60),
            worker_threads=_int(env, "BRIEFBOT_WORKER_THREADS", 8),
            slack_posts_per_minute=_int(env, "BRIEFBOT_SLACK_POSTS_PER_MINUTE", 300),
            slack_files_per_minute=_int(env, "BRIEFBOT_SLACK_FILES_PER_MINUTE", 100),
        )

    @property
    def oauth(self) -> bool:
        """Multi-workspace mode: installs through OAuth instead of one bot token."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def teams(self) -> bool:
        """Teams is on when the bot has an app id (or, for tests, accepts anyone)."""
        return bool(self.teams_client_id or self.teams_allow_unauthenticated)

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: DATABASE_URL, else a SQLite file in the data folder."""
        if self.database_url:
            # Heroku-style URLs say postgres://; SQLAlchemy wants a driver name.
            for prefix in ("postgres://", "postgresql://"):
                if self.database_url.startswith(prefix):
                    return "postgresql+psycopg://" + self.database_url[len(prefix) :]
            return self.database_url
        return f"sqlite:///{self.data_dir / 'briefbot.sqlite3'}"

    def require(self, *names: str) -> None:
        """Stop start-up with a message naming every missing variable."""
        missing = [name for name in names if not getattr(self, name.lower())]
        if missing:
            raise ConfigError(
                "set " + ", ".join(missing) + " in the environment (see README, Slack set-up)"
            )


_PROXY_NAMES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name) or str(default)
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = env.get(name) or choices[0]
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = (env.get(name) or "0").lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise ConfigError(f"{name} must be 1 or 0, not {value!r}")
    return value in ("1", "true", "yes")
