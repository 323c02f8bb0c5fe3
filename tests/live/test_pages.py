"""Web pages: each outlet layout gives its title, author, date, outlet, address and main text."""

from __future__ import annotations

import json

import pytest

from briefings import build_briefing
from briefings.fetch import read_url
from briefings.pages import parse_html
from tests.live.conftest import FIXTURES, LOCAL, to_loopback

CASES = json.loads((FIXTURES / "pages.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["file"].split("/")[-1] for c in CASES])
def test_each_layout_yields_its_metadata_and_only_the_article_text(web, case):
    url = web.url(f"/{case['file']}{case['query']}", case["host"])
    raw = read_url(url, LOCAL, resolve=to_loopback)
    found = {
        "title": raw.title,
        "author": raw.meta.get("author"),
        "published": raw.meta.get("published"),
        "outlet": raw.meta.get("outlet"),
        "url": raw.url,
    }
    assert found == {k: v.replace("{fetched}", url) for k, v in case["expected"].items()}
    for phrase in case["text_has"]:
        assert phrase in raw.text
    for phrase in case["text_lacks"]:
        assert phrase not in raw.text


def test_a_canonical_address_on_another_site_is_not_believed(web):
    """Served from 127.0.0.1, the page's claim to be a riverton-gazette.co.uk article is
    not taken: the briefing links to where the text really came from."""
    url = web.url("/pages/jsonld_news.html")
    assert read_url(url, LOCAL).url == url


@pytest.mark.parametrize(
    ("canonical", "fetched", "expected"),
    [
        ("https://www.riverton-gazette.co.uk/a", "https://m.riverton-gazette.co.uk/a?x=1", "same"),
        (
            "/news/a",
            "https://www.riverton-gazette.co.uk/amp/a",
            "https://www.riverton-gazette.co.uk/news/a",
        ),
        ("https://www.other-outlet.com/a", "https://www.riverton-gazette.co.uk/a", "fetched"),
        ("https://evil.github.io/a", "https://news.github.io/a", "fetched"),  # public suffix
        ("javascript:alert(1)", "https://www.riverton-gazette.co.uk/a", "fetched"),
        (
            "https://user:pw@www.riverton-gazette.co.uk/a",
            "https://www.riverton-gazette.co.uk/a",
            "fetched",
        ),
        ("https://www.riverton-gazette.co.uk/a", None, "same"),  # a saved file: nothing to compare
    ],
)
def test_the_canonical_link_is_taken_only_on_the_same_site(canonical, fetched, expected):
    page = (FIXTURES / "pages/jsonld_news.html").read_text("utf-8")
    page = page.replace(
        "https://www.riverton-gazette.co.uk/news/2025/03/04/council-backs-bus-lanes-station-road",
        canonical,
    )
    raw = parse_html(page, url=fetched)
    want = {"same": canonical, "fetched": fetched}.get(expected, expected)
    assert raw.url == want


def test_metadata_given_with_the_file_wins_over_the_page():
    page = (FIXTURES / "pages/amp_article.html").read_text("utf-8")
    raw = parse_html(page, meta={"outlet": "Northgate Post (print edition)", "author": "Desk"})
    assert raw.meta["outlet"] == "Northgate Post (print edition)" and raw.meta["author"] == "Desk"
    assert raw.meta["published"] == "2025-07-22T15:45:00+00:00"


def test_fetched_pages_become_sourced_entries_of_a_briefing(web):
    raws = [
        read_url(web.url(f"/{case['file']}", case["host"]), LOCAL, resolve=to_loopback)
        for case in CASES
    ]
    sources = {s.outlet: s for s in build_briefing(raws).sources}
    assert set(sources) == {c["expected"]["outlet"] for c in CASES}
    gazette = sources["Riverton Gazette"]
    assert (gazette.author, gazette.published) == ("Priya Natarajan", "2025-03-04T09:30:00+00:00")
    assert sources["Northgate Post"].url == "https://www.northgatepost.com/news/hosepipe-ban-friday"
