"""The report workbook a department can read and print: a first sheet 概要 with the headline
figures and a chart of the linkage rate by agency, then one sheet per table (bold frozen header,
filter, widths; rates and dates typed; totals below the filtered rows; landscape, fit to width,
header row repeated, sheet name and page in the footer). Streamed by xlsx_stream."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import vocab
from ..model import Table
from ..vocab import Rendering
from .columnar import renders_by_value
from .xlsx_stream import BarChart, SheetSpec, Styled, write_workbook

MAX_ROWS = 1_048_576  # Excel's hard limit per sheet, header included
MAX_CELL_CHARS = 32_767  # and per cell; a longer text is cut with a note, never by Excel
# Informational tables (list_catalogue_matches has a row per list item) stop at 100,000 rows in
# the workbook, with a note naming the CSV and JSON that hold them whole; findings tables are
# cut only at Excel's limit. A province's workbook stays quick to write and to open.
INFO_MAX_ROWS = 100_001
_WIDTH_SAMPLE = 200
_MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# columns written as typed cells: rates (fractions, shown as percent) and dates
COLUMN_KINDS = {"linkage_rate": "rate", "rate": "rate", "effective_date": "date",
                "accept_time": "date", "first_seen": "date"}  # fmt: skip
TOTAL = "合计"  # the label of a totals row (checks.linkage): kept below the filtered rows
RATE, BOLD, TITLE = ' s="2"', ' s="1"', ' s="6"'  # xlsx_stream's cell formats


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
    """Numbers as numbers, everything else as a string cell: never a formula, never a link, so
    a name such as =HYPERLINK(...) reads as written and runs nothing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        ws.write_number(r, c, value)
    elif value is not None and value != "":
        text = _text(value)
        if len(text) > MAX_CELL_CHARS:
            note = "…（已截断，全文见 CSV/JSON）"
            text = text[: MAX_CELL_CHARS - len(note)] + note
        ws.write_string(r, c, text)


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
    summary: dict[str, Any] | None = None,
    max_rows: int = MAX_ROWS,
) -> None:
    """Write the summary sheet (given a summary) and every table to its own sheet; strings stay
    strings, never formulas or links. Streamed as SpreadsheetML (xlsx_stream): a province's
    tables hold millions of cells."""
    used: set[str] = set()
    first = []
    if summary is not None:
        first = [_summary_sheet(sheet_name(vocab.word("summary_sheet", lang), used), summary,
                                tables, lang)]  # fmt: skip
    write_workbook(
        path,
        first
        + [
            _sheet(
                table,
                sheet_name(_title(table, lang, titles), used),
                lang,
                max_rows if table.counts_as_discrepancy else min(max_rows, INFO_MAX_ROWS),
            )
            for table in tables
        ],
    )


def _title(table: Table, lang: str, titles: dict[str, tuple[str, str]]) -> str:
    zh, en = titles.get(table.name, (table.name, table.name))
    return zh if lang == "zh" else en


def _footer(lang: str) -> str:
    """The sheet name left, the page right (&A, &P, &N as Excel's header codes, XML-escaped)."""
    page = "第 &amp;P 页，共 &amp;N 页" if lang == "zh" else "Page &amp;P of &amp;N"
    return f"&amp;L&amp;A&amp;R{page}"


def _sheet(table: Table, name: str, lang: str, max_rows: int) -> SheetSpec:
    """The same layout as _write_table: cut at max_rows with a note saying where the rest is;
    a totals row (合计) below the others, outside the filter."""
    header = table.header(lang)
    keys = [c.key for c in table.columns]
    totals: list[list[Any]] = []
    if (
        getattr(table, "stream", None) is None
        and keys
        and any(r.get(keys[0]) == TOTAL for r in table.rows)
    ):
        kept = [r for r in table.rows if r.get(keys[0]) != TOTAL]
        totals = [[r.get(k, "") for k in keys] for r in table.rows if r.get(keys[0]) == TOTAL]
        table = Table(table.name, table.columns, kept, table.counts_as_discrepancy)
    total = table.count()  # a streamed table counts its rows in DuckDB and sends them in chunks
    fits = total <= max_rows - 1
    shown = total if fits else max_rows - 2  # room for the header and a note
    note = ""
    if not fits:
        cut = total - shown
        full_copy = f"{table.name}.csv / {table.name}.json"
        note = (
            f"已截断：另有 {cut} 行未写入，完整数据见 {full_copy}"
            if lang == "zh"
            else f"Cut: {cut} more rows not shown; the full table is in {full_copy}"
        )
    rendering = getattr(table, "rendering", None)  # reports._RenderedAsWritten
    head: Iterable[dict[str, Any]] = table.head(min(shown, _WIDTH_SAMPLE))
    if rendering is not None:
        head = map(rendering.row, head)
    sample = [table.cells(row) for row in head]
    widths = [_width(h, [cells[c] for cells in sample]) for c, h in enumerate(header)]
    rows: Iterable[Sequence[Any]]
    if getattr(table, "stream", None) is None and keys:
        rows = _row_cells(table.rows, shown, keys, rendering)
    else:
        rows = ([row.get(k, "") for k in keys] for row in table.head(shown))
    kinds = [COLUMN_KINDS.get(k, "") for k in keys]
    return SheetSpec(name, header, rows, shown, widths, note, kinds, totals, footer=_footer(lang))


_ROWS_AT_ONCE = 10_000


def _row_cells(
    rows: list[dict[str, Any]], shown: int, keys: list[str], rendering: Rendering | None
) -> Iterator[tuple[Any, ...]]:
    """The first `shown` rows' cells (row.get(k, "") of each key), rendered by `rendering` as
    vocab.localized renders a row: a column at a time, the same memo (vocab.Rendering), no
    rendered row dicts. A chunk where a row lacks a column goes row by row."""
    for start in range(0, shown, _ROWS_AT_ONCE):
        chunk = rows[start : min(start + _ROWS_AT_ONCE, shown)]
        try:
            columns = [list(map(itemgetter(k), chunk)) for k in keys]
        except KeyError:  # Rendering.row leaves a missing column out: "" in the sheet
            if rendering is not None:
                chunk = list(map(rendering.row, chunk))
            yield from (tuple(row.get(k, "") for k in keys) for row in chunk)
            continue
        if rendering is not None:
            columns = [
                _rendered(rendering, k, column) if k in rendering.keys else column
                for k, column in zip(keys, columns, strict=True)
            ]
        yield from zip(*columns, strict=True)


def _rendered(rendering: Rendering, key: str, values: list[Any]) -> list[Any]:
    """A column's values rendered (rendering.cell), each distinct value once where values a
    dict holds as one key render alike (reports.columnar), else value by value."""
    try:
        distinct = dict.fromkeys(values)
    except TypeError:  # a list or a dict in a cell
        return list(map(rendering.cell, repeat(key), values))
    if len(distinct) == len(values) or not renders_by_value(values, distinct):
        return list(map(rendering.cell, repeat(key), values))
    shown = {v: rendering.cell(key, v) for v in distinct}
    return list(map(shown.__getitem__, values))


def _summary_sheet(name: str, summary: dict[str, Any], tables: list[Table], lang: str) -> SheetSpec:
    """概要: the headline figures (typed) and the linkage rate by agency, lowest first, with a
    native bar chart of it."""
    from .markdown import headline_values

    title = vocab.word("title", lang)
    if summary.get("as_of"):
        title += f"（{summary['as_of']}）" if lang == "zh" else f" ({summary['as_of']})"
    rows: list[list[Any]] = [[], [Styled(vocab.word("figure", lang), BOLD),
                                  Styled(vocab.word("value", lang), BOLD)]]  # fmt: skip
    for label, value, is_rate in headline_values(summary, lang):
        rows.append([label, Styled(value, RATE) if is_rate else value])
    linkage = next((t for t in tables if t.name == "work_order_linkage"), None)
    linkage_rows: Iterable[dict[str, Any]] = linkage.rows if linkage else []
    rendering = getattr(linkage, "rendering", None)  # reports._RenderedAsWritten
    if rendering is not None:
        linkage_rows = map(rendering.row, linkage_rows)
    agencies = [r for r in linkage_rows if r.get("agency") != TOTAL]
    chart = None
    if linkage is not None and agencies:
        cols = {c.key: (c.zh if lang == "zh" else c.en) for c in linkage.columns}
        keys = ("agency", "work_orders", "linked", "linkage_rate")
        rows += [[], [Styled(cols[k], BOLD) for k in keys]]
        first = len(rows) + 1  # 0-based sheet row of the first agency (the title is row 0)
        agencies.sort(key=lambda r: (r.get("linkage_rate") is None, r.get("linkage_rate") or 0))
        for r in agencies:
            rows.append([r.get("agency"), r.get("work_orders"), r.get("linked"),
                         Styled(r.get("linkage_rate"), RATE)])  # fmt: skip
        chart = BarChart(vocab.word("chart_linkage", lang), first, len(rows), 0, 3)
    return SheetSpec(
        name, [title], iter(rows), len(rows), [30, 12, 12, 12], table=False, chart=chart,
        footer=_footer(lang),
    )  # fmt: skip
