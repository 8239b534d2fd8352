"""CSV tables that open cleanly in Excel (BOM) and cannot smuggle formulas into it."""

from __future__ import annotations

import csv
import functools
import io
import re
import sys
from collections.abc import Iterable, Sequence
from itertools import chain, cycle, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from ..model import Table
from ..vocab import Rendering
from .columnar import batches, column_texts, column_values, rows_bytes

# What Excel, LibreOffice and Google Sheets run as a formula: = + - @ first, even after tabs and
# line breaks (OWASP's list, with LF added).
_FORMULA_START = re.compile(r"^[\t\r\n]*[=+\-@]")
_FORMULA_CHARS = "\t\r\n=+-@"  # what _FORMULA_START can start with
_AS_IS = (int, float, bool, type(None))  # types csv writes exactly as csv_cell renders them
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def csv_cell(value: Any) -> Any:
    """Render one cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return str(value)
    text = str(value)
    if not text or text[0] not in _FORMULA_CHARS:
        return text
    # fullmatch, as RE2 reads $: Python's $ also matches before a final line break
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def sql_csv_cell(expr: str) -> str:
    """csv_cell as a DuckDB expression on a text column (a test keeps the two equal).

    Empty text becomes NULL because DuckDB's COPY quotes an empty string ("") and writes NULL
    as nothing, which is what csv.writer writes for "".
    """
    start = _FORMULA_START.pattern.replace("'", "''")
    number = _PLAIN_NUMBER.pattern.replace("'", "''")
    apostrophe = "'" * 4
    return (  # the first character tells the usual cell apart: the regexes only on the rest
        f"CASE WHEN {expr} IS NULL OR {expr} = '' THEN NULL "
        f"WHEN NOT contains('{_FORMULA_CHARS}', left({expr}, 1)) THEN {expr} "
        f"WHEN regexp_matches({expr}, '{start}') AND NOT regexp_matches({expr}, '{number}') "
        f"THEN {apostrophe} || {expr} ELSE {expr} END"
    )


# Python 3.10's csv.writer refuses a NUL in a cell ("need to escape"); 3.11+ writes it as it is.
_NUL_WRITTEN = sys.version_info >= (3, 11)
_NUL_STAND_IN = "\ufffe"  # a noncharacter: no text a table holds


def writerows(fh: TextIO, rows: Iterable[Sequence[Any]], **fmtparams: Any) -> None:
    """csv.writer(fh, **fmtparams).writerows(rows), a NUL in a cell written as 3.11+ writes it
    on every Python."""
    if _NUL_WRITTEN:
        csv.writer(fh, **fmtparams).writerows(rows)
        return
    buffer = io.StringIO()
    csv.writer(buffer, **fmtparams).writerows(
        [c.replace("\0", _NUL_STAND_IN) if isinstance(c, str) else c for c in row] for row in rows
    )
    fh.write(buffer.getvalue().replace(_NUL_STAND_IN, "\0"))


def write_csv(table: Table, path: Path, lang: str, rendering: Rendering | None = None) -> None:
    """Write one table as UTF-8 with BOM so Excel reads the Chinese headers correctly. Given
    a `rendering` (vocab.Rendering), its cells are rendered for people as they are written, a
    column's distinct values once a batch, as vocab.localized would render the rows."""
    stream = getattr(table, "stream", None)
    if stream is not None:
        _copy_csv(stream, table.header(lang), path)
        return
    # The BOM written by hand: the utf-8-sig codec encodes in Python, row by row.
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh)
        writer.writerow(table.header(lang))
        keys = [c.key for c in table.columns]
        for batch in batches(table.rows):
            data = _columns_bytes(batch, keys, rendering) if len(keys) > 1 else None
            if data is not None:
                fh.flush()  # the header and any rows before: then these bytes, in order
                fh.buffer.write(data)
                continue
            if rendering is not None:
                batch = list(map(rendering.row, batch))
            for start in range(0, len(batch), _BATCH):
                cells, joined = _cells(batch[start : start + _BATCH], keys)
                _write_cells(cells, joined, len(keys), writer, fh)


_BATCH = 2_000
_QUOTED = re.compile('[,"\r\n]')  # what csv.writer (QUOTE_MINIMAL, CRLF) quotes a cell for
_FORMULA_AFTER_NUL = re.compile("\0[" + re.escape(_FORMULA_CHARS) + "]")
_TEXT_AS_IS = frozenset({str, int, float, bool})  # str() is the cell, as csv_cell makes it
_NUMBER_TYPES = frozenset({int, float, bool})


def _csv_texts(values: list[Any]) -> list[str]:
    """Cells as csv_cell renders them and csv.writer (QUOTE_MINIMAL) quotes them. A column of
    numbers is their str(); a column of texts none of which starts as a formula (most of a
    province's columns) is its own cells, and unquoted when nothing in it needs quoting:
    searches over the column joined by NUL tell, without a call per value."""
    kinds = set(map(type, values))
    cells: Iterable[str]
    if kinds == {str}:
        joined = "\0".join(values)
        # "" is in _FORMULA_CHARS: a column starting with an empty text goes through csv_cell
        if values[0][:1] not in _FORMULA_CHARS and not _FORMULA_AFTER_NUL.search(joined):
            if not _QUOTED.search(joined):
                return values
            cells = values
        else:
            cells = map(csv_cell, values)
    elif kinds and kinds <= _NUMBER_TYPES:
        return list(map(str, values))  # csv_cell's text of a number, never quoted
    else:
        cells = map(csv_cell, values)
    return ['"' + c.replace('"', '""') + '"' if _QUOTED.search(c) else c for c in cells]


def _columns_bytes(
    rows: list[dict[str, Any]], keys: list[str], rendering: Rendering | None = None
) -> bytes | None:
    """Rows of two or more cells as csv.writer writes them (CRLF), in UTF-8, a column at a
    time (reports.columnar: each distinct value rendered, quoted and encoded once a batch);
    None when a cell holds a NUL, which csv.writer decides on, or a row lacks a column that
    `rendering` renders (vocab.localized leaves it out: rendered row by row)."""
    tails = [","] * (len(keys) - 1) + ["\r\n"]
    columns = []
    for k, tail in zip(keys, tails, strict=True):
        if rendering is None or k not in rendering.keys:
            columns.append(column_texts(column_values(rows, k), _csv_texts, "", tail))
            continue
        try:
            values = list(map(itemgetter(k), rows))
        except KeyError:
            return None
        render = functools.partial(_rendered_csv_texts, rendering, k)
        columns.append(column_texts(values, render, "", tail))
    data = rows_bytes(columns)
    return None if b"\0" in data else data


def _rendered_csv_texts(rendering: Rendering, key: str, values: list[Any]) -> list[str]:
    return _csv_texts(list(map(rendering.cell, repeat(key), values)))


def _cells(rows: list[dict[str, Any]], keys: list[str]) -> tuple[list[str], str]:
    """The rows' cells as csv_cell renders them, in one list, and joined by NUL. The usual
    batch (text and numbers, every column there, nothing starting as a formula) is rendered
    and checked without a Python step per cell; any other, cell by cell."""
    try:
        values = list(chain.from_iterable(map(itemgetter(*keys), rows))) if len(keys) > 1 else []
    except KeyError:  # a row without some column: "" there
        values = []
    if values and _TEXT_AS_IS.issuperset(map(type, values)):
        cells = list(map(str, values))
        joined = "\0".join(cells)
        if cells[0][:1] not in _FORMULA_CHARS and not _FORMULA_AFTER_NUL.search(joined):
            return cells, joined
    blanks = [""] * len(keys)
    cells = [
        # plain text (the usual cell) as it is, numbers and None as csv writes them (str(),
        # ""), which is also what csv_cell makes of them; anything else through csv_cell
        v
        if (t := type(v)) is str and (not v or v[0] not in _FORMULA_CHARS)
        else (str(v) if v is not None else "")
        if t in _AS_IS
        else csv_cell(v)
        for row in rows
        for v in map(row.get, keys, blanks)
    ]
    return cells, "\0".join(cells)


def _write_cells(cells: list[str], joined: str, width: int, writer: Any, fh: TextIO) -> None:
    """Rows of `width` cells as csv.writer writes them, at once: the cells joined by commas and
    CRLF, the few that hold a comma, quote or line break quoted as csv.writer quotes them (one
    search over the batch, `joined` by NUL, finds them); csv.writer spends most of a province's
    CSV time deciding so cell by cell."""
    if width < 2 or joined.count("\0") != len(cells) - 1:
        # a lone cell (csv quotes an empty one) or a NUL in a cell: csv.writer decides
        rows = (cells[i : i + width] for i in range(0, len(cells), width))
        writerows(fh, rows, dialect=writer.dialect)
        return
    index, at, last = 0, 0, -1
    for hit in _QUOTED.finditer(joined):  # in text order: count the cells passed since the last
        index += joined.count("\0", at, hit.start())
        at = hit.start()
        if index != last:  # a cell's first hit: quoted, its quotes doubled
            cells[index] = '"' + cells[index].replace('"', '""') + '"'
            last = index
    ends = cycle([","] * (width - 1) + ["\r\n"])
    fh.write("".join(chain.from_iterable(zip(cells, ends, strict=False))))


def _copy_csv(stream: Any, header: list[str], path: Path) -> None:
    """A streamed table through DuckDB's COPY: the same cells, quoting and CRLF as csv.writer;
    the BOM rides on the first header name."""
    select = stream.select()
    described = stream.con.execute(f"SELECT * FROM ({select}) t LIMIT 0").description
    types = [str(d[1]) for d in described]
    names = ["\ufeff" + header[0], *header[1:]]
    cells = ", ".join(
        f"{sql_csv_cell(k) if t == 'VARCHAR' else k} AS " + '"' + n.replace('"', '""') + '"'
        for k, t, n in zip(stream.keys, types, names, strict=True)
    )
    target = str(path).replace("'", "''")
    stream.con.execute(
        f"COPY (SELECT {cells} FROM ({select}) t) TO '{target}' "
        "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\r\n')"
    )
