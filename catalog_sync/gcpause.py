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
def paused_gc(restore: bool = True) -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after it,
    unless `restore` is false: a command about to leave its process (cli.main) keeps it off,
    as the first pass after a province's run goes through every object the run made (0.7 s
    at 500,000 list items) for a process that is ending."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and restore:
            gc.enable()
