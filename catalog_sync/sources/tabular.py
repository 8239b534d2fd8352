"""Reading spreadsheets as government offices send them.

CSV in UTF-8 (with or without BOM) or GB18030/GBK, XLSX with title rows or merged title cells
above the header, and JSON (a list of objects, or an object holding one). The header row is the
first row, among the first 30, in which the mapping recognises the required columns.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..mappings import Mapping, header_key

HEADER_SEARCH_ROWS = 30
MAX_FIELD = 10 * 1024 * 1024
csv.field_size_limit(MAX_FIELD)

_FIELD_LABELS = {
    "basic_code": "基本编码",
    "task_code": "实施编码",
    "name": "事项名称",
    "doc_no": "文号",
    "order_no": "办件编号",
}


@dataclass
class RawTable:
    """A source's rows with its header resolved to catalog-sync fields."""

    file: str  # as the user named it
    kind: str
    encoding: str
    header_row: int  # 1-based row number of the header in the file
    headers: list[str]
    columns: dict[str, int]  # field -> column index
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)

    def get(self, cells: list[str], name: str) -> str:
        i = self.columns.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i]

    def header_of(self, name: str) -> str:
        i = self.columns.get(name)
        return self.headers[i] if i is not None else name


def detect_encoding(data: bytes, display: str) -> str:
    """utf-8-sig when the bytes are UTF-8 (BOM or not), gb18030 when they are GB text."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            data.decode("utf-8-sig")
            return "utf-8-sig"
        except UnicodeDecodeError as e:
            raise _bad_bytes(display, data, e, "UTF-8") from None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as first:
        try:
            data.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError as second:
            # The encoding that read further is the file's: its error is where the bad bytes are.
            err = second if second.start > first.start else first
            raise _bad_bytes(display, data, err, "UTF-8 or GB18030/GBK") from None


def _bad_bytes(display: str, data: bytes, err: UnicodeDecodeError, expected: str) -> SourceError:
    line = data.count(b"\n", 0, err.start) + 1
    return SourceError(
        display,
        f"bytes at offset {err.start} are not {expected} text; re-save the file as UTF-8 "
        "or GB18030",
        row=line,
    )


def _sniff_kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if suffix in (".xlsx", ".xlsm"):
        return "not-xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".json" or stripped[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def read_grid(path: Path, display: str) -> tuple[str, list[list[str]]]:
    """(encoding or format, all rows as lists of text cells) from a CSV, XLSX or JSON file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise SourceError(display, "file not found") from None
    except IsADirectoryError:
        raise SourceError(display, "is a folder, expected a file") from None
    except OSError as e:
        raise SourceError(display, f"cannot read ({e.strerror})") from None
    kind = _sniff_kind(path, head)
    if kind == "xlsx":
        return "xlsx", _read_xlsx(path, display)
    if kind == "xls":
        raise SourceError(display, "is an old binary .xls workbook; save it as .xlsx or CSV")
    if kind == "not-xlsx":
        raise SourceError(display, "has an .xlsx name but is not an XLSX workbook")
    data = path.read_bytes()
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise SourceError(display, "is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(display, "contains NUL bytes: it is not a text table")
    encoding = detect_encoding(data, display)
    text = data.decode(encoding)
    if kind == "json":
        return encoding, _read_json(text, display)
    return encoding, _read_csv(text, display)


def _read_csv(text: str, display: str) -> list[list[str]]:
    sample = text[:65536]
    delimiter = ","
    first_lines = [ln for ln in sample.splitlines()[:HEADER_SEARCH_ROWS] if ln.strip()]
    if (
        first_lines
        and all("\t" in ln for ln in first_lines[-3:])
        and not any("," in ln for ln in first_lines[-3:])
    ):
        delimiter = "\t"
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as e:
        raise SourceError(display, f"is not a readable CSV table ({e})") from None


def _read_xlsx(path: Path, display: str) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(path) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise SourceError(display, "is a ZIP archive but not an XLSX workbook")
        wb = CalamineWorkbook.from_path(str(path))
        if not wb.sheet_names:
            raise SourceError(display, "the workbook has no sheets")
        sheet = wb.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except SourceError:
        raise
    except zipfile.BadZipFile:
        raise SourceError(display, "is not a readable XLSX workbook (damaged ZIP)") from None
    except Exception as e:  # calamine raises several of its own types for broken workbooks
        raise SourceError(
            display, f"is not a readable XLSX workbook ({type(e).__name__})"
        ) from None
    return [[_cell_text(c) for c in row] for row in rows]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _read_json(text: str, display: str) -> list[list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SourceError(display, f"is not valid JSON ({e.msg})", row=e.lineno) from None
    except RecursionError:
        raise SourceError(display, "JSON is nested too deeply") from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise SourceError(display, "JSON must be a list of records or hold exactly one list")
        data = lists[0]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise SourceError(display, "JSON must be a list of objects, one per row")
    keys: list[str] = []
    for rec in data:
        for k in rec:
            if k not in keys:
                keys.append(k)
    grid = [keys]
    for rec in data:
        grid.append([_json_cell(rec.get(k)) for k in keys])
    return grid


def _json_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return _cell_text(value)


def find_header(
    grid: list[list[str]], kind: str, mapping: Mapping, display: str
) -> tuple[int, dict[str, int]]:
    """(index of the header row, field -> column) for the first row naming the required fields."""
    aliases = mapping.aliases(kind)
    required = mapping.required.get(kind, [])
    best: tuple[int, dict[str, int]] | None = None
    for idx, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = resolve_columns(row, aliases)
        if all(f in columns for f in required):
            return idx, columns
        if columns and (best is None or len(columns) > len(best[1])):
            best = (idx, columns)
    if best is None:
        raise SourceError(
            display,
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: expected columns such as "
            + ", ".join(mapping.columns[kind][f][0] for f in required)
            + " (add your header names with --mapping)",
        )
    idx, columns = best
    missing = [f for f in required if f not in columns]
    names = ", ".join(f"{mapping.columns[kind][f][0]} ({f})" for f in missing)
    raise SourceError(
        display,
        f"required column {names} is absent from the header; map your header name to it in a "
        "--mapping file",
        row=idx + 1,
    )


def resolve_columns(row: list[str], aliases: dict[str, set[str]]) -> dict[str, int]:
    """field -> index of the first cell whose header matches one of the field's aliases."""
    keys = [header_key(c) for c in row]
    columns: dict[str, int] = {}
    for fname, names in aliases.items():
        for i, k in enumerate(keys):
            if k and k in names and i not in columns.values():
                columns[fname] = i
                break
    return columns


def read_table(path: Path, display: str, kind: str, mapping: Mapping) -> RawTable:
    """A source file as rows of text cells under a resolved header; blank rows dropped."""
    encoding, grid = read_grid(path, display)
    if not grid:
        raise SourceError(display, "is empty")
    idx, columns = find_header(grid, kind, mapping, display)
    headers = [str(h).strip() for h in grid[idx]]
    rows = [
        (idx + 2 + n, cells)
        for n, cells in enumerate(grid[idx + 1 :])
        if any(str(c).strip() for c in cells)
    ]
    return RawTable(display, kind, encoding, idx + 1, headers, columns, rows)


def iter_records(table: RawTable) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, field -> stripped text) for each data row."""
    fields = list(table.columns.items())
    for rownum, cells in table.rows:
        n = len(cells)
        yield rownum, {f: str(cells[i]).strip() if i < n else "" for f, i in fields}
