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
