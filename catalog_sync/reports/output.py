"""Where report files go: a whole new folder made current in one step, never a mix of two runs.

A `diff --out OUT` report is written into a generation folder `.OUT.runs/<id>` beside OUT, and
OUT is then a symbolic link to it, swapped with one `os.replace` (atomic on POSIX): a reader, or
a crash at any point, sees the old report or the new one, and nothing of an earlier run (another
`--format`) lingers. The generation lives in OUT's parent, so the swap never crosses a
filesystem. An advisory lock (`fcntl.flock` on `.OUT.lock` beside OUT) held for the whole run
makes a second run on the same OUT stop at once with exit 2. OUT given as a symlink of the
user's own (to a share, say) is followed once: the layout is made where it points.

`staged_output` (decision CSVs, a folder that collects one file per decision) keeps merging:
each file staged beside the folder, then moved in whole.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError, UsageError

LOCK_SUFFIX = ".lock"
RUNS_SUFFIX = ".runs"
# a report's own file names: <table>.csv/.json, report.md, graph.ttl, the workbook
_REPORT_FILE = re.compile(r"[a-z][a-z0-9_-]{0,63}\.(csv|json|md|ttl|xlsx)")
_GENERATION = re.compile(r"\d{8}T\d{6}-\d+-\d+")
_held: dict[str, int] = {}  # lock files this process holds: path -> file descriptor


class OutputBusyError(OutputError):
    """Another run holds the lock on this --out."""


def runs_dir(out: Path) -> Path:
    return out.parent / f".{out.name}{RUNS_SUFFIX}"


def lock_file(out: Path) -> Path:
    return out.parent / f".{out.name}{LOCK_SUFFIX}"


def _is_ours(out: Path) -> bool:
    """Whether `out` is the symlink this module makes: `.OUT.runs/<generation>`."""
    if not out.is_symlink():
        return False
    target = Path(os.readlink(out))
    return (
        len(target.parts) == 2
        and target.parts[0] == runs_dir(out).name
        and bool(_GENERATION.fullmatch(target.parts[1]))
    )


def report_home(out: Path) -> Path:
    """The path the report folder's link is made at: `out`, or where a symlink of the user's
    own points (followed once, so a link to a share keeps its reports on the share)."""
    out = Path(os.path.abspath(out))
    if out.is_symlink() and not _is_ours(out):
        return Path(os.path.realpath(out))
    return out


def _check_replaceable(out: Path) -> None:
    """Refuse an --out that is not ours to replace: a file, a mount point, a folder of others'."""
    if _is_ours(out) or not os.path.lexists(out):
        return
    if not out.is_dir():
        raise OutputError(f"output directory {out} exists and is a file; choose another --out")
    if os.path.ismount(out):
        raise OutputError(
            f"output directory {out} is a mount point, which cannot be swapped whole; "
            f"give a folder inside it (--out {out / 'report'})"
        )
    foreign = sorted(p.name for p in out.iterdir() if not _REPORT_FILE.fullmatch(p.name))
    if foreign:
        raise OutputError(
            f"output directory {out} holds {foreign[0]!r}, which is not a catalog-sync report "
            "file; a run replaces the whole folder: choose an empty or new --out"
        )


def _check_no_file_above(home: Path) -> None:
    """Refuse an --out below a file (report.csv/sub): the folders above it cannot be made, and
    the system's "File exists" does not say which one is in the way."""
    for above in home.parents:
        if os.path.lexists(above):
            if not above.is_dir():
                raise OutputError(
                    f"output directory {home}: {above} is a file, not a folder; "
                    "choose another --out"
                )
            return


@contextmanager
def output_lock(out: Path, need_bytes: int = 0) -> Iterator[Path]:
    """Hold the lock on `out` for a whole run, after checking it can be written (preflight):
    its parent writable, `out` replaceable, about `need_bytes` free. Yields the report home."""
    home = report_home(out)
    _check_replaceable(home)
    _check_no_file_above(home)
    try:
        home.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(
            f"{e.filename or home.parent}: cannot create the folder ({e.strerror})"
        ) from None
    lock = lock_file(home)
    key = str(lock)
    if key in _held:  # taken by this process already (write_report inside a run)
        yield home
        return
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:
        raise OutputError(
            f"{home.parent}: cannot write there ({e.strerror}); choose another --out"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusyError(
                f"{home}: another catalog-sync run is writing this folder (it holds {lock}); "
                "wait for it to finish or choose another --out"
            ) from None
        _check_space(home.parent, need_bytes)
        _held[key] = fd
        _remove_stale(home)
        try:
            yield home
        finally:
            del _held[key]
    finally:
        os.close(fd)  # releases the lock; the lock file stays (removing it would race)


def _check_space(folder: Path, need_bytes: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < need_bytes:
        raise OutputError(
            f"{folder}: not enough free space for the report ({free / 2**20:,.1f} MiB free, "
            f"about {need_bytes / 2**20:,.1f} MiB needed); free some space or choose another --out"
        )


def _remove_stale(home: Path) -> None:
    """Under the lock, anything in `.OUT.runs` but the current generation is a killed run's."""
    runs = runs_dir(home)
    current = os.readlink(home).split("/")[-1] if _is_ours(home) else None
    if runs.is_dir():
        for entry in runs.iterdir():
            if entry.name != current:
                _remove(entry)
    # the staging folders of versions before generations: `.OUT.tmp-*` beside OUT
    day_ago = time.time() - 86400
    for entry in home.parent.glob(f".{_glob_escape(home.name)}.tmp-*"):
        if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < day_ago:
            _remove(entry)


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def report_generation(out: Path) -> Iterator[Path]:
    """Yield a new, empty generation folder for `out`; on success make it `out` in one step
    and remove the one before, on failure remove it and leave `out` as it was."""
    with output_lock(out) as home:
        runs = runs_dir(home)
        runs.mkdir(exist_ok=True)
        generation = _new_generation(runs)
        try:
            yield generation
            _make_current(home, generation)
        except BaseException as e:
            _remove(generation)
            if is_no_space(e):  # the file's own name, when the error has one, is in a folder
                raise OutputError(no_space_message(e, home)) from None  # that is gone now
            raise


def _sync(folder: Path) -> None:
    """fsync every file in `folder` (a generation: the report's own files), then the folder."""
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            fsync_file(path)
    fsync_file(folder)


def fsync_file(path: Path) -> None:
    """fsync one file, or one folder's entries (a rename in it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_generation(runs: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for n in itertools.count():
        try:
            (runs / f"{stamp}-{os.getpid()}-{n}").mkdir()
        except FileExistsError:
            continue
        return runs / f"{stamp}-{os.getpid()}-{n}"
    raise AssertionError("unreachable")


def _make_current(home: Path, generation: Path) -> None:
    runs = generation.parent
    link = runs / f"{generation.name}.link"
    os.symlink(f"{runs.name}/{generation.name}", link)
    _sync(generation)  # on disk before the link says it is there (a power cut, not a mix)
    fsync_file(runs)  # the generation's own entry
    if os.path.lexists(home) and not _is_ours(home):
        # a plain folder (an earlier version's layout): moved aside, then the link takes its
        # place; between the two renames `out` is missing for an instant, never mixed
        os.rename(home, runs / f"{generation.name}.before")
    os.replace(link, home)
    fsync_file(home.parent)  # the link's rename: the folder's entries, not its other files
    for entry in runs.iterdir():
        if entry.name != generation.name:
            _remove(entry)


def is_no_space(error: BaseException) -> bool:
    """Whether `error` (an OSError, or DuckDB's IOException text) says the disk is full."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "No space left on device" in str(error) or "Disk quota exceeded" in str(error)


def no_space_message(error: BaseException, where: Path | None = None) -> str:
    """One line for a full disk, naming `where`, else the file or folder the error names
    (DuckDB puts it in quotes)."""
    path = str(where) if where else getattr(error, "filename", None)
    if not path:
        quoted = re.search(r'"([^"]+)"', str(error))
        path = quoted.group(1) if quoted else None
    where = f"{path}: " if path else ""
    return (
        f"{where}no space left on device; free some space or choose another --out, then run again"
    )


@contextmanager
def staged_output(out_dir: Path) -> Iterator[Path]:
    """Yield a staging dir; on success move each file into out_dir with os.replace."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output directory {out_dir} exists and is a file; choose another --out")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Same parent as out_dir, so os.replace stays on one filesystem and is atomic.
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        yield stage
        out_dir.mkdir(parents=True, exist_ok=True)
        for src in sorted(stage.iterdir()):
            os.replace(src, out_dir / src.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
