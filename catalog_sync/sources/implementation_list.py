"""Implementation lists (实施清单) of province, city, county and township agencies."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..mappings import Mapping, header_key
from ..model import ListItem, list_items
from ..normalise import clean_text, is_placeholder, name_key, normalise_code, normalise_codes
from ..wording import read_places
from .loaded import Loaded
from .tabular import RawTable, read_tables, record_columns

T = TypeVar("T")


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


# The fields load_list reads, a column each.
_FIELDS = (
    "task_code",
    "name",
    "sub_name",
    "parent_name",
    "basic_code",
    "area_code",
    "use_level",
    "state",
    "task_type",
    "agency",
    "agency_code",
    "by_law",
    "handle_item_code",
)


def _by_distinct(read: Callable[[str], T], column: list[str]) -> list[T]:
    """read() of each cell, called once per distinct text: areas, agencies, types, states and
    levels repeat down a province."""
    once = {text: read(text) for text in set(column)}
    return list(map(once.__getitem__, column))


def load_list(
    path: Path, display: str, mapping: Mapping, seen: dict[str, str] | None = None
) -> Loaded[ListItem]:
    """List items by row. `seen` (实施编码 -> where) spans all lists of a run, so a code
    listed twice is caught across files too."""
    out, kept = read_list(path, display, mapping, seen)
    out.records.extend(items_of(kept))
    return out


# A list's kept rows as ListItem columns: the row numbers, and field -> one value per row.
KeptColumns = tuple[tuple[int, ...], dict[str, tuple[Any, ...]]]
# Those of each table of a list file (a workbook may hold one per sheet), with the table's place.
KeptTables = list[tuple[str, KeptColumns]]


def items_of(kept: KeptTables) -> list[ListItem]:
    """The ListItems of the kept rows of a list's tables, in order."""
    return [i for file, (rows, columns) in kept if rows for i in list_items(file, rows, **columns)]


def kept_codes(kept: KeptTables) -> list[str]:
    """The 实施编码 of the kept rows of a list's tables."""
    return [c for _, (_, columns) in kept for c in columns.get("task_code", ())]


def read_list(
    path: Path, display: str, mapping: Mapping, seen: dict[str, str] | None = None
) -> tuple[Loaded[ListItem], KeptTables]:
    """load_list without its ListItems: the Loaded (rows read, rejected, warnings; no records)
    and the kept rows of each table (a workbook may hold one per sheet) a column per ListItem
    field (model.list_items makes the items of them), which pickle as a few long tuples where
    the items would each call a setstate.

    The cells are read a column at a time; only the checks that depend on earlier rows (a code
    listed twice) go row by row."""
    seen = {} if seen is None else seen
    parts, kept = [], []
    for table in read_tables(path, display, "list", mapping):
        out: Loaded[ListItem] = Loaded.of(table)
        rows = _row_values(table, mapping)
        columns = _columns(_kept_rows(rows, out, table, table.file, mapping, seen))
        file = table.file
        out.warnings.extend(unknown_task_types(file, columns[1].get("task_type", ()), mapping))
        out.warnings.extend(unknown_states(file, columns[1].get("state", ()), mapping))
        parts.append(out)
        kept.append((file, columns))
    return Loaded.joined(display, parts), kept


def unknown_task_types(display: str, types: Sequence[str], mapping: Mapping) -> list[str]:
    """A warning for each 事项类型 of a source the task_types dictionary lacks (after
    Mapping.task_type's lookups): it is kept as written and not compared in matching, where a
    type of its own would keep its records from every matter of the same name."""
    unknown = {t for t in set(types) if not mapping.known_task_type(t)}
    if not unknown:
        return []
    counts = Counter(t for t in types if t in unknown)
    return [
        f"{display}: 事项类型 '{t}' ({n} row{'s' if n > 1 else ''}) is not in the task_types "
        "dictionary: not compared in matching; name it under task_types in a --mapping"
        for t, n in sorted(counts.items())
    ]


def unknown_states(display: str, states: Sequence[str], mapping: Mapping) -> list[str]:
    """A warning for each 事项状态 of a source that `states` names neither in use nor not: it
    is read as in use (the record is listed), which a state meaning withdrawn must not be."""
    counts = Counter(s for s in states if not mapping.known_state(s))
    return [
        f"{display}: 事项状态 '{s}' ({n} row{'s' if n > 1 else ''}) is not under states: read "
        "as in use; name it under states.in_use or states.not_in_use in a --mapping"
        for s, n in sorted(counts.items())
    ]


def _guide_fields(table: RawTable, mapping: Mapping) -> tuple[str, ...]:
    """The guide fields of the mapping that the list has a column for; none when by_law, which
    every item reads anyway, is the only one."""
    fields = tuple(f for f in guide_fields_of(mapping) if f in table.columns)
    if not any(f != "by_law" for f in fields):
        return ()  # no guide column: the guide checks do not run on this list
    return fields


def _row_values(table: RawTable, mapping: Mapping) -> Iterator[tuple[Any, ...]]:
    """Each data row's values, in the order _kept_rows unpacks them, worked out a column at a
    time: codes and texts normalised, and what repeats down a province read once per distinct
    text (_by_distinct)."""
    guide_fields = _guide_fields(table, mapping)
    cells = record_columns(table, _FIELDS + guide_fields)
    raws = cells["task_code"]
    return zip(
        (r for r, _ in table.rows),
        raws,
        normalise_codes(raws),
        map(clean_text, cells["name"]),
        _by_distinct(clean_text, cells["sub_name"]),
        _by_distinct(_named, cells["parent_name"]),
        _by_distinct(_coded, cells["basic_code"]),
        _by_distinct(_area_and_level, cells["area_code"]),
        _by_distinct(lambda cell: _one_level(mapping, cell), cells["use_level"]),
        _by_distinct(lambda cell: _state_and_use(mapping, cell), cells["state"]),
        _by_distinct(mapping.task_type, cells["task_type"]),
        _by_distinct(clean_text, cells["agency"]),
        _by_distinct(normalise_code, cells["agency_code"]),
        _by_distinct(clean_text, cells["by_law"]),
        normalise_codes(cells["handle_item_code"]),
        _guide_cells(guide_fields, cells),
        strict=True,
    )


def _named(cell: str) -> str:
    """A 主项名称 cell's text, or "" when it names no 主项 (未分类, 无, -, /: is_placeholder)."""
    text = clean_text(cell)
    return "" if is_placeholder(text) else text


def _coded(cell: str) -> str:
    """A 基本编码 cell's normalised code, or "" when it says there is none (无, /, 暂无, 0, N/A:
    is_placeholder): the item has no code, and is matched by name or by the code its 实施编码
    holds."""
    code = normalise_code(cell)
    return "" if is_placeholder(code) else code


def _kept_rows(
    rows: Iterator[tuple[Any, ...]],
    out: Loaded[ListItem],
    table: RawTable,
    display: str,
    mapping: Mapping,
    seen: dict[str, str],
) -> list[tuple[Any, ...]]:
    """The rows made into items (row number, then _ITEM_FIELDS); a row without 实施编码 or name,
    or whose code was seen before, is rejected in `out` instead. Row by row, as a code listed
    twice depends on the rows before: a plain loop, run once per item of a province."""
    named_by_sub = _named_by_sub(table, mapping)
    headers = table.header_of("task_code"), table.header_of("name")
    basic_of = _basic_code_reader(mapping.derive_basic_code)
    agency_levels: dict[str, str] = {}  # 实施主体 -> the level it names (_agency_level)
    kept: list[tuple[Any, ...]] = []
    for (rownum, raw, code, name, sub_name, parent, basic, area_level, level, state_use,
         task_type, agency, agency_code, by_law, handle, guide) in rows:  # fmt: skip
        if not name and named_by_sub and parent:  # a matter without 子项, named by its 主项
            name, parent = parent, ""
        if not code or not name or code in seen:
            _reject(out, rownum, (code, name), headers, seen)
            continue
        seen[code] = f"{display} row {rownum}"
        basic, origin = (basic, "given") if basic else basic_of(code)
        if sub_name:  # 事项名称 and 子项名称: the row is the 子项, the 事项 its 主项
            parent, name = parent or name, sub_name
        level = level or area_level[1] or _agency_level(agency, mapping, agency_levels)
        kept.append((rownum, raw, code, basic, origin, name, task_type, parent, agency,
                     agency_code, area_level[0], level, by_law, state_use[0], state_use[1],
                     handle, guide))  # fmt: skip
    return kept


def _named_by_sub(table: RawTable, mapping: Mapping) -> bool:
    """主项名称 | 子项名称 without a 事项名称: the name is read from the 子项 column, and a row
    with no 子项 is a matter without 子项, named by its 主项."""
    columns = table.columns
    return (
        "parent_name" in columns
        and "name" in columns
        and header_key(table.headers[columns["name"]]) in mapping.aliases("list")["sub_name"]
    )


def _basic_code_reader(
    derive: Callable[[str], tuple[str, str]],
) -> Callable[[str], tuple[str, str]]:
    """(basic code, origin) read from a 实施编码 by the mapping's code layouts ("layout:NAME"),
    or the empty code and no origin: one string per distinct derived code and layout, not one
    per item (memory)."""
    derived: dict[str, str] = {}
    origins: dict[str, str] = {}  # layout name -> its origin text

    def basic_of(code: str) -> tuple[str, str]:
        basic, layout = derive(code)
        if not basic:
            return basic, ""
        origin = origins.get(layout) or origins.setdefault(layout, f"layout:{layout}")
        return derived.setdefault(basic, basic), origin

    return basic_of


def _reject(
    out: Loaded[ListItem],
    rownum: int,
    code_and_name: tuple[str, str],
    headers: tuple[str, str],
    seen: dict[str, str],
) -> None:
    """Reject a row in `out`, naming why: no 实施编码, no name, or a code already kept."""
    (code, name), (code_header, name_header) = code_and_name, headers
    if not code:
        out.reject(rownum, f"{code_header} is empty", code_header)
    elif not name:
        out.reject(rownum, f"{name_header} is empty", name_header)
    else:
        out.reject(rownum, f"duplicate {code_header} {code}; {seen[code]} kept", code_header)


# ListItem's fields after the row number, in the order load_list keeps them.
_ITEM_FIELDS = (
    "task_code_raw",
    "task_code",
    "basic_code",
    "basic_code_origin",
    "name",
    "task_type",
    "parent_name",
    "agency",
    "agency_code",
    "area_code",
    "level",
    "by_law",
    "state",
    "in_use",
    "handle_item_code",
    "guide_cells",
)


def _columns(kept: list[tuple[Any, ...]]) -> KeptColumns:
    """The kept rows (row number, then _ITEM_FIELDS) turned into columns."""
    if not kept:
        return (), {}
    rows, *columns = zip(*kept, strict=True)
    return rows, dict(zip(_ITEM_FIELDS, columns, strict=True))


def _agency_level(agency: str, mapping: Mapping, seen: dict[str, str]) -> str:
    """The level of an item's 实施主体 where it is a place's own government or office
    (`place_governments` right after the places it names: 示县城西街道办事处, 东岭镇人民政府,
    东岭镇便民服务中心 are 乡级, 示县人民政府 县级), for an item whose 行使层级 and 行政区划代码
    say none: a township's item is at the township's level, so a 下放 to 乡镇（街道） finds it
    already there (hunt 23c: a 街道办事处's 农村宅基地审批 with neither column was reported
    delegated). Not a department after a place (广安市公安局广安区分局, 区民政局): whose level
    a bureau's branch is its name does not say. A 乡级 office only: a 市 or 县 government's
    level is not in its name's last place (绵阳市江油市人民政府 a county-level city, 北京市人民政府
    a province-level one; the session-23 rehunt). Read once per distinct 实施主体 (`seen`)."""
    if agency not in seen:
        key = name_key(agency, mapping.level_qualifiers)
        places, end = read_places(key, mapping.wording)
        own = bool(places) and key[end:] in mapping.wording.place_governments
        seen[agency] = "乡级" if own and places[-1][1] == "乡" else ""
    return seen[agency]


def _area_and_level(cell: str) -> tuple[str, str]:
    """An area cell's normalised code and the level of that area."""
    area = normalise_code(cell)
    return area, level_of_area(area)


def _one_level(mapping: Mapping, cell: str) -> str:
    """The level a 行使层级 cell names, or "" when it names none or several."""
    levels = mapping.levels_in(cell)
    return next(iter(sorted(levels))) if len(levels) == 1 else ""


def _state_and_use(mapping: Mapping, cell: str) -> tuple[str, bool]:
    """A state cell's text and whether that state means the item is in use."""
    state = clean_text(cell)
    return state, mapping.in_use(state)


def _guide_cells(
    fields: tuple[str, ...], cells: dict[str, list[str]]
) -> Iterable[tuple[tuple[str, ...], tuple[str, ...]] | None]:
    """Each row's 办事指南 cells (ListItem.guide_cells), None for each row when the list has
    no guide column; one object per distinct text, as they repeat down a list."""
    if not fields:
        return itertools.repeat(None, len(cells["task_code"]))
    texts: dict[str, str] = {}
    columns = [[texts.setdefault(t, t) for t in cells[f]] for f in fields]
    return ((fields, row) for row in zip(*columns, strict=True))
