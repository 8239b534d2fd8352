"""run.json: what a run read and how long it took, so a result can be traced and repeated.

Kept apart from summary.json: tables and summary are identical for identical inputs, run.json
also holds the clock.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import __version__
from .errors import SourceError
from .mappings import standard_mapping_path

_CHUNK = 1 << 20
MiB = 1 << 20
# a report is about three times the size of the tables it is made of, and far smaller than the
# work orders (one row of a few columns for an unlinked or a cancelled item's work order only)
REPORT_PER_INPUT_BYTE, REPORT_PER_WORK_ORDER_BYTE = 3, 0.5


def input_sources(config: Any) -> list[tuple[str, Any]]:
    """(kind, Source) of every input file a run reads, folders expanded."""
    from .pipeline import expand

    return [
        (kind, s)
        for kind, sources in (
            ("catalogue", [config.catalogue]),
            ("list", expand(config.lists, "implementation-list")),
            ("decisions", expand(config.decisions, "decision")),
            ("work_orders", expand(config.work_orders, "work-order")),
            ("materials", expand(getattr(config, "materials", []), "materials")),
        )
        for s in sources
    ]


def preflight(config: Any) -> int:
    """Check every input can be opened before the heavy work; returns a rough estimate of the
    bytes the report will need."""
    need = MiB
    for kind, source in input_sources(config):
        if not source.path.is_file():
            continue  # a URI for Spark: read there
        try:
            with source.path.open("rb") as fh:
                fh.read(1)
        except OSError as e:
            raise SourceError(source.display, f"cannot be read ({e.strerror})") from None
        size = source.path.stat().st_size
        factor = REPORT_PER_WORK_ORDER_BYTE if kind == "work_orders" else REPORT_PER_INPUT_BYTE
        need += int(size * factor)
    return need


def _fingerprint(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def pin_inputs(config: Any) -> dict[Path, tuple[int, int, int]]:
    """Size, modification time and inode of every local input as the run starts: run_record
    refuses a file that no longer has them (it was written to while the run read it)."""
    return {s.path: _fingerprint(s.path) for _, s in input_sources(config) if s.path.is_file()}


class InputHashes:
    """file_facts of the pinned inputs, worked out on a thread while the run reads them (a
    gigabyte of work orders takes 0.6 s to hash; hashlib lets go of the GIL as it hashes).
    `close` stops what has not started: a failed run does not wait for it."""

    def __init__(self, paths: list[Path]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="catalog-sync-hash")
        self._facts = {p: self._pool.submit(file_facts, p) for p in paths}

    def facts(self, path: Path) -> dict[str, Any]:
        found = self._facts.get(path)
        return found.result() if found is not None else file_facts(path)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _pinned_facts(
    path: Path,
    display: str,
    pinned: tuple[int, int, int] | None,
    hashes: InputHashes | None = None,
) -> dict[str, Any]:
    """file_facts of an input (from `hashes` when they were worked out meanwhile), refused if
    it changed since the run started: then the size and hash would be of bytes the run did not
    read. The file is looked at after it was hashed."""
    facts = hashes.facts(path) if hashes is not None else file_facts(path)
    if pinned is not None and (_fingerprint(path) != pinned or facts["size_bytes"] != pinned[0]):
        raise SourceError(
            display,
            "changed while being read (its size or modification time differs from when the run "
            "started); run again once the file is complete",
        )
    return facts


def file_facts(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file, read in chunks (work-order files run to gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return {"size_bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def run_record(
    config: Any,
    summary: dict[str, Any],
    stages: list[dict[str, Any]],
    started: datetime,
    memory_limit: str | None = None,
) -> dict[str, Any]:
    """run.json's record; `memory_limit`: the budget the work orders were linked in (the
    workspace's), None when no work orders were."""
    real = {(kind, s.display): s.path for kind, s in input_sources(config)}
    pinned = getattr(config, "pinned", {})
    hashes = getattr(config, "hashes", None)
    inputs = []
    for row in summary["inputs"]:
        path = real.get((row["kind"], row["file"]))
        local = path is not None and path.is_file()  # not a URI Spark read
        facts = _pinned_facts(path, row["file"], pinned.get(path), hashes) if local else {}
        inputs.append({**row, **facts})
    mappings = [{"file": "standard.yaml (bundled)", **file_facts(standard_mapping_path())}]
    mappings += [{"file": str(p), **file_facts(Path(p))} for p in config.mappings]
    counts = {
        k: v
        for k, v in summary.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool) or k.endswith("_rate")
    }
    finished = datetime.now(timezone.utc)
    return {
        "tool": "catalog-sync",
        "tool_version": __version__,
        "as_of": summary["as_of"],
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 3),
        "baseline": str(config.baseline) if config.baseline else None,
        # what else shaped the run and its seconds (the memory budget: workspace.py)
        "settings": {
            "engine": config.engine,
            "work_order_rows": config.work_order_rows,
            "memory_limit": memory_limit,
        },
        "inputs": inputs,
        "mappings": mappings,
        "stages": stages,
        "counts": counts,
    }
