"""The basic catalogue (基本目录): one matter per 基本编码, with its 主项/子项 hierarchy."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..mappings import Mapping
from ..model import Matter, SourceRef
from ..normalise import clean_text, is_placeholder, normalise_code, without_number_decimals
from .implementation_list import unknown_states, unknown_task_types
from .loaded import Loaded
from .tabular import RawTable, iter_records, read_tables


def load_catalogue(path: Path, display: str, mapping: Mapping) -> Loaded[Matter]:
    """Matters by row, of each sheet holding a table; empty and duplicate codes are rejected,
    the first of a code is kept."""
    tables = read_tables(path, display, "catalogue", mapping)
    if not any(t.rows or t.rejected for t in tables):  # every item would be reported unmatched
        raise SourceError(display, "holds a header and no rows: the basic catalogue is empty")
    first_row: dict[str, tuple[str, int, str]] = {}
    out = Loaded.joined(display, [_matters(table, mapping, first_row) for table in tables])
    _resolve_parents(out, mapping)
    out.warnings.extend(unknown_task_types(display, [m.task_type for m in out.records], mapping))
    out.warnings.extend(unknown_states(display, [m.state for m in out.records], mapping))
    return out


def _matters(
    table: RawTable, mapping: Mapping, first_row: dict[str, tuple[str, int, str]]
) -> Loaded[Matter]:
    """A table's matters; `first_row` (code -> file, row, name) spans the workbook's tables."""
    out: Loaded[Matter] = Loaded.of(table)
    code_header = table.header_of("basic_code")
    decimals = 0
    for rownum, rec in iter_records(table):
        code = normalise_code(rec.get("basic_code"))
        if code != (code := without_number_decimals(code)):
            decimals += 1
        name = clean_text(rec.get("name"))
        if not code:
            out.reject(rownum, f"{code_header} is empty", code_header)
            continue
        if not name:
            out.reject(rownum, f"{table.header_of('name')} is empty", table.header_of("name"))
            continue
        if code in first_row:
            file, first, first_name = first_row[code]
            clash = "" if first_name == name else f" with a different name ('{first_name}')"
            where = f"row {first}" if file == table.file else f"{file} row {first}"
            out.reject(rownum, f"duplicate {code_header} {code}{clash}; {where} kept", code_header)
            continue
        first_row[code] = (table.file, rownum, name)
        state = clean_text(rec.get("state"))
        out.records.append(
            Matter(
                ref=SourceRef(table.file, rownum),
                basic_code=code,
                basic_code_raw=rec.get("basic_code", ""),
                name=name,
                task_type=mapping.task_type(rec.get("task_type", "")),
                department=clean_text(rec.get("department")),
                parent_code=_nothing_or(
                    without_number_decimals(normalise_code(rec.get("parent_code")))
                ),
                parent_name=_nothing_or(clean_text(rec.get("parent_name"))),
                by_law=clean_text(rec.get("by_law")),
                use_levels=mapping.levels_in(rec.get("use_level", "")),
                state=state,
                in_use=mapping.in_use(state),
            )
        )
    if decimals:
        out.warnings.append(_decimals_warning(table.file, code_header, decimals))
    return out


def _decimals_warning(file: str, header: str, n: int) -> str:
    """Said of a catalogue whose codes a CSV export wrote as numbers with decimals."""
    return (
        f"{file}: {n} {header} written as a number with decimals (a point and zeros after the "
        "code) read without them; an export took the column for numbers, so leading zeros "
        "may be lost too: store codes as text"
    )


def _nothing_or(text: str) -> str:
    """A 主项编码 or 主项名称 cell's text, or "" when it says there is none (无, /, -, 0:
    normalise.is_placeholder, as a list's 基本编码 and 主项名称)."""
    return "" if is_placeholder(text) else text


def _resolve_parents(out: Loaded[Matter], mapping: Mapping) -> None:
    """Fill parent codes given only as a 主项名称, and warn of parents that do not exist."""
    from dataclasses import replace

    from ..normalise import name_key

    codes = {m.basic_code for m in out.records}
    by_name: dict[str, list[str]] = {}
    for m in out.records:
        by_name.setdefault(name_key(m.name, mapping.level_qualifiers), []).append(m.basic_code)
    fixed = []
    for m in out.records:
        if not m.parent_code and m.parent_name:
            hits = by_name.get(name_key(m.parent_name, mapping.level_qualifiers), [])
            hits = [h for h in hits if h != m.basic_code]
            if len(hits) == 1:
                m = replace(m, parent_code=hits[0])
        if m.parent_code == m.basic_code:
            m = replace(m, parent_code="")
        if m.parent_code and m.parent_code not in codes:
            out.warnings.append(
                f"{m.ref}: 主项编码 {m.parent_code} of {m.basic_code} is not in the catalogue"
            )
        fixed.append(m)
    out.records = fixed
