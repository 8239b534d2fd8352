"""The code tier of matching as one SQL text, run by DuckDB (the default) or Spark.

A list item implements the catalogue matter whose 基本编码 it carries, given in the list or
read from its 实施编码 by a layout (sources/implementation_list.py), unless a reviewer denied
that pair. That rule is the join below, written once: `diff` runs it on DuckDB, and with
`--engine spark` on Spark, beside the work-order linkage; the two cannot drift apart. The lists
are still read here, in Python, and handed over: only row numbers and codes cross to the
engine, and the Match and its evidence are made by matching.py from the pairs that come back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import duckdb
import numpy as np

from .model import ListItem, Matter

# `_ct_items` (item, basic_code): the list items that carry a 基本编码, by position;
# `_ct_matters` (matter, basic_code): the catalogue, by position (codes are unique: the
# catalogue reader keeps the first row of a code; the first position wins here too);
# `_ct_denied` (item, matter): pairs a reviewer denied.
CODE_TIER_SQL = """
    SELECT i.item, f.matter
    FROM _ct_items i
    JOIN (SELECT basic_code, min(matter) AS matter FROM _ct_matters GROUP BY basic_code) f
      ON f.basic_code = i.basic_code
    LEFT JOIN _ct_denied d ON d.item = i.item AND d.matter = f.matter
    WHERE d.item IS NULL
"""

Columns = Mapping[str, tuple[str, Sequence[Any]]]  # column -> (INTEGER or STRING, values)


class SqlTables(Protocol):
    """An engine the code tier runs on: load small tables, run a query, get its columns back."""

    def load(self, name: str, columns: Columns) -> None: ...

    def int_columns(self, sql: str) -> list[np.ndarray]: ...


class DuckDBTables:
    """The code tier on DuckDB: columns handed over as NumPy arrays (no Python row objects)."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.con = con or duckdb.connect()

    def load(self, name: str, columns: Columns) -> None:
        arrays = {
            c: np.asarray(values, dtype=np.int64 if kind == "INTEGER" else object)
            for c, (kind, values) in columns.items()
        }
        casts = ", ".join(
            f"CAST({c} AS {'BIGINT' if kind == 'INTEGER' else 'VARCHAR'}) AS {c}"
            for c, (kind, _) in columns.items()
        )
        view = f"{name}_in"
        self.con.register(view, arrays)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {casts} FROM {view}")
        finally:
            self.con.unregister(view)

    def int_columns(self, sql: str) -> list[np.ndarray]:
        found = self.con.execute(sql).fetchnumpy()
        return [np.asarray(v, dtype=np.int64) for v in found.values()]


def code_tier_positions(
    items: Sequence[ListItem],
    matters: Sequence[Matter],
    denied: Mapping[str, set[str]] | None = None,
    engine: SqlTables | None = None,
) -> list[int]:
    """For each item, the position in `matters` of the matter the code tier matches it to, or
    -1 (see the module doc); `denied`: item node -> matter nodes a reviewer said it does not
    implement. Positions, not node ids: a province's half a million items come back as one
    array."""
    engine = engine or DuckDBTables()
    coded = [n for n, item in enumerate(items) if item.basic_code]
    engine.load(
        "_ct_items",
        {
            "item": ("INTEGER", coded),
            "basic_code": ("STRING", [items[n].basic_code for n in coded]),
        },
    )
    engine.load(
        "_ct_matters",
        {
            "matter": ("INTEGER", range(len(matters))),
            "basic_code": ("STRING", [m.basic_code for m in matters]),
        },
    )
    pairs: list[tuple[int, int]] = []
    if denied:
        item_at = {item.node: n for n, item in enumerate(items)}
        matter_at = {m.node: n for n, m in enumerate(matters)}
        pairs = sorted(
            (item_at[i], matter_at[m])
            for i, nodes in denied.items()
            if i in item_at
            for m in nodes
            if m in matter_at
        )
    engine.load(
        "_ct_denied",
        {"item": ("INTEGER", [i for i, _ in pairs]), "matter": ("INTEGER", [m for _, m in pairs])},
    )
    item, matter = engine.int_columns(CODE_TIER_SQL)
    at = np.full(len(items), -1, dtype=np.int64)
    at[item] = matter
    return at.tolist()


def code_tier_pairs(
    items: Sequence[ListItem],
    matters: Sequence[Matter],
    denied: Mapping[str, set[str]] | None = None,
    engine: SqlTables | None = None,
) -> dict[str, str]:
    """item node -> matter node, from code_tier_positions: for tests and readers."""
    at = code_tier_positions(items, matters, denied, engine)
    return {item.node: matters[m].node for item, m in zip(items, at, strict=True) if m >= 0}
