"""What a reader hands back: records, the rows it rejected and why, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..model import Rejected

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

    def reject(self, row: int, reason: str, column: str = "") -> None:
        self.rejected.append(Rejected(self.file, row, reason, column))
