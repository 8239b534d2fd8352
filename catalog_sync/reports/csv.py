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


def write_csv(table: Table, path: Path, lang: str) -> None:
    """Write one table as UTF-8 with BOM so Excel reads the Chinese headers correctly."""
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
