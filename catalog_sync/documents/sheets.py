"""Spreadsheets (XLSX, CSV) of an annex as paragraphs and tables.

Offices keep an annex as a sheet: title rows on top ("附件1", the annex title with its count,
often merged across the columns), then the table. Each sheet is cut into those parts: rows with a
single text before the table are paragraphs; from the first row with several cells on, rows
belong to the table until a row names the next annex (附件2) or a note (注：). A sheet named
附件… names its annex. Merged ranges are expanded like HTML spans.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from ..errors import SourceError
from ..sources.tabular import decode_text
from .html import squeeze
from .model import COL_COPY, OWN, ROW_COPY, Block, Cell, Document, Paragraph, Table

_BREAKS_TABLE = re.compile(r"^\s*(附\s*件|注\s*[:：]|备\s*注\s*[:：])")


def read_xlsx(data: bytes, name: str) -> Document:
    """Every sheet of a workbook, in order, as title paragraphs and a table."""
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise SourceError(name, "is a ZIP archive but not an XLSX workbook")
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for i, sheet_name in enumerate(wb.sheet_names):
            sheet = wb.get_sheet_by_index(i)
            values = sheet.to_python(skip_empty_area=False)
            sheets.append((sheet_name, values, sheet.merged_cell_ranges or []))
    except SourceError:
        raise
    except zipfile.BadZipFile:
        raise SourceError(name, "is not a readable XLSX workbook (damaged ZIP)") from None
    except Exception as e:  # calamine raises its own types for broken workbooks
        raise SourceError(name, f"is not a readable XLSX workbook ({type(e).__name__})") from None
    blocks: list[Block] = []
    for sheet_name, values, merged in sheets:
        if _BREAKS_TABLE.match(sheet_name):  # a sheet per annex, named 附件1 …
            blocks.append(Paragraph(squeeze(sheet_name), f"sheet {sheet_name}"))
        grid = _merged_grid(values, merged)
        blocks.extend(grid_blocks(grid, f"sheet {sheet_name}"))
    return Document(name, "xlsx", "xlsx", "", blocks)


def read_csv(data: bytes, name: str) -> Document:
    """A CSV (UTF-8 or GB18030, comma or tab separated) as title paragraphs and a table."""
    decoded = decode_text(data, name)
    encoding, text = decoded.encoding, decoded.text
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise SourceError(name, f"is not a readable CSV table ({e})") from None
    grid = [[Cell(c.strip()) for c in row] for row in rows]
    return Document(name, "csv", encoding, "", grid_blocks(grid, "table"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _merged_grid(values: list[list[Any]], merged: list[Any]) -> list[list[Cell]]:
    height = max([len(values)] + [int(r[1][0]) + 1 for r in merged])
    width = max([len(r) for r in values] + [int(r[1][1]) + 1 for r in merged] + [0])
    grid = [
        [Cell(_text(row[c]) if c < len(row) else "") for c in range(width)]
        for row in values + [[]] * (height - len(values))
    ]
    for (r0, c0), (r1, c1) in merged:
        text = grid[r0][c0].text
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Cell(text, ROW_COPY if r > r0 else COL_COPY)
    return grid


def grid_blocks(grid: list[list[Cell]], label: str) -> list[Block]:
    """Title rows as paragraphs, then the table, then again for a further annex on the sheet."""
    blocks: list[Block] = []
    table: list[list[Cell]] = []
    where: list[str] = []
    tables = 0

    def close() -> None:
        nonlocal tables
        if table:
            tables += 1
            name = label if tables == 1 else f"{label} ({tables})"
            blocks.append(Table(list(table), list(where), name))
            table.clear()
            where.clear()

    for i, row in enumerate(grid):
        texts = [c.text for c in row if c.text and c.span == OWN]
        if not texts:
            continue
        single = len(texts) == 1
        if single and (not table or _BREAKS_TABLE.match(texts[0])):
            close()
            blocks.append(Paragraph(squeeze(texts[0]), f"{label} row {i + 1}"))
            continue
        table.append(row)
        where.append(f"{label} row {i + 1}")
    close()
    return blocks
