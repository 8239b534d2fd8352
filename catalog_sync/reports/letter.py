"""What each department must do: the open rows of the findings tables grouped by agency, most
urgent table first. Shared by report.md and the HTML report; decides nothing, only groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import vocab
from ..model import Table

# the column naming who must act, and the (name, code) columns that identify a row
AGENCY_KEY = {
    "cancelled_still_listed": "agency",
    "work_orders_on_cancelled_items": "agency",
    "delegated_items": "agency",
    "unmatched_list_items": "agency",
    "unimplemented_catalogue_items": "department",
    "unlinked_work_orders": "agency",
}
LABEL_KEYS = {
    "cancelled_still_listed": ("item_name", "item_code"),
    "work_orders_on_cancelled_items": ("item_name", "order_no"),
    "delegated_items": ("item_name", "item_code"),
    "unmatched_list_items": ("item_name", "item_code"),
    "unimplemented_catalogue_items": ("name", "basic_code"),
    "unlinked_work_orders": ("order_no", "task_code"),
}
RESOLVED = "resolved"


@dataclass
class Task:
    table: str
    count: int
    first: list[str]


@dataclass
class AgencyTodo:
    agency: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(t.count for t in self.tasks)


def row_label(name: Any, code: Any) -> str:
    name, code = str(name or "").strip(), str(code or "").strip()
    return f"{name}（{code}）" if name and code else name or code


def todos(tables: list[Table], first: int = 3) -> list[AgencyTodo]:
    """Per agency, the open rows of each findings table (count and the first few), the
    agencies with most rows first, their tables in order of urgency (vocab ACTIONS)."""
    by_name = {t.name: t for t in tables}
    agencies: dict[str, AgencyTodo] = {}
    for name in vocab.ACTIONS:
        if name not in by_name:
            continue
        for agency, count, labels in _groups(by_name[name], first):
            todo = agencies.setdefault(agency, AgencyTodo(agency))
            todo.tasks.append(Task(name, count, labels))
    return sorted(agencies.values(), key=lambda a: (-a.total, a.agency))


def _groups(table: Table, first: int) -> list[tuple[str, int, list[str]]]:
    """(agency, open rows, labels of the first rows) of one table, by agency."""
    agency, (name, code) = AGENCY_KEY[table.name], LABEL_KEYS[table.name]
    stream = getattr(table, "stream", None)
    if stream is not None:  # a province's work orders: grouped in DuckDB
        rows = stream.con.execute(
            f"SELECT a, n, c FROM ("
            f"SELECT coalesce({agency}, '') AS a, {name} AS n, {code} AS c, row_number() OVER "
            f"(PARTITION BY coalesce({agency}, '') ORDER BY source_file, source_row) AS r "
            f"FROM ({stream.select()}) t WHERE coalesce(status, '') <> '{RESOLVED}') "
            f"WHERE r <= {int(first)} ORDER BY a, r"
        ).fetchall()
        counts = dict(
            stream.con.execute(
                f"SELECT coalesce({agency}, ''), count(*) FROM ({stream.select()}) t "
                f"WHERE coalesce(status, '') <> '{RESOLVED}' GROUP BY 1"
            ).fetchall()
        )
        out: dict[str, list[str]] = {}
        for a, n, c in rows:
            out.setdefault(a, []).append(row_label(n, c))
        return [(a, int(counts[a]), labels) for a, labels in out.items()]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in table.rows:
        if row.get("status") != RESOLVED:
            grouped.setdefault(str(row.get(agency) or ""), []).append(row)
    out_rows = []
    for a, rows in sorted(grouped.items()):
        rows.sort(key=lambda r: (str(r.get("source_file") or ""), r.get("source_row") or 0))
        out_rows.append((a, len(rows), [row_label(r.get(name), r.get(code)) for r in rows[:first]]))
    return out_rows
