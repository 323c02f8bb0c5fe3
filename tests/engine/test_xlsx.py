"""XLSX: typed figures, readable sheets, and article text that never becomes a formula."""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from briefings import (
    Announcement,
    Briefing,
    Conflict,
    Evidence,
    Figure,
    Quote,
    Reaction,
    Source,
    Story,
    TimelineEvent,
)
from briefings.render.xlsx import render_xlsx

SHEETS = ["Figures", "Figure sources", "Conflicts", "Reactions", "Timeline", "Sources", "About"]
WHEN = datetime(2026, 1, 2, 3, 4, 5)
LONG = "x" * 40_000
HOSTILE = [
    "=1+1",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "\t=x",
    "\n=1+1",
    '=HYPERLINK("http://evil.test","click")',
    "#N/A",
    "#DIV/0!",
    "a\x0bb\x00c",
]


def read(data: bytes) -> Workbook:
    return load_workbook(BytesIO(data))


def evidence(text: str, source: str = "s1") -> tuple[Evidence, ...]:
    return (Evidence(source=source, sentence_id=f"{source}:0", sentence=text),)


def figure(fid: str, value: float, unit: str, label: str = "spending", **kw) -> Figure:
    return Figure(
        id=fid,
        value=value,
        unit=unit,
        display=kw.pop("display", str(value)),
        label=label,
        period=kw.pop("period", None),
        qualifier="exact",
        evidence=kw.pop("evidence", evidence(f"{label} was {value}.")),
        **kw,
    )


def briefing(
    figures: tuple[Figure, ...] = (),
    sources: tuple[Source, ...] = (Source(id="s1", title="One", outlet="Outlet One"),),
    reactions: tuple[Reaction, ...] = (),
    title: str = "A story",
) -> Briefing:
    return Briefing(
        story=Story(slug="a-story", title=title),
        generated_at="2026-01-02T03:04:05+00:00",
        sources=sources,
        announcement=Announcement(headline=None, summary=(), points=()),
        reactions=reactions,
        figures=figures,
        open_questions=(),
    )


def hostile_briefing() -> Briefing:
    texts = [*HOSTILE, LONG]
    sources = tuple(
        Source(id=f"s{i}", title=t, outlet=t, author=t, published=t, path=t, url=t)
        for i, t in enumerate(texts)
    )
    quotes = tuple(Quote(text=t, direct=True, evidence=evidence(t, "s0")) for t in texts)
    reaction = Reaction(
        speaker="=1+1", role="+SUM(A1)", stance="neutral", stance_evidence="@cmd", quotes=quotes
    )
    figures = tuple(
        figure(f"f{i}", 7, "percent", label=t, display=t, period=t, evidence=evidence(t, "s0"))
        for i, t in enumerate(texts)
    )
    events = tuple(
        TimelineEvent("2026-03-05", "day", "dated", t, evidence(t, f"s{i}"), "Thursday")
        for i, t in enumerate(texts)
    )
    return replace(briefing(figures, sources, (reaction,), title="=1+1"), timeline=events)


def cells(wb: Workbook):
    return [cell for ws in wb for row in ws.iter_rows() for cell in row]


def expected(text: str) -> str:
    """What a hostile text should read back as: no illegal characters, clipped."""
    text = text.replace("\x0b", "").replace("\x00", "")
    return text if len(text) <= 32_000 else text[:31_999] + "…"


# --- the seed briefing -------------------------------------------------------------------


def test_sheets_in_order_with_a_chart_sheet_last(seeds_briefing):
    wb = read(render_xlsx(seeds_briefing, generated_at=WHEN))
    units = Counter(f.unit for f in seeds_briefing.figures)
    assert units.most_common(1)[0][1] >= 2
    assert wb.sheetnames == [*SHEETS, "Chart"]
    chart_rows = list(wb["Chart"].iter_rows(min_row=2, values_only=True))
    assert len(chart_rows) == units.most_common(1)[0][1]
    assert len(wb["Chart"]._charts) == 1


def test_figure_values_are_numbers_with_a_unit_format(seeds_briefing):
    ws = read(render_xlsx(seeds_briefing, generated_at=WHEN))["Figures"]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(seeds_briefing.figures)
    for row, f in zip(rows, seeds_briefing.figures, strict=True):
        value = row[0]
        assert isinstance(value.value, int | float) and not isinstance(value.value, bool)
        assert value.number_format != "General"
        assert value.value == pytest.approx(f.value / 100 if f.unit == "percent" else f.value)
        assert row[2].value == f.display


def test_conflict_rows_are_highlighted_exactly(seeds_briefing):
    wb = read(render_xlsx(seeds_briefing, generated_at=WHEN))
    assert any(f.conflicts for f in seeds_briefing.figures)
    fills = [row[0].fill.fgColor.rgb for row in wb["Figures"].iter_rows(min_row=2)]
    for fill, f in zip(fills, seeds_briefing.figures, strict=True):
        assert (fill == "FFFFC7CE") == bool(f.conflicts), f.id
        if f.conflicts:
            assert wb["Figures"].cell(row=fills.index(fill) + 2, column=7).value
    assert wb["Conflicts"].max_row == len(seeds_briefing.conflicts) + 1


def test_every_sheet_has_a_frozen_bold_filtered_header(seeds_briefing):
    wb = read(render_xlsx(seeds_briefing, generated_at=WHEN))
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(c.font.b and c.fill.fill_type == "solid" for c in ws[1])
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(0 < w <= 60 for w in widths)


def test_rows_match_the_briefing(seeds_briefing):
    wb = read(render_xlsx(seeds_briefing, generated_at=WHEN))
    quotes = [q for r in seeds_briefing.reactions for q in r.quotes]
    printed = [w for q in quotes for w in (q, *q.variants)]
    assert any(q.variants for q in quotes)  # outlets that word a quote differently
    assert wb["Reactions"].max_row == sum(len(w.sources) for w in printed) + 1
    rows = list(wb["Reactions"].iter_rows(min_row=2, values_only=True))
    assert {r[3] for r in rows} == {w.text for w in printed}  # each outlet's own words
    cited = sum(len(f.evidence) for f in seeds_briefing.figures)
    assert wb["Figure sources"].max_row == cited + 1
    assert wb["Sources"].max_row == len(seeds_briefing.sources) + 1
    about = {row[0]: row[1] for row in wb["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Generated at (UTC)"] == WHEN
    assert about["Number of sources"] == len(seeds_briefing.sources)
    assert "quoted" in about["Note"]


def test_output_is_deterministic_and_times_are_naive_utc(seeds_briefing):
    aware = datetime(2026, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    one = render_xlsx(seeds_briefing, generated_at=aware)
    assert one == render_xlsx(seeds_briefing, generated_at=WHEN.replace(tzinfo=UTC))
    assert one == render_xlsx(seeds_briefing, generated_at=WHEN)
    wb = read(one)
    assert wb.properties.created == wb.properties.modified == WHEN
    default = read(render_xlsx(seeds_briefing))["About"]["B4"].value
    assert default == datetime.fromisoformat(seeds_briefing.generated_at).replace(tzinfo=None)


def test_every_part_of_the_file_carries_the_generation_time(seeds_briefing):
    """Equal bytes must not depend on the clock: no zip entry may be stamped with "now"."""
    data = render_xlsx(seeds_briefing, generated_at=WHEN)
    stamps = {info.filename: info.date_time for info in zipfile.ZipFile(BytesIO(data)).infolist()}
    assert any(name.startswith("xl/worksheets/") for name in stamps)
    even = WHEN.replace(second=WHEN.second // 2 * 2)  # zip times have a two-second step
    assert set(stamps.values()) == {even.timetuple()[:6]}


# --- hand-made briefings -------------------------------------------------------------------


def test_each_source_keeps_its_own_number_and_published_dates_are_dates():
    sources = (
        Source(id="s1", title="One", outlet="Outlet One", published="2026-03-11"),
        Source(id="s2", title="Two", outlet="Outlet Two", published="2026-03-12T09:30:00+01:00"),
        Source(id="s3", title="Three", outlet="Outlet Three", published="last Tuesday"),
    )
    cited = (
        Evidence("s1", "s1:0", "Crossings passed 12,000.", display="12,000"),
        Evidence("s2", "s2:0", "Crossings reached 12,700.", display="12,700"),
        Evidence("s3", "s3:0", "Some 12,700 crossed.", display="12,700"),
    )
    quote = Quote("We will act", True, cited[:2])
    reaction = Reaction("Ann Lee", None, "neutral", "", (quote,))
    made = briefing((figure("f1", 12_700, "people", evidence=cited),), sources, (reaction,))
    wb = read(render_xlsx(made, generated_at=WHEN))
    rows = list(wb["Figure sources"].iter_rows(min_row=2, values_only=True))
    assert [(r[3], r[4]) for r in rows] == [
        ("12,000", "Outlet One"),
        ("12,700", "Outlet Two"),
        ("12,700", "Outlet Three"),
    ]
    assert [r[5] for r in rows] == [
        datetime(2026, 3, 11),
        datetime(2026, 3, 12, 8, 30),
        "last Tuesday",
    ]
    assert wb["Figure sources"]["F2"].number_format == "yyyy-mm-dd"
    published = [row[4] for row in wb["Sources"].iter_rows(min_row=2, values_only=True)]
    assert published[:2] == [datetime(2026, 3, 11), datetime(2026, 3, 12, 8, 30)]
    spoken = list(wb["Reactions"].iter_rows(min_row=2, values_only=True))
    assert [(r[5], r[7]) for r in spoken] == [
        ("Outlet One", "Crossings passed 12,000."),
        ("Outlet Two", "Crossings reached 12,700."),
    ]


def test_sources_with_urls_are_hyperlinks_and_unsafe_schemes_are_not():
    sources = (
        Source(id="s1", title="One", outlet="Outlet One"),
        Source(id="s2", title="Two", outlet="Outlet Two", url="https://two.test/a?b=1&c=2"),
        Source(id="s3", title="Three", url="javascript:alert(1)"),
    )
    both = figure("f1", 5, "count", evidence=evidence("a", "s1") + evidence("b", "s2"))
    bad = figure("f2", 6, "count", evidence=evidence("c", "s3"))
    wb = read(render_xlsx(briefing((both, bad), sources), generated_at=WHEN))
    named = wb["Figures"]["H2"]
    assert named.value == "Outlet One; Outlet Two"
    assert named.hyperlink is None  # one cell, one link: each source is linked on its own row
    per_source = [row[4] for row in wb["Figure sources"].iter_rows(min_row=2)]
    assert [c.value for c in per_source] == ["Outlet One", "Outlet Two", "Three"]
    assert [c.hyperlink.target if c.hyperlink else None for c in per_source] == [
        None,
        "https://two.test/a?b=1&c=2",
        None,
    ]
    assert wb["Figures"]["H3"].value == "Three" and wb["Figures"]["H3"].hyperlink is None
    urls = [row[7] for row in wb["Sources"].iter_rows(min_row=2)]
    assert [u.hyperlink.target if u.hyperlink else None for u in urls] == [
        None,
        "https://two.test/a?b=1&c=2",
        None,
    ]
    assert urls[2].value == "javascript:alert(1)"


def test_number_formats_follow_the_unit():
    figures = (
        figure("f1", 33, "percent"),
        figure("f2", 2.5, "percent"),
        figure("f3", 3.5e9, "GBP"),
        figure("f4", 12.5, "USD"),
        figure("f5", 7, "EUR"),
        figure("f6", 12700, "people"),
        figure("f7", 2, "multiplier"),
        figure("f8", 3, 'hours"; =1+1'),
    )
    ws = read(render_xlsx(briefing(figures), generated_at=WHEN))["Figures"]
    got = [(c.value, c.number_format) for (c,) in ws.iter_rows(min_row=2, max_col=1)]
    assert got[0] == (0.33, "0%")
    assert got[1] == (0.025, "0.0%")
    assert got[2] == (3.5e9, '"£"#,##0')
    assert got[3] == (12.5, '"$"#,##0.0')
    assert got[4][1] == '"€"#,##0'
    assert got[5] == (12700, "#,##0")
    assert got[6][1] == '#,##0"×"'
    assert got[7][1].count('"') == 2 and "=" not in got[7][1]


def test_no_chart_without_two_figures_in_one_unit():
    figures = (figure("f1", 1, "GBP"), figure("f2", 2, "people"))
    assert read(render_xlsx(briefing(figures), generated_at=WHEN)).sheetnames == SHEETS
    assert read(render_xlsx(briefing(), generated_at=WHEN)).sheetnames == SHEETS


def test_conflicts_sheet_pairs_values_and_sources():
    a = figure("f1", 33, "percent", conflicts=(Conflict("f2", 40, "40%", ("s2",), "33 vs 40"),))
    b = figure("f2", 40, "percent", evidence=evidence("forty", "s2"))
    sources = (Source(id="s1", title="One", outlet="A"), Source(id="s2", title="Two", outlet="B"))
    wb = read(render_xlsx(briefing((a, b), sources), generated_at=WHEN))
    row = next(wb["Conflicts"].iter_rows(min_row=2, values_only=True))
    assert row == ("spending", 0.33, "33", "A", 0.4, "40%", "B", "33 vs 40")
    assert wb["Figures"]["G2"].value == "40% per B"


def test_hostile_text_is_never_a_formula_and_round_trips():
    data = render_xlsx(hostile_briefing(), generated_at=WHEN)
    wb = read(data)
    everything = cells(wb)
    assert not [c.coordinate for c in everything if c.data_type == "f"]
    texts = {c.value for c in everything if isinstance(c.value, str)}
    for text in [*HOSTILE, LONG]:
        assert expected(text) in texts, repr(text[:20])
    for c in everything:
        if isinstance(c.value, str):
            assert c.data_type == "s"
            assert len(c.value) <= 32_000
            assert c.quotePrefix == c.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert wb["About"]["B2"].value == "=1+1"
    assert wb["Reactions"]["A2"].value == "=1+1" and wb["Reactions"]["A2"].quotePrefix


def test_hostile_text_has_no_formula_in_the_raw_xml():
    """Independent of openpyxl's reader: no <f> element, no error cell, in any sheet."""
    with zipfile.ZipFile(BytesIO(render_xlsx(hostile_briefing(), generated_at=WHEN))) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 8  # the seven, and Chart: eleven figures share "percent"
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml
            assert 't="e"' not in xml


def test_lone_surrogates_are_dropped_not_a_crash():
    wb = read(render_xlsx(briefing(title="bad \ud800 text"), generated_at=WHEN))
    assert wb["About"]["B2"].value == "bad  text"


def test_formulas_are_not_calculated_by_calamine():
    calamine = pytest.importorskip("python_calamine")
    data = render_xlsx(hostile_briefing(), generated_at=WHEN)
    book = calamine.CalamineWorkbook.from_filelike(BytesIO(data))
    values = {v for row in book.get_sheet_by_name("Reactions").to_python() for v in row}
    for text in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "#N/A"):
        assert text in values


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_does_not_calculate_article_text(tmp_path: Path):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(render_xlsx(briefing((figure("f1", 7, "count", label="=1+1"),))))
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "csv", "--outdir", tmp_path, path],
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = tmp_path / "hostile.csv"
    assert out.exists(), "LibreOffice exits 0 even when it cannot load a file"
    rows = list(csv.reader(out.read_text("utf-8").splitlines()))
    assert rows[1][3] == "=1+1"


def test_timeline_sheet_has_real_dates_and_one_link_per_source():
    sources = (
        Source(id="s1", title="One", outlet="Coast Gazette", url="https://gazette.example/a"),
        Source(id="s2", title="Two", outlet="Harbour Times", url="https://times.example/b"),
    )
    both = (*evidence("The council met on Thursday.", "s1"), *evidence("On Thursday it met.", "s2"))
    events = (
        TimelineEvent("2026-02-01", "month", "dated", "Dues rose last month.",
                      evidence("Dues rose last month.", "s2"), "last month"),
        TimelineEvent("2026-03-05", "day", "dated", "The council met on Thursday.", both,
                      "Thursday"),
    )  # fmt: skip
    wb = read(render_xlsx(replace(briefing(sources=sources), timeline=events), generated_at=WHEN))
    rows = list(wb["Timeline"].iter_rows(min_row=2))
    assert [r[0].value for r in rows] == [
        datetime(2026, 2, 1),
        datetime(2026, 3, 5),
        datetime(2026, 3, 5),
    ]
    assert rows[0][0].number_format == "yyyy-mm-dd" and rows[0][1].value == "February 2026"
    assert [r[2].value for r in rows] == [
        "Dues rose last month.",
        "The council met on Thursday.",
        "The council met on Thursday.",
    ]
    assert [(r[4].value, r[4].hyperlink.target) for r in rows] == [
        ("Harbour Times", "https://times.example/b"),
        ("Coast Gazette", "https://gazette.example/a"),
        ("Harbour Times", "https://times.example/b"),
    ]
    assert [r[6].value for r in rows][1:] == ["The council met on Thursday.", "On Thursday it met."]
    assert isinstance(rows[0][0].value, datetime) and rows[0][0].value.date() == date(2026, 2, 1)
