"""The work directory and DuckDB connection a run's big tables live in until they are written.

DuckDB is set up to stay within a memory budget whatever the number of work orders: at most
`CATALOG_SYNC_MEMORY_LIMIT` (default 1GB) of memory, spilling to the work directory beyond it,
on as many threads as the process may use.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

import duckdb

DEFAULT_MEMORY_LIMIT = "1GB"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workspace:
    """A temporary folder and a DuckDB connection; `close` removes both."""

    def __init__(self, memory_limit: str | None = None, threads: int | None = None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="catalog-sync-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)
        limit = memory_limit or os.environ.get("CATALOG_SYNC_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT
        self.con = duckdb.connect(
            config={
                "threads": threads or usable_cores(),
                "memory_limit": limit,
                "temp_directory": str(self.path / "spill"),
                "preserve_insertion_order": True,
            }
        )
        # DuckDB's progress is read for the progress bar (checks.linkage), never printed
        self.con.execute("SET enable_progress_bar = true")
        self.con.execute("SET enable_progress_bar_print = false")

    def close(self) -> None:
        self.con.close()
        self._cleanup()
