"""Run the catalog-sync command line with one fault injected (tests/test_faults.py).

FAULT_POINT names a function as module:function; FAULT_ACTION says what happens when the run
reaches it:
  pause           print "FAULT-POINT" on stderr, then wait (at most 60 s) for the file FAULT_GO
  append:FILE     append a line to FILE, then go on (an input written to during the run)
  raise           raise OSError (a write that fails)
  fail-nth:N      raise OSError on the function's Nth call (a move that fails half-way)
  skip            do nothing instead (a check left out)
Usage: python tests/fault_driver.py diff ...   (the arguments of catalog-sync)

SIGINT is what Ctrl-C in a terminal gives, whatever started the tests (_ctrl_c_as_a_terminal).
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
from typing import Any


def _inject(point: str, action: str) -> None:
    module_name, name = point.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    calls = 0

    def faulty(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if action == "pause":
            print(f"FAULT-POINT {point}", file=sys.stderr, flush=True)
            deadline = time.monotonic() + 60
            while not os.path.exists(os.environ["FAULT_GO"]) and time.monotonic() < deadline:
                time.sleep(0.02)
        elif action.startswith("append:"):
            with open(action.split(":", 1)[1], "a", encoding="utf-8") as fh:
                fh.write("\nWO-APPENDED,11511602AB0001-511602-001,2026-09-10,局,赵六,,\n")
        elif action == "raise" or action == f"fail-nth:{calls}":
            raise OSError(5, "Input/output error (injected)", str(args[0]) if args else None)
        elif action == "skip":
            return None
        return original(*args, **kwargs)

    setattr(module, name, faulty)


def _ctrl_c_as_a_terminal() -> None:
    """Python's KeyboardInterrupt for SIGINT, as a run started from a terminal has it. A
    process started with SIGINT ignored (a background job of a script, `cmd &`, as a CI runner
    may start pytest) passes SIG_IGN on, and Python leaves an ignored SIGINT ignored: the
    SIGINT tests' signal was lost, the paused run waited out its 60 s and went on to the end."""
    signal.signal(signal.SIGINT, signal.default_int_handler)


if __name__ == "__main__":
    _ctrl_c_as_a_terminal()
    _inject(os.environ["FAULT_POINT"], os.environ["FAULT_ACTION"])
    from catalog_sync.cli import main

    main()  # as the command runs: its arguments from sys.argv, its exit through exit_now
