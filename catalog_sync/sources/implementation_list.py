"""Implementation lists (实施清单) of province, city, county and township agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..mappings import Mapping
from ..model import ListItem, SourceRef
from ..normalise import clean_text, normalise_code
from .loaded import Loaded
from .tabular import iter_records, read_table


def level_of_area(area_code: str) -> str:
    """The level an administrative-division code (GB/T 2260, 6 or 12 digits) belongs to."""
    code = normalise_code(area_code)
    if not code.isdigit() or len(code) not in (6, 9, 12):
        return ""
    if code[2:6] == "0000":
        return "省级"
    if code[4:6] == "00":
        return "市级"
    if len(code) == 6 or code[6:] == "0" * (len(code) - 6):
        return "县级"
    return "乡级"


def guide_fields_of(mapping: Mapping) -> list[str]:
    """The list fields the guide elements of the mapping read (办事指南 columns)."""
    elements = mapping.guide.get("elements") or {}
    fields = (f for e in elements.values() for f in (e or {}).get("fields") or [])
    return list(dict.fromkeys(str(f) for f in fields))


def load_list(
    path: Path, display: str, mapping: Mapping, seen: dict[str, str] | None = None
) -> Loaded[ListItem]:
    """List items by row. `seen` (实施编码 -> where) spans all lists of a run, so a code
    listed twice is caught across files too."""
    table = read_table(path, display, "list", mapping)
    out: Loaded[ListItem] = Loaded.of(table)
    seen = {} if seen is None else seen
    code_header = table.header_of("task_code")
    guide_fields = tuple(f for f in guide_fields_of(mapping) if f in table.columns)
    if not any(f != "by_law" for f in guide_fields):
        guide_fields = ()  # no guide column: the guide checks do not run on this list
    texts: dict[str, str] = {}  # one object per distinct guide text: they repeat down a list
    # Cells that repeat down a province (areas, agencies, types, states, levels) are read once
    # per distinct text; codes and names are mostly distinct and read per row.
    areas: dict[Any, tuple[str, str]] = {}  # area cell -> (normalised code, its level)
    use_levels: dict[Any, str] = {}  # 行使层级 cell -> its one level, or ""
    states: dict[Any, tuple[str, bool]] = {}  # state cell -> (text, in use)
    types: dict[Any, str] = {}  # 事项类型 cell -> canonical type
    agencies: dict[Any, str] = {}
    agency_codes: dict[Any, str] = {}
    for rownum, rec in iter_records(table):
        raw = rec.get("task_code", "")
        code = normalise_code(raw)
        name = clean_text(rec.get("name"))
        sub_name = clean_text(rec.get("sub_name"))
        if not code:
            out.reject(rownum, f"{code_header} is empty", code_header)
            continue
        if not name:
            out.reject(rownum, f"{table.header_of('name')} is empty", table.header_of("name"))
            continue
        if code in seen:
            out.reject(rownum, f"duplicate {code_header} {code}; {seen[code]} kept", code_header)
            continue
        seen[code] = f"{display} row {rownum}"
        basic = normalise_code(rec.get("basic_code"))
        origin = "given" if basic else ""
        if not basic:
            basic, layout = mapping.derive_basic_code(code)
            origin = f"layout:{layout}" if basic else ""
        cell = rec.get("area_code")
        area_level = areas.get(cell)
        if area_level is None:
            area = normalise_code(cell)
            area_level = areas[cell] = (area, level_of_area(area))
        cell = rec.get("use_level", "")
        level = use_levels.get(cell)
        if level is None:
            levels = mapping.levels_in(cell)
            level = use_levels[cell] = next(iter(sorted(levels))) if len(levels) == 1 else ""
        parent = clean_text(rec.get("parent_name"))
        if sub_name:  # 事项名称 and 子项名称: the row is the 子项, the 事项 its 主项
            parent, name = parent or name, sub_name
        if parent in ("未分类", "无", "-", "/"):
            parent = ""
        cell = rec.get("state")
        state_use = states.get(cell)
        if state_use is None:
            state = clean_text(cell)
            state_use = states[cell] = (state, mapping.in_use(state))
        cell = rec.get("task_type", "")
        task_type = types.get(cell)
        if task_type is None:
            task_type = types[cell] = mapping.task_type(cell)
        cell = rec.get("agency")
        agency = agencies.get(cell)
        if agency is None:
            agency = agencies[cell] = clean_text(cell)
        cell = rec.get("agency_code")
        agency_code = agency_codes.get(cell)
        if agency_code is None:
            agency_code = agency_codes[cell] = normalise_code(cell)
        out.records.append(
            ListItem(
                ref=SourceRef(display, rownum),
                task_code_raw=raw,
                task_code=code,
                basic_code=basic,
                basic_code_origin=origin,
                name=name,
                task_type=task_type,
                parent_name=parent,
                agency=agency,
                agency_code=agency_code,
                area_code=area_level[0],
                level=level or area_level[1],
                by_law=clean_text(rec.get("by_law")),
                state=state_use[0],
                in_use=state_use[1],
                handle_item_code=normalise_code(rec.get("handle_item_code")),
                guide_cells=(
                    guide_fields,
                    tuple(texts.setdefault(rec[f], rec[f]) for f in guide_fields),
                )
                if guide_fields
                else None,
            )
        )
    return out
