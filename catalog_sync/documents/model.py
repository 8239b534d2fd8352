"""What every document reader hands to the annex reader: paragraphs and tables in reading order.

A table is a grid: merged cells are expanded, and each copy remembers that it is one, so that a
merged 审批部门 cell applies to every row it spans while a row continued on the next page (its
序号 empty) is joined to the row above.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OWN = ""  # the cell's own text
ROW_COPY = "row"  # copied from the merged cell above (rowspan, vMerge)
COL_COPY = "col"  # copied from the merged cell to the left (colspan, gridSpan)


@dataclass(frozen=True)
class Cell:
    """A grid position's text and whether it is a copy of a merged cell."""

    text: str
    span: str = OWN


@dataclass
class Paragraph:
    """A line of running text: a title, the 文号, a date, an annex heading."""

    text: str
    where: str  # for messages: "paragraph 12", "line 40"


@dataclass
class Table:
    """A grid of cells, one location per row for messages."""

    rows: list[list[Cell]]
    where: list[str]  # "table 2 row 3", "line 41", "sheet 附件1 row 5"
    label: str  # "table 2", "sheet 附件1"

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass
class Document:
    """A document as read: its name for messages, format, encoding, <title> and blocks."""

    name: str
    kind: str  # html, docx, xlsx, csv, text
    encoding: str
    title: str
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DecisionRow:
    """One annex row in the decision columns `diff` reads, plus where it was found."""

    doc_no: str
    title: str
    issued_date: date | None
    effective_date: date | None
    annex: str
    seq: str
    name: str
    department: str
    by_law: str
    action: str
    delegated_to: str
    measures: str
    stated_count: int | None
    where: str
    certificate: str = ""  # the 证明材料 the row acts on, in a certificate list (证明名称)
    remark: str = ""  # the row's 备注: one restricting the action makes it part only
    sub_name: str = ""  # the 子项 the row is on, beside its 事项名称 (子项名称 column)
    reform_measures: str = ""  # 具体改革举措 of a 证照分离 row: a 下放 clause hands it down


@dataclass(frozen=True)
class RejectedRow:
    """An annex row that could not be read, with why and what it held."""

    where: str
    reason: str
    cells: tuple[str, ...]


@dataclass
class AnnexSummary:
    """One annex as read: its title, the count it states and the rows read from it."""

    title: str
    stated: int | None
    rows: int = 0
    rejected: int = 0


@dataclass
class Extracted:
    """A document's decision rows, the rows that could not be read, and what to tell the user."""

    document: str
    doc_no: str
    title: str
    issued_date: date | None
    effective_date: date | None
    rows: list[DecisionRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    annexes: list[AnnexSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # needs a person's look (exit 1)
    notes: list[str] = field(default_factory=list)  # informational
    # the page's 发布日期, else the decision's date: what 自发布之日起施行 in a row means
    published_date: date | None = None
