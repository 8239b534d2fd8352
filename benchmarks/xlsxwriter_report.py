"""The alternative measured by benchmarks/xlsx_writers.py: the same report workbook written by
XlsxWriter (constant_memory) instead of catalog-sync's stream (reports/xlsx_stream.py).

The report workbook a department can read and print: a first sheet 概要 with the headline
figures and a chart of the linkage rate by agency, then one sheet per table (bold frozen header,
filter, widths; rates and dates as typed cells; totals below the filtered rows; landscape, fit to
width, header repeated, sheet name and page in the footer).

Written by XlsxWriter in constant_memory mode: rows go to disk as they come (a province's tables
hold millions of cells), and XlsxWriter escapes what Excel would reinterpret (`_x0041_`,
U+FFFE). Strings stay strings: never formulas, links or numbers (see docs/performance.md for
the measurement against the hand-written stream this replaced).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import xlsxwriter

from catalog_sync import vocab
from catalog_sync.model import Table
from catalog_sync.reports.xlsx import (
    _WIDTH_SAMPLE,
    COLUMN_KINDS,
    INFO_MAX_ROWS,
    MAX_CELL_CHARS,
    MAX_ROWS,
    TOTAL,
    _text,
    _width,
    sheet_name,
)
from catalog_sync.reports.xlsx_stream import excel_datetime


def as_datetime(value: Any) -> tuple[datetime, bool] | None:
    found = excel_datetime(value)
    if found is None:
        return None
    return datetime(1899, 12, 30) + timedelta(days=found[0]), found[1]


# the same limits and columns as the stream's workbook
RATE_KEYS = frozenset(k for k, v in COLUMN_KINDS.items() if v == "rate")
DATE_KEYS = frozenset(k for k, v in COLUMN_KINDS.items() if v == "date")
_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.bold = wb.add_format({"bold": True})
        self.rate = wb.add_format({"num_format": "0.00%"})
        self.bold_rate = wb.add_format({"num_format": "0.00%", "bold": True})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.title = wb.add_format({"bold": True, "font_size": 14})


def _write_text(ws: Any, r: int, c: int, value: Any, fmt: Any = None) -> None:
    """Numbers as numbers, everything else as a string cell: never a formula, never a link, so
    a name such as =HYPERLINK(...) reads as written and runs nothing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        ws.write_number(r, c, value, fmt)
    elif value is not None and value != "":
        text = _text(value)
        if len(text) > MAX_CELL_CHARS:
            note = "…（已截断，全文见 CSV/JSON）"
            text = text[: MAX_CELL_CHARS - len(note)] + note
        ws.write_string(r, c, text, fmt)


def _cell_writer(key: str, f: _Formats) -> Callable[[Any, int, int, Any], None]:
    if key in RATE_KEYS:

        def rate(ws: Any, r: int, c: int, v: Any) -> None:
            _write_text(ws, r, c, v, f.rate if isinstance(v, (int, float)) else None)

        return rate
    if key in DATE_KEYS:

        def when(ws: Any, r: int, c: int, v: Any) -> None:
            found = as_datetime(v)
            if found is None:
                _write_text(ws, r, c, v)
            else:
                ws.write_datetime(r, c, found[0], f.datetime if found[1] else f.date)

        return when
    return _write_text


def _print_setup(ws: Any, lang: str) -> None:
    """Landscape A4, all columns on one page wide, the header row on every page, the sheet
    name and the page number in the footer."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&L&A&R" + ("第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N"))


def _cut_note(table: Table, cut: int, lang: str) -> str:
    full_copy = f"{table.name}.csv / {table.name}.json"
    if lang == "zh":
        return f"已截断：另有 {cut} 行未写入，完整数据见 {full_copy}"
    return f"Cut: {cut} more rows not shown; the full table is in {full_copy}"


def _write_table(ws: Any, table: Table, lang: str, f: _Formats, max_rows: int) -> None:
    header = table.header(lang)
    keys = [c.key for c in table.columns]
    total = table.count()
    fits = total <= max_rows - 1
    limit = total if fits else max_rows - 2  # room for the header and a note
    sample = [table.cells(row) for row in table.head(min(limit, _WIDTH_SAMPLE))]
    for c, h in enumerate(header):
        ws.set_column(c, c, _width(h, [cells[c] for cells in sample]))
    ws.freeze_panes(1, 0)
    _print_setup(ws, lang)
    for c, h in enumerate(header):
        ws.write_string(0, c, h, f.bold)
    writers = [_cell_writer(k, f) for k in keys]
    first_key = keys[0] if keys else ""
    totals: list[dict[str, Any]] = []
    r = 0
    for row in table.head(limit):  # a streamed table: chunk by chunk
        if row.get(first_key) == TOTAL:
            totals.append(row)  # below the filter, after a blank row
            continue
        r += 1
        for c, (k, write) in enumerate(zip(keys, writers, strict=True)):
            write(ws, r, c, row.get(k))
    if header:
        ws.autofilter(0, 0, max(r, 1), len(header) - 1)
    end = r
    for row in totals:
        end += 2 if end == r else 1
        for c, k in enumerate(keys):
            v = row.get(k)
            if k in RATE_KEYS and isinstance(v, (int, float)):
                ws.write_number(end, c, v, f.bold_rate)
            else:
                _write_text(ws, end, c, v, f.bold)
    if not fits:
        ws.write_string(end + 1, 0, _cut_note(table, total - limit, lang), f.bold)


def _summary_sheet(
    wb: Any, name: str, summary: dict[str, Any], tables: list[Table], lang: str, f: _Formats
) -> None:
    """概要: the title, the headline figures (typed) and the linkage rate by agency, charted."""
    from catalog_sync.reports.markdown import headline_values

    ws = wb.add_worksheet(name)
    _print_setup(ws, lang)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 3, 14)
    title = vocab.word("title", lang)
    if summary.get("as_of"):
        title += f"（{summary['as_of']}）" if lang == "zh" else f" ({summary['as_of']})"
    ws.write_string(0, 0, title, f.title)
    ws.write_string(2, 0, vocab.word("figure", lang), f.bold)
    ws.write_string(2, 1, vocab.word("value", lang), f.bold)
    r = 2
    for label, value, is_rate in headline_values(summary, lang):
        r += 1
        ws.write_string(r, 0, label)
        if value is None:
            continue
        ws.write_number(r, 1, value, f.rate if is_rate else None)
    linkage = next((t for t in tables if t.name == "work_order_linkage"), None)
    rows = [row for row in (linkage.rows if linkage else []) if row.get("agency") != TOTAL]
    if not rows or linkage is None:
        return
    r += 2
    head = r
    cols = {c.key: c for c in linkage.columns}
    for c, key in enumerate(("agency", "work_orders", "linked", "linkage_rate")):
        ws.write_string(r, c, cols[key].zh if lang == "zh" else cols[key].en, f.bold)
    rows.sort(key=lambda row: (row.get("linkage_rate") is None, row.get("linkage_rate") or 0))
    for row in rows:
        r += 1
        _write_text(ws, r, 0, row.get("agency"))
        _write_text(ws, r, 1, row.get("work_orders"))
        _write_text(ws, r, 2, row.get("linked"))
        _write_text(ws, r, 3, row.get("linkage_rate"), f.rate)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": cols["linkage_rate"].zh if lang == "zh" else cols["linkage_rate"].en,
            "categories": [name, head + 1, 0, r, 0],
            "values": [name, head + 1, 3, r, 3],
            "data_labels": {"value": True, "num_format": "0%"},
        }
    )
    chart.set_title({"name": vocab.word("chart_linkage", lang)})
    chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": max(320, 22 * len(rows) + 80)})
    ws.insert_chart(2, 5, chart)


def write_xlsx(
    tables: list[Table],
    path: Path,
    lang: str,
    titles: dict[str, tuple[str, str]],
    *,
    summary: dict[str, Any] | None = None,
    max_rows: int = MAX_ROWS,
) -> None:
    """Write the summary sheet (when given a summary) and every table to its own sheet."""
    wb = xlsxwriter.Workbook(str(path), _OPTIONS)
    f = _Formats(wb)
    used: set[str] = set()
    if summary is not None:
        name = sheet_name(vocab.word("summary_sheet", lang), used)
        _summary_sheet(wb, name, summary, tables, lang, f)
    for table in tables:
        ws = wb.add_worksheet(sheet_name(_title(table, lang, titles), used))
        limit = max_rows if table.counts_as_discrepancy else min(max_rows, INFO_MAX_ROWS)
        _write_table(ws, table, lang, f, limit)
    wb.close()


def _title(table: Table, lang: str, titles: dict[str, tuple[str, str]]) -> str:
    zh, en = titles.get(table.name, (table.name, table.name))
    return zh if lang == "zh" else en
