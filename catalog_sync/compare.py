"""`compare`: two publications of one list (two channels, or last month's and this month's).

Items are joined on a key (实施编码 by default); what is only in A, only in B, and for items in
both every element whose value differs, old and new side by side (daff's "old->new" cell and
datacompy's per-column counts, built on a dict join: see docs/definitions.md). Counted as
the 2019 evaluation's 数据同源 findings: 数量不一致, 要求不统一, 更新不同步. No terminal here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .errors import UsageError
from .findings import apply_baseline, assign_finding_ids, open_count
from .mappings import Mapping, header_key, load_mapping
from .model import Rejected, Table
from .normalise import clean_text, normalise_code
from .sources.implementation_list import guide_fields_of
from .sources.tabular import RawTable, read_table
from .tables import new_table

# Fields compared as codes (normalised); the rest as text (NFKC, whitespace collapsed).
CODE_FIELDS = frozenset({"task_code", "basic_code", "agency_code", "area_code", "handle_item_code"})
COMPARE_TABLES = ("compare_only_in_a", "compare_only_in_b", "compare_differences")
REQUIREMENT, UPDATE = "requirement", "update"


@dataclass
class Publication:
    """One side: its rows by key, the header of each field as the file writes it."""

    display: str
    rows: dict[str, tuple[int, dict[str, str]]]
    headers: dict[str, str]
    rejected: list[Rejected] = field(default_factory=list)
    rows_read: int = 0


@dataclass
class Comparison:
    tables: dict[str, Table]
    summary: dict[str, Any]

    @property
    def differences(self) -> int:
        return sum(open_count(self.tables[name]) for name in COMPARE_TABLES)


def compare_publications(
    a: tuple[Path, str], b: tuple[Path, str], key: str | None, mappings: list[Path]
) -> Comparison:
    """Read both publications and compare them item by item and element by element."""
    mapping = load_mapping(mappings)
    left = read_publication(*a, key, mapping)
    right = read_publication(*b, key, mapping)
    requirement = set(guide_fields_of(mapping))
    fields = [f for f in left.headers if f in right.headers]
    tables = {name: new_table(name) for name in COMPARE_TABLES}
    for pub, other, name in (
        (left, right, "compare_only_in_a"),
        (right, left, "compare_only_in_b"),
    ):
        tables[name].rows = [
            _only_row(k, rownum, values, pub)
            for k, (rownum, values) in pub.rows.items()
            if k not in other.rows
        ]
    by_field: Counter[str] = Counter()
    kinds: dict[str, set[str]] = {}
    diffs = tables["compare_differences"].rows
    for k, (row_a, va) in left.rows.items():
        if k not in right.rows:
            continue
        row_b, vb = right.rows[k]
        for f in fields:
            old, new = _value(f, va.get(f, "")), _value(f, vb.get(f, ""))
            if old == new:
                continue
            kind = REQUIREMENT if f in requirement else UPDATE
            by_field[f] += 1
            kinds.setdefault(k, set()).add(kind)
            diffs.append(
                {
                    "key": k,
                    "item_name": va.get("name") or vb.get("name", ""),
                    "field": f,
                    "field_name": left.headers[f],
                    "kind": kind,
                    "value_a": va.get(f, ""),
                    "value_b": vb.get(f, ""),
                    "source_row_a": row_a,
                    "source_row_b": row_b,
                }
            )
    field_counts = new_table("compare_field_counts")
    field_counts.rows = [
        {"field": f, "field_name": left.headers[f], "items": n} for f, n in by_field.most_common()
    ]
    tables["compare_field_counts"] = field_counts
    rejected = new_table("rejected_rows")
    rejected.rows = [
        {"file": r.file, "row": r.row, "column": r.column, "reason": r.reason}
        for r in (*left.rejected, *right.rejected)
    ]
    tables["rejected_rows"] = rejected
    assign_finding_ids(tables)
    apply_baseline(tables, None, date.today())
    summary = _summary(left, right, tables, kinds, fields, requirement)
    return Comparison(tables, summary)


def read_publication(path: Path, display: str, key: str | None, mapping: Mapping) -> Publication:
    """A list file as key -> (row, field -> text); a row with no key, or a key seen before, is
    rejected with its reason."""
    table = read_table(path, display, "list", mapping)
    column = _key_column(table, key, mapping)
    fields = {f: i for f, i in table.columns.items()}
    pub = Publication(display, {}, {f: table.headers[i] for f, i in fields.items()})
    pub.rows_read = len(table.rows) + len(table.rejected)
    pub.rejected = [Rejected(display, r, why, col) for r, why, col in table.rejected]
    key_header = table.headers[column]
    for rownum, cells in table.rows:
        k = normalise_code(cells[column] if column < len(cells) else "")
        if not k:
            pub.rejected.append(Rejected(display, rownum, f"{key_header} is empty", key_header))
            continue
        if k in pub.rows:
            first = pub.rows[k][0]
            why = f"duplicate {key_header} {k}; row {first} kept"
            pub.rejected.append(Rejected(display, rownum, why, key_header))
            continue
        values = {f: str(cells[i]).strip() if i < len(cells) else "" for f, i in fields.items()}
        pub.rows[k] = (rownum, values)
    return pub


def _key_column(table: RawTable, key: str | None, mapping: Mapping) -> int:
    """The column --key names: a field (task_code), one of its header names, or a header."""
    if not key:
        return table.columns["task_code"]
    wanted = header_key(key)
    for f, aliases in mapping.aliases("list").items():
        if (f == key or wanted in aliases) and f in table.columns:
            return table.columns[f]
    for i, h in enumerate(table.headers):
        if header_key(h) == wanted:
            return i
    raise UsageError(f"{table.file}: --key {key}: no such column in the header")


def _value(f: str, text: str) -> str:
    if f in CODE_FIELDS:
        return normalise_code(text)
    return clean_text(unicodedata.normalize("NFKC", text))


def _only_row(k: str, rownum: int, values: dict[str, str], pub: Publication) -> dict[str, Any]:
    return {
        "key": k,
        "item_name": values.get("name", ""),
        "agency": values.get("agency", ""),
        "task_type": values.get("task_type", ""),
        "source_file": pub.display,
        "source_row": rownum,
    }


def _summary(
    left: Publication,
    right: Publication,
    tables: dict[str, Table],
    kinds: dict[str, set[str]],
    fields: list[str],
    requirement: set[str],
) -> dict[str, Any]:
    only_a = len(tables["compare_only_in_a"].rows)
    only_b = len(tables["compare_only_in_b"].rows)
    return {
        "tool_version": __version__,
        "a": left.display,
        "b": right.display,
        "items_a": len(left.rows),
        "items_b": len(right.rows),
        "items_in_both": len(left.rows) - only_a,
        "only_in_a": only_a,
        "only_in_b": only_b,
        "items_differing": len(kinds),
        "count_mismatch": only_a + only_b,
        "requirements_differ": sum(1 for k in kinds.values() if REQUIREMENT in k),
        "updates_out_of_sync": sum(1 for k in kinds.values() if UPDATE in k),
        "differences": len(tables["compare_differences"].rows),
        "fields_compared": fields,
        "requirement_fields": [f for f in fields if f in requirement],
        "fields_only_in_a": [f for f in left.headers if f not in right.headers],
        "fields_only_in_b": [f for f in right.headers if f not in left.headers],
        "inputs": [
            {
                "file": p.display,
                "rows_read": p.rows_read,
                "rows_used": len(p.rows),
                "rows_rejected": len(p.rejected),
            }
            for p in (left, right)
        ],
    }
