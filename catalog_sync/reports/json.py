"""JSON output with English keys, for tools that read the report rather than people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Table


def table_records(table: Table) -> list[dict[str, Any]]:
    """Rows as dicts with exactly the table's English keys, in column order."""
    keys = [c.key for c in table.columns]
    return [{k: row.get(k, "") for k in keys} for row in table.rows]


def write_json(obj: object, path: Path) -> None:
    """Write readable UTF-8 JSON; dates and other odd values become strings."""
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


def write_table_json(table: Table, path: Path) -> None:
    """A table as a JSON list of objects; a streamed table is copied out by DuckDB, unbuffered."""
    stream = getattr(table, "stream", None)
    if stream is None:
        write_json(table_records(table), path)
        return
    target = str(path).replace("'", "''")
    stream.con.execute(f"COPY ({stream.select()}) TO '{target}' (FORMAT json, ARRAY true)")
