"""A one-line progress bar on stderr for long phases; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


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
