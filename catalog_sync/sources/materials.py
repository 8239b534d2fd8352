"""申请材料 files (up_task_general_material): the materials each item's service guide asks for."""

from __future__ import annotations

from pathlib import Path

from ..mappings import Mapping
from ..model import Material, SourceRef
from ..normalise import clean_text, normalise_code
from .loaded import Loaded
from .tabular import RawTable, iter_records, read_tables


def load_materials(path: Path, display: str, mapping: Mapping) -> Loaded[Material]:
    """Material rows by row, of each sheet holding a table; a row without 实施编码 or 材料名称
    is rejected."""
    tables = read_tables(path, display, "materials", mapping)
    return Loaded.joined(display, [_materials(table) for table in tables])


def _materials(table: RawTable) -> Loaded[Material]:
    out: Loaded[Material] = Loaded.of(table)
    others = [f for f in table.columns if f not in ("task_code", "name")]
    for rownum, rec in iter_records(table):
        code = normalise_code(rec.get("task_code"))
        name = clean_text(rec.get("name"))
        for value, f in ((code, "task_code"), (name, "name")):
            if not value:
                out.reject(rownum, f"{table.header_of(f)} is empty", table.header_of(f))
                break
        else:
            fields = tuple((f, clean_text(rec.get(f))) for f in others)
            out.records.append(Material(SourceRef(table.file, rownum), code, name, fields))
    return out
