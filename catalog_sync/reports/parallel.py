"""Writing a report's files on both cores: the files are independent, so at province scale
a forked process and this one each take the next file to write until none is left.

The child is a copy-on-write snapshot of the finished tables: nothing is pickled. It only
writes files into the staging folder and reports failure through a pipe; the parent waits for
it and raises if it failed, so a report still appears whole or not at all. Where fork does not
exist (Windows) or the report is small, the jobs simply run one after the other.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..beside import end_child
from ..errors import CatalogSyncError
from .output import fsync_file

Job = tuple[str, float, Callable[[], None]]  # (name, estimated cost, write it)
PARALLEL_FROM = 100_000  # estimated cost (table rows) from which a second process pays off
# in `timings`, when the jobs run in two processes: this process's CPU seconds when it forked,
# so a benchmark can tell the work before the fork (on the critical path) from the jobs after
CPU_AT_FORK = "process CPU seconds at the fork"
AHEAD_FROM = 100_000  # graph nodes from which graph.ttl is written ahead (WrittenAhead)


def run_jobs(
    jobs: list[Job],
    timings: dict[str, float] | None = None,
    parallel: bool | None = None,
) -> None:
    """Run every job; in two processes when fork exists and the jobs are big enough (or when
    `parallel` says so). Each process, when free, takes the biggest job left (_claimed), so
    the two finish together whatever the estimated costs get wrong (a split made in advance
    left one process writing alone for 1.4 s at 500,000 list items). `timings` receives the
    seconds of each kind of job in each process."""
    timings = {} if timings is None else timings
    if parallel is None:
        parallel = hasattr(os, "fork") and sum(cost for _, cost, _ in jobs) >= PARALLEL_FROM
    if not parallel or len(jobs) < 2:
        _run(jobs, timings)
        return
    queue = _queue(jobs)
    timings[CPU_AT_FORK] = time.process_time()
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # 3.12+ warns of fork in a threaded process: the child
        warnings.simplefilter("ignore", DeprecationWarning)  # only writes files, takes no lock
        pid = os.fork()
    if pid == 0:  # the child: write, report, leave without running the parent's exit code
        os.close(read_end)
        status, report = 0, {}
        try:
            _run(_claimed(jobs, queue), report)
        except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises
            status, report = 1, {"error": f"{type(e).__name__}: {e}"}
        os.write(write_end, json.dumps(report).encode())
        os._exit(status)
    os.close(write_end)
    try:
        _run(_claimed(jobs, queue), timings)
    finally:
        os.close(queue)
        with os.fdopen(read_end, "rb") as fh:
            report = fh.read()
        _, status = os.waitpid(pid, 0)
    child = json.loads(report or b"{}")
    if status != 0:
        raise CatalogSyncError(f"writing the report failed: {child.get('error', status)}")
    timings.update({f"{name} (second process)": s for name, s in child.items()})


def _queue(jobs: list[Job]) -> int:
    """A pipe's read end holding the jobs' numbers, the biggest job's first (two bytes each),
    its write end closed: what both processes take their next job from. A pipe hands each
    byte to one reader, and a read of two bytes written together is never split. A report
    has a few dozen jobs: their numbers fit the pipe's buffer (64 KiB), so the write never
    waits for a reader."""
    read_end, write_end = os.pipe()
    order = sorted(range(len(jobs)), key=lambda n: -jobs[n][1])
    try:
        os.write(write_end, b"".join(n.to_bytes(2, "big") for n in order))
    finally:
        os.close(write_end)
    return read_end


def _claimed(jobs: list[Job], queue: int) -> Iterator[Job]:
    """The jobs this process takes from `queue`, one when it is free for the next."""
    while taken := os.read(queue, 2):
        yield jobs[int.from_bytes(taken, "big")]


def _run(jobs: Iterable[Job], timings: dict[str, float]) -> None:
    for name, _, job in jobs:
        started = time.perf_counter()
        job()
        timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - started, 3)


class WrittenAhead:
    """A report file written by a forked child while this process goes on with the run: the
    graph's Turtle, once the graph is final, while this process works out the findings on the
    other core (at province scale the second core is idle until the report is written).

    The child writes into a hidden file of `folder` (the report's `.OUT.runs`: the same
    filesystem as the report, and cleared by the next run if this one is killed); `place` waits
    for it and moves the file into the report. Where fork is missing, or the child failed,
    `place` writes the file here instead, so an error raises the usual way. `close` ends a child
    whose file was never placed (the run failed) and removes its file."""

    def __init__(self, write: Callable[[Path], None], folder: Path, name: str) -> None:
        self._write = write
        self._pid: int | None = None
        self._read = -1
        self._path = folder / f".ahead-{os.getpid()}-{name}"
        if not hasattr(os, "fork"):
            return
        folder.mkdir(exist_ok=True)
        read_end, write_end = os.pipe()
        with warnings.catch_warnings():  # 3.12+ warns of fork in a threaded process: the child
            warnings.simplefilter("ignore", DeprecationWarning)  # only writes its file
            pid = os.fork()
        if pid == 0:  # the child: write, report, leave without running the parent's exit code
            os.close(read_end)
            status, report = 1, b""
            try:
                try:
                    started = time.perf_counter()
                    write(self._path)
                    seconds = round(time.perf_counter() - started, 3)
                    fsync_file(self._path)  # on disk while the run goes on, not at the end (_sync)
                    report, status = json.dumps({"seconds": seconds}).encode(), 0
                except BaseException:  # noqa: BLE001 - place() writes it again and raises
                    pass
                os.write(write_end, report)
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._read = pid, read_end
        self._forked_at = time.process_time()

    def place(self, path: Path) -> dict[str, float]:
        """The file at `path`: the child's, moved there when it succeeded, else written here.
        Returns the child's wall and CPU seconds, and this process's CPU seconds when it forked
        (for benchmarks); nothing when it was written here."""
        if self._pid is None:
            self._write(path)
            return {}
        with os.fdopen(self._read, "rb") as fh:
            report = fh.read()
        _, status, usage = os.wait4(self._pid, 0)
        self._pid = None
        if status != 0 or not report:
            self._path.unlink(missing_ok=True)
            self._write(path)
            return {}
        os.replace(self._path, path)
        cpu = round(usage.ru_utime + usage.ru_stime, 3)
        return {**json.loads(report), "cpu": cpu, "forked at cpu": self._forked_at}

    def close(self) -> None:
        """End the child if its file was never placed, and remove what it wrote."""
        if self._pid is not None:
            end_child(self._pid, self._read)
            self._pid = None
        self._path.unlink(missing_ok=True)
