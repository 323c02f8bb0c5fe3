"""Shared fixtures: the sample articles, a briefing of them, and a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefings import Briefing, build_briefing, load_articles

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
