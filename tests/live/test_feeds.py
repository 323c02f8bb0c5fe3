"""Feeds: every common kind read into entries with absolute links, UTC dates and authors."""

from __future__ import annotations

import pytest

from briefings.content_types import FEED_TYPES
from briefings.errors import DownloadError
from briefings.feeds import Feed, parse_feed
from briefings.fetch import fetch
from tests.live.conftest import FIXTURES, LOCAL


def poll(web, path: str, **validators) -> tuple[Feed | None, str | None, str | None]:
    """What a scheduler does: a conditional GET, then parse the feed if it changed."""
    got = fetch(web.url(path), LOCAL, accept=FEED_TYPES, **validators)
    if got.not_modified:
        return None, got.etag, got.last_modified
    return parse_feed(got.body, got.final_url), got.etag, got.last_modified


def test_rss_2_items_become_entries(web):
    feed, _, _ = poll(web, "/feeds/gazette_rss.xml")
    assert feed.title == "Riverton Gazette \u2013 News"
    assert feed.url == web.url("/feeds/gazette_rss.xml")
    first, relative, undated_author = feed.entries
    assert first.title == "Council backs bus lanes on Station Road despite traders' fears"
    assert first.url == (
        "https://www.riverton-gazette.co.uk/news/2025/03/04/council-backs-bus-lanes-station-road"
    )
    assert (first.id, first.published, first.author) == (
        "gazette-41872",
        "2025-03-04T09:30:00+00:00",
        "Priya Natarajan",
    )
    assert first.summary == "Councillors voted 31 to 12 to approve a £6.8m plan."  # no tags
    assert relative.url == web.url("/news/2025/03/03/traders-petition-parking")
    assert relative.published == "2025-03-03T17:10:00+00:00"  # +0100 turned into UTC
    assert relative.author == "Marcus Webb"  # from "email (Name)"
    assert undated_author.id == undated_author.url and undated_author.author is None


def test_items_without_a_web_link_are_skipped(web):
    feed, _, _ = poll(web, "/feeds/gazette_rss.xml")
    titles = [e.title for e in feed.entries]
    assert "Click here for a prize" not in titles  # javascript: link
    assert "Notice without a link" not in titles
    assert all(e.url.startswith(("http://", "https://")) for e in feed.entries)


def test_atom_entries_become_entries(web):
    feed, _, _ = poll(web, "/feeds/harbour_atom.xml")
    assert feed.title == "Harbour Daily: Health"
    strike, postponed = feed.entries  # the data: link is gone
    assert strike.title == "Nurses at St Brigid's walk out in first strike for 30 years"
    assert strike.url == "https://harbourdaily.com/health/st-brigids-nurses-strike"  # xml:base
    assert strike.id == "tag:harbourdaily.com,2025:health/9921"
    assert strike.published == "2025-02-11T08:15:00+00:00"  # published, not updated
    assert strike.author == "Tom Reilly"
    assert strike.summary == "Hundreds of nurses joined picket lines."
    assert postponed.published == "2025-02-11T18:05:00+00:00"  # only <updated>, -05:00 → UTC
    assert postponed.author == "Health desk"


def test_rss_1_rdf_items_become_entries(web):
    feed, _, _ = poll(web, "/feeds/courier_rdf.rdf")
    assert feed.title == "The Millbrook Courier"
    library, parking = feed.entries
    assert library.url == "http://www.millbrook-courier.co.uk/news/library-wednesdays.html"
    assert library.author == "Dorothy Marsh"
    assert library.published == "2025-01-17T10:00:00+00:00"
    assert library.summary == "The council cut the library budget by £85,000."  # Latin-1 feed
    assert parking.published == "2025-01-15"  # a bare date is not claimed as midnight UTC


def test_a_changed_feed_shows_its_new_item_and_an_unchanged_one_is_not_downloaded(web):
    before, etag, modified = poll(web, "/feeds/gazette_rss.xml")
    unchanged, _, _ = poll(web, "/feeds/gazette_rss.xml", etag=etag, last_modified=modified)
    assert unchanged is None
    version_2 = (FIXTURES / "feeds/gazette_rss_v2.xml").read_bytes()
    web.set("/feeds/gazette_rss.xml", version_2, "application/rss+xml")
    after, new_etag, _ = poll(web, "/feeds/gazette_rss.xml", etag=etag, last_modified=modified)
    assert after is not None and new_etag != etag
    new = {e.id for e in after.entries} - {e.id for e in before.entries}
    assert new == {"gazette-41903"}
    (item,) = [e for e in after.entries if e.id in new]
    assert item.title == "Bus lane works to start in September, council confirms"
    assert item.published == "2025-03-05T07:45:00+00:00"


def test_a_slightly_broken_feed_is_still_read(web):
    feed, _, _ = poll(web, "/feeds/broken_but_usable.xml")  # bare "&", no closing </rss>
    assert [e.title for e in feed.entries] == [
        "Hosepipe ban to start on Friday as reservoirs fall to 41%",
        "Reservoir levels: what the numbers mean",
    ]
    assert feed.entries[0].published == "2025-07-22T15:45:00+00:00"
    assert feed.entries[1].published is None  # "not a date"


def test_a_truncated_feed_is_refused_with_a_clear_message(web):
    got = fetch(web.url("/feeds/truncated.xml"), LOCAL, accept=FEED_TYPES)
    with pytest.raises(DownloadError, match="this is not a readable RSS or Atom feed") as refused:
        parse_feed(got.body, got.final_url)
    assert str(refused.value).startswith(web.url("/feeds/truncated.xml") + ": ")
    assert "near line 7" in str(refused.value)


def test_a_web_page_where_the_feed_should_be_is_refused(web):
    """Sites answer a moved feed with an HTML page, often still typed as RSS."""
    url = web.url("/feeds/not_a_feed.html")
    with pytest.raises(DownloadError, match=r"web page \(application/rss\+xml\), not a news feed"):
        fetch(url, LOCAL, accept=FEED_TYPES)
    page = (FIXTURES / "feeds/not_a_feed.html").read_bytes()
    with pytest.raises(DownloadError, match="gives a web page, not an RSS or Atom feed"):
        parse_feed(page, url)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the feed is empty"),
        (b"  \n ", "the feed is empty"),
        (b"just some words, no markup at all", "not a readable RSS or Atom feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "not a readable"),
    ],
)
def test_bodies_that_are_not_feeds_are_refused(data, reason):
    with pytest.raises(DownloadError, match=reason):
        parse_feed(data, "https://www.riverton-gazette.co.uk/feed")


def test_a_valid_feed_with_no_items_is_empty_not_an_error():
    feed = parse_feed(
        b"<rss version='2.0'><channel><title>Quiet day</title></channel></rss>",
        "https://www.riverton-gazette.co.uk/feed",
    )
    assert feed.title == "Quiet day" and feed.entries == ()


def test_a_url_string_in_the_body_is_parsed_not_fetched(web):
    """feedparser fetches a *string* that looks like a URL; parse_feed gives it bytes only."""
    with pytest.raises(DownloadError):
        parse_feed(web.url("/feeds/gazette_rss.xml").encode(), "https://example.org/feed")
    assert web.requests == []
