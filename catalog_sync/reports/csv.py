"""CSV tables that open cleanly in Excel (BOM) and cannot smuggle formulas into it."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from ..model import Table

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
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.match(text):
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
    return (
        f"CASE WHEN {expr} IS NULL OR {expr} = '' THEN NULL "
        f"WHEN regexp_matches({expr}, '{start}') AND NOT regexp_matches({expr}, '{number}') "
        f"THEN {apostrophe} || {expr} ELSE {expr} END"
    )


def write_csv(table: Table, path: Path, lang: str) -> None:
    """Write one table as UTF-8 with BOM so Excel reads the Chinese headers correctly."""
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
        blanks = [""] * len(keys)
        writer.writerows(
            # plain text (the usual cell) and numbers as they are (csv writes str() of a number,
            # as csv_cell does, and None as ""); anything else through csv_cell
            [
                v
                if (t := type(v)) is str and (not v or v[0] not in _FORMULA_CHARS) or t in _AS_IS
                else csv_cell(v)
                for v in map(row.get, keys, blanks)
            ]
            for row in table.rows
        )


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
