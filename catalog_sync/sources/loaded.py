"""What a reader hands back: records, the rows it rejected and why, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from ..model import Rejected

if TYPE_CHECKING:
    from .tabular import RawTable

T = TypeVar("T")


@dataclass
class Loaded(Generic[T]):
    file: str
    encoding: str = ""
    header_row: int = 0
    rows_read: int = 0
    records: list[T] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the sheets read, as rows name them (file#sheet), when a workbook holds tables on several
    sheets: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, table: RawTable) -> Loaded[T]:
        """Start from a table: the rows it already rejected count as read and rejected."""
        out: Loaded[T] = cls(
            table.file, table.encoding, table.header_row, len(table.rows) + len(table.rejected)
        )
        for row, reason, column in table.rejected:
            out.reject(row, reason, column)
        out.warnings.extend(table.warnings)
        return out

    def reject(self, row: int, reason: str, column: str = "") -> None:
        self.rejected.append(Rejected(self.file, row, reason, column))

    @classmethod
    def joined(cls, file: str, parts: list[Loaded[T]]) -> Loaded[T]:
        """The loads of a workbook's tables (tabular.read_tables: one per sheet holding one) as
        the load of the file as named; each record and rejected row keeps its sheet's place.
        The header row is the first table's."""
        if len(parts) == 1 and parts[0].file == file:
            return parts[0]
        first = parts[0]
        out: Loaded[T] = cls(file, first.encoding, first.header_row)
        for part in parts:
            out.rows_read += part.rows_read
            out.records.extend(part.records)
            out.rejected.extend(part.rejected)
            out.warnings.extend(part.warnings)
        out.sheets = [part.file for part in parts]
        return out
