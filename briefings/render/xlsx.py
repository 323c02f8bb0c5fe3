"""XLSX: the briefing as a workbook for analysts, built so no article text can ever run.

Every text cell goes through `cells.text_cell`: illegal characters removed, clipped below
Excel's 32,767 limit, `data_type` forced to "s" (openpyxl would make "=…" a formula and "#N/A"
an error) and `quotePrefix` set when the text starts like a formula, so Excel keeps it
literal even on edit.
Figures are real numbers with a unit format; percentages are stored as fractions (33% → 0.33,
format `0%`) so they compute correctly. Same briefing and `generated_at` → same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..corrections import Mark, editors
from ..model import Briefing, Figure, Quote, Wording
from ..text import safe_url
from ..timeline import day_label
from .cells import (
    Link,
    Num,
    Value,
    as_date,
    clean,
    table,
)

_NOT_IN_A_LINK = re.compile(r"[\"<>\\]")
"""Characters a workbook's hyperlink refuses besides those `safe_url` does."""

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

CONFLICT_FILL = PatternFill("solid", fgColor="FFFFC7CE")
CURRENCIES = {"GBP": "£", "USD": "$", "EUR": "€"}
SUFFIXES = {"multiplier": "×", "percentage points": " pp"}


def render_xlsx(
    briefing: Briefing,
    *,
    generated_at: datetime | None = None,
    folder: Path | None = None,
    timezone: str | None = None,
) -> bytes:
    """The workbook's bytes; `generated_at` defaults to the briefing's own timestamp.

    A workbook shared in chat must not map the server: with `folder` (the story's), each
    source's path is shown relative to it, or as its bare file name when it lies elsewhere.
    With `timezone` (an IANA name: a digest's subscription's), the About sheet gives the
    time the briefing was made in that zone, as its readers' clocks show it.
    """
    when = _naive_utc(generated_at, briefing.generated_at)
    names = {s.id: s.name for s in briefing.sources}
    urls = {
        s.id: None if _NOT_IN_A_LINK.search(s.url or "") else safe_url(s.url)
        for s in briefing.sources
    }

    published = {s.id: as_date(s.published) for s in briefing.sources}

    def sources(ids: Iterable[str]) -> Link:
        """Source names; a link only where there is one source (a cell holds one link: the
        per-source sheets link each)."""
        ids = list(ids)
        text = "; ".join(names.get(i, i) for i in ids)
        return Link(text, urls.get(ids[0]) if len(ids) == 1 else None)

    def cited(source_id: str) -> list[Value]:
        return [Link(names.get(source_id, source_id), urls.get(source_id)), published[source_id]]

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet is a worksheet
    ws.title = "Figures"
    rows: list[list[Value]] = []
    for f in briefing.figures:
        clash = "; ".join(f"{c.display} per {sources(c.sources).text}" for c in f.conflicts)
        evidence = "\n".join(dict.fromkeys(e.sentence for e in f.evidence))
        row = [_num(f.unit, f.value), f.unit, f.display, f.label, f.period, f.qualifier, clash]
        rows.append([*row, sources(f.sources), evidence, _corrected(f.corrected)])
    headers = ["Value", "Unit", "Display", "Label", "Period", "Qualifier", "Conflict", "Sources"]
    table(ws, [*headers, "Evidence", "Corrected by"], rows)
    for line, f in enumerate(briefing.figures, 2):
        for cell in ws[line] if f.conflicts else ():
            cell.fill = CONFLICT_FILL

    rows = [
        [f.id, f.label, _num(f.unit, f.value), e.display or f.display, *cited(e.source), e.sentence]
        for f in briefing.figures
        for e in f.evidence
    ]
    headers = ["Figure", "Label", "Value", "Display", "Source", "Published", "Sentence"]
    table(wb.create_sheet("Figure sources"), headers, rows)

    units = {f.id: f.unit for f in briefing.figures}
    rows = [
        [
            f.label,
            _num(f.unit, f.value),
            f.display,
            sources(f.sources),
            _num(units.get(c.figure, f.unit), c.value),
            c.display,
            sources(c.sources),
            c.note,
        ]
        for f, c in briefing.conflicts
    ]
    headers = ["Figure", "Value A", "Display A", "Sources A", "Value B", "Display B", "Sources B"]
    table(wb.create_sheet("Conflicts"), [*headers, "Note"], rows)

    rows = []
    for r in briefing.reactions:
        for q in r.quotes:
            said = "direct" if q.direct else "indirect"
            wordings: list[Quote | Wording] = [q, *q.variants]
            for wording in wordings:  # each outlet's row carries the words it printed
                for source in wording.sources:
                    sentences = [e.sentence for e in wording.evidence if e.source == source]
                    text = "\n".join(dict.fromkeys(sentences))
                    said_row: list[Value] = [r.speaker, r.role, r.stance, wording.text, said]
                    said_row += [*cited(source), text, _corrected((*r.corrected, *q.corrected))]
                    rows.append(said_row)
    headers = ["Speaker", "Role", "Stance", "Quote", "Direct", "Source", "Published"]
    table(wb.create_sheet("Reactions"), [*headers, "Sentence", "Corrected by"], rows)

    rows = [
        [date.fromisoformat(e.day), day_label(e), e.text, e.kind, *cited(c.source), c.sentence]
        for e in briefing.timeline
        for c in e.evidence
    ]
    headers = ["Date", "When", "Event", "Kind", "Source", "Published", "Sentence"]
    table(wb.create_sheet("Timeline"), headers, rows)

    rows = [
        [
            s.id,
            s.outlet,
            s.title,
            s.author,
            published[s.id],
            s.kind,
            s.duplicate_group,
            Link(s.url or "", urls[s.id]),
            _shown_path(s.path, folder),
        ]
        for s in briefing.sources
    ]
    headers = ["ID", "Outlet", "Title", "Author", "Published", "Kind", "Duplicate group", "URL"]
    table(wb.create_sheet("Sources"), [*headers, "Path"], rows)

    review = briefing.corrections
    if review.applied or review.stale:
        states = {c.id: "applied" for c in review.applied} | {c.id: "stale" for c in review.stale}
        rows = [
            [Num(c.id, "0"), c.describe(), c.by, c.at, states[c.id]]
            for c in sorted((*review.applied, *review.stale), key=lambda c: c.id)
        ]
        headers = ["Correction", "What", "By", "At (UTC)", "State"]
        table(wb.create_sheet("Corrections"), headers, rows)

    unit, count = (Counter(f.unit for f in briefing.figures).most_common(1) or [("", 0)])[0]
    chart = unit if count >= 2 else None  # only like can be charted with like
    about: list[list[object]] = [
        ["Story", briefing.story.title],
        ["Slug", briefing.story.slug],
        [f"Generated at ({timezone or 'UTC'})", _local(when, timezone)],
        ["Number of sources", Num(len(briefing.sources), "0")],
        ["Figures", "One row per figure. Value is a number in the unit's format; Display is the "
         "source's wording. Rows in red conflict with another figure (see Conflict)."],
        ["Figure sources", "One row per figure and source: the number as that source printed "
         "it, a link to the source, and the sentence it is in."],
        ["Conflicts", "Pairs of figures for the same measure that cannot both be true."],
        ["Reactions", "One row per quote and source: who said it, their stance, direct or "
         "reported speech, and the source's sentence."],
        ["Timeline", "One row per dated event and source, oldest first: the date (the first "
         "day of the week or month where the source names no day), the event, a link to the "
         "source and its sentence. Dates such as 'on Thursday' are read against the date of "
         "the article that prints them."],
        ["Sources", "Every article read; copies of the same wire story share a duplicate group."],
        ["Corrected by", "Editors who corrected a figure, speaker or quote; the Corrections "
         "sheet (when there are any) lists each correction, and those gone stale."],
        ["Note", "All article text (quotes, sentences, titles, figures' wording) is quoted from "
         "the sources as published; labels are cut from those sentences. Nothing is a formula."],
    ]  # fmt: skip
    if timezone:
        about.append(["Times", f"Generated at is in {timezone}; publication times on the other "
                      "sheets, and corrections' times, are in UTC."])  # fmt: skip
    if chart:
        about.insert(10, ["Chart", f"The figures in the unit most figures share ({chart})."])
    table(wb.create_sheet("About"), ["Item", "Value"], about)
    if chart:
        _add_chart(wb.create_sheet("Chart"), [f for f in briefing.figures if f.unit == chart])

    wb.properties.creator = "Briefbot"
    wb.properties.title = clean(briefing.story.title)[:255]
    wb.properties.created = wb.properties.modified = when
    buffer = BytesIO()
    ExcelWriter(wb, _StampedZip(buffer, when)).save()  # save() would stamp "modified" with now
    return buffer.getvalue()


def _corrected(marks: tuple[Mark, ...]) -> str | None:
    """Who corrected an item and how: '@alice (label corrected)'; editors' words are text
    like any other (`_text`)."""
    if not marks:
        return None
    return f"{editors(marks)} ({'; '.join(dict.fromkeys(m.what for m in marks))})"


def _num(unit: str, value: float) -> Num:
    """A figure as a number with a format that shows its unit (percent as a fraction)."""
    places = len(f"{abs(value):.3f}".rstrip("0").partition(".")[2])
    decimals = "." + "0" * places if places else ""
    if unit == "percent":
        return Num(value / 100, f"0{decimals}%")
    digits = f"#,##0{decimals}"
    if unit in CURRENCIES:
        return Num(value, f'"{CURRENCIES[unit]}"{digits}')
    suffix = SUFFIXES.get(unit, "" if unit in ("people", "count") else f" {unit}")
    suffix = re.sub(r"[^\w ×]", "", suffix)[:30]  # units are article words: keep the format inert
    return Num(value, f'{digits}"{suffix}"' if suffix.strip() else digits)


def _add_chart(ws: Worksheet, figures: Sequence[Figure]) -> None:
    """A bar chart on its own sheet, over a small table of its own (one contiguous range)."""
    rows = [(f.label, _num(f.unit, f.value), f.display) for f in figures]
    table(ws, ["Label", "Value", "Display"], rows)
    chart = BarChart()
    chart.type, chart.title, chart.legend = "bar", clean(f"Figures in {figures[0].unit}"), None
    chart.add_data(
        Reference(ws, min_col=2, min_row=1, max_row=len(rows) + 1), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.y_axis.number_format = max((r[1].fmt for r in rows), key=len)
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes by default
    chart.width, chart.height = 24, max(7.5, 1.2 * len(rows))
    ws.add_chart(chart, "E2")


def _shown_path(path: str | None, folder: Path | None) -> str | None:
    """A source's path as the workbook shows it: in full, or relative to `folder`.

    >>> _shown_path("/srv/app/seeds/a/b.txt", Path("/srv/app/seeds"))
    'a/b.txt'
    >>> _shown_path("/home/ops/upload.html", Path("/srv/app/seeds"))
    'upload.html'
    """
    if path is None or folder is None:
        return path
    try:
        return PurePath(path).relative_to(folder).as_posix()
    except ValueError:
        return PurePath(path).name


def _local(when: datetime, timezone: str | None) -> datetime:
    """A naive UTC time as the wall clock of `timezone` shows it (naive: openpyxl needs it)."""
    if not timezone:
        return when
    return when.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def _naive_utc(when: datetime | None, fallback: str) -> datetime:
    """openpyxl rejects aware datetimes: convert to UTC and drop the zone (naive means UTC)."""
    if when is None:
        try:
            when = datetime.fromisoformat(fallback)
        except ValueError:
            when = datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


class _StampedZip(ZipFile):
    """A zip whose entries all carry one timestamp, so equal workbooks give equal bytes.

    openpyxl adds most parts with `writestr` but worksheets with `write`, from a temporary
    file whose mtime is "now": both are caught here.
    """

    def __init__(self, file: IO[bytes], stamp: datetime) -> None:
        super().__init__(file, "w", ZIP_DEFLATED)
        self.stamp = max(stamp, datetime(1980, 1, 1)).timetuple()[:6]

    def writestr(
        self, zinfo_or_arcname: str | ZipInfo, data: SizedBuffer | str, *a: Any, **k: Any
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, self.stamp)
            zinfo_or_arcname.compress_type = ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *a, **k)

    def write(self, filename: Any, arcname: Any = None, *a: Any, **k: Any) -> None:
        with open(filename, "rb") as part:
            self.writestr(str(arcname or filename), part.read())
