"""Ingest: every format, metadata, and a clear one-line error for each bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings import EngineConfig, InputError, build_briefing, load_articles, read_article

STORY = (
    "Council approves new cycle lanes\n\n"
    "The city council has approved £2.4m for new cycle lanes on three main roads.\n\n"
    'Councillor Jane Roe said: "This will make our streets safer for everyone."\n'
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Café culture returns".encode("latin-1"), "not UTF-8"),
        ("broken.json", b'{"title": "x", ', "not valid JSON"),
        ("notext.json", b'{"title": "x"}', '"text"'),
        ("slides.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_input_gets_a_one_line_error_naming_the_file(tmp_path, name, data, reason):
    bad = write(tmp_path, name, data)
    good = write(tmp_path, "good.txt", STORY)
    raws, errors = load_articles([bad, good])
    assert [r.path for r in raws] == [str(good)]
    assert len(errors) == 1
    message = str(errors[0])
    assert str(bad) in message and reason in message and "\n" not in message


def test_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(20_000_000)
    with pytest.raises(InputError, match="too large"):
        read_article(huge, EngineConfig())


def test_folder_without_articles_is_an_error_naming_it(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b")
    raws, errors = load_articles([tmp_path])
    assert not raws
    assert str(tmp_path) in str(errors[0]) and "no articles" in str(errors[0])


def test_txt_first_line_is_the_title(tmp_path):
    raw = read_article(write(tmp_path, "a.txt", STORY))
    assert raw.title == "Council approves new cycle lanes"
    assert "cycle lanes on three main roads" in raw.text


def test_front_matter_and_sidecar_metadata(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        "---\noutlet: Leeds Echo\nauthor: Sam Lee\n---\n# Lanes\n\n"
        "The council **approved** [new lanes](http://x.test) today for the city.\n",
    )
    raw = read_article(path)
    assert raw.title == "Lanes" and raw.meta["outlet"] == "Leeds Echo"
    assert "approved new lanes" in raw.text and "http" not in raw.text
    side = write(tmp_path, "b.txt", STORY)
    write(
        tmp_path, "b.txt.meta.json", json.dumps({"outlet": "City Times", "published": "2025-05-15"})
    )
    briefing = build_briefing([read_article(side)])
    assert briefing.sources[0].outlet == "City Times"
    assert briefing.sources[0].published == "2025-05-15"


def test_a_plain_header_block_gives_metadata_and_keeps_the_lead(tmp_path):
    header = "Headline: Lanes approved\nSource: Leeds Echo\nDate: 14 May 2025\nBy: Sam Lee\n\n"
    raw = read_article(write(tmp_path, "a.txt", header + STORY))
    assert raw.title == "Lanes approved" and raw.meta["author"] == "Sam Lee"
    assert raw.text.lstrip().startswith(STORY.lstrip().splitlines()[0])  # the first line stays
    source = build_briefing([raw]).sources[0]
    assert (source.outlet, source.published) == ("Leeds Echo", "2025-05-14")
    assert "Headline" not in raw.text and "Date" not in raw.text
    dateline = read_article(write(tmp_path, "b.txt", "LONDON: Talks resumed.\n\n" + STORY))
    assert dateline.title == "LONDON: Talks resumed." and dateline.meta == {}


def test_json_article(tmp_path):
    path = write(
        tmp_path,
        "a.json",
        json.dumps(
            {
                "title": "Lanes",
                "text": STORY,
                "url": "https://news.test/lanes",
                "outlet": "News Test",
                "author": "Ann Bell",
                "published": "2025-05-14",
            }
        ),
    )
    source = build_briefing([read_article(path)]).sources[0]
    assert (source.outlet, source.author, source.url) == (
        "News Test",
        "Ann Bell",
        "https://news.test/lanes",
    )


def test_html_main_text_and_metadata_through_the_extractor(tmp_path):
    page = """<html><head><title>Lanes approved | City Times</title>
    <meta property="og:site_name" content="City Times">
    <meta name="author" content="Ann Bell"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Lanes approved</h1>
    <p>The city council has approved £2.4m for new cycle lanes on three main roads,
    after a two-year consultation with residents and businesses.</p>
    <p>Councillor Jane Roe said: "This will make our streets safer for everyone who
    uses them, whether they walk, cycle or drive."</p></article>
    <footer>Subscribe to our newsletter</footer></body></html>"""
    raw = read_article(write(tmp_path, "a.html", page))
    assert "approved £2.4m" in raw.text and "Home" not in raw.text
    assert raw.meta.get("author") == "Ann Bell"
    briefing = build_briefing([raw])
    assert any(f.unit == "GBP" and f.value == 2_400_000 for f in briefing.figures)


def test_an_undated_article_takes_the_iso_date_in_its_file_name(tmp_path):
    """Archives name files by publication day; metadata, a header or a sidecar still win."""
    dated = read_article(write(tmp_path, "herald_2024-10-02_ferry-fares.txt", STORY))
    assert dated.meta["published"] == "2024-10-02"
    compact = read_article(write(tmp_path, "wire-20240917-ferries.md", "# Ferries\n\n" + STORY))
    assert compact.meta["published"] == "2024-09-17"
    header = "Headline: Lanes approved\nDate: 14 May 2025\n\n"
    own = read_article(write(tmp_path, "herald_2024-10-03_lanes.txt", header + STORY))
    assert own.meta["published"] == "2025-05-14"
    for name in ("ref120240917.txt", "ferries_2024-02-30.txt", "ticket-2024091799.txt"):
        assert "published" not in read_article(write(tmp_path, name, STORY)).meta, name
    source = build_briefing([dated]).sources[0]
    assert source.published == "2024-10-02"
