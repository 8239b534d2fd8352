"""The work directory and DuckDB connection a run's big tables live in until they are written.

DuckDB is set up to stay within a memory budget whatever the number of work orders: at most
`diff --memory-limit`, else `CATALOG_SYNC_MEMORY_LIMIT`, else 1GB of memory, spilling to the
work directory beyond it, on as many threads as the process may use. A larger budget spills
less and runs faster (docs/performance.md); 1GB keeps 50 million work orders under 2 GB.

The folder holds copies of the work orders (applicants' names, ID numbers, phones), so it is made
0700 and removed on every exit Python sees (an exception, Ctrl-C, SIGTERM: see signals.py). A run
killed outright (SIGKILL, the kernel's out-of-memory killer) runs no code of its own, so a guard
process in a session of its own waits on a pipe only the run holds and removes the folder when the
pipe closes, which the kernel does for any death. Should the guard die too (power loss, a kill of
both), the next run removes it: each folder holds a lock its run keeps while alive, and a
`catalog-sync-*` folder of this user whose lock is free (or, from a version without the lock,
older than a day) is removed when a run starts.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import weakref
from pathlib import Path

import duckdb

DEFAULT_MEMORY_LIMIT = "1GB"
MEMORY_LIMIT_ENV = "CATALOG_SYNC_MEMORY_LIMIT"
# Below this DuckDB runs short of room for its own buffers on a real file of work orders.
MIN_MEMORY_LIMIT = 256 * 10**6
_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([KMGT]I?B|B)")  # ASCII digits: NFKC makes them
_MAX_MEMORY_LIMIT = 2**60  # DuckDB refuses 2^64 bytes and more
_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}  # fmt: skip
WORK_PREFIX = "catalog-sync-"
IN_USE = ".in-use"  # the lock file a live run holds in its work folder
STALE_SECONDS = 86400  # a work folder without a lock file is taken as abandoned after a day
_STARTING_SECONDS = 60  # a folder this young may be between mkdtemp and its lock
# the guard: reads its standard input to the end (every writer gone), then removes the folder
_GUARD = "import shutil, sys; sys.stdin.buffer.read(); shutil.rmtree(sys.argv[1], True)"


def parse_memory_limit(text: str) -> str:
    """The size `text` names (4GB, 1.5 gb, 512MiB, full-width digits too) as DuckDB's
    memory_limit reads it; ValueError saying what is expected when it names none, or less than
    MIN_MEMORY_LIMIT. GB is 10^9 bytes and GiB 2^30, as DuckDB counts them."""
    found = _SIZE.fullmatch(unicodedata.normalize("NFKC", str(text)).strip().upper())
    if found is None:
        raise ValueError(f"{text!r} is not a size: expected a number and a unit, as 4GB or 512MB")
    number, unit = found.groups()
    size = float(number) * _UNITS[unit]
    if size < MIN_MEMORY_LIMIT:
        raise ValueError(f"{text!r} is too little: at least 256MB")
    if size >= _MAX_MEMORY_LIMIT:
        raise ValueError(f"{text!r} is more than any machine holds")
    return number + unit.replace("I", "i")


def resolve_memory_limit(given: list[tuple[object, str]] | None = None) -> str:
    """DuckDB's budget: the first value set among `given` ((value, where it was set), the
    first winning), else CATALOG_SYNC_MEMORY_LIMIT's, else 1GB; parsed (parse_memory_limit).
    ValueError naming where a value that is no size was set; an empty one counts as unset."""
    for value, where in [*(given or []), (os.environ.get(MEMORY_LIMIT_ENV), MEMORY_LIMIT_ENV)]:
        if value is None or isinstance(value, str) and not value.strip():
            continue
        try:
            return parse_memory_limit(str(value))
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from None
    return DEFAULT_MEMORY_LIMIT


def remove_stale_work_folders(now: float | None = None) -> list[Path]:
    """Remove this user's work folders that no live run holds; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{WORK_PREFIX}*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
            continue
        age = now - info.st_mtime
        if _lock_is_free(folder / IN_USE):
            if age < _STARTING_SECONDS:
                continue
        elif (folder / IN_USE).exists() or age < STALE_SECONDS:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _lock_is_free(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def make_work_folder(owner: object, prefix: str = WORK_PREFIX) -> tuple[Path, weakref.finalize]:
    """A new 0700 folder in the temp directory, locked as in use and removed when `owner` is
    collected, the interpreter exits or the finalizer returned is called; stale ones removed
    first."""
    remove_stale_work_folders()
    path = Path(tempfile.mkdtemp(prefix=prefix))  # mkdtemp makes it 0700
    fd = os.open(path / IN_USE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return path, weakref.finalize(owner, _release, path, fd, _guard(path))


def _guard(path: Path) -> subprocess.Popen | None:
    """A process that removes `path` once the run is gone, however it went; None where no
    Python can be started (the next run's clean-up is then the only one).

    Its own session keeps a Ctrl-C or a kill of the run's process group from reaching it. The
    run's processes forked later (report writers) inherit the pipe too, so a folder is never
    removed under one still running. Python started isolated and without site: ~10 ms."""
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _GUARD, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,
        )
    except OSError:
        return None


def _release(path: Path, fd: int, guard: subprocess.Popen | None) -> None:
    shutil.rmtree(path, ignore_errors=True)
    os.close(fd)
    if guard is None or guard.stdin is None:
        return
    guard.stdin.close()  # the guard finds the folder gone and leaves
    try:
        guard.wait(timeout=5)
    except subprocess.TimeoutExpired:  # a forked writer still holds the pipe: it ends alone
        pass


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workspace:
    """A temporary folder and a DuckDB connection; `close` removes both."""

    def __init__(self, memory_limit: str | None = None, threads: int | None = None) -> None:
        # as given (diff checked it with where it was set), else the environment's or 1GB
        self.memory_limit = resolve_memory_limit([(memory_limit, "memory_limit")])
        self.path, self._cleanup = make_work_folder(self)
        self.con = duckdb.connect(
            config={
                "threads": threads or usable_cores(),
                "memory_limit": self.memory_limit,
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
