"""Renderers: readable text, inert Markdown, and article text that never runs as a template."""

from __future__ import annotations

from briefings import RENDERERS, RawArticle, build_briefing

HOSTILE = (
    "Row over {{ 7*1913 }} budget\n\n"
    'The council leader, Amy Stone, said: "We will not accept {% for x in y %} cuts '
    'or <script>alert(1)</script> to **our** [services](http://evil.test)."\n\n'
    "The council said spending on libraries fell by 12% to £3.1m this year.\n"
)


def hostile_briefing():
    return build_briefing([RawArticle(text=HOSTILE, title="Row", path="row.txt")])


def test_article_text_is_never_template_code():
    for fmt in ("text", "markdown"):
        out = RENDERERS[fmt](hostile_briefing())
        assert "13391" not in out  # 7*1913: the expression was not evaluated
        assert "{% for x in y %}" in out.replace("\\", "")


def test_markdown_escapes_links_html_and_emphasis_from_articles():
    out = RENDERERS["markdown"](hostile_briefing())
    assert "<script>" not in out
    assert "](http://evil.test)" not in out
    assert "\\*\\*our\\*\\*" in out


def test_text_fits_an_80_column_terminal(seeds_briefing):
    out = RENDERERS["text"](seeds_briefing)
    assert all(len(line) <= 80 for line in out.splitlines() if " " in line.strip())
    for heading in (
        "WHAT HAPPENED",
        "KEY POINTS",
        "KEY FIGURES",
        "REACTIONS",
        "OPEN QUESTIONS",
        "SOURCES",
    ):
        assert heading in out


def test_every_source_is_listed_and_cited(seeds_briefing):
    out = RENDERERS["text"](seeds_briefing)
    for n, source in enumerate(seeds_briefing.sources, 1):
        assert f"[{n}] " in out
        assert source.title[:30] in out.replace("\n    ", " ")


def test_a_figure_shows_each_sources_own_number_where_they_print_it_differently(
    printed_two_ways,
):
    from dataclasses import replace

    merged = printed_two_ways
    assert "(as printed: 12,700 [2]; 12,000 [1])" in " ".join(RENDERERS["text"](merged).split())
    assert "as printed: 12,700 \\[2\\]; 12,000 \\[1\\]" in RENDERERS["markdown"](merged)
    (figure,) = merged.figures
    agreed = replace(merged, figures=(replace(figure, evidence=figure.evidence[1:]),))
    assert "as printed" not in RENDERERS["text"](agreed) + RENDERERS["markdown"](agreed)
