"""A one-line progress bar on stderr for long phases; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

import duckdb

WIDTH = 24
Progress = Callable[[float, int], None]  # (fraction done, rows so far)


class ProgressBar:
    """Call with (phase, fraction done, rows so far); `close` ends the line."""

    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.started: dict[str, float] = {}
        self.last = 0.0
        self.min_interval = min_interval
        self.open = False

    @staticmethod
    def wanted(stream: TextIO | None = None) -> bool:
        s = stream or sys.stderr
        return bool(getattr(s, "isatty", lambda: False)())

    def __call__(self, phase: str, fraction: float, rows: int) -> None:
        now = time.perf_counter()
        start = self.started.setdefault(phase, now)
        if fraction < 1 and now - self.last < self.min_interval:
            return
        self.last = now
        fraction = min(max(fraction, 0.0), 1.0)
        filled = int(fraction * WIDTH)
        bar = "█" * filled + "░" * (WIDTH - filled)
        rate = rows / (now - start) if now > start else 0
        line = f"{phase} {bar} {fraction:4.0%}  {_count(rows)} rows  {_count(rate)} rows/s"
        self.stream.write("\r" + line + " " * 4)
        self.stream.flush()
        self.open = True
        if fraction >= 1:
            self.close()

    def close(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False


def _count(n: float) -> str:
    if n >= 1e6:
        return f"{n / 1e6:.1f}M"
    if n >= 1e3:
        return f"{n / 1e3:.0f}k"
    return f"{n:.0f}"


class QueryWatch:
    """Reports how far a running DuckDB query has got, twice a second, from a thread.

    When it reads a file of `size` bytes, on Linux, the bytes the process has read
    (/proc/self/io) measure it; otherwise DuckDB's own estimate of the query's progress does,
    which is coarser.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        report: Progress | None,
        start: float,
        share: float,
        rows: float,
        size: int = 0,
    ) -> None:
        self.con, self.report, self.start, self.share = con, report, start, share
        self.rows = rows  # estimated rows in all files
        self.size = size  # bytes of the file being read
        self.read_before = bytes_read()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> QueryWatch:
        if self.report:
            self._report(self.start)
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()
        if self.report and exc[0] is None:
            self._report(self.start + self.share)

    def _report(self, fraction: float) -> None:
        assert self.report is not None
        self.report(fraction, int(fraction * self.rows))

    def _done(self) -> float | None:
        """Fraction of this file read so far, or None when it cannot be told."""
        read = bytes_read()
        if read is not None and self.read_before is not None and self.size:
            return min((read - self.read_before) / self.size, 1.0)
        try:
            percent = self.con.query_progress()
        except duckdb.Error:
            return None
        return min(percent, 100.0) / 100 if percent >= 0 else None

    def _run(self) -> None:
        while not self.stopped.wait(0.5):
            done = self._done()
            if done is not None:
                self._report(self.start + self.share * done)


def bytes_read() -> int | None:
    try:
        with open("/proc/self/io", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("rchar:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None
