"""Work orders (办件) as one DuckDB relation, so millions of rows never become Python objects.

Only the first ~64 KB of a CSV is parsed in Python, to find its encoding, delimiter and header
row (with the same `find_header` every other source uses); DuckDB reads the rest. DuckDB reads
UTF-8 only, so a GB18030/GBK file is transcoded once, streaming, into the work directory; so is a
UTF-8 file with blank lines inside its data, because DuckDB skips blank lines while a spreadsheet
shows them as rows and `src_row` must be the row the user sees. XLSX and JSON exports are small
and go through `tabular.read_table`.

Every file becomes a table `_work_orders_<n>`; the view `work_orders` is their UNION ALL with
columns src_file, src_row and the work-order fields (VARCHAR, trimmed; NULL where the file has no
such column).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..errors import SourceError
from ..mappings import Mapping
from .tabular import HEADER_SEARCH_ROWS, MAX_FIELD, detect_encoding, find_header, iter_records
from .tabular import read_table as read_tabular

KIND = "work_orders"
RELATION = "work_orders"
FIELDS = (
    "order_no",
    "task_code",
    "accept_time",
    "finish_time",
    "agency",
    "agency_code",
    "applicant_name",
    "applicant_id",
    "applicant_phone",
)
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
# What str.strip() strips, for DuckDB's trim(text, characters): no regex, so it is fast.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@dataclass
class WorkOrderSource:
    """The relation holding every work order, and what was read from which file."""

    relation: str
    files: list[str]  # as the user named them
    rows: dict[str, int] = field(default_factory=dict)  # file -> data rows (blank rows dropped)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> field -> header
    encodings: dict[str, str] = field(default_factory=dict)  # utf-8, utf-8-sig, gb18030, xlsx...
    header_rows: dict[str, int] = field(default_factory=dict)  # file -> 1-based header row

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def header(self, file: str, name: str) -> str:
        return self.headers.get(file, {}).get(name, name)


def open_work_orders(
    con: duckdb.DuckDBPyConnection,
    paths: list[tuple[Path, str]],
    mapping: Mapping,
    workdir: Path,
) -> WorkOrderSource:
    """Load each (path, name as given) into DuckDB and create the `work_orders` view over all."""
    source = WorkOrderSource(RELATION, [])
    selects = []
    for n, (path, display) in enumerate(paths):
        table = f"_work_orders_{n}"
        kind = _sniff(path, display)
        if kind == "csv":
            headers, header_row, encoding = _load_csv(con, path, display, mapping, workdir, table)
            src_row = f"rowid + {header_row + 1}"
        else:
            headers, header_row, encoding = _load_tabular(con, path, display, mapping, table)
            src_row = "src_row"
        count = con.execute(f"SELECT count(*) FROM {table} WHERE NOT _blank").fetchone()
        source.files.append(display)
        source.rows[display] = source.rows.get(display, 0) + int(count[0] if count else 0)
        source.headers[display] = headers
        source.encodings[display] = encoding
        source.header_rows[display] = header_row
        cols = ", ".join(f if f in headers else f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS)
        selects.append(
            f"SELECT {_lit(display)} AS src_file, CAST({src_row} AS BIGINT) AS src_row, {cols} "
            f"FROM {table} WHERE NOT _blank"
        )
    if not selects:
        cols = ", ".join(f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS)
        selects.append(
            f"SELECT CAST(NULL AS VARCHAR) AS src_file, CAST(NULL AS BIGINT) AS src_row, "
            f"{cols} WHERE false"
        )
    con.execute(f"CREATE OR REPLACE VIEW {RELATION} AS " + " UNION ALL ".join(selects))
    return source


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _strip(expr: str) -> str:
    """str.strip() in SQL; trim() with a character set is slow, so only where it is needed."""
    ws = _lit(SPACES)
    return (
        f"coalesce(CASE WHEN contains({ws}, left({expr}, 1)) OR contains({ws}, right({expr}, 1)) "
        f"THEN trim({expr}, {ws}) ELSE {expr} END, '')"
    )


def _sniff(path: Path, display: str) -> str:
    """The reader a file needs: "csv", or "tabular" for what tabular.read_table handles."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except FileNotFoundError:
        raise SourceError(display, "file not found") from None
    except IsADirectoryError:
        raise SourceError(display, "is a folder, expected a file") from None
    except OSError as e:
        raise SourceError(display, f"cannot read ({e.strerror})") from None
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "tabular"
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".json"):
        return "tabular"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return "tabular"
    return "csv"


def _load_tabular(
    con: duckdb.DuckDBPyConnection, path: Path, display: str, mapping: Mapping, table: str
) -> tuple[dict[str, str], int, str]:
    """XLSX or JSON: parsed in Python (these exports are small), loaded as column lists."""
    raw = read_tabular(path, display, KIND, mapping)
    present = [f for f in FIELDS if f in raw.columns]
    rownums: list[int] = []
    values: dict[str, list[str]] = {f: [] for f in present}
    for rownum, record in iter_records(raw):
        rownums.append(rownum)
        for f in present:
            values[f].append(record[f])
    cols = ", ".join(f"unnest(${i + 2}::VARCHAR[]) AS {f}" for i, f in enumerate(present))
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS "
        f"SELECT unnest($1::BIGINT[]) AS src_row, {cols}, false AS _blank",
        [rownums, *(values[f] for f in present)],
    )
    return {f: raw.header_of(f) for f in present}, raw.header_row, raw.encoding


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    display: str,
    mapping: Mapping,
    workdir: Path,
    table: str,
) -> tuple[dict[str, str], int, str]:
    """(field -> header, 1-based header row, encoding) of a CSV file loaded into `table`."""
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        more = bool(fh.read(1))
    if not head.strip(b"\xef\xbb\xbf \t\r\n") and not more:
        raise SourceError(display, "is empty")
    if b"\x00" in head:
        raise SourceError(display, "contains NUL bytes: it is not a text table")
    if more and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # never cut a character or a line in two
    encoding = detected = detect_encoding(head, display)
    text = head.decode(encoding)
    delim = _delimiter(text)
    grid, line_ends = _first_records(text, delim, display)
    idx, columns = find_header(grid, KIND, mapping, display)
    header = [c.strip() for c in grid[idx]]

    readable, rewrite = path, encoding == "gb18030"
    if not rewrite:
        utf8, blanks = _scan_utf8(path, delim)
        if not utf8:
            encoding = detected = "gb18030"
            rewrite = True
        elif blanks:
            encoding, rewrite = "utf-8-sig", True
    if rewrite:
        workdir.mkdir(parents=True, exist_ok=True)
        readable = workdir / f"{table}.csv"
        _transcode(path, display, encoding, delim, readable)

    names = [f"c{i}" for i in range(len(header))]
    spec = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    fields = ", ".join(f"{_strip(f'c{columns[f]}')} AS {f}" for f in FIELDS if f in columns)
    blank = _strip(f"concat_ws('', {', '.join(names)})") + " = ''"
    sql = (
        f"CREATE OR REPLACE TABLE {table} AS SELECT {fields}, {blank} AS _blank "
        f"FROM read_csv({_lit(str(readable))}, auto_detect=false, header=false, "
        f"skip={line_ends[idx]}, columns={spec}, delim={_lit(delim)}, quote='\"', escape='\"', "
        f"all_varchar=true, null_padding=true, strict_mode=false, parallel=false, "
        f"max_line_size={MAX_FIELD}, filename=false)"
    )
    try:
        con.execute(sql)
    except duckdb.Error as e:
        # DuckDB quotes the offending line, which may hold personal data: keep its number only.
        m = re.search(r"Line: (\d+)", str(e))
        where = f" (stopped at line {m.group(1)})" if m else ""
        raise SourceError(display, f"is not a readable CSV table{where}") from None
    return {f: header[i] for f, i in columns.items() if f in FIELDS}, idx + 1, detected


def _delimiter(text: str) -> str:
    """Tab when the last of the first lines are tab- and not comma-separated (as tabular)."""
    lines = [ln for ln in text.splitlines()[:HEADER_SEARCH_ROWS] if ln.strip()]
    last = lines[-3:]
    if last and all("\t" in ln for ln in last) and not any("," in ln for ln in last):
        return "\t"
    return ","


def _first_records(text: str, delim: str, display: str) -> tuple[list[list[str]], list[int]]:
    """The first records, and after each the number of physical lines read (DuckDB's skip)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    grid: list[list[str]] = []
    ends: list[int] = []
    try:
        for row in reader:
            grid.append(row)
            ends.append(reader.line_num)
            if len(grid) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error as e:
        raise SourceError(display, f"is not a readable CSV table ({e})") from None
    return grid, ends


class _BlankLines:
    """Fills blank lines outside quoted fields with one delimiter, chunk by chunk.

    DuckDB skips blank lines; filled, they become empty rows that keep the row numbers right and
    are then dropped like every blank row. Newlines ending a chunk wait for the next one.
    """

    _TOKENS = re.compile(r'"|\n(?=\r?\n)')

    def __init__(self, delim: str) -> None:
        self.delim = delim
        self.in_quotes = False
        self.carry = ""
        self.found = False

    def feed(self, text: str, final: bool = False) -> str:
        text = self.carry + text
        cut = len(text.rstrip("\r\n"))
        body, tail = text[:cut], text[cut:]
        self.carry = "" if final else tail
        if "\n\n" not in body and "\n\r\n" not in body:
            self.in_quotes ^= body.count('"') % 2 == 1
            return body + tail if final else body
        out, last = [], 0
        for m in self._TOKENS.finditer(body):
            if m.group() == '"':
                self.in_quotes = not self.in_quotes
            elif not self.in_quotes:
                out += [body[last : m.end()], self.delim]
                last = m.end()
                self.found = True
        out.append(body[last:])
        return "".join(out) + (tail if final else "")


def _scan_utf8(path: Path, delim: str) -> tuple[bool, bool]:
    """(the whole file is UTF-8, it has blank lines before its last row), reading 1 MB at a time.

    The first 64 KB of a GB18030 file may well be valid UTF-8 (ASCII headers), hence the scan.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    blanks = _BlankLines(delim)
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(CHUNK_BYTES):
                blanks.feed(decoder.decode(chunk))
            blanks.feed(decoder.decode(b"", final=True), final=True)
        except UnicodeDecodeError:
            return False, blanks.found
    return True, blanks.found


def _transcode(path: Path, display: str, encoding: str, delim: str, out: Path) -> None:
    """Stream `path` into UTF-8 at `out`, blank lines filled (see _BlankLines)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    blanks = _BlankLines(delim)
    offset = lines = 0
    with path.open("rb") as src, out.open("w", encoding="utf-8", newline="") as dst:
        while True:
            chunk = src.read(CHUNK_BYTES)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                start = max(e.start, 0)
                raise SourceError(
                    display,
                    f"bytes near offset {offset + start} are not UTF-8 or GB18030/GBK text; "
                    "re-save the file as UTF-8 or GB18030",
                    row=lines + chunk.count(b"\n", 0, start) + 1,
                ) from None
            dst.write(blanks.feed(text, final=not chunk))
            if not chunk:
                return
            offset += len(chunk)
            lines += chunk.count(b"\n")
