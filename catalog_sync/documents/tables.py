"""An annex table's grid -> records of the decision columns, rows the grid could not give.

The header is the first of a table's first rows naming the item-name column (事项名称, or 项目名称
before 2019; traditional characters read as simplified). A two-row header with a merged parent
cell ("审批部门" over "下放前 | 下放后") is read column by column: the child's name, the two
joined, then the parent's. Below the header:

- a copy of a merged cell above (rowspan, vMerge) is the row's own value: a merged 审批部门
  applies to every row it spans; a copy from the left (colspan) is not;
- a row whose 序号 is empty continues the row above (a row broken across pages): its cells are
  appended to the row above's; unless it has its own name and its own 处理决定 or 审批部门 (a
  sub-row whose 序号 cell lost its merge), or its name opens with a sub-number （1）: then it is
  a row of its own. Where its name or those cells run on from the row above's (、 or an open
  bracket ending it, a closing bracket or 、 opening its own), it is joined and noted; a row
  with only a name that reads as the rest of the 处理决定 above is rejected (_decision_in_name);
- a row with one text across the table is a section row: "附件2 …" starts the next annex,
  anything else is skipped and noted; a repeated header row is skipped;
- a row without a name, or with text beyond the header's columns, is rejected with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..mappings import Mapping, header_key
from ..normalise import simplify
from ..sources.decisions import sub_row_part
from ..sources.tabular import resolve_columns
from .model import COL_COPY, OWN, ROW_COPY, Cell, Table

HEADER_ROWS = 6
ANNEX_HEADING = re.compile(
    r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{0,3})\s*(?:[:：.．、]\s*|\s+|$)(.*)$", re.DOTALL
)
_SEQ = re.compile(r"^\s*\d{1,4}\s*[.、．]?\s*$")
_TOTALS = ("合计", "总计", "小计")
# Fields whose broken pieces are joined with a line break when they are lists of laws or steps.
_LISTS = ("by_law", "measures")


@dataclass
class Header:
    """Where the columns are and what the header calls them."""

    columns: dict[str, int]
    names: dict[str, str]
    width: int
    row: int  # index of the (first) header row; rows above it are title rows
    data_start: int

    def label(self, fname: str) -> str:
        return self.names.get(fname, fname)

    @property
    def name_field(self) -> str:
        """The column a row is about: the matter (事项名称), else a certificate (证明名称, in
        a 证明事项清理 list)."""
        return "name" if "name" in self.columns else "certificate"


@dataclass
class Record:
    """An annex row being assembled: field -> text, cells beyond the header, location."""

    values: dict[str, str]
    where: str
    extra: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    reject: str = ""  # why the row is not read, found while assembling it


def decision_aliases(mapping: Mapping) -> dict[str, list[str]]:
    """Header keys per decision field, as the mapping names them."""
    return mapping.aliases("decisions")


def _key(text: str) -> str:
    return header_key(simplify(text))


def find_header(table: Table, aliases: dict[str, list[str]]) -> Header | None:
    """The header of an annex table, or None when no early row names the item-name column
    (or, in a certificate list, the certificate-name column)."""
    rows = table.rows
    for h, row in enumerate(rows[:HEADER_ROWS]):
        texts = [simplify(c.text) if c.span != COL_COPY else "" for c in row]
        columns = resolve_columns(texts, aliases)
        if not _NAMING & columns.keys():
            continue
        below = rows[h + 1] if h + 1 < len(rows) else []
        if any(c.span == COL_COPY for c in row) and any(c.span == ROW_COPY for c in below):
            two = _two_level(row, below, aliases)
            if _NAMING & two.keys():
                names = {f: f"{row[i].text}{below[i].text}" for f, i in two.items()}
                return Header(two, names, _width(row, below), h, h + 2)
        names = {f: row[i].text for f, i in columns.items()}
        return Header(columns, names, _width(row), h, h + 1)
    return None


_NAMING = {"name", "certificate"}  # a header names one of them


def _width(*rows: list[Cell]) -> int:
    """Columns up to the last one the header names: cells beyond it hold text of no column."""
    return max((i + 1 for row in rows for i, c in enumerate(row) if c.text.strip()), default=0)


def _two_level(top: list[Cell], below: list[Cell], aliases: dict[str, list[str]]) -> dict[str, int]:
    """A two-row header's columns, as resolve_columns reads one row: of the names a column can
    be read as (its lower cell, the two joined, its upper cell), the field's earliest name in
    the mapping wins, then the leftmost column; a column serves one field."""
    by_key = {k: (f, r) for f, keys in aliases.items() for r, k in enumerate(keys)}
    hits = []  # (the name's place among the field's names, column, candidate's place, field)
    for i, parent in enumerate(top):
        child = below[i] if i < len(below) else Cell("")
        if child.span == ROW_COPY or not child.text:
            candidates = [parent.text]
        else:
            candidates = [child.text, parent.text + child.text, child.text + parent.text]
            candidates.append(parent.text)
        for n, text in enumerate(candidates):
            if (hit := by_key.get(_key(text))) is not None:
                hits.append((hit[1], i, n, hit[0]))
    columns: dict[str, int] = {}
    for _, i, _, fname in sorted(hits):
        if fname not in columns and i not in columns.values():
            columns[fname] = i
    return columns


def is_header_repeat(cells: list[Cell], header: Header, aliases: dict[str, list[str]]) -> bool:
    """A header row repeated at the top of a continued table (a page break)."""
    i = header.columns[header.name_field]
    return i < len(cells) and _key(cells[i].text) in aliases[header.name_field]


def join_piece(fname: str, before: str, more: str) -> str:
    """A cell continued on the next row: laws and measures on a new line, names run on."""
    if not before:
        return more
    if not more:
        return before
    if fname in _LISTS and (before[-1] in "》。；;" or more[0] in "《"):
        return f"{before}\n{more}"
    return before + more


# The cells a row of its own has (besides its name): a decision, or the body that takes it.
_OWN_ROW_FIELDS = ("name", "certificate", "action", "department")
_RUNS_ON_END = "、，,；;：:和及与或的（("  # a text ending so goes on in the next row
_RUNS_ON_START = "）)、，,；;。"  # a text starting so is the rest of the one above


def _runs_on(before: str, more: str) -> bool:
    """Whether `more` reads as the rest of `before`, a cell broken across rows: `before` ends
    in a joining word or mark or leaves a bracket open, or `more` opens with a closing one."""
    before, more = before.strip(), more.strip()
    if not before or not more:
        return False
    unclosed = before.count("（") + before.count("(") > before.count("）") + before.count(")")
    return before[-1] in _RUNS_ON_END or unclosed or more[0] in _RUNS_ON_START


class RowAssembler:
    """Feeds grid rows of one annex table (and its continuations) into records."""

    def __init__(
        self,
        header: Header,
        aliases: dict[str, list[str]],
        on_record: Callable[[Record], None],
        on_note: Callable[[str], None],
        action_words: tuple[str, ...] = (),
    ) -> None:
        self.header = header
        self.aliases = aliases
        self.on_record = on_record
        self.on_note = on_note
        self.action_words = action_words  # words a 处理决定 opens with (the mapping's actions)
        self.current: Record | None = None
        self.held: list[Record] = []  # rows rejected while the row above is assembled

    def flush(self) -> None:
        if self.current is not None:
            self.on_record(self.current)
            self.current = None
        for rec in self.held:
            self.on_record(rec)
        self.held = []

    def feed(self, cells: list[Cell], where: str) -> str | None:
        """Take one grid row; returns the text of an annex heading row, else None."""
        if not any(c.text.strip() for c in cells):
            return None
        if is_header_repeat(cells, self.header, self.aliases):
            return None
        section = self._section_text(cells)
        if section is not None:
            self.flush()
            if ANNEX_HEADING.match(simplify(section)):
                return section
            if not section.startswith(_TOTALS):
                self.on_note(f"{where}: row '{section}' read as a section title, not an item")
            return None
        cols = self.header.columns
        width = self.header.width
        seq = cells[cols["seq"]] if "seq" in cols else None
        name = cells[cols[self.header.name_field]]
        if self.current is not None and self._continues(seq, name, cells, where):
            reason = self._decision_in_name(cells)
            if reason:
                own = [c.text for c in cells if c.text and c.span == OWN]
                self.held.append(Record({}, where, [], own, reason))
                return None
            for fname, i in cols.items():
                cell = cells[i]
                if cell.text and cell.span == OWN:
                    value = self.current.values.get(fname, "")
                    self.current.values[fname] = join_piece(fname, value, cell.text)
            self.current.extra += [c.text for c in cells[width:] if c.text and c.span == OWN]
            self.current.cells += [c.text for c in cells if c.text and c.span == OWN]
            return None
        self.flush()
        values = {f: (cells[i].text if cells[i].span != COL_COPY else "") for f, i in cols.items()}
        extra = [c.text for c in cells[width:] if c.text and c.span == OWN]
        own = [c.text for c in cells if c.text and c.span != COL_COPY]
        self.current = Record(values, where, extra, own)
        return None

    def _continues(self, seq: Cell | None, name: Cell, cells: list[Cell], where: str) -> bool:
        if seq is None:
            return not name.text or name.span == ROW_COPY
        if not seq.text:
            return not self._own_row(cells, where)
        return seq.span == ROW_COPY and (name.span == ROW_COPY or not name.text)

    def _own_row(self, cells: list[Cell], where: str) -> bool:
        """Whether a row with an empty 序号 is a row of its own: its own name and its own
        处理决定 or 审批部门 (a sub-row whose merged 序号 was lost), or a numbered name （1）…;
        not where those cells run on from the row above's (then it is joined, and noted)."""
        own = {f: c.text for f, c in self._own_cells(cells).items() if f in _OWN_ROW_FIELDS}
        name = own.get(self.header.name_field, "")
        if not name:
            return False
        if sub_row_part(name):
            return True
        if not own.keys() - {self.header.name_field}:
            return False  # only the name (and laws, measures) continued
        assert self.current is not None
        above = self.current.values
        if any(_runs_on(above.get(f, ""), text) for f, text in own.items()):
            self.on_note(
                f"{where}: '{name}' has no 序号 but its own "
                f"{'、'.join(self.header.label(f) for f in own)}; it reads as the rest of the "
                "row above, so it is joined to it: check the annex"
            )
            return False
        return True

    def _decision_in_name(self, cells: list[Cell]) -> str:
        """Why a row continuing the one above with its name cell alone is not joined to that
        name: its text reads as the rest of the 处理决定 (a long cell of a PDF export broken
        over two rows, its second half landed in the name column). So it does where it opens
        a clause (，；。：), or with a word a 处理决定 opens with (取消, 下放, 改为备案 …), or
        where the 处理决定 above runs on (取消审批，) and the name above does not. A piece of
        the name (the name above runs on, or none of these) is joined as before."""
        own = self._own_cells(cells)
        name = own.get(self.header.name_field)
        if name is None or own.keys() - {self.header.name_field}:
            return ""
        assert self.current is not None
        above = self.current.values
        text = name.text.strip()
        action = above.get("action", "")
        clause = text[:1] in "，,；;。：:" or text.startswith(self.action_words)
        runs = _runs_on(action, text) and not _runs_on(above.get(self.header.name_field, ""), text)
        if not (clause or runs):
            return ""
        label = self.header.label(self.header.name_field)
        return (
            f"no 序号, only a {label} '{text}', which reads as the rest of the 处理决定 "
            f"above ('{action}'), not of its name: not joined, check the annex"
        )

    def _own_cells(self, cells: list[Cell]) -> dict[str, Cell]:
        """The header's fields whose cell on the row holds its own text (no merged copy)."""
        cols = self.header.columns
        return {f: cells[i] for f, i in cols.items() if cells[i].text and cells[i].span == OWN}

    def _section_text(self, cells: list[Cell]) -> str | None:
        texts = {c.text.strip() for c in cells if c.text.strip()}
        if len(texts) != 1:
            return None
        text = texts.pop()
        spans = any(c.span == COL_COPY for c in cells if c.text.strip())
        seq_i = self.header.columns.get("seq", 0)
        first = next(i for i, c in enumerate(cells) if c.text.strip())
        if spans or (first == seq_i and not _SEQ.match(text)) or text.startswith(_TOTALS):
            return text
        return None
