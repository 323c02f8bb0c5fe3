"""The web page of a briefing: a well-formed, accessible page where every line opens to its
sources, article text stays text, and corrections show who made them."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from briefings import (
    RENDERERS,
    Correction,
    RawArticle,
    Target,
    apply_corrections,
    build_briefing,
    target_of,
)
from briefings.render.html import render_html

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "Row over {{ 7*1913 }} budget\n\n"
    'The council leader, Amy Stone, said: "We will not accept {% for x in y %} cuts '
    'or <script>alert(1)</script> to <img src=x onerror=alert(2)> our services."\n\n'
    "The council said spending on libraries fell by 12% to £3.1m this year.\n"
)


class Page(HTMLParser):
    """The parts of a page the tests look at: tags in order, attributes, text by tag."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.summaries: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "input", "link", "rect"):
            self.stack.append(tag)
        if tag == "summary":
            self.summaries.append("")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("rect",):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "summary" in self.stack:
            self.summaries[-1] += data
        if self.stack and re.fullmatch(r"h[1-6]", self.stack[-1]):
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def hostile_briefing():
    return build_briefing([RawArticle(text=HOSTILE, title="Row", path="row.txt")])


def test_html_is_a_cli_format_like_the_others(seeds_briefing):
    assert RENDERERS["html"] is render_html
    assert render_html(seeds_briefing).startswith("<!doctype html>")


def test_the_page_is_well_formed_with_a_language_a_skip_link_and_ordered_headings(
    seeds_briefing,
):
    page = Page(render_html(seeds_briefing))
    assert not page.stack  # every element closed, in order
    (html,) = page.attrs("html")
    assert html["lang"] == "en"
    skip = page.attrs("a")[0]
    assert skip["href"] == "#main" and any(a.get("id") == "main" for a in page.attrs("main"))
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # none skipped
    titles = [text.strip() for level, text in page.headings if level == 2]
    for section in ("What happened", "Reactions", "Figures", "Open questions", "Sources"):
        assert section in titles


def test_every_line_opens_to_the_sentences_it_was_read_from(seeds_briefing):
    html = render_html(seeds_briefing)
    quote = seeds_briefing.reactions[0].quotes[0]
    sentence = quote.evidence[0].sentence
    # The quote's line is a <details> whose body holds its source sentence.
    block = html[html.index(_escaped(quote.shown)) :]
    block = block[: block.index("</details>")]
    assert _escaped(sentence) in block
    assert "<summary>" not in block  # the same line, not a later one
    page = Page(html)
    assert len(page.attrs("details")) == len(page.summaries) >= len(seeds_briefing.figures)


def test_article_text_is_escaped_never_markup_or_template_code(seeds_briefing):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*1913 }} {% if 1 %}"
    b = seeds_briefing
    headline = replace(b.announcement.headline, text=evil)
    first, *rest = b.sources
    hostile = replace(
        b,
        announcement=replace(b.announcement, headline=headline),
        sources=(replace(first, title=evil, outlet=evil), *rest),
    )
    html = render_html(hostile)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "13391" not in html  # 7*1913 was not evaluated
    assert "{{ 7*1913 }} {% if 1 %}" in html
    assert render_html(hostile_briefing()).count("{{ 7*1913 }}") >= 1  # through the engine too


def test_only_http_links_from_articles_become_links(seeds_briefing):
    first, second, *rest = seeds_briefing.sources
    sources = (
        replace(first, url="javascript:alert(1)"),
        replace(second, url='https://news.example/a?x=1&y="2"'),
        *rest,
    )
    page = Page(render_html(replace(seeds_briefing, sources=sources)))
    hrefs = [a["href"] or "" for a in page.attrs("a")]
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert 'https://news.example/a?x=1&y="2"' in hrefs  # attribute-escaped, intact
    assert all(a.get("rel") for a in page.attrs("a") if (a["href"] or "").startswith("http"))


def test_the_page_loads_nothing_from_elsewhere_and_runs_no_script(seeds_briefing):
    page = Page(render_html(seeds_briefing))
    assert not page.attrs("script") and not page.attrs("link") and not page.attrs("img")
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)


def test_the_chart_shows_each_outlets_own_printed_number(printed_two_ways):
    html = render_html(printed_two_ways)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Alpha: 12,000" in svg and "Beta: 12,700" in svg
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[0] < widths[1]  # 12,000 is drawn shorter than 12,700


def test_corrected_items_say_who_corrected_them_and_the_corrections_are_listed(seeds_briefing):
    reaction = seeds_briefing.reactions[0]
    figure = seeds_briefing.figures[0]
    at = "2026-11-23T09:00:00+00:00"
    fixes = [
        Correction(1, "set_stance", (target_of(reaction),), "neutral", "@alice", at),
        Correction(2, "relabel", (target_of(figure),), "people who crossed", "@bob", at),
        Correction(3, "hide", (Target("question", "Is this gone?"),), "", "@carol", at),
    ]
    html = render_html(apply_corrections(seeds_briefing, fixes))
    assert "corrected by @alice" in html and "corrected by @bob" in html
    corrections = html[html.index('id="corrections"') :]
    assert "#1 @alice set the stance of" in corrections
    assert "#3 @carol" in corrections and "stale" in corrections


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_wcag_aa_contrast_in_light_and_dark_modes():
    css = (ROOT / "templates" / "briefing.html.j2").read_text()
    palettes = re.findall(r":root \{([^}]*)\}", css)
    assert len(palettes) == 2  # light, and dark under prefers-color-scheme
    for palette in palettes:
        colour = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", palette))
        for text in ("ink", "muted", "link", "mark"):
            for background in ("paper", "tint"):
                assert _contrast(colour[text], colour[background]) >= 4.5, (text, background)
        for graphic in ("bar", "bar2", "focus"):  # non-text contrast: 3:1
            assert _contrast(colour[graphic], colour["paper"]) >= 3, graphic


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_the_timeline_lists_dated_events_by_day_each_opening_to_its_sentence():
    said = {
        "Coast Gazette": ("2026-03-06", "The council voted on Thursday to close the pier."),
        "Harbour News": ("2026-03-09", "Repairs to the pier began last month, officials said."),
    }
    briefing = build_briefing(
        RawArticle(text, outlet, f"{outlet}.txt", meta={"outlet": outlet, "published": day})
        for outlet, (day, text) in said.items()
    )
    assert briefing.timeline  # the engine dated them; the page shows what it found
    html = render_html(briefing)
    assert [text for level, text in Page(html).headings if level == 2].count("Timeline") == 1
    timeline = html[html.index('id="timeline"') : html.index('id="sources"')]
    # "on Thursday" in an article of Friday 6 March is Thursday 5 March, not a day of today.
    assert '<time datetime="2026-03-05">Thu 5 Mar 2026</time>' in timeline
    thursday = timeline[timeline.index("2026-03-05") :]
    assert "The council voted on Thursday to close the pier." in thursday.split("</details>")[0]
    assert "Dated by “Thursday”." in thursday and "Dated by “last month”, to the month." in html
    # Briefbot's own words ("first reported by …") are set apart from the sources' words.
    assert "<em>first reported by Coast Gazette</em>" in timeline
