"""Spreadsheet download links: anyone with the link gets the file for a week, and no
one can alter a link to reach something else."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from bot import links
from bot.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path, public_url="https://bot.example.org")


def _parts(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.path, parts.query


def test_a_link_names_its_story_and_expires_in_a_week(settings):
    now = time.time()
    path, query = _parts(links.figures_link(settings, "hubs", now=now))
    assert links.check(settings, path, query, now=now) == "hubs"
    assert links.check(settings, path, query, now=now + links.LIFETIME_SECONDS - 1) == "hubs"
    with pytest.raises(links.LinkError) as error:
        links.check(settings, path, query, now=now + links.LIFETIME_SECONDS + 1)
    assert error.value.status == 410 and "expired" in str(error.value)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p, q: (p.replace("hubs", "other"), q),  # another story
        lambda p, q: (p, q.replace("expires=", "expires=9")),  # a later expiry
        lambda p, q: (p, q[:-1] + ("0" if q[-1] != "0" else "1")),  # a forged signature
        lambda p, q: (p, ""),  # no signature
    ],
)
def test_an_altered_link_is_refused(settings, tamper):
    path, query = tamper(*_parts(links.figures_link(settings, "hubs")))
    with pytest.raises(links.LinkError) as error:
        links.check(settings, path, query)
    assert error.value.status == 403


def test_the_key_is_kept_so_links_survive_a_restart_and_differ_between_installs(tmp_path):
    first = Settings(data_dir=tmp_path / "a", public_url="https://x.example")
    link = links.figures_link(first, "hubs", now=0)
    assert (
        links.figures_link(
            Settings(data_dir=tmp_path / "a", public_url="https://x.example"), "hubs", now=0
        )
        == link
    )
    assert (
        links.figures_link(
            Settings(data_dir=tmp_path / "b", public_url="https://x.example"), "hubs", now=0
        )
        != link
    )
    assert (tmp_path / "a" / "secret").stat().st_mode & 0o077 == 0  # not readable by others


def test_no_public_url_means_no_link(tmp_path):
    assert links.figures_link(Settings(data_dir=tmp_path), "hubs") is None
