"""Shared fixtures: the sample articles, a briefing of them, a clean environment, and the
loopback fakes of Slack and Teams (tests/fakes), each running for one test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from briefings import Briefing, Evidence, Figure, RawArticle, build_briefing, load_articles
from tests.fakes.bot_connector import FakeBotConnector, FakeWorkflowWebhook
from tests.fakes.graph import FakeGraph
from tests.fakes.http import LocalServer
from tests.fakes.slack_api import FakeSlack, ResponseUrlCatcher

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's Slack tokens, database or Briefbot settings."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "BRIEFBOT_", "TEAMS_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_briefing(seeds_dir: Path) -> Briefing:
    raws, errors = load_articles([seeds_dir])
    assert not errors
    return build_briefing(raws)


PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def printed_two_ways() -> Briefing:
    """Two outlets (Alpha, Beta), one figure merged from both, each printing its own
    number: Alpha 'passed 12,000', Beta '12,700', the figure's display."""
    said = {"Alpha": "Crossings passed 12,000 this year.", "Beta": "Some 12,700 crossed."}
    briefing = build_briefing(
        RawArticle(text, outlet, f"{outlet}.txt", meta={"outlet": outlet})
        for outlet, text in said.items()
    )
    evidence = tuple(
        Evidence(s.id.rpartition(":")[0], s.id, s.text, number)
        for number in ("12,000", "12,700")
        for s in briefing.sentences.values()
        if number in s.text
    )
    figure = Figure("f1", 12_700, "people", "12,700", "people crossed", None, "about", evidence)
    return replace(briefing, figures=(figure,), open_questions=())


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on this machine's PostgreSQL; skipped only where there is none."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    engine = sqlalchemy.create_engine(PG_URL)
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        with engine.begin() as db:
            db.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sqlalchemy.exc.OperationalError as error:
        if os.environ.get("CI"):  # .ci/run starts it: CI never passes without it
            pytest.fail(f"no PostgreSQL at 127.0.0.1:5432 ({error.orig})")
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432 ({error.orig})")
    yield f"{PG_URL}?options=-csearch_path%3D{schema}&application_name={schema}"
    with engine.begin() as db:
        # Connections the test left open (pools, background threads) would hold locks the
        # drop waits on; they are named after the schema, so only this test's go.
        db.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (schema,),
        )
        db.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


S = TypeVar("S", bound=LocalServer)


def _running(fake_class: type[S]) -> Any:
    """A fixture that gives each test its own `fake_class`, started and stopped around it."""

    def fixture() -> Iterator[S]:
        with fake_class() as fake:
            yield fake

    fixture.__doc__ = f"A running {fake_class.__name__} (tests/fakes), one per test."
    return pytest.fixture(fixture)


slack = _running(FakeSlack)  # the Slack Web API
responses = _running(ResponseUrlCatcher)  # where `response_url` replies are posted
connector = _running(FakeBotConnector)  # the Bot Framework Connector that Teams replies go to
webhook = _running(FakeWorkflowWebhook)  # a Teams Workflows webhook
graph = _running(FakeGraph)  # Microsoft Graph's team members, who says who owns a team
