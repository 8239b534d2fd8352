"""SIGTERM as an exception, so a run stopped by `kill` or systemd cleans up as Ctrl-C does.

Python turns SIGINT into KeyboardInterrupt; SIGTERM's default ends the process at once, leaving
the work folder (unmasked work orders) and a half-written generation behind. With the handler
installed, SIGTERM raises `Terminated` wherever the run is (DuckDB checks for signals during a
query and stops it), and the exit paths remove both.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from .errors import Terminated

EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM  # 130, 143


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def terminate_raises() -> Callable[[], None]:
    """Install the SIGTERM handler (main thread only); returns what puts the old one back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: Any = signal.signal(signal.SIGTERM, _raise_terminated)
    return lambda: signal.signal(signal.SIGTERM, previous)
