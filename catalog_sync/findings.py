"""Stable finding ids and run-to-run status, so repeated runs say what is new.

A finding id is the first 16 hex digits of SHA-256 over the table name and the row's normalised
keys (codes and decision numbers, never row numbers or scores): the same finding gets the same id
on every run, wherever its row moved in the input. With a baseline (the `--out` of an earlier
run), every row gets a status: `new` (not in the baseline), `persisting` (in it) or `resolved`
(in the baseline, gone now: kept in the table so the office sees what was fixed), and an age in
days since the finding was first seen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import Table
from .normalise import normalise_code, normalise_codes
from .tables import FINDING_TABLES, STREAMED_TABLES

NEW, PERSISTING, RESOLVED = "new", "persisting", "resolved"

# The keys that identify one finding in each table.
FINDING_KEYS: dict[str, tuple[str, ...]] = {
    "cancelled_still_listed": ("source", "item_code", "decision", "decision_annex", "decision_seq"),
    "delegated_items": ("source", "item_code", "decision", "decision_annex", "decision_seq"),
    "other_decision_matches": ("source", "item_code", "decision", "decision_annex", "decision_seq"),
    "unmatched_list_items": ("item_code",),
    "unimplemented_catalogue_items": ("basic_code",),
    "list_catalogue_matches": ("item_code", "basic_code"),
    "unlinked_work_orders": ("order_no", "task_code", "reason"),
    "unlinked_codes": ("agency", "code", "reason"),
    "work_orders_on_cancelled_items": ("order_no", "task_code", "decision"),
    "guide_elements": ("item_code", "element", "rule", "material"),
    "certificates_still_required": ("item_code", "material", "decision", "decision_seq"),
    "compare_only_in_a": ("key",),
    "compare_only_in_b": ("key",),
    "compare_differences": ("key", "field"),
    "compare_materials": ("key", "material", "change", "field"),
}
assert set(FINDING_KEYS) == set(FINDING_TABLES)


def finding_id(table: str, row: dict[str, Any]) -> str:
    parts = [table, *(normalise_code(row.get(k, "")) for k in FINDING_KEYS[table])]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _streamed(table: Table) -> bool:
    """A StreamedTable computes its ids and status in SQL, by the same rules (streamed.py)."""
    return hasattr(table, "stream")


def assign_finding_ids(tables: dict[str, Table]) -> None:
    """Give every row of a findings table its id; repeats of one key get #2, #3 in row order.
    A table whose rows all have one already (made in SQL by the same rule) is left as it is."""
    for name, table in tables.items():
        if name not in FINDING_KEYS or _streamed(table):
            continue
        if table.rows and all(row.get("finding_id") for row in table.rows):
            continue
        seen: dict[str, int] = {}
        for row, fid in zip(table.rows, finding_ids(name, table.rows), strict=True):
            n = seen[fid] = seen.get(fid, 0) + 1
            row["finding_id"] = fid if n == 1 else f"{fid}#{n}"


def finding_ids(table: str, rows: list[dict[str, Any]]) -> list[str]:
    """finding_id of each row, a key column at a time: a province's tables are half a million
    rows, and the per-row calls were most of the cost."""
    columns = [normalise_codes([row.get(k, "") for row in rows]) for k in FINDING_KEYS[table]]
    texts = map("\x1f".join, zip(repeat(table, len(rows)), *columns, strict=True))
    sha256 = hashlib.sha256
    return [sha256(text.encode("utf-8")).hexdigest()[:16] for text in texts]


@dataclass
class Baseline:
    """What an earlier run wrote: its date, its rows by table and finding id, its summary."""

    path: Path
    as_of: date
    summary: dict[str, Any]
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def load_baseline(path: Path, streamed: tuple[str, ...] = STREAMED_TABLES) -> Baseline:
    """An earlier run's --out folder; it must hold the JSON tables (format json). The tables
    named in `streamed` are left on disk: their rows are read by SQL when applied."""
    summary_file = path / "summary.json"
    if not summary_file.is_file():
        raise UsageError(
            f"{path}: no summary.json; a baseline is the --out folder of an earlier run made "
            "with --format json (the default includes it)"
        )
    try:
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
        as_of = date.fromisoformat(summary["as_of"])
    except (ValueError, KeyError, TypeError) as e:
        raise UsageError(f"{summary_file}: not a catalog-sync summary ({e})") from None
    baseline = Baseline(path, as_of, summary)
    for name in FINDING_KEYS:
        file = path / f"{name}.json"
        if not file.is_file() or name in streamed:
            continue
        try:
            records = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as e:
            raise UsageError(f"{file}: not valid JSON ({e})") from None
        if not isinstance(records, list):
            raise UsageError(f"{file}: not a baseline table (expected a JSON array of rows)")
        baseline.rows[name] = {
            str(r.get("finding_id") or finding_id(name, r)): r
            for r in records
            if isinstance(r, dict) and r.get("status") != RESOLVED
        }
    return baseline


def version_warning(path: Path, previous: dict[str, Any], version: str) -> str:
    """The line saying a baseline comes from another version (ids are remade where missing)."""
    theirs = previous.get("tool_version") or "a version before 0.1.0 (no tool_version)"
    return (
        f"baseline {path} was written by catalog-sync {theirs}, this is {version}: rows without "
        "a finding_id were given one from their keys, as this version makes them"
    )


def apply_baseline(tables: dict[str, Table], baseline: Baseline | None, as_of: date) -> None:
    """Status and age for every row; rows the baseline had and this run lacks come back as
    `resolved`. Without a baseline every finding is new."""
    for name, table in tables.items():
        if name not in FINDING_KEYS:
            continue
        if _streamed(table):
            if baseline is not None:
                table.use_baseline(baseline.path / f"{name}.json", baseline.as_of)  # type: ignore[attr-defined]
            continue
        before = baseline.rows.get(name, {}) if baseline else {}
        today = as_of.isoformat()
        for row in table.rows:
            old = before.get(row["finding_id"])
            if old is None:  # the usual case: first seen today
                row.update(status=NEW, first_seen=today, age_days=0)
                continue
            first = _first_seen(old, baseline)
            row["status"] = PERSISTING
            row["first_seen"] = first.isoformat()
            row["age_days"] = (as_of - first).days
        current = {row["finding_id"] for row in table.rows}
        for fid, old in before.items():
            if fid in current:
                continue
            first = _first_seen(old, baseline)
            gone = {c.key: old.get(c.key, "") for c in table.columns}
            gone.update(
                finding_id=fid,
                status=RESOLVED,
                first_seen=first.isoformat(),
                age_days=(as_of - first).days,
            )
            table.rows.append(gone)


def _first_seen(old: dict[str, Any], baseline: Baseline | None) -> date:
    try:
        return date.fromisoformat(str(old.get("first_seen")))
    except ValueError:
        return baseline.as_of if baseline else date.today()


def open_rows(table: Table) -> list[dict[str, Any]]:
    """The rows still to act on: everything but resolved."""
    return [r for r in table.rows if r.get("status") != RESOLVED]


def open_count(table: Table) -> int:
    """How many rows are still to act on (counted in SQL for a streamed table)."""
    if _streamed(table):
        return int(table.open_count())  # type: ignore[attr-defined]
    return len(open_rows(table))


def new_count(table: Table) -> int:
    if _streamed(table):
        return int(table.status_counts()[NEW])  # type: ignore[attr-defined]
    return sum(1 for r in table.rows if r.get("status") == NEW)


def status_counts(tables: dict[str, Table]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, table in tables.items():
        if name in FINDING_KEYS and _streamed(table):
            out[name] = table.status_counts()  # type: ignore[attr-defined]
        elif name in FINDING_KEYS:
            counts = {NEW: 0, PERSISTING: 0, RESOLVED: 0}
            for row in table.rows:
                counts[row["status"]] += 1
            out[name] = counts
    return out


def summary_changes(current: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """previous, current and change for every count and rate both summaries hold."""
    changes: dict[str, Any] = {}
    for key, now in current.items():
        was = previous.get(key)
        if isinstance(now, bool) or isinstance(was, bool):
            continue
        if isinstance(now, (int, float)) and isinstance(was, (int, float)):
            change = now - was
            changes[key] = {
                "previous": was,
                "current": now,
                "change": round(change, 4) if isinstance(change, float) else change,
            }
        elif key.endswith("_rate") and (now is None or was is None):
            changes[key] = {"previous": was, "current": now, "change": None}
    return changes
