"""One workbook, one sheet per table, readable at once: bold frozen header, filter, widths."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import xlsxwriter

from ..model import Table

MAX_ROWS = 1_048_576  # Excel's hard limit per sheet, header included
_WIDTH_SAMPLE = 200
BIG_TABLE = 100_000  # rows above which the workbook is written in constant-memory mode
_MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def text_width(text: str) -> int:
    """Display width: CJK and other wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 chars, unique (case-insensitive)."""
    base = _BAD_SHEET_CHARS.sub("", title).strip("' ") or "Sheet"
    name, n = base[:31].rstrip("' "), 1
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip("' ") + suffix
    used.add(name.lower())
    return name


def _width(header: str, values: list[Any]) -> int:
    longest = max([text_width(header)] + [text_width(_text(v)) for v in values])
    return min(longest + 2, _MAX_WIDTH)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _write_cell(ws: Any, r: int, c: int, value: Any) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        ws.write_number(r, c, value)
    elif value is not None and value != "":
        ws.write_string(r, c, _text(value))


def _write_table(ws: Any, table: Table, lang: str, bold: Any, max_rows: int) -> None:
    header = table.header(lang)
    for c, h in enumerate(header):
        ws.write_string(0, c, h, bold)
    total = table.count()
    fits = total <= max_rows - 1
    limit = total if fits else max_rows - 2  # room for the header and a note
    sample: list[list[Any]] = []
    written = 0
    for r, row in enumerate(table.head(limit), start=1):  # a streamed table: chunk by chunk
        cells = table.cells(row)
        if len(sample) < _WIDTH_SAMPLE:
            sample.append(cells)
        for c, value in enumerate(cells):
            _write_cell(ws, r, c, value)
        written = r
    if not fits:
        cut = total - written
        full_copy = f"{table.name}.csv / {table.name}.json"
        note = (
            f"已截断：另有 {cut} 行未写入，完整数据见 {full_copy}"
            if lang == "zh"
            else f"Cut: {cut} more rows not shown; the full table is in {full_copy}"
        )
        ws.write_string(written + 1, 0, note, bold)
    for c, h in enumerate(header):
        ws.set_column(c, c, _width(h, [cells[c] for cells in sample]))
    ws.freeze_panes(1, 0)
    if header:
        ws.autofilter(0, 0, written, len(header) - 1)


def write_xlsx(
    tables: list[Table],
    path: Path,
    lang: str,
    titles: dict[str, tuple[str, str]],
    *,
    max_rows: int = MAX_ROWS,
) -> None:
    """Write every table to its own sheet; strings stay strings, never formulas or links."""
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    if any(t.count() > BIG_TABLE for t in tables):
        options["constant_memory"] = True  # rows go to disk as written, not kept in memory
    with xlsxwriter.Workbook(str(path), options) as wb:
        bold = wb.add_format({"bold": True})
        used: set[str] = set()
        for table in tables:
            zh, en = titles.get(table.name, (table.name, table.name))
            ws = wb.add_worksheet(sheet_name(zh if lang == "zh" else en, used))
            _write_table(ws, table, lang, bold, max_rows)
