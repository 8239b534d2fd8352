"""`compare`: two publications of one list (two channels, or last month's and this month's).

Items are joined on a key (实施编码 by default); what is only in A, only in B, and for items in
both every element whose value differs, old and new side by side (daff's "old->new" cell and
datacompy's per-column counts, built on a dict join: see docs/definitions.md). Counted as
the 2019 evaluation's 数据同源 findings: 数量不一致, 要求不统一, 更新不同步. With each publication's
申请材料 file, the materials of the items in both are compared too (compare_materials): a
material only one side asks for, or asked in another form or number. No terminal here.
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
from .model import Material, Rejected, Table
from .normalise import clean_text, normalise_code
from .sources.implementation_list import guide_fields_of
from .sources.materials import load_materials
from .sources.tabular import RawTable, read_tables, reading_for
from .tables import new_table

# Fields compared as codes (normalised); the rest as text (NFKC, whitespace collapsed).
CODE_FIELDS = frozenset({"task_code", "basic_code", "agency_code", "area_code", "handle_item_code"})
COMPARE_TABLES = ("compare_only_in_a", "compare_only_in_b", "compare_differences")
REQUIREMENT, UPDATE = "requirement", "update"
ONLY_IN_A, ONLY_IN_B, CHANGED = "only_in_a", "only_in_b", "changed"
# What an applicant must bring and how: the material fields compared, when both files carry
# them (links and notes such as 空白表格 differ between channels without changing a requirement).
MATERIAL_FIELDS = {
    "material_format": "材料形式",
    "material_type": "材料类型",
    "copies": "纸质材料份数",
    "paper_format": "纸质材料规格",
    "necessity": "材料必要性",
}


@dataclass
class Publication:
    """One side: its rows by key, the header of each field as the file writes it."""

    display: str
    rows: dict[str, tuple[int, dict[str, str]]]
    headers: dict[str, str]
    rejected: list[Rejected] = field(default_factory=list)
    rows_read: int = 0
    # key -> the sheet its row is on (file#sheet), when the workbook holds tables on several
    sheets: dict[str, str] = field(default_factory=dict)


@dataclass
class Comparison:
    tables: dict[str, Table]
    summary: dict[str, Any]

    @property
    def differences(self) -> int:
        names = [*COMPARE_TABLES, "compare_materials"]
        return sum(open_count(self.tables[name]) for name in names if name in self.tables)


def compare_publications(
    a: tuple[Path, str],
    b: tuple[Path, str],
    key: str | None,
    mappings: list[Path],
    materials: tuple[tuple[Path, str], tuple[Path, str]] | None = None,
) -> Comparison:
    """Read both publications and compare them item by item and element by element; with
    `materials` (A's file, B's file), the items' materials too."""
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
    kinds: dict[str, set[str]] = {}
    by_field = _element_differences(
        left, right, fields, requirement, kinds, tables["compare_differences"].rows
    )
    rejected_materials: list[Rejected] = []
    others: list[int] = []  # material rows of items the publication does not list
    if materials is not None:
        pairs = zip(materials, (left, right), strict=True)
        mats = [_materials_by_key(*m, pub, mapping) for m, pub in pairs]
        for _, refused, other in mats:
            rejected_materials += refused
            others.append(other)
        tables["compare_materials"] = material_differences(left, right, mats[0][0], mats[1][0])
        for row in tables["compare_materials"].rows:
            kinds.setdefault(row["key"], set()).add(REQUIREMENT)
    field_counts = new_table("compare_field_counts")
    field_counts.rows = [
        {"field": f, "field_name": left.headers[f], "items": n} for f, n in by_field.most_common()
    ]
    tables["compare_field_counts"] = field_counts
    rejected = new_table("rejected_rows")
    rejected.rows = [
        {"file": r.file, "row": r.row, "column": r.column, "reason": r.reason}
        for r in (*left.rejected, *right.rejected, *rejected_materials)
    ]
    tables["rejected_rows"] = rejected
    assign_finding_ids(tables)
    apply_baseline(tables, None, date.today())
    summary = _summary(left, right, tables, kinds, fields, requirement)
    if others:
        summary["materials_of_unlisted_items"] = others
    return Comparison(tables, summary)


def _element_differences(
    left: Publication,
    right: Publication,
    fields: list[str],
    requirement: set[str],
    kinds: dict[str, set[str]],
    diffs: list[dict[str, Any]],
) -> Counter[str]:
    """A row in `diffs` for each element that differs in an item both publications list, the
    item's kinds of change in `kinds` (a requirement when the element is a guide field, else
    an update); returns the items changed per field."""
    by_field: Counter[str] = Counter()
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
    return by_field


def _materials_by_key(
    path: Path, display: str, pub: Publication, mapping: Mapping
) -> tuple[dict[str, list[Material]], list[Rejected], int]:
    """A publication's 申请材料 by the key of the item asking for each (joined on 实施编码), the
    rows the reader rejected, and how many rows are of items the publication does not list (a
    province's materials file serves a county's publication: they are left out, counted)."""
    loaded = load_materials(path, display, mapping)
    key_of = {normalise_code(values.get("task_code", "")): k for k, (_, values) in pub.rows.items()}
    key_of.pop("", None)
    by_key: dict[str, list[Material]] = {}
    unlisted = 0
    for m in loaded.records:
        k = key_of.get(m.task_code)
        if k is None:
            unlisted += 1
            continue
        by_key.setdefault(k, []).append(m)
    return by_key, loaded.rejected, unlisted


def material_differences(
    left: Publication,
    right: Publication,
    mats_a: dict[str, list[Material]],
    mats_b: dict[str, list[Material]],
) -> Table:
    """For every item in both publications: each material only one side asks for, and each
    compared field of a material both ask for whose value differs. Materials pair by name
    (NFKC, whitespace collapsed); a name an item lists twice pairs in order."""
    table = new_table("compare_materials")
    compared = [f for f in MATERIAL_FIELDS if _carried(f, mats_a) and _carried(f, mats_b)]
    for k, (_, values) in left.rows.items():
        if k not in right.rows:
            continue
        item = values.get("name") or right.rows[k][1].get("name", "")
        a_by_name, b_by_name = _by_name(mats_a.get(k, [])), _by_name(mats_b.get(k, []))
        for name in dict.fromkeys([*a_by_name, *b_by_name]):
            a_list, b_list = a_by_name.get(name, []), b_by_name.get(name, [])
            for ma, mb in zip(a_list, b_list, strict=False):  # the extra ones follow
                for f in compared:
                    old, new = ma.get(f), mb.get(f)
                    if _value(f, old) != _value(f, new):
                        table.rows.append(_material_row(k, item, ma, mb, CHANGED, f, old, new))
            for ma in a_list[len(b_list) :]:
                table.rows.append(_material_row(k, item, ma, None, ONLY_IN_A))
            for mb in b_list[len(a_list) :]:
                table.rows.append(_material_row(k, item, None, mb, ONLY_IN_B))
    return table


def _carried(f: str, materials: dict[str, list[Material]]) -> bool:
    return any(k == f for ms in materials.values() for k, _ in ms[0].fields)


def _by_name(materials: list[Material]) -> dict[str, list[Material]]:
    out: dict[str, list[Material]] = {}
    for m in materials:
        out.setdefault(_value("name", m.name), []).append(m)
    return out


def _material_row(
    k: str,
    item: str,
    a: Material | None,
    b: Material | None,
    change: str,
    f: str = "",
    old: str = "",
    new: str = "",
) -> dict[str, Any]:
    return {
        "key": k,
        "item_name": item,
        "material": (a or b).name,  # type: ignore[union-attr]
        "change": change,
        "field": f,
        "field_name": MATERIAL_FIELDS.get(f, ""),
        "value_a": old,
        "value_b": new,
        "material_source_a": str(a.ref) if a else "",
        "material_source_b": str(b.ref) if b else "",
    }


def read_publication(path: Path, display: str, key: str | None, mapping: Mapping) -> Publication:
    """A list file as key -> (row, field -> text), of each sheet holding a table; a row with no
    key, or a key seen before, is rejected with its reason."""
    with reading_for("compare takes two implementation lists, as A and B"):
        tables = read_tables(path, display, "list", mapping)
    pub = Publication(display, {}, {})
    for table in tables:
        _read_rows(table, key, mapping, pub)
    return pub


def _read_rows(table: RawTable, key: str | None, mapping: Mapping, pub: Publication) -> None:
    """A table's rows into the publication (its headers those of its first table)."""
    column = _key_column(table, key, mapping)
    fields = {f: i for f, i in table.columns.items()}
    for f, i in fields.items():
        pub.headers.setdefault(f, table.headers[i])
    place = table.file
    pub.rows_read += len(table.rows) + len(table.rejected)
    pub.rejected += [Rejected(place, r, why, col) for r, why, col in table.rejected]
    key_header = table.headers[column]
    for rownum, cells in table.rows:
        k = normalise_code(cells[column] if column < len(cells) else "")
        if not k:
            pub.rejected.append(Rejected(place, rownum, f"{key_header} is empty", key_header))
            continue
        if k in pub.rows:
            first = pub.rows[k][0]
            there = pub.sheets.get(k, pub.display)
            where = f"row {first}" if there == place else f"{there} row {first}"
            why = f"duplicate {key_header} {k}; {where} kept"
            pub.rejected.append(Rejected(place, rownum, why, key_header))
            continue
        values = {f: str(cells[i]).strip() if i < len(cells) else "" for f, i in fields.items()}
        pub.rows[k] = (rownum, values)
        if place != pub.display:
            pub.sheets[k] = place


def _key_column(table: RawTable, key: str | None, mapping: Mapping) -> int:
    """The column --key names: a field (task_code), one of its header names, or a header."""
    if not key:
        return table.columns["task_code"]
    wanted = header_key(key)
    for i, h in enumerate(table.headers):  # a header the files carry, as named: that column
        if header_key(h) == wanted:
            return i
    for f, aliases in mapping.aliases("list").items():
        if (f == key or wanted in aliases) and f in table.columns:
            return table.columns[f]
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
        "source_file": pub.sheets.get(k, pub.display),
        "source_row": rownum,
    }


def _material_summary(tables: dict[str, Table]) -> dict[str, Any]:
    """The materials' counts, when they were compared (the keys are absent otherwise)."""
    if "compare_materials" not in tables:
        return {}
    rows = tables["compare_materials"].rows
    by_change = Counter(r["change"] for r in rows)
    return {
        "material_differences": len(rows),
        "items_materials_differ": len({r["key"] for r in rows}),
        "materials_only_in_a": by_change[ONLY_IN_A],
        "materials_only_in_b": by_change[ONLY_IN_B],
        "materials_changed": by_change[CHANGED],
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
        **_material_summary(tables),
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
