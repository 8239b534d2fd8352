"""The code tier of matching as one SQL text, run by DuckDB (the default) or Spark.

A list item implements the catalogue matter whose 基本编码 it carries, given in the list or
read from its 实施编码 by a layout (sources/implementation_list.py), unless a reviewer denied
that pair; a 基本编码 the catalogue lacks as written is read as the one catalogue code it is
with its hyphens or its lost leading zeros set aside (CODE_TIER_SQL). That rule is the join
below, written once: `diff` runs it on DuckDB, and with `--engine spark` on Spark, beside the
work-order linkage; the two cannot drift apart. The lists are still read here, in Python, and
handed over: only row numbers and codes cross to the engine, and the Match and its evidence
are made by matching.py from the pairs that come back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import duckdb
import numpy as np

from .model import ListItem, Matter

# `_ct_items` (item, basic_code, layout_code): the list items that carry a 基本编码, by
# position, with the 基本编码 a code layout reads from it when the cell holds a whole 实施编码
# ('' when none does; read in Python by the mapping's layouts, as for an item without a
# 基本编码, and handed over: both engines join on it alike);
# `_ct_matters` (matter, basic_code): the catalogue, by position (codes are unique: the
# catalogue reader keeps the first row of a code; the first position wins here too);
# `_ct_denied` (item, matter): pairs a reviewer denied.
#
# An item whose 基本编码 is not a catalogue code as written is read as one catalogue code when
# exactly one fits (`read`: AS_WRITTEN, HYPHENS, ZEROS, LAYOUT, DECIMALS, DECIMALS_ZEROS):
#   HYPHENS  the item's code and a catalogue code are equal once both lose their hyphens
#            (000125-001-000 / 000125001000; G000007001 / G-000007-001);
#   ZEROS    the item's code is all digits and, left-padded with zeros to the length of a
#            catalogue code, is that code, at a length where most of the catalogue's all-digit
#            codes begin with 0 (the mark of a scheme whose codes Excel strips: 120001000 /
#            000120001000); a number has no leading zero and keeps at least half the digits
#            (1 is not 000000000001: a 序号 taken for a code);
#   LAYOUT   the cell holds a whole 实施编码 and the 基本编码 a code layout reads from it is a
#            catalogue code (000301000000-330106000000-000-…-1-00 / 000301000000);
#   DECIMALS a number written with its decimals by a CSV export, all of them zeros: without
#            them it is a catalogue code (12345678.0 / 12345678), or (DECIMALS_ZEROS) it is one
#            once its lost leading zeros are put back as for ZEROS (201000000.0 /
#            000201000000).
# Two candidates, of any kinds, are no reading: the item keeps its code as written.
AS_WRITTEN, HYPHENS, ZEROS, LAYOUT, DECIMALS, DECIMALS_ZEROS = 0, 1, 2, 3, 4, 5
# the digits before the point of a number whose decimals are all zeros ('' otherwise)
_INTEGER_PART = """CASE WHEN instr(basic_code, '.') > 1
      AND length(basic_code) > instr(basic_code, '.')
      AND translate(basic_code, '0123456789.', '') = ''
      AND translate(substr(basic_code, instr(basic_code, '.') + 1), '0', '') = ''
      THEN substr(basic_code, 1, instr(basic_code, '.') - 1) ELSE '' END"""
CODE_TIER_SQL = f"""
    WITH f AS (SELECT basic_code, min(matter) AS matter FROM _ct_matters GROUP BY basic_code),
    joined AS (
      SELECT i.item, i.basic_code, i.layout_code, f.matter FROM _ct_items i
      LEFT JOIN f ON f.basic_code = i.basic_code
    ),
    found AS (SELECT item, matter, 0 AS how FROM joined WHERE matter IS NOT NULL),
    rest AS (
      SELECT item, basic_code, layout_code, {_INTEGER_PART} AS number
      FROM joined WHERE matter IS NULL
    ),
    zero_led AS (
      SELECT CAST(length(basic_code) AS INT) AS width FROM f
      WHERE basic_code <> '' AND translate(basic_code, '0123456789', '') = ''
      GROUP BY length(basic_code)
      HAVING 2 * sum(CASE WHEN substr(basic_code, 1, 1) = '0' THEN 1 ELSE 0 END) > count(*)
    ),
    digits AS (
      SELECT item, basic_code AS code, 2 AS how FROM rest
      WHERE translate(basic_code, '0123456789', '') = ''
      UNION ALL
      SELECT item, number AS code, 5 AS how FROM rest WHERE number <> ''
    ),
    candidates AS (
      SELECT r.item, f.matter, 1 AS how FROM rest r
      JOIN f ON replace(f.basic_code, '-', '') = replace(r.basic_code, '-', '')
      WHERE replace(r.basic_code, '-', '') <> ''
      UNION ALL
      SELECT d.item, f.matter, d.how FROM digits d
      JOIN zero_led z ON z.width > length(d.code) AND 2 * length(d.code) >= z.width
      JOIN f ON f.basic_code = lpad(d.code, z.width, '0')
      WHERE substr(d.code, 1, 1) <> '0'
      UNION ALL
      SELECT r.item, f.matter, 3 AS how FROM rest r
      JOIN f ON f.basic_code = r.layout_code
      WHERE r.layout_code <> ''
      UNION ALL
      SELECT r.item, f.matter, 4 AS how FROM rest r
      JOIN f ON f.basic_code = r.number
      WHERE r.number <> ''
    ),
    reading AS (
      SELECT item, min(matter) AS matter, min(how) AS how FROM candidates
      GROUP BY item HAVING count(*) = 1
    ),
    chosen AS (SELECT item, matter, how FROM found UNION ALL SELECT item, matter, how FROM reading)
    SELECT c.item, c.matter, c.how
    FROM chosen c
    LEFT JOIN _ct_denied d ON d.item = c.item AND d.matter = c.matter
    WHERE d.item IS NULL
"""


Columns = Mapping[str, tuple[str, Sequence[Any]]]  # column -> (INTEGER or STRING, values)
Derive = Callable[[str], tuple[str, str]]  # a 实施编码 -> (the 基本编码 a layout reads, layout)


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
    derive: Derive | None = None,
) -> list[int]:
    """For each item, the position in `matters` of the matter the code tier matches it to, or
    -1 (see the module doc), its 基本编码 as written or read otherwise (code_tier_read)."""
    return code_tier_read(items, matters, denied, engine, derive)[0]


def code_tier_read(
    items: Sequence[ListItem],
    matters: Sequence[Matter],
    denied: Mapping[str, set[str]] | None = None,
    engine: SqlTables | None = None,
    derive: Derive | None = None,
) -> tuple[list[int], list[int]]:
    """For each item, the position in `matters` of the matter the code tier matches it to, or
    -1, and how its 基本编码 was read: AS_WRITTEN, HYPHENS, ZEROS, LAYOUT, DECIMALS or
    DECIMALS_ZEROS (see CODE_TIER_SQL); `denied`: item node -> matter nodes a reviewer said it
    does not implement; `derive` (Mapping.derive_basic_code): the 基本编码 the code layouts read
    from a whole 实施编码 (without it, no cell is read so). Positions, not node ids: a
    province's half a million items come back as one array."""
    engine = engine or DuckDBTables()
    coded = [n for n, item in enumerate(items) if item.basic_code]
    codes = [items[n].basic_code for n in coded]
    layouts: dict[str, str] = {}
    if derive is not None:  # once per distinct code (a province repeats each in its agencies)
        layouts = {c: derive(c)[0] for c in set(codes)}
    engine.load(
        "_ct_items",
        {
            "item": ("INTEGER", coded),
            "basic_code": ("STRING", codes),
            "layout_code": ("STRING", [layouts.get(c, "") for c in codes]),
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
    item, matter, how = engine.int_columns(CODE_TIER_SQL)
    at = np.full(len(items), -1, dtype=np.int64)
    at[item] = matter
    read = np.zeros(len(items), dtype=np.int64)
    read[item] = how
    return at.tolist(), read.tolist()


def code_tier_pairs(
    items: Sequence[ListItem],
    matters: Sequence[Matter],
    denied: Mapping[str, set[str]] | None = None,
    engine: SqlTables | None = None,
    derive: Derive | None = None,
) -> dict[str, str]:
    """item node -> matter node, from code_tier_positions: for tests and readers."""
    at = code_tier_positions(items, matters, denied, engine, derive)
    return {item.node: matters[m].node for item, m in zip(items, at, strict=True) if m >= 0}
