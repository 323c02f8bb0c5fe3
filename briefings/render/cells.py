"""Cells and tables for the workbook: each kind of value written as the cell it should be,
and no article text ever a formula, an error code or a crash (`text_cell`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import NamedTuple, TypeAlias

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MAX_CHARS = 32_000  # Excel's hard limit is 32,767 UTF-16 units; openpyxl cuts silently
MAX_WIDTH = 60
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")

_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")  # lone surrogates would break the XML


class Num(NamedTuple):
    value: float
    fmt: str


class Link(NamedTuple):
    text: str
    url: str | None


Value: TypeAlias = "Num | Link | str | date | None"
"""What a row may hold: `put` writes each kind as the cell it should be."""


def text_cell(cell: Cell, value: object) -> Cell:
    """Store `value` as literal text: never a formula, an error code or a crash."""
    if value is None or value == "":
        return cell
    text = clean(str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def clean(text: str) -> str:
    text = _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))
    units = text.encode("utf-16-le")
    if len(units) <= 2 * MAX_CHARS:
        return text
    return units[: 2 * (MAX_CHARS - 1)].decode("utf-16-le", "ignore") + "…"


def table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Header, rows, filter, frozen header and column widths from content length."""
    for col, header in enumerate(headers, 1):
        cell = text_cell(new_cell(ws, 1, col), header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            put(new_cell(ws, row, col), value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for col, header in enumerate(headers, 1):
        texts = [header, *(plain(r[col - 1]) for r in rows)]
        longest = max(len(line) for text in texts for line in text.splitlines() or [""])
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, longest + 2)
        if longest > MAX_WIDTH or any("\n" in text for text in texts):
            for (wrapped,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                wrapped.alignment = Alignment(wrap_text=True, vertical="top")


def new_cell(ws: Worksheet, row: int, column: int) -> Cell:
    """A cell to write; `_table` merges none, so never a read-only `MergedCell`."""
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell)
    return cell


def put(cell: Cell, value: object) -> None:
    if isinstance(value, Num):
        cell.value = value.value if math.isfinite(value.value) else None  # NaN corrupts a file
        cell.number_format = value.fmt
    elif isinstance(value, datetime):
        cell.value, cell.number_format = value, "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        cell.value, cell.number_format = value, "yyyy-mm-dd"
    elif isinstance(value, Link):
        text_cell(cell, value.text)
        if value.url and cell.value:
            cell.hyperlink = value.url
            cell.font = Font(color="FF0563C1", underline="single")
    else:
        text_cell(cell, value)


def plain(value: object) -> str:
    """Roughly what a cell shows, for its column width."""
    if isinstance(value, Num):
        return f"{value.value:,.2f}  "
    if isinstance(value, date):
        return value.isoformat().replace("T", " ")
    return value.text if isinstance(value, Link) else "" if value is None else str(value)


def as_date(published: str | None) -> date | datetime | str | None:
    """A source's publication date as a real date (a time too where it has one, in UTC);
    the text as it came where it is no ISO date."""
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return published
    if len(published) <= 10:
        return when.date()
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
