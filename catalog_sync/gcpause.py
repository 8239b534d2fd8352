"""Pausing Python's cyclic garbage collector while a run builds and writes its tables.

A province is millions of long-lived objects (records, graph nodes, table rows) and almost no
cyclic garbage; the collector would rescan them again and again as they are made, about a
third of a run's time. Plain reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
