"""JSON output with English keys, for tools that read the report rather than people."""

from __future__ import annotations

import json
import math
from itertools import chain, cycle
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from ..model import Table
from .columnar import BATCH, batches, column_texts, column_values, rows_bytes


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
    if stream is not None and getattr(stream, "indent_json", False):
        _write_fetched(stream, path)
        return
    if stream is not None:
        target = str(path).replace("'", "''")
        stream.con.execute(f"COPY ({stream.select()}) TO '{target}' (FORMAT json, ARRAY true)")
        return
    keys = [c.key for c in table.columns]
    with open(path, "w", encoding="utf-8") as fh:
        if not (table.rows and keys and _write_columns(table.rows, fh, keys)):
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
    if keys:
        return _write_keyed(records, fh, keys)
    fh.write("[\n")
    chunk: list[str] = []
    try:
        for n, rec in enumerate(records):
            if type(rec) is not dict:
                return False
            sep = ",\n" if n else ""
            if not rec:
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


# Values of a batch joined by NUL, which json escapes inside strings: the text splits back
# into one encoded value each.
_FLAT_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=("\0", ": "))


def _write_keyed(records: list[Any], fh: TextIO, keys: list[str]) -> bool:
    """_write_records with keys: each batch's values encoded in one call of json's C encoder,
    then set between their keys (encoded once, not once a row)."""
    blanks = [""] * len(keys)
    get = itemgetter(*keys) if len(keys) > 1 else lambda rec: (rec[keys[0]],)
    heads = [f",\n    {_key(k)}: " for k in keys]
    first = [f"  {{\n    {_key(keys[0])}: ", *heads[1:]]  # a file's first record
    later = [f",\n  {{\n    {_key(keys[0])}: ", *heads[1:]]  # a batch's first record
    after = [f"\n  }},\n  {{\n    {_key(keys[0])}: ", *heads[1:]]  # the batch's others
    fh.write("[\n")
    for start in range(0, len(records), 2000):
        batch = records[start : start + 2000]
        if set(map(type, batch)) != {dict}:
            return False
        try:
            values = list(chain.from_iterable(map(get, batch)))
        except KeyError:
            values = [v for rec in batch for v in map(rec.get, keys, blanks)]
        if not _SCALARS.issuperset(map(type, values)):
            return False
        encoded = _FLAT_ENCODER.encode(values)[1:-1].split("\0")
        lead = chain(later if start else first, cycle(after))
        fh.write("".join(chain.from_iterable(zip(lead, encoded, strict=False))))
        fh.write("\n  }")
    fh.write("\n]")
    return True


def _json_texts(values: list[Any]) -> list[str]:
    """Plain scalars as json.dump writes them, in one call of json's C encoder."""
    if not _SCALARS.issuperset(map(type, values)):
        raise _NotFlat
    return _FLAT_ENCODER.encode(values)[1:-1].split("\0")


def _write_columns(rows: list[Any], fh: TextIO, keys: list[str]) -> bool:
    """_write_records with keys, a column at a time (reports.columnar): each distinct value of
    a batch's column encoded once, with its key, into UTF-8 bytes, and the rows joined in C."""
    try:
        heads = [f",\n    {_key(k)}: " for k in keys]
        heads[0] = f"  {{\n    {_key(keys[0])}: "
        tails = [""] * (len(keys) - 1) + ["\n  },\n"]  # the last row's ",\n" is taken off
        fh.write("[\n")
        written = 0
        for batch in batches(rows):
            written += len(batch)
            if set(map(type, batch)) != {dict}:
                return False
            columns = [
                column_texts(column_values(batch, k), _json_texts, head, tail)
                for k, head, tail in zip(keys, heads, tails, strict=True)
            ]
            data = rows_bytes(columns)
            fh.flush()  # "[" before: then these bytes, in order
            fh.buffer.write(data if written < len(rows) else data[:-2])
    except _NotFlat:
        return False
    fh.write("\n]")
    return True


def _write_fetched(stream: Any, path: Path) -> None:
    """A streamed table as json.dump(table_records(table), indent=2) writes it, byte for byte
    (a table that was written so before it was streamed keeps its bytes): fetched in chunks
    and written a column at a time, as _write_columns writes rows."""
    keys = stream.keys
    heads = [f",\n    {_key(k)}: " for k in keys]
    heads[0] = f",\n  {{\n    {_key(keys[0])}: "  # a row's ",\n" is taken off the first
    tails = [""] * (len(keys) - 1) + ["\n  }"]
    cur = stream.con.cursor()
    try:
        cur.execute(stream.select())
        with open(path, "wb") as fh:
            fh.write(b"[")
            first = True
            while chunk := cur.fetchmany(BATCH):
                columns = [
                    column_texts(list(values), _json_texts, head, tail)
                    for values, head, tail in zip(
                        zip(*chunk, strict=True), heads, tails, strict=True
                    )
                ]
                data = rows_bytes(columns)
                fh.write(b"\n" + data[2:] if first else data)
                first = False
            fh.write(b"]\n" if first else b"\n]\n")
    finally:
        cur.close()
