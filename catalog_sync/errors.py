"""Failures that stop a run. Discrepancies are never raised: they are rows in tables.

CatalogSyncError      anything that stops a report; the CLI prints its message and exits 2
  SourceError         an input file is missing, unreadable or ill-formed (names file, row, column)
  MappingError        a mapping file is unreadable or names something that does not exist
  UsageError          options that do not fit together
  OutputError         the report cannot be written where --out says (busy, full, read-only)
  FetchError          a decision page cannot be downloaded (names the URL and why)
"""

from __future__ import annotations


class CatalogSyncError(Exception):
    """A run could not be completed; the message says what, where and what to do."""

    exit_code = 2


class SourceError(CatalogSyncError):
    """An input file cannot be used."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.detail = message
        where = file
        if row is not None:
            where += f" row {row}"
        if column:
            where += f" column {column}"
        super().__init__(f"{where}: {message}")


class NoHeader(SourceError):
    """A table has no header of the kind looked for (tabular.find_header): `why` is
    "other_kind" (its header is another kind of source's), "partial" (a required column is
    absent) or "none" (no row names the columns). In ORDER, the more telling first: of a
    workbook none of whose sheets has a header, the error of the most telling is given."""

    ORDER = ("other_kind", "partial", "none")

    def __init__(self, file: str, message: str, *, why: str, row: int | None = None) -> None:
        super().__init__(file, message, row=row)
        self.why = why


class MappingError(CatalogSyncError):
    """A mapping file is unreadable or inconsistent."""


class UsageError(CatalogSyncError):
    """The options given do not describe a run."""


class OutputError(CatalogSyncError):
    """The report cannot be written where --out says: another run holds it, the disk is full,
    the folder is read-only or not ours to replace."""


class FetchError(CatalogSyncError):
    """A document could not be downloaded and no cached copy can stand in for it."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        self.detail = message
        super().__init__(f"{url}: {message}")


class Terminated(BaseException):
    """SIGTERM arrived (see signals.py): raised like KeyboardInterrupt, so every `finally` and
    context manager on the way out removes what the run made; the CLI exits 143."""
