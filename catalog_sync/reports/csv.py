"""CSV tables that open cleanly in Excel (BOM) and cannot smuggle formulas into it."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from ..model import Table

_FORMULA_START = re.compile(r"^[\t\r]*[=+\-@]")
_FORMULA_CHARS = "\t\r=+-@"  # what _FORMULA_START can start with
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
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.header(lang))
        keys = [c.key for c in table.columns]
        blanks = [""] * len(keys)
        writer.writerows(
            # plain text (the usual cell) as it is; anything else through csv_cell
            [
                v if type(v) is str and (not v or v[0] not in _FORMULA_CHARS) else csv_cell(v)
                for v in map(row.get, keys, blanks)
            ]
            for row in table.rows
        )
