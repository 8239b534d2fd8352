"""The domain records every other module passes around. No I/O, no package imports."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import repeat
from typing import Any

CANCEL = "cancel"
DELEGATE = "delegate"
OTHER = "other"


@dataclass(frozen=True, slots=True)  # slots: one per record, a million at province scale
class SourceRef:
    """Where a record came from: the file as the user named it and its spreadsheet row."""

    file: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}:{self.row}"


@dataclass(frozen=True)
class Matter:
    """A basic-catalogue matter (基本目录事项)."""

    ref: SourceRef
    basic_code: str  # normalised
    basic_code_raw: str
    name: str
    task_type: str  # canonical name (行政许可 ...) or "" when absent
    department: str = ""
    parent_code: str = ""  # normalised 主项 code; "" for a main item
    parent_name: str = ""
    by_law: str = ""
    use_levels: frozenset[str] = frozenset()
    state: str = ""
    in_use: bool = True

    node: str = field(init=False, repr=False, compare=False)  # the graph node id

    def __post_init__(self) -> None:
        object.__setattr__(self, "node", f"matter:{self.basic_code}")


@dataclass(frozen=True, slots=True)  # slots: 96 bytes less an item with its SourceRef
class ListItem:
    """An implementation-list item (实施清单事项)."""

    ref: SourceRef
    task_code_raw: str
    task_code: str  # normalised
    basic_code: str  # normalised; given or derived from task_code
    basic_code_origin: str  # "given", "layout:<name>" or "" when there is none
    name: str
    task_type: str = ""
    parent_name: str = ""
    agency: str = ""
    agency_code: str = ""
    area_code: str = ""
    level: str = ""  # 省级 / 市级 / 县级 / 乡级 / ""
    by_law: str = ""
    state: str = ""
    in_use: bool = True
    handle_item_code: str = ""
    # 办事指南 cells as given: (field names, shared by a list's items; texts), None when the list
    # carries no guide column. Two tuples, not a dict: a province holds half a million of them.
    guide_cells: tuple[tuple[str, ...], tuple[str, ...]] | None = field(
        default=None, repr=False, compare=False
    )

    node: str = field(init=False, repr=False, compare=False)  # the graph node id

    def __post_init__(self) -> None:
        object.__setattr__(self, "node", item_node(self.ref.file, self.ref.row))

    @property
    def guide(self) -> dict[str, str] | None:
        """The guide cells by field, or None when the item's list has no guide column."""
        if self.guide_cells is None:
            return None
        return dict(zip(*self.guide_cells, strict=True))


def item_node(file: str, row: int) -> str:
    """A list item's node id in the graph: its file and row."""
    return f"item:{file}:{row}"


def list_items(file: str, rows: Sequence[int], **columns: Sequence[Any]) -> list[ListItem]:
    """ListItem(ref=SourceRef(file, row), ...) for each row, every other field given as a
    column (a sequence as long as `rows`). The same objects, made a field at a time: the frozen
    dataclass's __init__ sets each of its 18 slots by a Python call, and a province has half a
    million items."""
    expected = {f.name for f in fields(ListItem) if f.init} - {"ref"}
    if columns.keys() != expected:
        raise TypeError(f"list_items: fields {sorted(expected ^ columns.keys())} differ")
    n = len(rows)
    if any(len(column) != n for column in columns.values()):
        raise ValueError("list_items: every column must be as long as rows")
    refs = _made(SourceRef, n, {"file": repeat(file, n), "row": rows})
    nodes = [item_node(file, row) for row in rows]
    return _made(ListItem, n, {"ref": refs, **columns, "node": nodes})


def _made(cls: type, n: int, columns: dict[str, Iterable[Any]]) -> list[Any]:
    """n instances of a slots dataclass, each slot set from its column by the slot's own
    descriptor (what the frozen __init__'s object.__setattr__ does), a column in one C loop."""
    made = list(map(object.__new__, repeat(cls, n)))
    for name, column in columns.items():
        deque(map(cls.__dict__[name].__set__, made, column), maxlen=0)
    return made


@dataclass(frozen=True)
class Material:
    """One 申请材料 row of an item's service guide (up_task_general_material)."""

    ref: SourceRef
    task_code: str  # normalised 实施编码 of the item asking for it
    name: str
    fields: tuple[tuple[str, str], ...] = ()  # the other material fields as given

    def get(self, name: str) -> str:
        return next((v for k, v in self.fields if k == name), "")


@dataclass(frozen=True)
class DecisionItem:
    """One row of a decision annex: names a matter and what is done to it, never a code."""

    ref: SourceRef
    doc_no: str
    title: str
    issued_date: date | None
    effective_date: date | None
    annex: str
    seq: str
    name: str
    department: str
    by_law: str
    action_raw: str
    action: str  # CANCEL, DELEGATE or OTHER
    delegated_to: str = ""
    certificate: bool = False  # the row names a 证明材料 (`name`), not a matter
    # the levels a 下放 row hands the matter to (下放后审批部门, else 下放至… in 处理决定)
    delegated_levels: frozenset[str] = frozenset()
    # the levels a 下放 row takes the matter from (its 原实施机关 / 原审批部门 / 原实施层级 cell):
    # an item at another level is not the one the decision moves
    taken_from_levels: frozenset[str] = frozenset()
    # the 处理决定 when it restricts the action to part of the matter (a stage, named parts,
    # 保留…, 仅…, 部分…): what it reaches is for a person to review, not cancelled as a whole
    restriction: str = ""
    # parts an exclusion note on the name sets apart (港口经营许可（港口理货业务除外）): the row
    # reaches the matter, not the records naming one of them
    excluded: tuple[str, ...] = ()
    # the 事项类型 a 处理决定 gives the matter instead (取消行政许可，调整为行政确认): a record
    # already of that type is what the decision asks for
    retyped_to: str = ""

    @property
    def node(self) -> str:
        return f"decision:{self.ref.file}:{self.ref.row}"

    @property
    def in_force_from(self) -> date | None:
        """A decision takes effect on its stated date, else on the day it was issued."""
        return self.effective_date or self.issued_date


@dataclass(frozen=True)
class Match:
    """Why two records were taken to be the same matter."""

    tier: str  # code, name, fuzzy, via-catalogue, propagated
    score: float  # 0-100
    fields: tuple[str, ...]  # the fields compared
    evidence: str  # one human sentence
    weights: tuple[tuple[str, float], ...] = ()  # (field, bits) when weighed evidence decided


@dataclass(frozen=True)
class CancelledInfo:
    """The cancellation in force that reached a list item: what its work orders are checked
    against."""

    decision: str
    decision_seq: str
    effective_date: date
    match_tier: str
    evidence: str
    item_name: str


class Said(str):
    """A warning a person must see on stderr (data left unread or read wrong), not only in
    summary.json's warnings: the run says it, rendered in its language by vocab."""


@dataclass(frozen=True)
class Rejected:
    """An input row that was read but not used, and why."""

    file: str
    row: int
    reason: str
    column: str = ""


@dataclass(frozen=True)
class Column:
    key: str  # English key, used in JSON
    zh: str
    en: str


@dataclass
class Table:
    """A discrepancy table: a name, its columns and rows keyed by Column.key."""

    name: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    counts_as_discrepancy: bool = True

    def header(self, lang: str) -> list[str]:
        return [c.zh if lang == "zh" else c.en for c in self.columns]

    def cells(self, row: dict[str, Any]) -> list[Any]:
        return [row.get(c.key, "") for c in self.columns]

    def count(self) -> int:
        """Rows in the table (a streamed table counts them in its engine)."""
        return len(self.rows)

    def head(self, n: int) -> Iterator[dict[str, Any]]:
        """The first n rows (a streamed table fetches them in chunks)."""
        return iter(self.rows[:n])
