"""Certificates a decision cancelled (证明事项清理) that an item's materials still ask for.

A false hit sends a department to remove a material that is still required, so the match is
deliberately narrow: the names are equal after the name normalisation, or after dropping a
bracketed note that only says in what form the material is handed in (（原件）, （复印件加盖公章）).
No fuzzy or partial match. Reads no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..mappings import Mapping
from ..model import CANCEL, DecisionItem, ListItem, Material, Table
from ..normalise import name_key
from ..tables import new_table

EXACT, FORM_NOTE = "exact", "form-note"


def form_note_pattern(mapping: Mapping) -> str:
    """A regex for a bracketed note made only of the mapping's form words (and separators)."""
    words = sorted(map(str, mapping.certificates.get("form_notes") or []), key=len, reverse=True)
    if not words:
        return ""
    alternatives = "|".join([*map(re.escape, words), r"[、,，/；;\s]"])
    return rf"[(（](?:{alternatives})+[)）]"


def certificate_findings(
    certificates: Iterable[DecisionItem],
    materials: Iterable[Material],
    items: Iterable[ListItem],
    as_of: date,
    mapping: Mapping,
) -> Table:
    """One row per material of an in-use item whose name matches a certificate that a decision
    in force on `as_of` cancelled."""
    notes = form_note_pattern(mapping)
    by_key: dict[str, list[DecisionItem]] = {}
    by_core: dict[str, list[DecisionItem]] = {}
    for c in certificates:
        start = c.in_force_from
        if c.action != CANCEL or start is None or start > as_of:
            continue
        by_key.setdefault(name_key(c.name), []).append(c)
        by_core.setdefault(name_key(c.name, notes), []).append(c)
    item_of = {i.task_code: i for i in items}
    table = new_table("certificates_still_required")
    for m in materials:
        item = item_of.get(m.task_code)
        if item is None or not item.in_use:
            continue
        rule, found = EXACT, by_key.get(name_key(m.name), [])
        if not found and notes:
            rule, found = FORM_NOTE, by_core.get(name_key(m.name, notes), [])
        table.rows.extend(_row(item, m, c, rule) for c in found)
    return table


def _row(item: ListItem, m: Material, c: DecisionItem, rule: str) -> dict[str, Any]:
    why = (
        "the material is the cancelled certificate once names are normalised"
        if rule == EXACT
        else "the material is the cancelled certificate once a note on its form is set aside"
    )
    return {
        "item_code": item.task_code_raw,
        "item_name": item.name,
        "agency": item.agency,
        "material": m.name,
        "certificate": c.name,
        "decision": c.doc_no,
        "decision_title": c.title,
        "decision_seq": c.seq,
        "decision_action": c.action_raw,
        "effective_date": c.in_force_from.isoformat() if c.in_force_from else "",
        "match_rule": rule,
        "evidence": f"{why}: '{m.name}' = '{c.name}'",
        "decision_source": str(c.ref),
        "material_source": str(m.ref),
        "source_file": item.ref.file,
        "source_row": item.ref.row,
    }
