"""A computation run on the second core while this process goes on with the run.

The guide checks need only the loaded list items, and the matching that follows them runs on
one core: forked right after loading, a child judges the guides while this process matches, and
sends its result back pickled through a pipe (the rows' shared texts pickled once each). The
later list files of a big run are read the same way while this process reads the catalogue and
the earlier ones (pipeline._load): their rows come back as columns, not items. The child only
computes and writes to the pipe; it leaves with os._exit, running none of this
process's exit code. Where fork does not exist, or the child fails (its error is then raised
here, the usual way, by running the computation again), or the result is never asked for (an
earlier stage failed: `close` ends the child), the run is what it would be without it.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import warnings
from collections.abc import Callable
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return float(usage.ru_utime + usage.ru_stime)


class Beside:
    """`fn(*args)` computed in a forked child (when `fork` and the platform allow), its value
    taken by `result()`; run in this process otherwise. `cpu` says, once the result is taken,
    the child's CPU seconds and this process's CPU seconds while it ran (for benchmarks)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, fork: bool) -> None:
        self._fn, self._args = fn, args
        self._pid: int | None = None
        self._read = -1
        self.cpu: dict[str, float] = {}
        if not (fork and hasattr(os, "fork")):
            return
        try:
            read_end, write_end = os.pipe()
        except OSError:  # no pipe to be had (EMFILE): run it here
            return
        try:
            with warnings.catch_warnings():  # 3.12+ warns of fork in a threaded process: the
                warnings.simplefilter("ignore", DeprecationWarning)  # child computes and writes
                pid = os.fork()
        except OSError:  # no process to be had (EAGAIN, ENOMEM): run it here
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: compute, send, leave without the parent's exit code
            os.close(read_end)
            status = 1
            try:
                data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as fh:
                    fh.write(data)
                status = 0
            except BaseException:  # noqa: BLE001 - the parent runs it again and raises
                pass
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._read = pid, read_end
        self._forked_at = _cpu()

    def result(self) -> Any:
        """The value; the child's when it succeeded, else computed here."""
        if self._pid is None:
            return self._fn(*self._args)
        meanwhile = _cpu() - self._forked_at
        with os.fdopen(self._read, "rb") as fh:
            data = fh.read()
        _, status, usage = os.wait4(self._pid, 0)
        self._pid = None
        self.cpu = {
            "second_core_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            "meanwhile_cpu_seconds": round(meanwhile, 3),
        }
        if status != 0 or not data:
            return self._fn(*self._args)
        return pickle.loads(data)

    def close(self) -> None:
        """End the child if its result was never taken (a stage before it failed)."""
        if self._pid is None:
            return
        end_child(self._pid, self._read)
        self._pid = None


def end_child(pid: int, read_end: int) -> None:
    """Kill a forked child whose result is no longer wanted, reap it, close its pipe."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(read_end)
