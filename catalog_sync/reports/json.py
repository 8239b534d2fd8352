"""JSON output with English keys, for tools that read the report rather than people."""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, TextIO

from ..model import Table


def table_records(table: Table) -> list[dict[str, Any]]:
    """Rows as dicts with exactly the table's English keys, in column order."""
    keys = [c.key for c in table.columns]
    return [{k: row.get(k, "") for k in keys} for row in table.rows]


def write_json(obj: object, path: Path) -> None:
    """Write readable UTF-8 JSON; dates and other odd values become strings."""
    with open(path, "w", encoding="utf-8") as fh:
        if not (isinstance(obj, list) and _write_records(obj, fh)):
            fh.seek(0)
            fh.truncate()
            json.dump(obj, fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


def write_table_json(table: Table, path: Path) -> None:
    """write_json(table_records(table)), streamed from the rows without copying them; a
    streamed table is copied out by DuckDB, unbuffered."""
    stream = getattr(table, "stream", None)
    if stream is not None:
        target = str(path).replace("'", "''")
        stream.con.execute(f"COPY ({stream.select()}) TO '{target}' (FORMAT json, ARRAY true)")
        return
    keys = [c.key for c in table.columns]
    with open(path, "w", encoding="utf-8") as fh:
        if not _write_records(table.rows, fh, keys):
            fh.seek(0)
            fh.truncate()
            json.dump(table_records(table), fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


_SCALARS = frozenset({str, int, float, bool, type(None)})
# A flat record in json.dump(indent=2)'s layout, by json's C encoder (used when indent is None).
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": "))


class _NotFlat(Exception):
    pass


def _scalar(value: Any) -> str:
    """A scalar as json.dump writes it (ensure_ascii=False)."""
    t = type(value)
    if t is str:
        return encode_basestring(value)
    if t is int:
        return int.__repr__(value)
    if t is float:
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise _NotFlat


def _key(key: Any) -> str:
    if type(key) is not str:
        raise _NotFlat
    return encode_basestring(key)


def _write_records(records: list[Any], fh: TextIO, keys: list[str] | None = None) -> bool:
    """A list of flat dicts as json.dump(indent=2) writes it, byte for byte, streamed without
    its pure-Python indenting encoder (a province's tables hold millions of values). False,
    having written part of it, when a value is not a plain scalar: json.dump then writes it.
    With `keys`, each record is written as {k: record.get(k, "") for k in keys}."""
    if not records:
        return False
    fh.write("[\n")
    chunk: list[str] = []
    heads = [f"{_key(k)}: " for k in keys or ()]
    blanks = [""] * len(heads)
    try:
        for n, rec in enumerate(records):
            if type(rec) is not dict:
                return False
            sep = ",\n" if n else ""
            if keys is not None:
                values = list(map(rec.get, keys, blanks))
                if keys and _SCALARS.issuperset(map(type, values)):
                    # json's C encoder, its item separator carrying the indent: the same text
                    body = _ROW_ENCODER.encode(dict(zip(keys, values, strict=True)))[1:-1]
                else:
                    body = ",\n    ".join(
                        [head + _scalar(v) for head, v in zip(heads, values, strict=True)]
                    )
                chunk.append(f"{sep}  {{\n    {body}\n  }}" if keys else f"{sep}  {{}}")
            elif not rec:
                chunk.append(sep + "  {}")
            else:
                body = ",\n    ".join(f"{_key(k)}: {_scalar(v)}" for k, v in rec.items())
                chunk.append(f"{sep}  {{\n    {body}\n  }}")
            if len(chunk) >= 2000:
                fh.write("".join(chunk))
                chunk = []
    except _NotFlat:
        return False
    fh.write("".join(chunk) + "\n]")
    return True
