"""Tables whose rows stay in DuckDB: counted, fetched in chunks and copied out by SQL.

A work-order table can hold millions of rows; as Python dicts they would cost gigabytes. A
`StreamedTable` carries a query instead. Its finding ids, `#2` suffixes for repeated keys and the
run-to-run status columns are computed in SQL with the rules of findings.py (a test keeps the ids
equal to findings.finding_id). The writers copy it with DuckDB COPY (CSV, JSON) or read it in
chunks (XLSX, Markdown); `rows` still gives every row as a dict, for tests and small tables.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from .errors import UsageError
from .model import Column, Table

NEW, PERSISTING, RESOLVED = "new", "persisting", "resolved"
STAGE = "cs_stage"  # the attached database the linkage stages its tables in (checks.linkage)
_INTEGER_KEYS = {"source_row", "age_days", "days_after", "row", "work_orders"}
FETCH_ROWS = 10_000
RENDERED_DISTINCT = 64  # a column of as many texts at most is rendered by a CASE of them
SOURCE_ORDER = ("source_file", "_part", "source_row")  # a per-row table's order


class TableQuery:
    """The SQL behind one streamed table.

    `base` is a SELECT giving `_fid` (the 16 hex digits of findings.finding_id), `_part` (which
    input file) and the table's keys except the run-to-run ones; rows come in table order when
    `ordered`, else they are sorted by the columns of `order` (source_file, _part, source_row).
    With `unique_ids` the base's `_fid` is the whole finding id, `#2` suffixes included; else
    repeats of an id get them in the order of `order`. `zh`
    names, for a column, a column of the base holding its cells already in Chinese (NULL
    where vocab.cell is to render the cell): see `rendered`. `texts`: see personal_texts.
    `ids`: a SELECT giving the base's `_fid`s, one a row of the base, from fewer tables (the
    repeated ids are looked for there: the base's joins and sentences are not paid for it).
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        name: str,
        columns: list[Column],
        base: str,
        *,
        ordered: bool,
        as_of: date,
        order: tuple[str, ...] = SOURCE_ORDER,
        unique_ids: bool = False,
        zh: dict[str, str] | None = None,
        indent_json: bool = False,
        texts: str | None = None,
        ids: str | None = None,
    ) -> None:
        self.con = con
        self._ids = ids or base  # see _number_repeats
        self._texts = texts  # see personal_texts
        self.indent_json = indent_json  # JSON in json.dump(indent=2)'s layout (reports.json)
        self.name = name
        self.keys = [c.key for c in columns]
        self.base = base
        self.ordered = ordered
        self.as_of = as_of
        self.order = order
        self.zh = zh or {}
        self.baseline: str | None = None
        self.written: str | None = None  # the table in order, once made (see select)
        self.dups = f"{STAGE}.dups_{name}"
        self.has_dups = False
        if unique_ids:
            return
        self.has_dups = self._number_repeats()

    def _number_repeats(self) -> bool:
        """Number the rows of repeated ids in `dups` (by the row key, in `order`); whether any
        id repeats. The repeated ids are found first: the base is read a second time only when
        there are some (on a province's work orders there are few or none)."""
        repeated = f"{self.dups}_ids"
        self.con.execute(
            f"CREATE OR REPLACE TABLE {repeated} AS "
            f"SELECT _fid FROM ({self._ids}) GROUP BY _fid HAVING count(*) > 1"
        )
        found = self.con.execute(f"SELECT count(*) FROM {repeated}").fetchone()
        if not (found and found[0]):
            return False
        self.con.execute(
            f"CREATE OR REPLACE TABLE {self.dups} AS "
            f"SELECT {', '.join(self._row_key())}, row_number() OVER (PARTITION BY _fid "
            f"ORDER BY {', '.join(self.order)}) AS _n FROM ({self.base}) "
            f"WHERE _fid IN (SELECT _fid FROM {repeated})"
        )
        return True

    def _row_key(self) -> tuple[str, ...]:
        """The columns naming a row of the base: its file part and row, else its order."""
        return ("_part", "source_row") if "source_row" in self.order else self.order

    def _carried(self) -> list[str]:
        """The base's columns the written table keeps beside the keys: its order, the cells
        already rendered."""
        extra = [c for c in (*self.order, *self.zh.values()) if c not in self.keys]
        return list(dict.fromkeys(["_part", *extra]))

    def use_baseline(self, path: Path, baseline_as_of: date) -> None:
        """Rows of `path` (an earlier run's <table>.json) that were open become the baseline."""
        table = f"{STAGE}.baseline_{self.name}"
        types = {k: "BIGINT" if k in _INTEGER_KEYS else "VARCHAR" for k in self.keys}
        spec = "{" + ", ".join(f"'{k}': '{t}'" for k, t in types.items()) + "}"
        if path.is_file():
            rows = f"read_json({_lit(str(path))}, format='array', columns={spec})"
            try:
                self.con.execute(
                    f"CREATE OR REPLACE TABLE {table} AS SELECT _ord, "
                    f"* EXCLUDE (finding_id, _ord), {_baseline_id(self.name)} AS finding_id, "
                    f"coalesce(TRY_CAST(first_seen AS DATE), DATE '{baseline_as_of}') AS _first "
                    f"FROM (SELECT row_number() OVER () AS _ord, * FROM {rows}) "
                    f"WHERE coalesce(status, '') <> '{RESOLVED}'"
                )
            except duckdb.Error as e:  # cut short, edited by hand, not an array of objects
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise UsageError(
                    f"{path}: not a readable baseline table ({first}); give the --out folder "
                    "of a complete earlier run"
                ) from None
        else:
            cols = ", ".join(f"CAST(NULL AS {t}) AS {k}" for k, t in types.items())
            self.con.execute(
                f"CREATE OR REPLACE TABLE {table} AS SELECT 0 AS _ord, {cols}, "
                f"CAST(NULL AS DATE) AS _first WHERE false"
            )
        self.baseline = table
        self.written = None

    def personal_texts(self) -> str | None:
        """A SELECT of texts holding an ID or mobile number exactly when the table's texts do
        (for reports._may_hold_personal_numbers), narrower than the table: given by the maker
        of the base as `texts`; None with a baseline, whose resolved rows bring their own."""
        return self._texts if self.baseline is None else None

    def _current(self) -> str:
        """This run's rows with finding_id and status columns, in table order keys."""
        fid = "CASE WHEN d._n IS NULL OR d._n = 1 THEN b._fid ELSE b._fid || '#' || d._n END"
        as_of = f"DATE '{self.as_of}'"
        rows = f"SELECT b._fid AS finding_id, b.* EXCLUDE (_fid) FROM ({self.base}) b"
        if self.has_dups:  # a join may reorder rows: select() sorts them again
            rows = (
                f"SELECT {fid} AS finding_id, b.* EXCLUDE (_fid) FROM ({self.base}) b "
                f"LEFT JOIN {self.dups} d ON "
                + " AND ".join(f"d.{k} = b.{k}" for k in self._row_key())
            )
        if self.baseline is None:
            status, first = f"'{NEW}'", as_of
            joined = f"({rows}) c"
        else:
            status = f"CASE WHEN o.finding_id IS NULL THEN '{NEW}' ELSE '{PERSISTING}' END"
            first = f"coalesce(o._first, {as_of})"
            joined = f"({rows}) c LEFT JOIN {self.baseline} o ON o.finding_id = c.finding_id"
        cells = {
            "finding_id": "c.finding_id",
            "status": status,
            "first_seen": f"CAST({first} AS VARCHAR)",
            "age_days": f"CAST({as_of} - {first} AS BIGINT)",
        }
        select = ", ".join(f"{cells.get(k, 'c.' + k)} AS {k}" for k in self.keys)
        carried = ", ".join(f"c.{c} AS {c}" for c in self._carried())
        return f"SELECT {select}, {carried} FROM {joined}"

    def select(self) -> str:
        """The whole table, in order, with exactly the table's keys as columns.

        Made once into a table of the stage (its rows sorted, ids and status computed): the
        writers and counts then read it as it is, however often they ask. A base already in
        order, without repeated ids or a baseline, is read as it is instead: its rows would
        only be copied (2.7 million rows at 10M work orders: a second compressed table)."""
        if self.written is None:
            if self.ordered and not self.has_dups and self.baseline is None:
                self.written = f"({self._ordered()})"
            else:
                self._materialise()
        return f"SELECT {', '.join(self.keys)} FROM {self.written}"

    def _materialise(self) -> None:
        """The table, in order, into a table of the stage (`written` names it)."""
        written = f"{STAGE}.out_{self.name}"
        self.con.execute(f"CREATE OR REPLACE TABLE {written} AS {self._ordered()}")
        self.written = written

    def rendered(self, lang: str, keys: list[str]) -> tuple[TableQuery, set[str]]:
        """This query with the cells of `keys` shown as vocab.cell shows them in `lang` (for
        vocab.localized), and the keys it rendered; keeps the table's order, no sort or join.

        A column of `zh` reads its hidden column (in Chinese; English evidence is shown as
        written), whose NULL cells are rendered by vocab.cell here, once per distinct text (a
        baseline's resolved rows, odd codes). A column of at most RENDERED_DISTINCT distinct
        texts (status, reason) is rendered by vocab.cell once per text, into a CASE."""
        from .vocab import cell

        self.select()
        cells: dict[str, str] = {}
        for key in keys:
            hidden = self.zh.get(key)
            if hidden is not None and (lang == "zh" or key == "evidence"):
                if lang == "zh":
                    self._fill_rendered(key, hidden)
                cells[key] = f"coalesce({hidden}, {key})" if lang == "zh" else key
                continue
            found = self.con.execute(
                f"SELECT DISTINCT {key} FROM {self.written} LIMIT {RENDERED_DISTINCT + 1}"
            ).fetchall()
            texts = [v for (v,) in found if v is not None]
            if len(found) > RENDERED_DISTINCT or any(type(v) is not str for v in texts):
                continue  # left to vocab
            whens = " ".join(f"WHEN {_lit(v)} THEN {_lit(str(cell(key, v, lang)))}" for v in texts)
            cells[key] = f"CASE {key} {whens} ELSE {key} END" if whens else key
        if not cells:
            return self, set()
        shown = copy.copy(self)
        select = ", ".join(f"{cells[k]} AS {k}" if k in cells else k for k in self.keys)
        sql = f"SELECT {select} FROM {self.written}"
        shown.select = lambda: sql  # type: ignore[method-assign]
        return shown, set(cells)

    def _fill_rendered(self, key: str, hidden: str) -> None:
        """The NULL cells of the hidden column rendered by vocab.cell, once per distinct text."""
        from .vocab import cell

        found = self.con.execute(
            f"SELECT DISTINCT {key} FROM {self.written} "
            f"WHERE {hidden} IS NULL AND {key} IS NOT NULL"
        ).fetchall()
        if found:
            if self.written.startswith("("):  # read as it is (select): made a table to update
                self._materialise()
            raws = [v for (v,) in found]
            self.con.execute(
                f"UPDATE {self.written} w SET {hidden} = r.shown FROM (SELECT "
                "unnest($1::VARCHAR[]) AS raw, unnest($2::VARCHAR[]) AS shown) r "
                f"WHERE w.{key} = r.raw AND w.{hidden} IS NULL",
                [raws, [str(cell(key, v, "zh")) for v in raws]],
            )

    def _ordered(self) -> str:
        hidden = list(self.zh.values())
        keys = ", ".join([*self.keys, *hidden])
        if self.baseline is None:
            sort = not self.ordered or self.has_dups
            order = f" ORDER BY {', '.join(self.order)}" if sort else ""
            return f"SELECT {keys} FROM ({self._current()}) t{order}"
        as_of = f"DATE '{self.as_of}'"
        resolved = {
            "finding_id": "finding_id",
            "status": f"'{RESOLVED}'",
            "first_seen": "CAST(_first AS VARCHAR)",
            "age_days": f"CAST({as_of} - _first AS BIGINT)",
        }
        for k in self.keys:
            resolved.setdefault(k, k if k in _INTEGER_KEYS else f"coalesce({k}, '')")
        gone = ", ".join(
            [f"{resolved[k]} AS {k}" for k in self.keys] + [f"NULL AS {h}" for h in hidden]
        )
        current = self._current()
        sorts = [f"_s{i}" for i in range(len(self.order))]
        # a resolved row sorts after this run's rows, in the baseline's order
        after = ["NULL"] * (len(sorts) - 1) + ["_ord"]
        return (
            f"SELECT {keys} FROM ("
            f"SELECT {keys}, 0 AS _grp, "
            + ", ".join(f"{o} AS {s}" for o, s in zip(self.order, sorts, strict=True))
            + f" FROM ({current}) "
            f"UNION ALL SELECT {gone}, 1, {', '.join(after)} FROM {self.baseline} "
            f"WHERE finding_id NOT IN (SELECT finding_id FROM ({current}))"
            f") t ORDER BY _grp, {', '.join(sorts)}"
        )

    def count(self, where: str = "") -> int:
        row = self.con.execute(
            f"SELECT count(*) FROM ({self.select()}) t {('WHERE ' + where) if where else ''}"
        ).fetchone()
        return int(row[0]) if row else 0

    def status_counts(self) -> dict[str, int]:
        counts = {NEW: 0, PERSISTING: 0, RESOLVED: 0}
        if self.baseline is None:
            counts[NEW] = self.count()
            return counts
        for status, n in self.con.execute(
            f"SELECT status, count(*) FROM ({self.select()}) t GROUP BY status"
        ).fetchall():
            counts[status] = int(n)
        return counts

    def fetch(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Rows as dicts, fetched FETCH_ROWS at a time: only a chunk is ever in Python."""
        sql = self.select() + (f" LIMIT {int(limit)}" if limit is not None else "")
        cur = self.con.cursor()
        try:
            cur.execute(sql)
            while chunk := cur.fetchmany(FETCH_ROWS):
                for values in chunk:
                    yield dict(zip(self.keys, values, strict=True))
        finally:
            cur.close()


class StreamedTable(Table):
    """A Table whose rows are a TableQuery (see the module docstring)."""

    def __init__(
        self, name: str, columns: list[Column], query: TableQuery, counts_as_discrepancy: bool
    ) -> None:
        self.name = name
        self.columns = columns
        self.counts_as_discrepancy = counts_as_discrepancy
        self.stream = query
        self._rows: list[dict[str, Any]] | None = None
        self._count: int | None = None

    @property  # type: ignore[override]
    def rows(self) -> list[dict[str, Any]]:
        """Every row as a dict: for tests and small tables; writers use count/head/stream."""
        if self._rows is None:
            self._rows = list(self.stream.fetch())
        return self._rows

    @rows.setter
    def rows(self, value: list[dict[str, Any]]) -> None:
        raise TypeError(f"{self.name} is a streamed table; its rows come from SQL")

    def count(self) -> int:
        if self._count is None:
            self._count = self.stream.count()
        return self._count

    def head(self, n: int) -> Iterator[dict[str, Any]]:
        return self.stream.fetch(n)

    def open_count(self) -> int:
        return self.count() - self.status_counts()[RESOLVED]

    def status_counts(self) -> dict[str, int]:
        return self.stream.status_counts()

    def use_baseline(self, path: Path, baseline_as_of: date) -> None:
        self.stream.use_baseline(path, baseline_as_of)
        self._rows = self._count = None

    def __repr__(self) -> str:
        return f"StreamedTable({self.name!r})"


def _baseline_id(table: str) -> str:
    """A baseline row's finding_id; one written by a version before finding ids is made again
    from the row's keys, as findings.finding_id makes it (repeats of one key get #2, #3)."""
    from .checks.linkage import sql_finding_id
    from .findings import FINDING_KEYS
    from .normalise import sql_normalise_code

    made = sql_finding_id(table, [sql_normalise_code(k) for k in FINDING_KEYS[table]])
    n = f"row_number() OVER (PARTITION BY {made} ORDER BY _ord)"
    again = f"{made} || CASE WHEN {n} = 1 THEN '' ELSE '#' || {n} END"
    return f"coalesce(finding_id, {again})"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
