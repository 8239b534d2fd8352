"""Work orders (办件) as one DuckDB relation, so millions of rows never become Python objects.

Only the first ~64 KB of a CSV is parsed in Python, to find its encoding, delimiter and header
row (with the same `find_header` every other source uses); DuckDB reads the rest. With `fast`
(what diff uses) a UTF-8 file is first read by DuckDB in parallel, as it is, and kept when that
reading is exact (`_read_fast`: no Python pass over the file; its rare short, blank or
header-repeating rows get the careful checks there); a GB18030 file is transcoded first, by the
careful way's codec (`_gb18030_as_utf8`), then read so. Otherwise it is loaded the careful
way (`_load_csv`): DuckDB reads UTF-8 only, so a GB18030/GBK file is transcoded once, streaming,
into the work directory; so is a UTF-8 file with blank lines inside its data, because DuckDB skips
blank lines while a spreadsheet shows them as rows and `src_row` must be the row the user sees.
XLSX and JSON exports are small and go through `tabular.read_tables` (a part per sheet holding
a table).

Broken rows are rejected, never read wrong (the same rules as tabular.py): DuckDB's strict mode
rejects a row with more fields than the header, text after a closing quote, a line over
MAX_LINE_BYTES and bytes that are not UTF-8 (a line in another encoding than most of the file is
marked so while transcoding); SQL then rejects a row too short to hold the 实施编码, a cell over
MAX_CELL_CHARS or holding a NUL, the header or the title again (pages.py, as in lists), and a
row with fewer fields than the header unless the file drops the empty fields ending most of its
rows (tabular.pads_short_rows). A quote left open at the end of the file rejects the last row
when it is the last line, and stops the run when it swallowed later lines.

Every file becomes a table `_work_orders_<n>` and a view `_wo_part_<n>` of its usable rows (the
`parts`, for the linkage's one pass per file); the view `work_orders` is their UNION ALL with
columns src_file, src_row and the work-order fields (VARCHAR, trimmed when loaded carefully, as
written when read fast; NULL where the file has no such column), rejected rows left out. A CSV
file none of whose rows was rejected also gets a `CsvPlan`, so that Spark can read it itself;
Spark reads the other files' checked rows from DuckDB.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from ..errors import SourceError
from ..mappings import Mapping
from ..model import Rejected
from ..progress import Progress, QueryWatch
from ..workspace import usable_cores
from .gb18030 import NONE
from .gb18030 import has_utf8_line as _has_utf8_line
from .gb18030 import reads_as_utf8 as _reads_as_utf8
from .gb18030 import utf8_piece as _utf8_piece
from .limits import HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_LINE_BYTES, MiB
from .notes import FIRST as NOTE_FIRST
from .notes import NOTE_REASON, SQL_MAY_BE, SQL_NOTE
from .pages import HEADER_AGAIN, TITLE_AGAIN, PageRepeats, repeat_reasons
from .tabular import (
    NUL,
    RawTable,
    decode_text,
    find_header,
    iter_records,
    named_width,
    pads_short_rows,
    read_head,
    read_tables,
    short_row_reason,
    sniff_delimiter,
    sniff_kind,
)

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
# What the linkage reads of a work order: a file read fast (_read_fast) keeps only these.
FAST_FIELDS = (*LINKAGE_FIELDS, "applicant_id", "applicant_phone")
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1 * MiB
# What str.strip() strips, for DuckDB's trim(text, characters): no regex, so it is fast.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# Empty fields read as '' and only the fields a short row lacks as NULL.
_NULL = "\x01catalog-sync:padded\x01"
_MARK = "\udcff"  # written as the byte 0xFF: a line so marked is invalid UTF-8, rejected by DuckDB
_SENTINEL = "\ufdd0catalog-sync:end"
_DUCKDB_REASONS = {
    "TOO MANY COLUMNS": "has more fields than the header: a value holding an unquoted comma "
    "shifts the columns; quote it",
    "UNQUOTED VALUE": "has text after the closing quote of a cell",
    "LINE SIZE OVER MAXIMUM": f"is longer than {MAX_LINE_BYTES // MiB} MiB",
    "UNTERMINATED QUOTES": "opens a quote it never closes",
}


@dataclass
class CsvPlan:
    """How a CSV file is read, for an engine that reads it itself (spark.py)."""

    readable: Path | str  # the file, its UTF-8 transcoding in the work directory, or a URI
    delimiter: str
    header_index: int  # 0-based record holding the header; data starts after it
    columns: dict[str, int]  # field -> 0-based column
    width: int  # columns in the header
    encoding: str


@dataclass
class WorkOrderSource:
    """The relation holding every work order, and what was read from which file."""

    relation: str
    files: list[str]  # as the user named them; a workbook's sheets as file#sheet (read_tables)
    # a part's file (file#sheet) -> the workbook as the user named it, when they differ
    origins: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # file -> rows read (blank rows dropped)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> field -> header
    encodings: dict[str, str] = field(default_factory=dict)  # utf-8, utf-8-sig, gb18030, xlsx...
    header_rows: dict[str, int] = field(default_factory=dict)  # file -> 1-based header row
    rejected: list[Rejected] = field(default_factory=list)  # rows read but unusable, and why
    warnings: list[str] = field(default_factory=list)  # what reading warned of (tabular files)
    # Per file, for the linkage: (relation, bytes). The relation has src_file, src_row and the
    # fields; rejected and blank rows are left out.
    parts: list[tuple[str, int]] = field(default_factory=list)
    bytes_per_row: dict[int, float] = field(default_factory=dict)  # part -> from the file's head
    plans: dict[int, CsvPlan] = field(default_factory=dict)  # part -> how its CSV is read
    read_fast: set[int] = field(default_factory=set)  # parts loaded by _read_fast
    con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)
    workdir: Path | None = field(default=None, repr=False)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def use(self, n: int, loaded: _Loaded) -> None:
        """File n's rows are those `loaded` put in table _work_orders_<n>."""
        display = self.files[n]
        assert self.con is not None
        counted = "WHERE NOT _blank" if loaded.where else ""  # rejected rows were read too
        count = self.con.execute(f"SELECT count(*) FROM _work_orders_{n} {counted}").fetchone()
        self.rows[display] = int(count[0] if count else 0) + loaded.outside
        self.rejected += [Rejected(display, *r) for r in loaded.rejected]
        self.warnings += loaded.warnings
        self.headers[display] = loaded.headers
        self.encodings[display] = loaded.encoding
        self.header_rows[display] = loaded.header_row
        self.bytes_per_row[n] = loaded.bytes_per_row
        if loaded.plan is not None and not loaded.rejected:
            self.plans[n] = loaded.plan
        cols = ", ".join(
            f if f in loaded.headers else f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS
        )
        self.con.execute(
            f"CREATE OR REPLACE VIEW {_part_view(n)} AS "
            f"SELECT {_lit(display)} AS src_file, CAST({loaded.src_row} AS BIGINT) AS src_row, "
            f"{cols} FROM _work_orders_{n} {loaded.where}"
        )

    def run(self, con: duckdb.DuckDBPyConnection, sql: str, part: int) -> None:
        """Execute SQL reading one file's part; a CSV that DuckDB cannot read is named."""
        try:
            con.execute(sql)
        except duckdb.Error as e:
            if "CSV" not in str(e) and "unicode" not in str(e):
                raise
            raise _unreadable(self.files[part] if self.parts else self.relation, e) from None

    def header(self, file: str, name: str) -> str:
        return self.headers.get(file, {}).get(name, name)


@dataclass
class _Loaded:
    headers: dict[str, str]  # field -> header
    header_row: int
    encoding: str
    src_row: str  # SQL giving the row number as a spreadsheet shows it
    rejected: list[tuple[int, str, str]]  # (row, reason, column), in row order
    outside: int  # rejected rows that are not in the table at all (refused while reading)
    plan: CsvPlan | None = None  # how the CSV was read (None for XLSX and JSON)
    bytes_per_row: float = 200.0
    where: str = "WHERE NOT _blank AND _reject IS NULL"  # the rows of the table that are used
    warnings: list[str] = field(default_factory=list)  # what reading warned of (tabular files)


def open_work_orders(
    con: duckdb.DuckDBPyConnection,
    paths: list[tuple[Path, str]],
    mapping: Mapping,
    workdir: Path,
    *,
    count: bool = True,
    fast: bool = False,
    progress: Progress | None = None,
) -> WorkOrderSource:
    """Load each (path, name as given) into DuckDB and create the `work_orders` view over all.
    Every file is read (and checked) here; `fast` lets a UTF-8 CSV file be read by
    `_read_fast` first (`progress` hears how far those readings are); `count` is kept for the
    callers that ask for it."""
    source = WorkOrderSource(RELATION, [])
    source.con, source.workdir = con, workdir
    total = sum(_size(path) for path, _ in paths) or 1
    done = 0
    for path, display in paths:
        size = _size(path)
        watch = QueryWatch(con, progress, done / total, size / total, 0, size)
        done += size
        if _sniff(path, display) != "csv":  # a part per sheet holding a table
            tables = read_tables(path, display, KIND, mapping)
            for raw in tables:
                n = len(source.files)
                source.files.append(raw.file)
                if raw.file != display:
                    source.origins[raw.file] = display
                source.parts.append((_part_view(n), size // len(tables)))
                source.use(n, _load_tabular(con, raw, f"_work_orders_{n}"))
            continue
        n = len(source.files)
        source.files.append(display)
        source.parts.append((_part_view(n), size))
        table = f"_work_orders_{n}"
        head = _read_csv_head(path, display, mapping)
        watch.rows = total / head.bytes_per_row
        loaded = _read_fast(con, path, head, table, watch, workdir) if fast else None
        if loaded is None:
            loaded = _load_csv(con, path, display, workdir, table, head)
        else:
            source.read_fast.add(n)
        source.use(n, loaded)
    selects = [
        f"SELECT src_file, src_row, {', '.join(FIELDS)} FROM {_part_view(n)}"
        for n in range(len(source.files))
    ]
    if not selects:
        cols = ", ".join(f"CAST(NULL AS VARCHAR) AS {f}" for f in FIELDS)
        selects.append(
            f"SELECT CAST(NULL AS VARCHAR) AS src_file, CAST(NULL AS BIGINT) AS src_row, "
            f"{cols} WHERE false"
        )
    con.execute(f"CREATE OR REPLACE VIEW {RELATION} AS " + " UNION ALL ".join(selects))
    return source


def _part_view(n: int) -> str:
    return f"_wo_part_{n}"


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
    """The reader a file needs: "csv", or "tabular" for XLSX, JSON and what tabular refuses."""
    head, _ = read_head(path, display)
    return "csv" if sniff_kind(path, head) == "csv" else "tabular"


def _load_tabular(con: duckdb.DuckDBPyConnection, raw: RawTable, table: str) -> _Loaded:
    """A table of an XLSX or JSON file (tabular.read_tables: these exports are small, parsed in
    Python), loaded as column lists."""
    present = [f for f in FIELDS if f in raw.columns]
    rownums: list[int] = []
    values: dict[str, list[str]] = {f: [] for f in present}
    for rownum, record in iter_records(raw):
        rownums.append(rownum)
        for f in present:
            values[f].append(record[f])
    cols = ", ".join(f"unnest(${i + 2}::VARCHAR[]) AS {f}" for i, f in enumerate(present))
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS SELECT unnest($1::BIGINT[]) AS src_row, {cols}, "
        "false AS _blank, CAST(NULL AS VARCHAR) AS _reject, '' AS _column",
        [rownums, *(values[f] for f in present)],
    )
    headers = {f: raw.header_of(f) for f in present}
    return _Loaded(
        headers,
        raw.header_row,
        raw.encoding,
        "src_row",
        raw.rejected,
        len(raw.rejected),
        warnings=raw.warnings,
    )


@dataclass
class _CsvHead:
    """What the first ~64 KB of a CSV file say: its dialect, header and columns."""

    delim: str
    line_ends: list[int]  # after each of the first records, the physical lines read
    index: int  # 0-based record holding the header
    header: list[str]
    used: dict[str, int]  # field -> 0-based column
    encoding_label: str  # of the head: utf-8, utf-8-sig or gb18030
    bytes_per_row: float
    clean: bool  # every line of the head in that one encoding
    page: PageRepeats  # the header and title a paged export writes again (pages.py)

    @property
    def header_row(self) -> int:
        return self.index + 1

    @property
    def skip(self) -> int:
        """Physical lines up to and including the header: DuckDB's skip."""
        return self.line_ends[self.index]

    @property
    def headers(self) -> dict[str, str]:
        return {f: self.header[i] for f, i in self.used.items()}


def _read_csv_head(path: Path, display: str, mapping: Mapping) -> _CsvHead:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        more = bool(fh.read(1))
    if not head.strip(b"\xef\xbb\xbf \t\r\n") and not more:
        raise SourceError(display, "is empty")
    if b"\x00" in head:
        raise SourceError(display, "contains NUL bytes: it is not a text table")
    if more and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # never cut a character or a line in two
    decoded = decode_text(head, display)
    text = decoded.text.replace("\ufeff", "")
    delim = sniff_delimiter(text)
    grid, line_ends = _first_records(text, delim, display)
    idx, columns = find_header(grid, KIND, mapping, display)
    header = [c.strip() for c in grid[idx]]
    used = {f: i for f, i in columns.items() if f in FIELDS}
    per_row = len(head) / max(head.count(b"\n"), 1)
    clean = not decoded.foreign
    page = PageRepeats.of(grid, idx)
    return _CsvHead(delim, line_ends, idx, header, used, decoded.encoding, per_row, clean, page)


SAMPLES = 16  # windows of HEAD_BYTES read across a file to tell whether it is UTF-8 throughout


class _LineCount:
    """The lines of a file that hold something, counted by `wc -l` in another process (about
    ten times as fast as Python), or by Python where there is no wc; and, on a thread, whether
    the file holds a NUL byte anywhere (memchr: a fraction of a second per GB)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.proc: subprocess.Popen[bytes] | None = None
        self.nul_found = False
        self.nul_search = threading.Thread(target=self._find_nul, daemon=True)
        self.nul_search.start()
        wc = shutil.which("wc")
        if wc:
            with path.open("rb") as fh:
                self.proc = subprocess.Popen(
                    [wc, "-l"], stdin=fh, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                )

    def _find_nul(self) -> None:
        with self.path.open("rb", buffering=0) as fh:
            while block := fh.read(CHUNK_BYTES * 16):
                if block.find(b"\x00") >= 0:
                    self.nul_found = True
                    return

    def has_nul(self) -> bool:
        self.nul_search.join()
        return self.nul_found

    def close(self) -> None:
        self.nul_search.join()
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.communicate()
            self.proc = None

    def rows(self) -> int:
        """Line breaks, plus a last line without one, minus blank lines at the very end."""
        breaks = None
        if self.proc is not None:
            out, _ = self.proc.communicate()
            if self.proc.returncode == 0 and out.split()[:1] and out.split()[0].isdigit():
                breaks = int(out.split()[0])
            self.proc = None
        if breaks is None:
            breaks = 0
            with self.path.open("rb") as fh:
                while block := fh.read(CHUNK_BYTES * 16):
                    breaks += block.count(b"\n")
        with self.path.open("rb") as fh:
            fh.seek(max(_size(self.path) - HEAD_BYTES, 0))
            tail = fh.read()
        body = tail.rstrip(b"\r\n")
        blank_at_end = tail[len(body) :].count(b"\n") - 1 if len(body) < len(tail) else -1
        return breaks - blank_at_end


def _utf8_throughout(path: Path) -> bool:
    """Whether SAMPLES windows spread across the file read as UTF-8: a GB18030 file whose
    first 64 KB happen to be ASCII is caught here, an odd line DuckDB refuses later."""
    size = _size(path)
    with path.open("rb") as fh:
        for k in range(1, SAMPLES + 1):
            fh.seek(size * k // (SAMPLES + 1))
            window = fh.read(HEAD_BYTES)
            first, last = window.find(b"\n"), window.rfind(b"\n")
            if first < 0 or last <= first:
                continue
            try:
                window[first + 1 : last].decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def _read_fast(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    head: _CsvHead,
    table: str,
    watch: QueryWatch,
    workdir: Path,
) -> _Loaded | None:
    """A UTF-8 file read into `table` by DuckDB in parallel, as it is (no trimming, only the
    columns the linkage uses), or None when that reading is not exact and the file must be
    loaded the careful way (_load_csv, which also names what is wrong).

    The reading is exact unless the file has a blank line (DuckDB skips those), a line break
    inside a quoted cell, a line DuckDB refuses (not UTF-8, too many fields, over
    MAX_CELL_CHARS bytes) or a NUL byte. The first three show as a line count (`wc -l`, run
    meanwhile on the other core) that differs from the rows read. The table keeps the file's
    order, so a row's number is its rowid plus the header row plus one. A row the careful
    loading would drop or reject (too short, blank, the header again) is picked out by
    `_suspect` and gets the careful checks (`_check_odd_rows`): one odd row no longer sends a
    file of millions the careful way.
    """
    readable = _fast_readable(path, head, table, workdir)
    if readable is None:
        return None
    cells = {f: f"c{i}" for f, i in head.used.items() if f in FAST_FIELDS}
    reader = _fast_reader(readable, head)
    odd = _read_exactly(con, readable, head, table, cells, reader, watch)
    src_row = f"rowid + {head.header_row + 1}"
    rejected = _check_odd_rows(con, table, head, cells, reader, src_row) if odd else []
    if odd is None or rejected is None:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        if readable != path:
            readable.unlink(missing_ok=True)
        return None
    plan = CsvPlan(readable, head.delim, head.index, head.used, len(head.header), "utf-8")
    return _Loaded(
        {f: head.header[head.used[f]] for f in cells},
        head.header_row,
        head.encoding_label,
        src_row,
        rejected,
        0,
        plan,
        head.bytes_per_row,
        # rows are left out only when some were odd: the filter costs a pass otherwise
        where="WHERE NOT _blank AND _reject IS NULL" if odd else "",
    )


def _fast_readable(path: Path, head: _CsvHead, table: str, workdir: Path) -> Path | None:
    """The UTF-8 file DuckDB is to read fast: the file itself when it is UTF-8 throughout
    (_utf8_throughout), a GB18030 file's transcoding in the work directory; None when the head,
    or a line further on, is in another encoding."""
    if not head.clean or head.encoding_label not in ("utf-8", "utf-8-sig", "gb18030"):
        return None
    if head.encoding_label != "gb18030":
        return path if _utf8_throughout(path) else None
    workdir.mkdir(parents=True, exist_ok=True)
    readable = workdir / f"{table}.utf-8.csv"
    if not _gb18030_as_utf8(path, readable):
        readable.unlink(missing_ok=True)
        return None
    return readable


def _fast_reader(readable: Path, head: _CsvHead) -> str:
    """The DuckDB read_csv of the fast reading, every column of the header as c0, c1, ..."""
    names = [f"c{i}" for i in range(len(head.header))]
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in names) + "}"
    # Explicit columns, all VARCHAR, nothing sniffed. No store_rejects: a line strict mode
    # refuses stops the reading (sooner than reading on would), and the careful way, which
    # must take the file then anyway, names it.
    return (
        f"read_csv({_lit(str(readable))}, auto_detect=false, header=false, "
        f"skip={head.skip}, columns={spec}, delim={_lit(head.delim)}, quote='\"', "
        f"escape='\"', all_varchar=true, null_padding=true, nullstr={_lit(_NULL)}, "
        f"strict_mode=true, max_line_size={MAX_CELL_CHARS}, filename=false)"
    )


def _read_exactly(
    con: duckdb.DuckDBPyConnection,
    readable: Path,
    head: _CsvHead,
    table: str,
    cells: dict[str, str],
    reader: str,
    watch: QueryWatch,
) -> int | None:
    """The `cells` read into `table` with `_odd` (_suspect) marking the rows for the careful
    checks; how many rows are odd, or None when the reading is not exact: DuckDB refused a line,
    the file holds a NUL byte, or its lines (_LineCount, counted meanwhile) are not the rows
    read."""
    lines = _LineCount(readable)
    fields = ", ".join(f"{c} AS {f}" for f, c in cells.items())
    try:
        with watch:
            con.execute(
                f"CREATE OR REPLACE TABLE {table} AS SELECT {fields}, "
                f"{_suspect(head, cells)} AS _odd FROM {reader}"
            )
        found = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE _odd) FROM {table}"
        ).fetchone()
    except duckdb.Error:
        found = None
    exact = found is not None and not lines.has_nul() and lines.rows() == head.skip + found[0]
    lines.close()
    odd = found[1] if found else 0
    return odd if exact else None


def _gb18030_as_utf8(path: Path, out: Path) -> bool:
    """The GB18030 file transcoded into UTF-8 at `out` (by the codec the careful way uses, piece
    by piece as it does), so that DuckDB can read it in parallel; False when a line is not
    GB18030 or reads as UTF-8 (two encodings in one file): the careful way rejects those lines
    one by one. About 1.5 s of CPU per million rows, on every core for a big file."""
    with out.open("wb") as dst:
        for piece in _utf8_pieces(path):
            if piece is None:
                return False
            dst.write(piece)
    return True


PARALLEL_BYTES = 64 * MiB  # a smaller GB18030 file is transcoded in this process


def _utf8_pieces(path: Path) -> Iterator[bytes | None]:
    """_utf8_piece of each piece of the file, in the file's order. A big file's pieces are
    transcoded by a process per core (Python's codecs hold the GIL; DuckDB waits for the
    file meanwhile, so the cores are free), each given its next piece when it hands back its
    last, so no pipe fills up. Plain `python -c` processes, not multiprocessing: that would
    run the caller's own script again in each. If one fails, this process does the rest."""
    pieces = _chunks(path)
    workers: list[subprocess.Popen[bytes]] = []
    if usable_cores() > 1 and _size(path) >= PARALLEL_BYTES:
        workers = _transcoders(usable_cores())
    busy: deque[tuple[subprocess.Popen[bytes] | None, bytes]] = deque()  # None: done here

    def start(worker: subprocess.Popen[bytes] | None) -> None:
        """Give the worker (this process, for None) the next piece, if any is left."""
        piece = next(pieces, None)
        if piece is not None:
            sent = worker is not None and _send(worker, piece)
            busy.append((worker if sent else None, piece))

    try:
        for worker in workers:
            start(worker)
        while busy:
            worker, piece = busy.popleft()
            found = _receive(worker) if worker is not None else False
            if found is False:  # the process failed (or was never given it): done here
                found, worker = _utf8_piece(piece), None
            yield found
            start(worker)
        yield from map(_utf8_piece, pieces)  # without processes, every piece
    finally:
        for worker in workers:
            worker.kill()
            with contextlib.suppress(OSError):
                for pipe in (worker.stdin, worker.stdout):
                    if pipe is not None:
                        pipe.close()
            worker.wait()


_WORKER = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "from catalog_sync.sources.gb18030 import transcode_pieces; "
    "transcode_pieces(sys.stdin.buffer, sys.stdout.buffer)"
)


def _transcoders(n: int) -> list[subprocess.Popen[bytes]]:
    """n transcoding processes running _WORKER, or fewer (none) if they cannot be started."""
    root = str(Path(__file__).resolve().parents[2])  # the folder holding catalog_sync
    path = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    workers: list[subprocess.Popen[bytes]] = []
    with contextlib.suppress(OSError):
        for _ in range(n):
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-c", _WORKER],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            )
    return workers


def _send(worker: subprocess.Popen[bytes], piece: bytes) -> bool:
    assert worker.stdin is not None
    try:
        worker.stdin.write(len(piece).to_bytes(8, "little") + piece)
        worker.stdin.flush()
        return True
    except OSError:
        return False


def _receive(worker: subprocess.Popen[bytes]) -> bytes | None | Literal[False]:
    """The transcoded piece, None (not GB18030 throughout), or False when the process failed."""
    assert worker.stdout is not None
    size = worker.stdout.read(8)
    if len(size) < 8:
        return False
    n = int.from_bytes(size, "little")
    if n == NONE:
        return None
    data = worker.stdout.read(n)
    return data if len(data) == n else False


def _check_odd_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    head: _CsvHead,
    cells: dict[str, str],
    reader: str,
    src_row: str,
) -> list[tuple[int, str, str]] | None:
    """The careful checks (_blank_row, _reject_and_column) on the rows `_suspect` picked out
    of a fast reading, so one odd row does not send a file of millions the careful way.

    They need every column, which the fast reading left unread (reading them costs about a
    quarter more on every file): the file is read a second time, keeping the odd rows alone, and its
    k-th odd row is the table's k-th (both readings keep the file's order). The table gains
    `_blank`, `_reject` and `_column`; the rejected rows are returned, or None when the two
    readings disagree (the file changed meanwhile), and then it is loaded the careful way."""
    reject, column = _reject_and_column(head.used, head.header)
    try:
        checks = con.execute(
            f"SELECT {_blank_row(len(head.header))}, {reject}, {column}, {_page_cells(head)} "
            f"FROM {reader} WHERE {_suspect(head, cells)}"
        ).fetchall()
    except duckdb.Error:
        return None
    found = con.execute(f"SELECT rowid FROM {table} WHERE _odd ORDER BY rowid").fetchall()
    if len(found) != len(checks):
        return None
    rid = [r[0] for r in found]
    blank, why, col, page = ([c[k] for c in checks] for k in range(4))
    _settle_short_odd_rows(con, table, blank, why)
    picked = [(r, None if b else p) for r, b, p in zip(rid, blank, page, strict=True) if b or p]
    again = _page_keys(head.page, picked)
    for k, r in enumerate(rid):
        if r in again:
            why[k], col[k] = again[r], ""
    con.execute(
        f"ALTER TABLE {table} ADD COLUMN _blank BOOLEAN DEFAULT false; "
        f"ALTER TABLE {table} ADD COLUMN _reject VARCHAR; "
        f"ALTER TABLE {table} ADD COLUMN _column VARCHAR"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _odd_checks AS SELECT unnest($1::BIGINT[]) AS rid, "
        "unnest($2::BOOLEAN[]) AS _blank, unnest($3::VARCHAR[]) AS _reject, "
        "unnest($4::VARCHAR[]) AS _column",
        [rid, blank, why, col],
    )
    con.execute(
        f"UPDATE {table} SET _blank = o._blank, _reject = o._reject, _column = o._column "
        f"FROM _odd_checks o WHERE {table}.rowid = o.rid"
    )
    con.execute("DROP TABLE _odd_checks")
    width = named_width(head.header)
    return [
        (int(r), _sql_reason(str(reason), str(c), width), _sql_column(reason, c))
        for r, reason, c in con.execute(
            f"SELECT {src_row}, _reject, _column FROM {table} "
            "WHERE _odd AND NOT _blank AND _reject IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]


def _settle_short_odd_rows(
    con: duckdb.DuckDBPyConnection, table: str, blank: list[bool], why: list[str | None]
) -> None:
    """_settle_short_rows on a fast reading: every short row is an odd one (_suspect), so the
    short rows are counted among them, against every row of the table that is not blank."""
    short = sum(
        1 for b, w in zip(blank, why, strict=True) if not b and w and w.split(":")[0] in _SHORT
    )
    if short:
        count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        rows = int(count[0] if count else 0) - sum(map(bool, blank))
        if pads_short_rows(short, rows):
            why[:] = [None if w and w.startswith("fields:") else w for w in why]


_SHORT = ("short", "fields")  # the _reject keys of a row with fewer fields than its header


def _suspect(head: _CsvHead, cells: dict[str, str]) -> str:
    """True on a row the careful checks must look at (_read_fast applies them to it): shorter
        than its header (too short to hold the 实施编码, or short of a field that the file does not
        pad: _settle_short_odd_rows), the header or the title again (_may_repeat), perhaps a note
        (_may_be_note), or blank in
        every column read. Never NULL.

        Cheap on the usual row, which is decided by comparisons alone (`_solid`): its 实施编码
        starts with a character that is no space, and is not the header, and another cell read does
    too (a page's title again, pages.py, fills one cell). Only a row whose 实施编码
        is empty or starts with a space or a rarer character goes on to the trimming of its cells,
        and of those only a row none of whose cells starts so."""
    task = cells["task_code"]
    header = _lit(head.header[head.used["task_code"]])
    blank = " AND ".join(f"{_strip(c)} = ''" for c in cells.values())
    last = f"c{named_width(head.header) - 1}"  # NULL: a short row
    other = next((c for f, c in cells.items() if f != "task_code"), None)
    # two cells filled: no title again (one cell), and no header again unless its 实施编码 is
    two_filled = f"WHEN {_solid(task)} AND {_solid(other)} THEN false " if other else ""
    return (
        f"CASE WHEN {task} IS NULL OR {last} IS NULL OR contains({task}, {header}) THEN true "
        f"WHEN {_may_be_note(len(head.header))} THEN true "
        f"{two_filled}"
        f"WHEN {_may_repeat(head)} THEN true "
        f"WHEN {_solid(task)} THEN false "
        f"WHEN {task} <> '' AND NOT contains({_lit(SPACES)}, left({task}, 1)) THEN false "
        f"WHEN {' OR '.join(_solid(c) for c in cells.values())} THEN false "
        f"ELSE coalesce({blank}, true) END"  # a cell missing (NULL): a short row
    )


def _page_cells(head: _CsvHead) -> str:
    """SQL: the cells of a row that may be the header or the title again (PageRepeats.may_repeat:
    its first cell stripped, its cells joined), for pages.repeat_reasons; NULL on other rows."""
    cells = ", ".join(f"coalesce(c{i}, '')" for i in range(len(head.header)))
    return f"CASE WHEN {_may_repeat(head)} THEN [{cells}] END"


def _may_repeat(head: _CsvHead) -> str:
    """SQL: true on every row that may write the header or the title again, as
    PageRepeats.may_repeat, and on every row of one filled cell when the file has a title (a
    title again without its page mark, or with another, which may_repeat's quick test on the
    text as written misses). Never NULL."""
    cells = ", ".join(f"coalesce(c{i}, '')" for i in range(len(head.header)))
    joined = f"concat({cells})"
    tests = [f"contains({joined}, '页')"]
    if head.page.firsts:
        tests.append(f"{_strip('c0')} IN ({', '.join(map(_lit, sorted(head.page.firsts)))})")
    if head.page.titles:  # a title again fills one cell; its page mark may differ or lack
        stripped = f"list_transform([{cells}], {_LAMBDA}{_strip('x')})"
        tests.append(f"len(list_filter({stripped}, {_LAMBDA}x <> '')) = 1")
    return "(" + " OR ".join(tests) + ")"


def _page_keys(page: PageRepeats, picked: list[tuple[int, list[str] | None]]) -> dict[int, str]:
    """pages.repeat_reasons as `_reject` keys ("header", "title"), by the picked rows' numbers."""
    keys = {HEADER_AGAIN: "header", TITLE_AGAIN: "title"}
    return {n: keys[reason] for n, reason in repeat_reasons(page, picked).items()}


def _mark_page_repeats(
    con: duckdb.DuckDBPyConnection, table: str, src_row: str, page: PageRepeats
) -> None:
    """The rows of a carefully loaded table that write the header or the title again (the
    `_page` cells _read_strictly kept) rejected so, whatever else was found wrong with them."""
    picked = con.execute(
        f"SELECT {src_row}, CASE WHEN NOT _blank THEN _page END FROM {table} "
        "WHERE _blank OR _page IS NOT NULL ORDER BY 1"
    ).fetchall()
    again = _page_keys(page, [(int(n), cells) for n, cells in picked])
    for key in ("header", "title"):
        rows = [n for n, k in again.items() if k == key]
        if rows:
            con.execute(
                f"UPDATE {table} SET _reject = {_lit(key)}, _column = '' "
                f"WHERE {src_row} IN (SELECT unnest($1::BIGINT[]))",
                [rows],
            )


def _solid(cell: str) -> str:
    """SQL: the cell starts with a printable ASCII character or one at or above U+4000 (CJK and
    full-width forms), so it is not blank after str.strip(); false for '' and NULL-safe in a
    CASE. Two string comparisons, which DuckDB makes on the bytes it keeps inline: every
    character of SPACES is below U+3001, and UTF-8 orders bytes as it orders code points."""
    return f"(({cell} >= '!' AND {cell} < chr(127)) OR {cell} >= chr(16384))"


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    display: str,
    workdir: Path,
    table: str,
    head: _CsvHead,
) -> _Loaded:
    """A CSV file loaded into `table` by DuckDB; see the module docstring for rejected rows."""
    scan = _scan(path, head.delim)
    readable = _readable_copy(path, scan, head.delim, workdir, table)
    unclosed = _unclosed_row(readable, display, head.delim, scan)
    refused = _read_strictly(con, readable, display, table, head)
    _settle_short_rows(con, table)
    src_row = _number_rows(con, table, head.header_row, refused, unclosed)
    _mark_page_repeats(con, table, src_row, head.page)
    rejected = _csv_rejections(
        con, table, src_row, head.header_row, refused, scan.encoding, named_width(head.header)
    )
    # "utf-8": what DuckDB reads is UTF-8, the file or its transcoding
    plan = CsvPlan(readable, head.delim, head.index, head.used, len(head.header), "utf-8")
    return _Loaded(
        head.headers,
        head.header_row,
        scan.encoding_label,
        src_row,
        rejected,
        len(refused),
        plan,
        head.bytes_per_row,
    )


def _readable_copy(path: Path, scan: _Scan, delim: str, workdir: Path, table: str) -> Path:
    """The file DuckDB is to read: the file itself, or, when it is GB18030 or has blank lines,
    its UTF-8 transcoding in the work directory (DuckDB reads UTF-8 only, and skips blank
    lines where a spreadsheet shows rows)."""
    if scan.encoding != "gb18030" and not scan.blanks:
        return path
    workdir.mkdir(parents=True, exist_ok=True)
    readable = workdir / f"{table}.csv"
    _transcode(path, scan.encoding, delim, readable)
    return readable


def _unclosed_row(readable: Path, display: str, delim: str, scan: _Scan) -> int | None:
    """The record number of a last row whose quote is never closed (that row is rejected), or
    None; a quote that swallowed later lines stops the run instead."""
    unclosed = _unclosed_quote(readable, delim) if scan.odd_quotes else None
    if unclosed is None:
        return None
    record, spans_lines = unclosed
    if spans_lines:
        raise SourceError(
            display,
            "a quoted cell opened on this row is never closed, so every later line would be "
            "part of it; close the quote or remove it",
            row=record,
        )
    return record


def _read_strictly(
    con: duckdb.DuckDBPyConnection, readable: Path, display: str, table: str, head: _CsvHead
) -> list[tuple[int, str]]:
    """`table` read by DuckDB in strict mode, its cells trimmed and every row checked (_blank_row,
    _row_checks); the rows strict mode refused, which are not in the table, as (data-row number,
    DuckDB's error type) in row order. A file DuckDB cannot read at all stops the run."""
    header, used = head.header, head.used
    names = [f"c{i}" for i in range(len(header))]
    spec = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    fields = ", ".join(f"{_strip(f'c{i}')} AS {f}" for f, i in used.items())
    blank = _blank_row(len(header))
    rejects, scans = f"{table}_rejects", f"{table}_scans"
    sql = (
        f"CREATE OR REPLACE TABLE {table} AS SELECT {fields}, {blank} AS _blank, "
        f"{_row_checks(used, header)}, {_page_cells(head)} AS _page "
        f"FROM read_csv({_lit(str(readable))}, auto_detect=false, header=false, "
        f"skip={head.skip}, columns={spec}, delim={_lit(head.delim)}, quote='\"', escape='\"', "
        f"all_varchar=true, null_padding=true, nullstr={_lit(_NULL)}, strict_mode=true, "
        f"store_rejects=true, rejects_table={_lit(rejects)}, rejects_scan={_lit(scans)}, "
        f"parallel=false, max_line_size={MAX_LINE_BYTES}, filename=false)"
    )
    try:
        con.execute(sql)
        refused = con.execute(
            f"SELECT line - {head.skip} AS k, min(error_type) FROM {rejects} GROUP BY k ORDER BY k"
        ).fetchall()
    except duckdb.Error as e:
        raise _unreadable(display, e) from None
    finally:
        con.execute(f"DROP TABLE IF EXISTS {rejects}; DROP TABLE IF EXISTS {scans}")
    return [(int(k), str(kind)) for k, kind in refused]


def _number_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    header_row: int,
    refused: list[tuple[int, str]],
    unclosed: int | None,
) -> str:
    """SQL giving a row's number as a spreadsheet shows it: the kept rows are renumbered
    (_renumber) when strict mode refused some. The unclosed last row is rejected here, unless
    strict mode refused it already."""
    src_row = f"rowid + {header_row + 1}"
    position = "rowid + 1"
    if refused:
        _renumber(con, table, [k for k, _ in refused])
        src_row, position = f"_k + {header_row}", "_k"
    if unclosed is not None and unclosed - header_row not in {k for k, _ in refused}:
        con.execute(
            f"UPDATE {table} SET _reject = 'unclosed', _column = '' "
            f"WHERE {position} = {unclosed - header_row} AND NOT _blank"
        )
    return src_row


def _csv_rejections(
    con: duckdb.DuckDBPyConnection,
    table: str,
    src_row: str,
    header_row: int,
    refused: list[tuple[int, str]],
    encoding: str,
    width: int,
) -> list[tuple[int, str, str]]:
    """Every rejected row of the file as (row, reason, column), in row order: those strict mode
    refused and those the SQL checks marked (a blank row is dropped, not rejected)."""
    rejected = [(header_row + k, _duckdb_reason(kind, encoding), "") for k, kind in refused]
    rejected += [
        (int(r), _sql_reason(str(reason), str(column), width), _sql_column(reason, column))
        for r, reason, column in con.execute(
            f"SELECT {src_row}, _reject, _column FROM {table} "
            "WHERE NOT _blank AND _reject IS NOT NULL"
        ).fetchall()
    ]
    rejected.sort()
    return rejected


def _duckdb_reason(error_type: str, encoding: str) -> str:
    """Why DuckDB's strict mode left a row out, in the words of the rest of the tool."""
    if "ENCODING" in error_type or "UNICODE" in error_type:
        other = "a UTF-8" if encoding == "gb18030" else "a GB18030/GBK"
        main = "GB18030/GBK" if encoding == "gb18030" else "UTF-8"
        return (
            f"is not {main} text like the rest of the file ({other} line? mixed encodings); "
            "re-save the file in one encoding"
        )
    return _DUCKDB_REASONS.get(error_type, f"cannot be read as CSV ({error_type.lower()})")


_SQL_REASONS = {
    "short": "has fewer fields than the header: the required {header} is missing",
    "long": f"a cell is longer than {MAX_CELL_CHARS:,} characters (Excel's limit)",
    "nul": "a cell holds a NUL character: the row is not text",
    "header": HEADER_AGAIN,
    "title": TITLE_AGAIN,
    "unclosed": "the file ends inside a quoted cell of this row (the file is cut short?)",
    "note": NOTE_REASON,
}


def _sql_reason(reject: str, column: str, width: int) -> str:
    """The reason of a `_reject` key: one of _SQL_REASONS, or `fields:<n>` for a row of n
    fields where the header names `width` (tabular.short_row_reason)."""
    if reject.startswith("fields:"):
        return short_row_reason(int(reject.removeprefix("fields:")), width)
    if reject == "note":
        return NOTE_REASON
    return _SQL_REASONS[reject].format(header=column)


def _sql_column(reject: object, column: object) -> str:
    """The column a rejection names: none for a note (_reject_and_column's column expression
    names the 实施编码 of every row too short to hold it, a note's too)."""
    return "" if reject == "note" else str(column)


def _settle_short_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """A file whose exporter drops the empty fields ending its rows (tabular.pads_short_rows)
    has its short rows used, their missing fields empty: their `fields:` rejections undone.
    Elsewhere a short row stays rejected."""
    found = con.execute(
        f"SELECT count(*) FILTER (WHERE _reject = 'short' OR starts_with(_reject, 'fields:')), "
        f"count(*) FROM {table} WHERE NOT _blank"
    ).fetchone()
    if found and pads_short_rows(int(found[0]), int(found[1])):
        con.execute(f"UPDATE {table} SET _reject = NULL WHERE starts_with(_reject, 'fields:')")


def _row_checks(used: dict[str, int], header: list[str]) -> str:
    """SQL giving `_reject` (a key of _SQL_REASONS, NULL for a usable row) and `_column`."""
    reject, column = _reject_and_column(used, header)
    return f"{reject} AS _reject, {column} AS _column"


def _reject_and_column(used: dict[str, int], header: list[str]) -> tuple[str, str]:
    """The two expressions of _row_checks."""
    cells = [f"c{i}" for i in used.values()]
    task = f"c{used['task_code']}"
    same_header = " AND ".join(
        f"replace(coalesce(c{i}, ''), chr(65279), '') = {_lit(header[i])}" for i in used.values()
    )
    longest = "greatest(" + ", ".join(f"length(coalesce({c}, ''))" for c in cells) + ")"
    nul = " OR ".join(f"contains(coalesce({c}, ''), chr(0))" for c in cells)
    named = named_width(header)
    fields = " + ".join(f"(c{i} IS NOT NULL)::INTEGER" for i in range(named))
    return (
        f"coalesce({_note_row(len(header))}, "
        f"CASE WHEN {task} IS NULL THEN 'short' WHEN {longest} > {MAX_CELL_CHARS} THEN 'long' "
        f"WHEN {nul} THEN 'nul' WHEN {same_header} THEN 'header' "
        f"WHEN c{named - 1} IS NULL THEN 'fields:' || ({fields}) END)",
        f"CASE WHEN {task} IS NULL THEN {_lit(header[used['task_code']])} ELSE '' END",
    )


# DuckDB 1.3 writes a lambda `lambda x: ...`; 2.0 refuses the older `x -> ...`.
_LAMBDA = "lambda x: " if tuple(map(int, duckdb.__version__.split(".")[:2])) >= (1, 3) else "x -> "


def _note_row(width: int) -> str:
    """'note' for a totals or notes row (sources.notes: at most two cells filled, the first
    starting with 合计, 注：, 制表人…), else NULL; the cells are looked at one by one only when
    the row's text starts with a note's first character."""
    cells = ", ".join(f"c{i}" for i in range(width))
    joined = _strip(f"concat_ws('', {cells})")
    stripped = f"list_transform([{cells}], {_LAMBDA}{_strip('x')})"
    filled = f"(list_filter({stripped}, {_LAMBDA}x <> ''))"
    return (
        f"CASE WHEN regexp_matches({joined}, {_lit(SQL_MAY_BE)}) THEN CASE WHEN len({filled}) "
        f"<= 2 AND regexp_matches({filled}[1], {_lit(SQL_NOTE)}) THEN 'note' END END"
    )


def _may_be_note(width: int) -> str:
    """SQL: false for a row that is no note (_note_row), cheaply on the usual row: its first
    cell starts with an ASCII character (no note does), or with a Chinese one that starts no
    note; the row's text is looked at only when its first cell is empty or starts otherwise."""
    joined = _strip(f"concat_ws('', {', '.join(f'c{i}' for i in range(width))})")
    return (
        "CASE WHEN c0 >= '!' AND c0 < chr(127) THEN false "
        f"WHEN c0 >= chr(16384) THEN contains({_lit(NOTE_FIRST)}, left(c0, 1)) "
        f"ELSE coalesce(regexp_matches({joined}, {_lit(SQL_MAY_BE)}), false) END"
    )


def _blank_row(width: int) -> str:
    """Every cell of the row blank after trimming (such a row is dropped, not rejected)."""
    return _strip(f"concat_ws('', {', '.join(f'c{i}' for i in range(width))})") + " = ''"


def _renumber(con: duckdb.DuckDBPyConnection, table: str, rejected: list[int]) -> None:
    """DuckDB leaves rejected rows out: give each kept row `_k`, its data-row number."""
    count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    total = int(count[0] if count else 0) + len(rejected)
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS "
        f"WITH pos AS (SELECT k, row_number() OVER (ORDER BY k) - 1 AS rid "
        f"FROM range(1, {total + 1}) r(k) WHERE k NOT IN (SELECT unnest($1::BIGINT[]))) "
        f"SELECT t.*, pos.k AS _k FROM {table} t JOIN pos ON t.rowid = pos.rid ORDER BY pos.k",
        [rejected],
    )


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


@dataclass
class _Scan:
    encoding: str  # "utf-8" or "gb18030": what most lines are in
    encoding_label: str  # as reported: utf-8, utf-8-sig or gb18030
    blanks: bool  # blank lines before the last row (DuckDB would skip them)
    odd_quotes: bool  # an odd number of quote characters: perhaps a quote never closed


def _chunks(path: Path) -> Iterator[bytes]:
    """The file in pieces of about CHUNK_BYTES, each ending at a line break (or after
    MAX_LINE_BYTES of a line that has none), so that a piece can be decoded on its own."""
    carry = b""
    with path.open("rb") as fh:
        while block := fh.read(CHUNK_BYTES):
            data = carry + block
            cut = data.rfind(b"\n") + 1
            if cut == 0 and len(data) < MAX_LINE_BYTES:
                carry = data
                continue
            cut = cut or len(data)
            carry = data[cut:]
            yield data[:cut]
    if carry:
        yield carry


def _scan(path: Path, delim: str) -> _Scan:
    """One streaming pass: the encoding most lines are in, blank lines, quote parity.

    The first 64 KB of a GB18030 file may well be valid UTF-8 (ASCII headers), hence the scan.
    """
    blanks = _BlankLines(delim)
    utf8 = other = quotes = 0
    bom = False
    for n, piece in enumerate(_chunks(path)):
        bom = bom or (n == 0 and piece.startswith(b"\xef\xbb\xbf"))
        quotes += piece.count(b'"')
        try:
            text = piece.decode("utf-8")
            utf8 += 0 if piece.isascii() else piece.count(b"\n") + 1  # a vote per line
        except UnicodeDecodeError:
            if other <= 10 * utf8 + 1000:  # until the vote is plainly GB18030's
                votes = [_reads_as_utf8(ln) for ln in piece.splitlines() if not ln.isascii()]
                utf8, other = utf8 + sum(votes), other + len(votes) - sum(votes)
            text = piece.decode("utf-8", "replace")
        blanks.feed(text)
    blanks.feed("", final=True)
    encoding = "utf-8" if other <= utf8 else "gb18030"
    label = ("utf-8-sig" if bom else "utf-8") if encoding == "utf-8" else "gb18030"
    return _Scan(encoding, label, blanks.found, quotes % 2 == 1)


def _decode_piece(piece: bytes, encoding: str) -> str:
    """A piece of the file as text; a line not in `encoding` (or, in a GB18030 file, a line
    that reads as UTF-8) keeps its bytes behind a mark, so DuckDB rejects its row."""
    if encoding == "utf-8":
        try:
            return piece.decode("utf-8")
        except UnicodeDecodeError:
            pass
    else:
        try:
            text = piece.decode("gb18030")
            if not _has_utf8_line(piece):
                return text
        except UnicodeDecodeError:
            pass
    out = []
    for line in piece.splitlines(keepends=True):
        try:
            if encoding == "gb18030" and _reads_as_utf8(line):
                raise UnicodeDecodeError(encoding, line, 0, 1, "a UTF-8 line")
            out.append(line.decode(encoding))
        except UnicodeDecodeError:
            out.append(_MARK + line.decode("utf-8", "surrogateescape"))
    return "".join(out)


def _transcode(path: Path, encoding: str, delim: str, out: Path) -> None:
    """Stream `path` into UTF-8 at `out`: blank lines filled (see _BlankLines), lines in another
    encoding marked (see _decode_piece)."""
    blanks = _BlankLines(delim)
    first = True
    with out.open("w", encoding="utf-8", errors="surrogateescape", newline="") as dst:
        for piece in _chunks(path):
            if first and piece.startswith(b"\xef\xbb\xbf"):
                piece = piece[3:]
            first = False
            dst.write(blanks.feed(_decode_piece(piece, encoding)))
        dst.write(blanks.feed("", final=True))


def _unclosed_quote(path: Path, delim: str) -> tuple[int, bool] | None:
    """(record number, whether it spans several lines) of a last record whose quote is never
    closed, or None. Python's csv reads a record only an open quote can swallow after the file:
    if the last record swallowed it, the quote was open."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        text: Iterable[str] = fh if NUL == "\x00" else (x.replace("\x00", NUL) for x in fh)
        lines = itertools.chain(text, ["\n", _SENTINEL])
        last: list[str] = []
        count = 0
        for row in csv.reader(lines, delimiter=delim):
            last, count = row, count + 1
    if last == [_SENTINEL]:
        return None
    cells = [*last[:-1], last[-1][: -len("\n" + _SENTINEL)].rstrip("\r\n")] if last else []
    return count, any("\n" in c or "\r" in c for c in cells)
