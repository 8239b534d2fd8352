"""Reading spreadsheets as government offices send them, and as nobody should.

CSV in UTF-8 (with or without BOM) or GB18030/GBK, XLSX with title rows or merged title cells
above the header, and JSON (a list of objects, or an object holding one). The header row is the
first row, among the first HEADER_SEARCH_ROWS, in which the mapping recognises the required
columns.

Every read is bounded (see `limits.py`), and a row that cannot be used is rejected with its
reason rather than stopping the run: a line in another encoding than the rest of the file, too
many fields (an unquoted comma shifted the columns), too few (a field missing: the columns
cannot be lined up; padded in a file that drops the empty fields ending most rows), a
cell longer than Excel allows or holding a NUL, a repeated header (two exports joined), the last
row of a file cut inside a quoted cell. What cannot be read as a table at all (binary, XML,
truncated XLSX or JSON, a zip bomb) is a SourceError naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..errors import NoHeader, SourceError
from ..mappings import Mapping, header_key
from ..model import Said
from .limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_JSON_DEPTH,
    MAX_TEXT_BYTES,
    MiB,
)
from .notes import NOTE_REASON, any_line_note, any_may_be_note, is_note, may_be_note
from .pages import HEADER_AGAIN, TITLE_AGAIN, PageRepeats

# Cells are parsed whole, however long; a cell over MAX_CELL_CHARS then rejects its row.
csv.field_size_limit(MAX_TEXT_BYTES)

_BOM = b"\xef\xbb\xbf"
_NO_CELLS: list[str] = []  # shared by every blank spreadsheet row; never mutated
_SENTINEL = "\ufdd0catalog-sync:end"  # a record only an unterminated quote can swallow
# Python 3.10's csv refuses a whole text holding a NUL ("line contains NUL"); there a NUL is
# parsed as a noncharacter standing in for it, so only its row is rejected, as on 3.11+.
NUL = "\x00" if sys.version_info >= (3, 11) else "\ufffe"
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_TEXT = "a value holds an unpaired surrogate (\\ud800-\\udfff): it is not text"
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


@dataclass
class Grid:
    """Every row of a file as text cells (blank rows included, so row numbers are the
    spreadsheet's), the rows already known to be unusable and why, and warnings."""

    encoding: str
    rows: list[list[str]]
    problems: dict[int, str] = field(default_factory=dict)  # grid index -> reason
    text: bool = False  # CSV/TSV: field counts are checked against the header
    warnings: list[str] = field(default_factory=list)
    # XLSX: column -> (grid index of the row, kind) of its numbers of more than 15 digits
    # (_LongNumber); read_table names a column whose numbers lost digits in a warning
    long_numbers: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


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
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, reason, column)
    warnings: list[str] = field(default_factory=list)
    # field -> the name a person knows it by (the mapping's first header for it), for a
    # message about a column the file does not have
    names: dict[str, str] = field(default_factory=dict)
    sheet: str = ""  # the workbook's sheet it is on, when it names one (read_tables)

    def get(self, cells: list[str], name: str) -> str:
        i = self.columns.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i]

    def header_of(self, name: str) -> str:
        """The file's header of a field, else the mapping's first name for it."""
        i = self.columns.get(name)
        return self.headers[i] if i is not None else self.names.get(name, name)


# --- bytes to text --------------------------------------------------------------------------


@dataclass
class Decoded:
    """A text file's content, its encoding, and the physical lines (1-based) in another one."""

    encoding: str
    text: str
    foreign: dict[int, str] = field(default_factory=dict)  # line -> why its row is rejected


# The kinds of line decode_text tells apart.
_ASCII, _UTF8, _GB18030_ONLY, _NEITHER = 0, 1, 2, 3


def decode_text(data: bytes, display: str) -> Decoded:
    """UTF-8 (BOM or not) or GB18030/GBK, decided line by line when the file is not all one.

    The encoding of most lines is the file's; a line in the other one (a UTF-8 line pasted into
    a GBK file, a GBK line in a UTF-8 file) or in neither is kept apart so its row can be
    rejected instead of read as mojibake. A file whose lines are mostly neither is not text.
    """
    bom = data.startswith(_BOM)
    body = data[3:] if bom else data
    try:
        return Decoded("utf-8-sig" if bom else "utf-8", body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lines = body.splitlines(keepends=True)
    kinds, first_bad = _line_kinds(lines, len(data) - len(body))
    _refuse_mostly_not_text(kinds, first_bad, display)
    main = "utf-8" if kinds.count(_UTF8) >= kinds.count(_GB18030_ONLY) else "gb18030"
    label = ("utf-8-sig" if bom else "utf-8") if main == "utf-8" else "gb18030"
    text, foreign = _decode_lines(lines, kinds, main)
    return Decoded(label, text, foreign)


def _line_kind(line: bytes) -> tuple[int, int | None]:
    """Which encodings read the line, and for a line neither reads the offset in it of the
    first byte GB18030 cannot read (None otherwise)."""
    if line.isascii():
        return _ASCII, None
    try:
        line.decode("utf-8")
        return _UTF8, None
    except UnicodeDecodeError:
        pass
    try:
        line.decode("gb18030")
    except UnicodeDecodeError as e:
        return _NEITHER, e.start
    return _GB18030_ONLY, None


def _line_kinds(lines: list[bytes], offset: int) -> tuple[list[int], tuple[int, int] | None]:
    """The kind of every line, and where the first line neither encoding reads goes wrong:
    (line index, byte offset in the file); offset is where the first line starts in the file."""
    kinds: list[int] = []
    first_bad: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        kind, bad_at = _line_kind(line)
        if bad_at is not None and first_bad is None:
            first_bad = (i, offset + bad_at)
        kinds.append(kind)
        offset += len(line)
    return kinds, first_bad


def _refuse_mostly_not_text(
    kinds: list[int], first_bad: tuple[int, int] | None, display: str
) -> None:
    """A file with more lines in neither encoding than in UTF-8 and GB18030 together is not
    text: refused, naming the first byte that is neither."""
    utf8, gb, bad = kinds.count(_UTF8), kinds.count(_GB18030_ONLY), kinds.count(_NEITHER)
    if bad > utf8 + gb and first_bad is not None:
        line_no, at = first_bad
        raise SourceError(
            display,
            f"bytes at offset {at} are not UTF-8 or GB18030/GBK text; re-save the file as "
            "UTF-8 or GB18030",
            row=line_no + 1,
        )


def _decode_lines(lines: list[bytes], kinds: list[int], main: str) -> tuple[str, dict[int, str]]:
    """The text, each line in the encoding it is in, and why each line not in the file's main
    encoding (1-based) is rejected; a line in neither is read in the main one, with
    replacement characters."""
    other = "GB18030" if main == "utf-8" else "UTF-8"
    parts: list[str] = []
    foreign: dict[int, str] = {}
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind == _NEITHER:
            parts.append(line.decode(main, "replace"))
            foreign[i + 1] = (
                "holds bytes that are neither UTF-8 nor GB18030/GBK text; re-save the file in "
                "one encoding"
            )
        elif (kind == _GB18030_ONLY and main == "utf-8") or (kind == _UTF8 and main == "gb18030"):
            parts.append(line.decode("gb18030" if kind == _GB18030_ONLY else "utf-8"))
            foreign[i + 1] = (
                f"is {other} text in a {main.upper()} file (mixed encodings); check the row "
                "and re-save the file in one encoding"
            )
        else:
            parts.append(line.decode(main))
    return "".join(parts), foreign


# --- what a file is -------------------------------------------------------------------------


def sniff_kind(path: Path, head: bytes) -> str:
    """xlsx, json or csv for what can be read; another word for what is refused (see below)."""
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if suffix in (".xlsx", ".xlsm"):
        return "not-xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"<":
        return "xml"
    if stripped[:1] in (b"[", b"{"):
        return "json"
    return "csv"


_REFUSED = {
    "ole": "is an old binary .xls workbook or a password-protected one; save it as .xlsx "
    "without a password, or as CSV",
    "pdf": "is a PDF document, not a table; export the table as CSV or XLSX",
    "utf-16": "is UTF-16 text (Excel's 'Unicode text'); save it as CSV UTF-8",
    "not-xlsx": "has an .xlsx name but is not an XLSX workbook",
    "xml": "is an XML or HTML document (RDF?), not a table: refused unread (XML entities are "
    "never expanded); give a CSV, XLSX or JSON table",
}


def refuse_special_file(path: Path, display: str) -> None:
    """A pipe, socket or device is refused before it is opened: opening a pipe waits for a
    writer, for ever. A path that cannot be looked at is left to the opening to name."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise SourceError(
            display, "is not a regular file (a pipe, socket or device); save it to a file first"
        )


def read_head(path: Path, display: str, n: int = 4096) -> tuple[bytes, int]:
    """(first n bytes, size) of a file, or a SourceError saying why it cannot be read."""
    refuse_special_file(path, display)
    try:
        with path.open("rb") as fh:
            head = fh.read(n)
        return head, path.stat().st_size
    except FileNotFoundError:
        raise SourceError(display, "file not found") from None
    except IsADirectoryError:
        raise SourceError(display, "is a folder, expected a file") from None
    except OSError as e:
        raise SourceError(display, f"cannot read ({e.strerror})") from None


@dataclass
class Sheet:
    """One sheet of a workbook; a CSV or JSON file is one sheet without a name."""

    name: str
    grid: Grid
    hidden: bool = False


def read_grid(path: Path, display: str) -> Grid:
    """All rows of a CSV or JSON file, or of a workbook's first sheet, as text cells."""
    sheets = read_sheets(path, display)
    if not sheets[0].grid.rows and len(sheets) > 1:
        raise SourceError(display, _first_sheet_empty(sheets[0].name))
    return sheets[0].grid


def read_sheets(path: Path, display: str) -> list[Sheet]:
    """All rows of a CSV or JSON file, or of every sheet of a workbook, as text cells, within
    the limits of limits.py (MAX_CELLS over all the sheets together)."""
    head, size = read_head(path, display)
    kind = sniff_kind(path, head)
    if kind in _REFUSED:
        raise SourceError(display, _REFUSED[kind])
    if kind == "xlsx":
        return _read_xlsx(path, display)
    return [Sheet("", _read_text(path, display, kind, size))]


def _read_text(path: Path, display: str, kind: str, size: int) -> Grid:
    """A CSV, TSV or JSON file's rows."""
    if size > MAX_TEXT_BYTES:
        raise SourceError(
            display,
            f"is {size / MiB:,.0f} MiB; tables read whole are limited to "
            f"{MAX_TEXT_BYTES // MiB} MiB (split the file)",
        )
    data = path.read_bytes()
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise SourceError(display, "is empty")
    if b"\x00" in data[:4096]:
        raise SourceError(display, "contains NUL bytes: it is not a text table")
    decoded = decode_text(data, display)
    if kind == "json":
        return _read_json(decoded, display)
    return _read_csv(decoded, display)


# --- CSV ------------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """Tab when the last of the first lines are tab- and not comma-separated, else comma."""
    lines = [ln for ln in text[:65536].splitlines()[:HEADER_SEARCH_ROWS] if ln.strip()]
    last = lines[-3:]
    if last and all("\t" in ln for ln in last) and not any("," in ln for ln in last):
        return "\t"
    return ","


def _read_csv(decoded: Decoded, display: str) -> Grid:
    """Rows of a CSV/TSV text; a BOM inside the text (files joined together) is dropped.

    A sentinel record is parsed after the text: if the last record swallows it, that record
    opened a quote it never closed.
    """
    text = decoded.text.replace("\ufeff", "")
    if NUL != "\x00":
        text = text.replace("\x00", NUL)
    delimiter = sniff_delimiter(text)
    foreign = sorted(decoded.foreign)
    reader = csv.reader(io.StringIO(text + "\n" + _SENTINEL, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    problems: dict[int, str] = {}
    cells = 0
    first_line = 1
    try:
        for row in reader:
            if foreign:
                at = bisect_left(foreign, first_line)
                if at < len(foreign) and foreign[at] <= reader.line_num:
                    problems[len(rows)] = decoded.foreign[foreign[at]]
            first_line = reader.line_num + 1
            cells += len(row)
            if cells > MAX_CELLS:
                raise SourceError(display, f"holds more than {MAX_CELLS:,} cells; split the file")
            rows.append(row if row else _NO_CELLS)
    except csv.Error as e:
        raise SourceError(display, f"is not a readable CSV table ({e})") from None
    if rows and rows[-1] == [_SENTINEL]:
        rows.pop()
    else:
        _unclosed_quote(rows, problems, display)
    while rows and not rows[-1]:
        rows.pop()  # the line break the sentinel needed
    return Grid(decoded.encoding, rows, problems, text=True)


def _unclosed_quote(rows: list[list[str]], problems: dict[int, str], display: str) -> None:
    """The last record opened a quote it never closed: reject it when it is the file's last
    line (a truncated file), stop when it swallowed later lines (they cannot be told apart)."""
    last = rows[-1]
    last[-1] = last[-1][: -len("\n" + _SENTINEL)].rstrip("\r\n")
    if any("\n" in c or "\r" in c for c in last):
        raise SourceError(
            display,
            "a quoted cell opened on this row is never closed, so every later line would be "
            "part of it; close the quote or remove it",
            row=len(rows),
        )
    problems[len(rows) - 1] = (
        "the file ends inside a quoted cell of this row (the file is cut short?)"
    )


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(path: Path, display: str) -> list[Sheet]:
    """Every worksheet (chart sheets have no cells), hidden ones too, after xlsx_guard has
    checked the archive; blank rows kept as rows. The workbook's warnings (external links) go
    with its first sheet. calamine holds one sheet at a time; the cells kept are counted over
    all of them against MAX_CELLS."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    from .xlsx_guard import check_xlsx

    report = check_xlsx(path, display)
    sheets: list[Sheet] = []
    cells = 0
    try:
        wb = CalamineWorkbook.from_path(str(path))
        if not wb.sheet_names:
            raise SourceError(display, "the workbook has no sheets")
        for index, meta in enumerate(wb.sheets_metadata):
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            grid, cells = _read_worksheet(wb.get_sheet_by_index(index), display, cells)
            hidden = meta.visible != SheetVisibleEnum.Visible
            sheets.append(Sheet(str(meta.name), grid, hidden))
    except SourceError:
        raise
    except BaseException as e:  # calamine's own errors; a Rust panic arrives as a BaseException
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise
        raise SourceError(
            display, f"is not a readable XLSX workbook ({type(e).__name__})"
        ) from None
    if not sheets:
        raise SourceError(display, "the workbook has no worksheets (only charts)")
    sheets[0].grid.warnings.extend(report.warnings)
    return sheets


def _read_worksheet(sheet: Any, display: str, cells: int) -> tuple[Grid, int]:
    """A sheet's rows, and the cells read so far (`cells` before it) over the workbook."""
    rows: list[list[str]] = []
    long: dict[int, list[tuple[int, str]]] = {}
    for row in sheet.iter_rows():
        texts = [_cell_text(c) for c in row]
        cells += len(texts)
        if cells > MAX_CELLS:
            raise SourceError(display, f"holds more than {MAX_CELLS:,} cells; split the file")
        if not _LONG_NUMBERS.isdisjoint(map(type, texts)):
            _note_long_numbers(texts, len(rows), long)
        rows.append(texts if any(texts) else _NO_CELLS)
    _fill_merged_down(rows, sheet.merged_cell_ranges or [], sheet.start[1] if sheet.start else 0)
    while rows and not rows[-1]:
        rows.pop()
    return Grid("xlsx", rows, long_numbers=long), cells


def _first_sheet_empty(name: str) -> str:
    """Only the first sheet is read: a workbook whose table sits on a later sheet is not empty,
    and "is empty" would send the user looking for a fault in the file."""
    return (
        f"the first sheet ('{name}') is empty, and only the first sheet is read: "
        "move the sheet holding the table to the front"
    )


def _fill_merged_down(
    rows: list[list[str]], merged: list[tuple[tuple[int, int], tuple[int, int]]], first_col: int
) -> None:
    """A cell merged over several rows (a 主项名称 spanning its 子项, an agency spanning its
    items) holds its value for every row it spans: the value is written down the range's first
    column. Across columns nothing is copied (a header merged over two columns stays one)."""
    for (top, left), (bottom, _) in merged:
        col = left - first_col
        if bottom <= top or col < 0 or top >= len(rows) or col >= len(rows[top]):
            continue
        value = rows[top][col]
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[r] if rows[r] is not _NO_CELLS else []
            row = row + [""] * (col + 1 - len(row)) if len(row) <= col else row
            if not row[col]:
                row[col] = value
            rows[r] = row


class _LongNumber(str):
    """The text of an integral number of more than 15 digits in a workbook, by how it was kept:
    Excel keeps 15 significant digits (a 20-digit 办件编号 typed as a number is stored as
    11511602202603000000), a double no more than 2^53 exactly."""

    kind = ""


class _LostDigits(_LongNumber):
    """Over 2^53: held rounded, its digits past the 15th lost for sure."""

    kind = "lost"


class _Zeroed(_LongNumber):
    """Up to 2^53, its digits past the 15th all zeros: Excel's dropping them, unless its column
    holds exact ones too (a program wrote the file)."""

    kind = "zeroed"


class _Exact(_LongNumber):
    """Up to 2^53 with digits past the 15th: written exactly, by a program."""

    kind = "exact"


_LONG_NUMBERS = {_LostDigits, _Zeroed, _Exact}
_EXACT = 2**53  # integers up to this are exact in a double


def _note_long_numbers(
    texts: list[str], index: int, long: dict[int, list[tuple[int, str]]]
) -> None:
    """The row's long numbers noted by column and kind (and made plain text again)."""
    for col, text in enumerate(texts):
        if isinstance(text, _LongNumber):
            long.setdefault(col, []).append((index, text.kind))
            texts[col] = str(text)


def _number_text(value: float) -> str:
    """An integral number of more than 15 digits, as Excel shows it: beyond 2^53 a double holds
    it rounded, and the digits past the 15th that its exact value shows were never typed, so
    it is written with its first 15 significant digits and zeros. Its kind of _LongNumber says
    whether digits were lost."""
    if abs(value) > _EXACT:
        return _LostDigits(str(int(Decimal(f"{value:.15g}"))))
    text = str(int(value))
    return _Zeroed(text) if not text.lstrip("-")[15:].strip("0") else _Exact(text)


def lost_digits_warnings(grid: Grid, header: int, headers: list[str], display: str) -> list[str]:
    """A warning per column whose numbers below the header lost their digits past the 15th:
    those over 2^53, and those ending in zeros past the 15th in a column with no exact one."""
    out = []
    for col, found in sorted(grid.long_numbers.items()):
        kinds = [kind for row, kind in found if row > header]
        n = kinds.count("lost") + (kinds.count("zeroed") if "exact" not in kinds else 0)
        if n:
            name = headers[col] if col < len(headers) and headers[col] else "?"
            out.append(
                Said(
                    f"{display}: column {column_letter(col)} ({name}) holds {n} number"
                    f"{'s' if n > 1 else ''} of more than 15 digits: Excel keeps 15 significant "
                    "digits, so the digits after them were lost (read as zeros) and rows whose "
                    "numbers agree in those can no longer be told apart; store codes as text"
                )
            )
    return out


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        if -1e15 < value < 1e15:
            return str(int(value))
        return _number_text(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    return text.replace("\ufeff", "") if "\ufeff" in text else text


# --- JSON -----------------------------------------------------------------------------------


class _Pairs(dict[str, Any]):
    """A JSON object that named a key more than once (json keeps only the last silently)."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    dup = _Pairs(obj)
    seen: set[str] = set()
    dup.duplicates = []
    for k, _ in pairs:
        if k in seen:
            dup.duplicates.append(k)
        seen.add(k)
    return dup


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (strings skipped), without parsing it."""
    brackets = _JSON_BRACKETS.findall(_JSON_STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)


def _read_json(decoded: Decoded, display: str) -> Grid:
    if decoded.foreign:
        line = min(decoded.foreign)
        raise SourceError(display, decoded.foreign[line], row=line)
    text = decoded.text
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise SourceError(
            display, f"JSON is nested {depth:,} levels deep; at most {MAX_JSON_DEPTH} are read"
        )
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as e:
        raise SourceError(display, f"is not valid JSON ({e.msg})", row=e.lineno) from None
    except RecursionError:
        raise SourceError(display, "JSON is nested too deeply") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise SourceError(
            display, "is not readable JSON (a number of more than 4,300 digits)"
        ) from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise SourceError(display, "JSON must be a list of records or hold exactly one list")
        data = lists[0]
    if not isinstance(data, list) or not any(isinstance(r, dict) for r in data):
        if isinstance(data, list) and not data:
            raise SourceError(display, "is empty (a JSON list without records)")
        raise SourceError(display, "JSON must be a list of objects, one per row")
    keys: dict[str, None] = {}
    for rec in data:
        if isinstance(rec, dict):
            keys.update(dict.fromkeys(rec))
            if len(keys) > MAX_COLUMNS:
                raise SourceError(display, f"JSON records name more than {MAX_COLUMNS:,} keys")
    if len(data) * len(keys) > MAX_CELLS:
        raise SourceError(display, f"holds more than {MAX_CELLS:,} cells; split the file")
    names = list(keys)
    grid: list[list[str]] = [[_SURROGATE.sub("\ufffd", k) for k in names]]
    problems: dict[int, str] = {}
    for rec in data:
        if isinstance(rec, dict):
            cells = [_json_cell(rec.get(k)) for k in names]
        else:
            problems[len(grid)] = f"is a JSON {type(rec).__name__}, not an object"
            cells = [_json_cell(rec)]
        if any(_SURROGATE.search(c) for c in cells):
            problems[len(grid)] = _NOT_TEXT
            cells = [_SURROGATE.sub("\ufffd", c) for c in cells]
        if isinstance(rec, _Pairs):
            key = _SURROGATE.sub("\ufffd", rec.duplicates[0][:40])
            problems[len(grid)] = f"names the key '{key}' twice"
        grid.append(cells)
    return Grid(decoded.encoding, grid, problems)


def _json_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(_cell_text(value))


# --- header and rows ------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """0-based column index as a spreadsheet shows it: 0 -> A, 27 -> AB."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


# How each kind of source is recognised by its columns: fields (of a kind's mapping) its header
# has, and fields it lacks. A header with another kind's signature and not its own is the wrong
# file. Checked in this order.
SIGNATURES: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "work_orders": ((("work_orders", "order_no"), ("work_orders", "accept_time")), ()),
    "decisions": ((("decisions", "action"), ("decisions", "name")), (("list", "task_code"),)),
    "list": (
        (("list", "task_code"), ("list", "name")),
        (("work_orders", "order_no"), ("work_orders", "accept_time")),
    ),
    "catalogue": (
        (("catalogue", "basic_code"), ("catalogue", "name")),
        (("list", "task_code"), ("work_orders", "order_no")),
    ),
}
_KIND_WORDS = {
    "work_orders": ("a work-order", "--work-orders"),
    "decisions": ("a decision", "--decisions"),
    "list": ("an implementation-list", "--list"),
    "catalogue": ("a catalogue", "--catalogue"),
}


def _signature_cells(row: list[str], kind: str, mapping: Mapping) -> list[str] | None:
    """The header cells that make `row` a header of `kind`, or None when it is not one."""
    has, lacks = SIGNATURES[kind]
    cells = []
    for of, name in (*has, *lacks):
        columns = resolve_columns(row, {name: mapping.aliases(of).get(name, [])})
        if (name in columns) != ((of, name) in has):
            return None
        if name in columns:
            cells.append(row[columns[name]].strip())
    return cells


# What a command taking one kind of file says of a file of another kind (reading_for); None:
# diff, whose options take every kind.
_TAKES: ContextVar[str | None] = ContextVar("takes", default=None)


@contextmanager
def reading_for(takes: str) -> Iterator[None]:
    """Files read for a command that has no --catalogue, --list…: a file of another kind is
    told what the command takes (`takes`), not offered a diff option the command lacks."""
    token = _TAKES.set(takes)
    try:
        yield
    finally:
        _TAKES.reset(token)


def refuse_other_kind(row: list[str], kind: str, mapping: Mapping, display: str, idx: int) -> None:
    """Stop on a header that is another kind of source's and not this kind's."""
    row = row[:MAX_COLUMNS]
    if kind not in SIGNATURES or _signature_cells(row, kind, mapping) is not None:
        return
    for other in SIGNATURES:
        cells = _signature_cells(row, other, mapping) if other != kind else None
        if cells:
            what, option = _KIND_WORDS[other]
            takes = _TAKES.get()
            hint = (
                f"{takes} ({what} file goes to diff {option})"
                if takes
                else f"did you mean {option}?"
            )
            raise NoHeader(
                display,
                f"this looks like {what} file ({', '.join(cells)}): {hint}",
                why="other_kind",
                row=idx + 1,
            )


def find_header(
    grid: list[list[str]], kind: str, mapping: Mapping, display: str
) -> tuple[int, dict[str, int]]:
    """(index of the header row, field -> column) for the first row naming the required fields;
    a header of another kind of source stops the run (refuse_other_kind)."""
    aliases = mapping.aliases(kind)
    required = mapping.required_alternatives(kind)
    best: tuple[int, dict[str, int]] | None = None
    for idx, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = resolve_columns(row[:MAX_COLUMNS], aliases)
        if columns or any(c.strip() for c in row[:MAX_COLUMNS]):
            refuse_other_kind(row, kind, mapping, display, idx)
        if all(any(f in columns for f in alt) for alt in required):
            needed = {columns[f] for alt in required for f in alt if f in columns}
            lower = _header_continued(grid, idx, aliases, needed)
            if lower is not None and all(any(f in lower[1] for f in alt) for alt in required):
                grid[idx + 1] = lower[0]
                idx, row, columns = idx + 1, lower[0], lower[1]
            _refuse_duplicate_headers(row[:MAX_COLUMNS], columns, idx, display)
            if any(str(c).strip() for c in row[MAX_COLUMNS:]):  # not cut off without a word
                raise SourceError(
                    display, f"has more than {MAX_COLUMNS:,} columns; split the file", row=idx + 1
                )
            return idx, columns
        if columns and (best is None or len(columns) > len(best[1])):
            best = (idx, columns)
    if best is None:
        raise NoHeader(
            display,
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: expected columns such as "
            + ", ".join(" / ".join(mapping.columns[kind][f][0] for f in alt) for alt in required)
            + " (add your header names with --mapping)",
            why="none",
        )
    idx, columns = best
    missing = [alt for alt in required if not any(f in columns for f in alt)]
    names = ", ".join(
        " / ".join(f"{mapping.columns[kind][f][0]} ({f})" for f in alt) for alt in missing
    )
    raise NoHeader(
        display,
        f"required column {names} is absent from the header; map your header name to it in a "
        "--mapping file",
        why="partial",
        row=idx + 1,
    )


def _header_continued(
    grid: list[list[str]], idx: int, aliases: dict[str, list[str]], needed: set[int]
) -> tuple[list[str], dict[str, int]] | None:
    """A header written over two rows, as spreadsheets merge it (事项名称 over 主项名称 |
    子项名称; 实施编码 merged down both rows): the one header row and its columns, the lower row's
    names over the upper's, when the row below the header holds, under the required columns
    (`needed`), nothing, the cell above again or a column name, and one cell names a column
    the header row does not; its other cells may name columns no mapping knows (说明 under
    备注). Else None: that row is data. `find_header` puts the combined row in the lower row's
    place."""
    if idx + 1 >= len(grid):
        return None
    upper, lower = grid[idx][:MAX_COLUMNS], grid[idx + 1][:MAX_COLUMNS]
    known = {header_key(a) for names in aliases.values() for a in names}
    combined = list(upper) + [""] * (len(lower) - len(upper))
    adds = False
    for i, cell in enumerate(lower):
        key = header_key(cell)
        if not key or key == header_key(combined[i]):
            continue
        if key not in known:
            if i in needed:
                return None
        else:
            adds = adds or key not in {header_key(c) for c in upper}
        combined[i] = cell
    if not adds:
        return None
    return combined, resolve_columns(combined, aliases)


def _refuse_duplicate_headers(
    row: list[str], columns: dict[str, int], idx: int, display: str
) -> None:
    """Two columns under one recognised header: which holds the data cannot be guessed."""
    keys = [header_key(c) for c in row]
    for i in sorted(columns.values()):
        twin = next((j for j, k in enumerate(keys) if k == keys[i] and j != i), None)
        if twin is not None:
            raise SourceError(
                display,
                f"the header {row[i].strip()} names columns {column_letter(min(i, twin))} and "
                f"{column_letter(max(i, twin))}; rename or remove one of them",
                row=idx + 1,
            )


def resolve_columns(row: list[str], aliases: dict[str, list[str]]) -> dict[str, int]:
    """field -> index of the cell whose header is the field's earliest alias (Mapping.aliases'
    order), the leftmost of equals; a cell serves one field. An export holding both 事项编码 and
    实施编码 has its work orders' codes read from 实施编码, the standard name, wherever it
    stands: the leftmost match would link them by the other column."""
    keys = [header_key(c) for c in row]
    columns: dict[str, int] = {}
    for fname, names in aliases.items():
        rank = {name: r for r, name in enumerate(names)}
        found = [(rank[k], i) for i, k in enumerate(keys) if k in rank]
        free = [hit for hit in found if hit[1] not in columns.values()]
        if free:
            columns[fname] = min(free)[1]
    return columns


def read_table(path: Path, display: str, kind: str, mapping: Mapping) -> RawTable:
    """The one table of a source file (read_tables); a workbook holding tables on several
    sheets is refused here: its reader must take each (read_tables)."""
    tables = read_tables(path, display, kind, mapping)
    if len(tables) > 1:
        names = ", ".join(t.file for t in tables)
        raise SourceError(display, f"holds a table on each of several sheets ({names})")
    return tables[0]


def read_tables(path: Path, display: str, kind: str, mapping: Mapping) -> list[RawTable]:
    """A source file as tables of text cells under a resolved header, blank rows dropped,
    unusable rows rejected with their reason: one for a CSV or JSON file, one per sheet of a
    workbook in which a header is found (find_header, the same rules on every sheet).

    A table's `file` is the file as named when it is the workbook's first sheet and no other
    sheet holds a table (so a one-sheet workbook's finding ids stay as they were), else
    `file#sheet`, which is how rejected_rows and source_file name its rows. A sheet holding
    cells and no header is named in a warning on stderr; when no sheet has a header the error
    names every sheet looked at. An empty sheet is passed over."""
    sheets = read_sheets(path, display)
    if len(sheets) == 1:
        grid = sheets[0].grid
        if not grid.rows:
            raise SourceError(display, "is empty")
        idx, columns = find_header(grid.rows, kind, mapping, display)
        table = _read_rows(grid, idx, columns, display, kind, mapping)
        table.sheet = sheets[0].name  # a one-sheet workbook's sheet name may give the action
        return [table]
    found: list[tuple[int, int, dict[str, int]]] = []  # (sheet, header index, columns)
    skipped: list[tuple[Sheet, NoHeader]] = []
    for n, sheet in enumerate(sheets):
        if not any(sheet.grid.rows):
            continue
        try:
            idx, columns = find_header(sheet.grid.rows, kind, mapping, f"{display}#{sheet.name}")
        except NoHeader as e:
            skipped.append((sheet, e))
            continue
        found.append((n, idx, columns))
    if not found:
        raise _no_sheet_read(display, sheets, skipped)
    alone = len(found) == 1 and found[0][0] == 0
    tables = []
    for n, idx, columns in found:
        sheet = sheets[n]
        place = display if alone else f"{display}#{sheet.name}"
        table = _read_rows(sheet.grid, idx, columns, place, kind, mapping)
        table.sheet = sheet.name
        if sheet.hidden:
            table.warnings.append(f"{place}: the sheet is hidden in the workbook; it was read")
        tables.append(table)
    tables[0].warnings[:0] = sheets[0].grid.warnings if found[0][0] else []  # external links
    tables[0].warnings += [
        Said(f"{display}: sheet '{sheet.name}' skipped: {e.detail}") for sheet, e in skipped
    ]
    return tables


def _no_sheet_read(
    display: str, sheets: list[Sheet], skipped: list[tuple[Sheet, NoHeader]]
) -> SourceError:
    """Why no sheet of a workbook was read: empty, or no header on any (the sheets named)."""
    if not skipped:
        return SourceError(display, f"is empty (none of its {len(sheets)} sheets holds a cell)")
    if len(skipped) == 1:
        sheet, e = skipped[0]
        where = display if sheet is sheets[0] else f"{display}#{sheet.name}"
        return NoHeader(where, e.detail, why=e.why, row=e.row)
    sheet, e = min(skipped, key=lambda s: NoHeader.ORDER.index(s[1].why))
    looked = ", ".join(f"'{s.name}'" for s, _ in skipped)
    at = f" row {e.row}" if e.row else ""
    return SourceError(
        display,
        f"none of its sheets has a header ({looked} looked at): sheet '{sheet.name}'{at}: "
        + e.detail,
    )


def _read_rows(
    grid: Grid, idx: int, columns: dict[str, int], display: str, kind: str, mapping: Mapping
) -> RawTable:
    """The table of a grid whose header is row `idx`: its rows, used or rejected."""
    header = grid.rows[idx]
    headers = [str(h).strip() for h in header]
    names = {f: aliases[0] for f, aliases in mapping.columns.get(kind, {}).items() if aliases}
    table = RawTable(
        display, kind, grid.encoding, idx + 1, headers, columns,
        warnings=grid.warnings + lost_digits_warnings(grid, idx, headers, display),
        names=names,
    )  # fmt: skip
    required = {
        f: columns[f] for alt in mapping.required_alternatives(kind) for f in alt if f in columns
    }
    lined_up = short_rows_rejected_from(grid, idx, headers) if grid.text else 0
    page = PageRepeats.of(grid.rows, idx)
    plainly_usable = _plain_row_test(headers, required, grid.text, lined_up, page)
    plain = _all_rows_plain(grid, idx, headers, required, lined_up, page)
    if plain is not None:
        table.rows = plain
        return table
    for n in range(idx + 1, len(grid.rows)):
        cells = grid.rows[n]
        joined = "".join(cells)
        if not joined or joined.isspace():  # a blank row: no cell holds more than whitespace
            continue
        reason = grid.problems.get(n)
        column = ""
        if reason is None:
            if plainly_usable(cells, joined):
                table.rows.append((n + 1, cells))
                continue
            reason = _page_repeat(grid.rows, n, page)
            if not reason:
                reason, column = _row_problem(cells, headers, required, grid.text, lined_up)
        if reason:
            table.rejected.append((n + 1, reason, column))
        else:
            table.rows.append((n + 1, cells))
    return table


def _page_repeat(rows: list[list[str]], n: int, page: PageRepeats) -> str:
    """Why row `n` is not a record when it is the header or the title again (pages.py)."""
    if page.is_header(rows[n]):
        return HEADER_AGAIN
    after = next((r for r in rows[n + 1 :] if "".join(r).strip()), [])
    return TITLE_AGAIN if page.is_title(rows[n], page.is_header(after)) else ""


def named_width(headers: list[str]) -> int:
    """How many fields of a CSV row the header names: up to its last named column (a header
    ending in empty fields, `a,b,c,,`, names three)."""
    named = len(headers)
    while named and not str(headers[named - 1]).strip():
        named -= 1
    return named


def pads_short_rows(short: int, rows: int) -> bool:
    """Whether a CSV file's exporter drops the empty fields that end a row (some do, on every
    row): more than half of the `rows` holding something are `short` (fewer fields than the
    header names). Then a short row is read with its missing fields empty; in any other file a
    short row lacks a field somewhere, and the cells after it would stand under the wrong
    headers (an applicant's name under 办件编号): it is rejected."""
    return short * 2 > rows


def short_rows_rejected_from(grid: Grid, idx: int, headers: list[str]) -> int:
    """The fields a CSV row must have not to be rejected as short (short_row_reason): the
    header's named width, or 0 when the file pads short rows (pads_short_rows)."""
    named = named_width(headers)
    data = grid.rows[idx + 1 :]
    short = [r for r in data if len(r) < named]
    if not short:
        return named
    apart = sum(1 for r in short if not "".join(r).strip() or is_note(r))  # blank, or a note
    return 0 if pads_short_rows(len(short) - apart, len(data) - apart) else named


def short_row_reason(fields: int, width: int) -> str:
    """Why a CSV row with fewer fields than its header is rejected."""
    return (
        f"has {fields} field{'s' if fields != 1 else ''} where the header has {width}: the "
        "columns cannot be lined up (a field is missing, so the cells after it would stand "
        "under the wrong headers); add the missing field"
    )


def _all_rows_plain(
    grid: Grid,
    idx: int,
    headers: list[str],
    required: dict[str, int],
    lined_up: int = 0,
    page: PageRepeats | None = None,
) -> list[tuple[int, list[str]]] | None:
    """The data rows numbered, when every one of them is plainly usable (_plain_row_test) and
    none is blank: each test made on the whole column of rows at once, the usual file of half
    a million rows passing without a Python call a row. None when any row is not plain: then
    read_table looks at them one by one."""
    data = grid.rows[idx + 1 :]
    if not data or any(n > idx for n in grid.problems):
        return None
    joins = list(map("".join, data))
    if not all(joins) or any(map(str.isspace, joins)):  # a blank row: read_table drops it
        return None
    whole = "".join(joins)
    if max(map(len, joins)) > MAX_CELL_CHARS or NUL in whole:
        return None
    first = headers[0] if headers else ""
    firsts = list(map(itemgetter(0), data))
    stripped = set(map(str.strip, firsts))
    if first in stripped or any_line_note(firsts):  # the header again, a note
        return None
    blank_first = (
        [j for f, j in zip(firsts, joins, strict=True) if not f.strip()] if "" in stripped else []
    )
    if page is not None and page.any_may_repeat(stripped, joins, whole, blank_first):
        return None
    if "" in stripped and any_may_be_note(joins):  # a note after an empty first cell?
        return None
    if grid.text:
        reach = max(max(required.values(), default=-1) + 1, lined_up)
        counts = set(map(len, data))
        if min(counts) < reach or max(counts) > len(headers):
            return None
    return list(zip(range(idx + 2, len(grid.rows) + 1), data, strict=True))


def _plain_row_test(
    headers: list[str],
    required: dict[str, int],
    text: bool,
    lined_up: int = 0,
    page: PageRepeats | None = None,
) -> Callable[[list[str], str], bool]:
    """A test that a row (its cells, and the cells joined) has none of _row_problem's problems,
    from the joined text and the number of cells, without a look at each cell; a row it does not
    pass goes through _row_problem. No cell is longer than all of them together, none holds a
    NUL the joined text lacks; a row not longer than the header and reaching every required
    column is neither shifted nor short."""
    width = len(headers)
    reach = max(max(required.values(), default=-1) + 1, lined_up)
    first = headers[0] if headers else ""

    def plainly_usable(cells: list[str], joined: str) -> bool:
        return (
            len(joined) <= MAX_CELL_CHARS
            and NUL not in joined
            and cells[0].strip() != first
            and not may_be_note(joined)
            and (not text or reach <= len(cells) <= width)
            and (page is None or not page.may_repeat(cells[0].strip(), joined))
        )

    return plainly_usable


def _row_problem(
    cells: list[str], headers: list[str], required: dict[str, int], text: bool, lined_up: int = 0
) -> tuple[str, str]:
    """(why the row cannot be used, the column concerned), or ("", "") when it can. A CSV row
    with fewer than `lined_up` fields is short (short_rows_rejected_from); 0: short rows are
    padded, unless too short to hold a required column."""
    width = len(headers)
    longest = max(map(len, cells))
    if longest > MAX_CELL_CHARS:
        i = next(i for i, c in enumerate(cells) if len(c) == longest)
        return (
            f"a cell is {longest:,} characters long; at most {MAX_CELL_CHARS:,} (Excel's limit) "
            "are read",
            _column_name(headers, i),
        )
    if any(NUL in c for c in cells):  # rare: only then which cell
        i = next(i for i, c in enumerate(cells) if NUL in c)
        return "a cell holds a NUL character: the row is not text", _column_name(headers, i)
    if cells[0].strip() == headers[0] and [c.strip() for c in cells] == headers:
        return HEADER_AGAIN, ""
    if may_be_note("".join(cells)) and is_note(cells):
        return NOTE_REASON, ""
    if not text:
        return "", ""
    used = len(cells)
    while used > width and not cells[used - 1].strip():
        used -= 1
    if used > width:
        return (
            f"has {used} fields where the header has {width}: a value holding an unquoted "
            "comma shifts the columns; quote it",
            "",
        )
    short = [i for i in required.values() if i >= len(cells)]
    if short:
        return (
            f"has {len(cells)} fields where the header has {width}: the required "
            f"{headers[short[0]]} is missing",
            headers[short[0]],
        )
    if len(cells) < lined_up:
        return short_row_reason(len(cells), lined_up), ""
    return "", ""


def _column_name(headers: list[str], i: int) -> str:
    if i < len(headers) and headers[i]:
        return headers[i][:40]
    return f"column {column_letter(i)}"


def record_columns(table: RawTable, fields: Iterable[str]) -> dict[str, list[str]]:
    """field -> its stripped text down the data rows, in row order: iter_records a column at a
    time, with "" where a row is short or the table lacks the field. Half a million rows are
    read without a dict each."""
    rows = [cells for _, cells in table.rows]
    out: dict[str, list[str]] = {}
    for f in fields:
        i = table.columns.get(f)
        if i is None:
            out[f] = [""] * len(rows)
            continue
        try:
            column = list(map(itemgetter(i), rows))  # the loop in C
        except IndexError:  # a short row (its missing cells read as "")
            column = [cells[i] if i < len(cells) else "" for cells in rows]
        out[f] = list(map(str.strip, column))  # every reader gives text cells
    return out


def iter_records(table: RawTable) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, field -> stripped text) for each data row."""
    fields = list(table.columns.items())
    for rownum, cells in table.rows:
        n = len(cells)
        yield rownum, {f: str(cells[i]).strip() if i < n else "" for f, i in fields}
