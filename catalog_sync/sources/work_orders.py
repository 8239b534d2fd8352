"""Work orders (办件) as one DuckDB relation, so millions of rows never become Python objects.

Only the first ~64 KB of a CSV is parsed in Python, to find its encoding, delimiter and header
row (with the same `find_header` every other source uses); DuckDB reads the rest, as a view that
streams the file each time it is queried (`row_number() OVER ()` numbers the rows as read). DuckDB
reads UTF-8 only, so a GB18030/GBK file is transcoded once, streaming, into the work directory:
up front when the head says so, else when DuckDB meets a byte that is not UTF-8 (`run`). So is a
file with blank lines inside its data, because DuckDB skips blank lines while a spreadsheet shows
them as rows and `src_row` must be the row the user sees. XLSX and JSON exports are small and go
through `tabular.read_table`.

Every file becomes a relation (`parts`); the view `work_orders` is their UNION ALL with columns
src_file, src_row and the work-order fields (VARCHAR, trimmed; NULL where the file has no such
column).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
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
LINKAGE_FIELDS = ("task_code", "order_no", "accept_time", "agency", "applicant_name")
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
SCAN_BYTES = 8 * 1024 * 1024
# What str.strip() strips, for DuckDB's trim(text, characters): no regex, so it is fast.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@dataclass
class CsvPlan:
    """How a CSV file is read, for an engine that reads it itself (spark.py)."""

    readable: Path  # the file, or its UTF-8 transcoding in the work directory
    delimiter: str
    header_index: int  # 0-based record holding the header; data starts after it
    columns: dict[str, int]  # field -> 0-based column
    width: int  # columns in the header
    encoding: str


@dataclass
class WorkOrderSource:
    """The relation holding every work order, and what was read from which file."""

    relation: str
    files: list[str]  # as the user named them
    rows: dict[str, int] = field(default_factory=dict)  # file -> data rows (blank rows dropped)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> field -> header
    encodings: dict[str, str] = field(default_factory=dict)  # utf-8, utf-8-sig, gb18030, xlsx...
    header_rows: dict[str, int] = field(default_factory=dict)  # file -> 1-based header row
    # Per file, for the linkage: (relation, bytes). The relation has src_file, src_row, the
    # fields as read (not trimmed) and _maybe_blank: every field the linkage reads is blank. A
    # row is blank only when all its cells are: `blank_rows` gives those, reading every column.
    parts: list[tuple[str, int]] = field(default_factory=list)
    blank_rows: list[str] = field(default_factory=list)
    fallbacks: dict[int, list[tuple[str, Callable[[], None]]]] = field(
        default_factory=dict, repr=False
    )
    bytes_per_row: dict[int, float] = field(default_factory=dict)  # part -> from the file's head
    plans: dict[int, CsvPlan] = field(default_factory=dict)  # part -> how its CSV is read

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def run(self, con: duckdb.DuckDBPyConnection, sql: str, part: int) -> None:
        """Execute SQL reading one file. A UTF-8 guess that proves wrong is read as GB18030; a
        quoted line break stops DuckDB's parallel reader, so the file is read on one thread."""
        try:
            con.execute(sql)
        except duckdb.Error as e:
            fixes = self.fallbacks.get(part, [])
            for i, (symptom, fix) in enumerate(fixes):
                if symptom in str(e):
                    del fixes[i]
                    fix()
                    self.run(con, sql, part)
                    return
            if "CSV" not in str(e) and "unicode" not in str(e):
                raise
            raise _unreadable(self.files[part] if self.parts else self.relation, e) from None

    def header(self, file: str, name: str) -> str:
        return self.headers.get(file, {}).get(name, name)


def open_work_orders(
    con: duckdb.DuckDBPyConnection,
    paths: list[tuple[Path, str]],
    mapping: Mapping,
    workdir: Path,
    *,
    count: bool = True,
) -> WorkOrderSource:
    """Open each (path, name as given) in DuckDB and create the `work_orders` view over all.

    With count=False the files are not read yet (rows stays empty): the linkage reads each once.
    """
    source = WorkOrderSource(RELATION, [])
    selects = []
    for n, (path, display) in enumerate(paths):
        table = f"_work_orders_{n}"
        kind = _sniff(path, display)
        source.files.append(display)
        if kind == "csv":
            headers, header_row, encoding = _load_csv(
                con, path, display, mapping, workdir, table, source, n
            )
        else:
            headers, header_row, encoding = _load_tabular(con, path, display, mapping, table)
            raw = ", ".join(f if f in headers else f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS)
            source.parts.append(
                (
                    f"(SELECT {_lit(display)} AS src_file, CAST(src_row AS BIGINT) AS src_row, "
                    f"{raw}, false AS _maybe_blank FROM {table} WHERE NOT _blank)",
                    _size(path),
                )
            )
            source.blank_rows.append("SELECT CAST(NULL AS BIGINT) AS src_row WHERE false")
        source.headers[display] = headers
        source.encodings[display] = encoding
        source.header_rows[display] = header_row
        cols = ", ".join(
            _strip(f) + f" AS {f}" if f in headers else f"CAST(NULL AS VARCHAR) AS {f}"
            for f in FIELDS
        )
        relation, _ = source.parts[n]
        select = (
            f"SELECT src_file, src_row, {cols} FROM {relation} "
            f"WHERE NOT _maybe_blank OR src_row NOT IN ({source.blank_rows[n]})"
        )
        selects.append(select)
        if count:
            source.run(con, f"CREATE OR REPLACE TEMP TABLE _count AS {select}", n)
            found = con.execute("SELECT count(*) FROM _count").fetchone()
            con.execute("DROP TABLE _count")
            source.rows[display] = source.rows.get(display, 0) + int(found[0] if found else 0)
    if not selects:
        cols = ", ".join(f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS)
        selects.append(
            f"SELECT CAST(NULL AS VARCHAR) AS src_file, CAST(NULL AS BIGINT) AS src_row, "
            f"{cols} WHERE false"
        )
    con.execute(f"CREATE OR REPLACE VIEW {RELATION} AS " + " UNION ALL ".join(selects))
    return source


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _unreadable(display: str, error: duckdb.Error) -> SourceError:
    # DuckDB quotes the offending line, which may hold personal data: keep its number only.
    m = re.search(r"Line: (\d+)", str(error))
    where = f" (stopped at line {m.group(1)})" if m else ""
    return SourceError(display, f"is not a readable CSV table{where}")


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
    source: WorkOrderSource,
    part: int,
) -> tuple[dict[str, str], int, str]:
    """(field -> header, 1-based header row, encoding) of a CSV file opened as the view `table`."""
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
    source.bytes_per_row[part] = len(head) / max(head.count(b"\n"), 1)

    names = [f"c{i}" for i in range(len(header))]
    spec = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    used = {f: f"c{columns[f]}" for f in FIELDS if f in columns}
    raw = ", ".join(f"{used[f]} AS {f}" if f in used else f"NULL AS {f}" for f in FIELDS)
    read = [c for f, c in used.items() if f in LINKAGE_FIELDS]
    # A printable ASCII first character proves the row is not blank; only other rows pay.
    maybe_blank = (
        f"CASE WHEN unicode({read[0]}) BETWEEN 33 AND 126 THEN false ELSE "
        + " AND ".join(f"{_strip(c)} = ''" for c in read)
        + " END"
    )
    blank = _strip(f"concat_ws('', {', '.join(names)})") + " = ''"
    src_row = f"CAST(_rn + {idx + 1} AS BIGINT)"
    source.parts.append(
        (
            f"(SELECT {_lit(display)} AS src_file, {src_row} AS src_row, {raw}, "
            f"{maybe_blank} AS _maybe_blank FROM {table})",
            _size(path),
        )
    )
    source.blank_rows.append(f"SELECT {src_row} AS src_row FROM {table} WHERE {blank}")

    def create_view(readable: Path, parallel: bool = True) -> None:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT row_number() OVER () AS _rn, "
            f"{', '.join(names)} "
            f"FROM read_csv({_lit(str(readable))}, auto_detect=false, header=false, "
            f"skip={line_ends[idx]}, columns={spec}, delim={_lit(delim)}, quote='\"', "
            f"escape='\"', all_varchar=true, null_padding=true, strict_mode=false, "
            f"parallel={str(parallel).lower()}, max_line_size={MAX_FIELD}, "
            f"buffer_size={2 * MAX_FIELD}, filename=false)"
        )
        if parallel:
            fixes.append(("null_padding in conjunction with quoted new lines", serial))

    readable = path
    fixes = source.fallbacks.setdefault(part, [])
    plan = CsvPlan(path, delim, idx, dict(columns), len(header), "utf-8")
    source.plans[part] = plan

    def serial() -> None:
        create_view(readable, parallel=False)

    def transcode(as_encoding: str) -> None:
        nonlocal readable
        workdir.mkdir(parents=True, exist_ok=True)
        readable = workdir / f"{table}.csv"
        _transcode(path, display, as_encoding, delim, readable)
        plan.readable = readable
        fixes[:] = [f for f in fixes if f[1] is not serial]
        create_view(readable)

    def read_as_gb18030() -> None:
        transcode("gb18030")
        source.encodings[display] = "gb18030"

    if encoding == "gb18030":
        transcode(encoding)
    elif _may_have_blank_lines(path):
        utf8, blanks = _scan_utf8(path, delim)
        if not utf8:
            detected = "gb18030"
            transcode(detected)
        elif blanks:
            transcode("utf-8-sig")
        else:
            create_view(path)
    else:  # DuckDB checks the UTF-8 as it reads; `run` falls back on GB18030
        create_view(path)
        fixes.append(("Invalid unicode", read_as_gb18030))
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


_BLANK_LINE = re.compile(rb"\n\r?\n")


def _may_have_blank_lines(path: Path) -> bool:
    """Whether the file holds an empty line anywhere (quoted or not): one fast regex pass, 8 MB
    at a time (a memory map would count the whole file in the process's resident memory)."""
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(SCAN_BYTES):
            if _BLANK_LINE.search(tail + chunk[:2]) or _BLANK_LINE.search(chunk):
                return True
            tail = chunk[-2:]
    return False


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
