"""A real `briefbot serve` on loopback and Debian's Chromium, headless, driven by Playwright.

Playwright drives the system browser (`executable_path`), so nothing is downloaded and the
tests run with no network. A machine without Chromium fails these tests, saying how to
install it, rather than skipping them: a page no browser opened is not a tested page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import links
from bot.settings import Settings
from tests.fakes.slack_api import FakeSlack
from tests.hostile.serving import briefbot_serve

SECRET = "browser-test-link-secret"


def chromium_path() -> str:
    """BRIEFBOT_CHROMIUM, else Debian's `chromium` on the PATH."""
    found = os.environ.get("BRIEFBOT_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "Chromium is needed for the browser tests: apt-get install -y chromium "
            "(or set BRIEFBOT_CHROMIUM to a Chromium binary)"
        )
    return found


@dataclass(frozen=True)
class Server:
    """The running app and how to make links it accepts (signed with its own secret)."""

    url: str
    settings: Settings

    def page_link(self, *, now: float | None = None) -> str:
        link = links.page_link(self.settings, "hubs", now=now)
        assert link is not None
        return link


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("browser")
    # The secret is the server's, read from its environment; this process signs with it too.
    # Bolt asks Slack who it is at start-up: the fake answers.
    with FakeSlack() as slack, briefbot_serve(data, slack.base_url, BRIEFBOT_SECRET=SECRET) as port:
        url = f"http://127.0.0.1:{port}"
        yield Server(url, Settings(data_dir=data, secret=SECRET, public_url=url))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


ROOT = Path(__file__).resolve().parents[2]
